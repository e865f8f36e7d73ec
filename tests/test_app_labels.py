"""Tests for ui.labels: paragraph and agenda labels, and the shareable deep links."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.records import AgendaItem, Paragraph
from ui.labels import DeepLinkError, agenda_label, item_label, parse_deep_link, share_link, subitem_label


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


def test_parse_deep_link_reads_a_report_and_a_number():
    assert parse_deep_link({}) is None
    assert parse_deep_link({"doc": " ", "p": ""}) is None
    assert parse_deep_link({"doc": " PC0737E ", "p": "68"}) == ("PC0737E", 68)
    assert parse_deep_link({"doc": "PC0737E", "p": "0068"}) == ("PC0737E", 68)


@pytest.mark.parametrize(
    "params, message",
    [
        ({"doc": "PC0737E"}, "needs both a report and a paragraph"),
        ({"p": "68"}, "needs both a report and a paragraph"),
        ({"doc": "PC0737E", "p": "68a"}, "“68a” is not a paragraph number or label"),
        ({"doc": "PC0737E", "p": "²"}, "“²” is not a paragraph number or label"),
        ({"doc": "PC0737E", "p": "٣"}, "is not a paragraph number or label"),
        ({"doc": "PC0737E", "p": "-1"}, "is not a paragraph number or label"),
        ({"doc": "PC0737E", "p": "1" * 5000}, "“11111111111111111111…” is not a paragraph number or label"),
        ({"doc": "PC0737E", "p": "1234567"}, "is not a paragraph number or label"),
        ({"doc": "x" * 101, "p": "1"}, "is not a report id"),
        ({"doc": "PC\x000737E", "p": "1"}, "“PC?0737E” is not a report id"),
    ],
)
def test_bad_deep_links_are_one_line_errors(params, message):
    with pytest.raises(DeepLinkError) as err:
        parse_deep_link(params)
    assert message in str(err.value) and "\n" not in str(err.value) and len(str(err.value)) < 120


@given(st.dictionaries(st.sampled_from(["doc", "p", "x"]), st.text(max_size=50)))
def test_any_query_is_a_link_none_or_a_deep_link_error(params):
    try:
        link = parse_deep_link(params)
    except DeepLinkError:
        return
    assert link is None or (isinstance(link[1], int) and 0 <= link[1] < 10**5) or "¶" in link[1]


def test_share_link_round_trips_scoped_labels():
    from urllib.parse import parse_qs, urlparse

    for ref, parsed in ((68, 68), ("¶121.14", "¶121.14"), ("Annex II ¶3", "Annex II ¶3")):
        query = {k: v[0] for k, v in parse_qs(urlparse(share_link("", "D", ref)).query).items()}
        assert parse_deep_link(query) == ("D", parsed)
