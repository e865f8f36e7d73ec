"""Tests for ui.labels: paragraph and agenda labels, and the shareable deep links."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from ingest.records import AgendaItem, Paragraph
from ui.labels import agenda_label, item_label, parse_deep_link, share_link, subitem_label


def para(**changes) -> Paragraph:
    fields = dict(
        doc="PC0737E", number=54, item="V", item_title="E-Commerce", subitem="c",
        subitem_title="Fair and Efficient Revenue Collection", heading=None, decision=False, text="t",
    )
    fields.update(changes)
    return Paragraph(**fields)


def test_item_and_subitem_labels():
    assert item_label(para()) == "Item V. E-Commerce"
    assert subitem_label(para()) == "c. Fair and Efficient Revenue Collection"
    assert subitem_label(para(subitem=None, subitem_title=None)) == ""
    assert item_label(para(item="", item_title="")) == ""


def test_agenda_label_shows_paragraph_range_when_known():
    assert agenda_label(AgendaItem("V", "E-Commerce", 37, 68)) == "V. E-Commerce (¶37–68)"
    assert agenda_label(AgendaItem("XV", "Any other business")) == "XV. Any other business"


def test_share_link_round_trips_through_parse_deep_link():
    url = share_link("http://localhost:8501/", "PC 07&37", 68)
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert url.startswith("http://localhost:8501/?")
    assert parse_deep_link(query) == ("PC 07&37", 68)


def test_parse_deep_link_refuses_incomplete_or_bad_numbers():
    assert parse_deep_link({}) is None
    assert parse_deep_link({"doc": "PC0737E"}) is None
    assert parse_deep_link({"doc": "PC0737E", "p": "68a"}) is None
    assert parse_deep_link({"p": "68"}) is None
    assert parse_deep_link({"doc": " PC0737E ", "p": "68"}) == ("PC0737E", 68)


def test_share_link_round_trips_scoped_labels():
    from urllib.parse import parse_qs, urlparse

    for ref, parsed in ((68, 68), ("¶121.14", "¶121.14"), ("Annex II ¶3", "Annex II ¶3")):
        query = {k: v[0] for k, v in parse_qs(urlparse(share_link("", "D", ref)).query).items()}
        assert parse_deep_link(query) == ("D", parsed)
    assert parse_deep_link({"doc": "D", "p": "²"}) is None
    assert parse_deep_link({"doc": "D", "p": "9" * 5000}) is None
