"""Heading, sub-item and decision patterns, and title clean-up."""
from __future__ import annotations

import pytest

from ingest.patterns import is_decision, is_doc_ref, item_heading, strip_doc_ref, subitem_heading, title_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In conclusion, the PTC:", True),
        ("In conclusion, the Committee:", True),
        ("In conclusion, the Policy Commission:", True),
        ("In conclusion, the Council took note of the report.", True),
        ("The Committee took note of the document.", True),
        ("The Council endorsed the proposal.", True),
        ("The Harmonized System Committee adopted the amendments.", True),
        ("The HSC agreed to the change.", True),
        ("In conclusion, the Delegate introduced the benefits of implementing these Articles.", False),
        ("The PTC delegates discussed the request.", False),
        ("The Commission proposal outlined a number of solutions.", False),
        ("The EU endorsed the approach.", False),
        ("The Secretariat took note of the comments.", False),
    ],
)
def test_is_decision(text, expected):
    assert is_decision(text) is expected


def test_item_headings():
    assert item_heading("ITEM V – E-COMMERCE", False) == ("V", "E-COMMERCE")
    assert item_heading("Agenda item 3: Election of officers", False) == ("3", "Election of officers")
    assert item_heading("III. ELECTIONS", False) == ("III", "ELECTIONS")
    assert item_heading("III. Elections", True) == ("III", "Elections")
    assert item_heading("III. Elections were held", False) is None
    assert item_heading("Item I – Opening", False) == ("I", "Opening")
    assert item_heading("Item 5 of the agenda was discussed first.", False) is None
    assert item_heading("Items were discussed.", False) is None


def test_subitem_headings():
    assert subitem_heading("c. Fair and Efficient Revenue Collection", "b") == ("c", "Fair and Efficient Revenue Collection")
    assert subitem_heading("a. Update of the GNC Handbook Doc. PC0727Ea", None) == ("a", "Update of the GNC Handbook")
    assert subitem_heading("i. Under the theme of greening", "e") is None  # a roman sub-list, not sub-item i
    assert subitem_heading("i. Next sub-item", "h") == ("i", "Next sub-item")
    assert subitem_heading("i. Marked as a heading", "c", marked=True) == ("i", "Marked as a heading")
    assert subitem_heading("e. g. lowercase continuation", "d") is None


def test_titles():
    assert title_case("CROSS-BORDER REGULATORY INTERCONNECTIVITY FRAMEWORK") == "Cross-Border Regulatory Interconnectivity Framework"
    assert title_case("WORLD TRADE ORGANIZATION (WTO) TRADE FACILITATION AGREEMENT (TFA)") == (
        "World Trade Organization (WTO) Trade Facilitation Agreement (TFA)")
    assert title_case("Green Customs") == "Green Customs"
    assert strip_doc_ref("Guidelines on Cooperation, Doc. PC0735Ea") == "Guidelines on Cooperation"
    assert strip_doc_ref("Doc. PC0733Ea") == "Doc. PC0733Ea"
    assert is_doc_ref("Doc. PC0733Ea") and not is_doc_ref("Guidelines, Doc. PC0735Ea")


def test_decisions_of_the_reports_own_body_after_introductions():
    prepcom = ("Preparatory Commission", "Preparatory Commission for the Entry into Force of the Agreement")
    assert is_decision("At the same meeting, with regard to the Bureau, the Preparatory Commission decided to proceed.", prepcom)
    assert is_decision("At its third session, the Preparatory Commission, under item 4 of the agenda, decided to entrust.", prepcom)
    assert is_decision("At its final meeting, the Commission adopted its report.", prepcom)
    assert not is_decision("In its resolution 78/272, the General Assembly decided to establish a commission.", prepcom)
    sbi = ("SBI", "Subsidiary Body for Implementation")
    assert is_decision("At its 1st meeting, on 6 November, the SBI agreed to consider this matter.", sbi)
    assert is_decision("The SBI and the SBSTA took note of the report.", sbi)
    assert not is_decision("The SBI considered this agenda sub-item at its 1st meeting.", sbi)
    assert is_decision("The agenda was approved as proposed (Decision 1).")
