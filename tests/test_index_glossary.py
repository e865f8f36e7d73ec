"""Tests for the acronym glossary."""
from index.glossary import best_long_form, build_glossary


def test_long_form_from_initials():
    assert best_long_form("PFCWG", "the Chair of the Passenger Facilitation and Control Working Group") == (
        "Passenger Facilitation and Control Working Group"
    )
    assert best_long_form("XYZ", "nothing that spells it") is None


def test_glossary_of_the_bundled_report(bundled_report):
    texts = [p.text for p in bundled_report.paragraphs]
    glossary = build_glossary(texts)
    assert glossary.long_forms["PFCWG"] == "Passenger Facilitation and Control Working Group"
    assert glossary.long_forms["GCAP"] == "Green Customs Action Plan"
    assert "PTC" in glossary.common  # in most paragraphs: not worth expanding


def test_expansion_both_ways():
    glossary = build_glossary(
        ["the Passenger Facilitation and Control Working Group (PFCWG) met", "an Informal Working Group (IWG)"]
    )
    assert "Passenger Facilitation and Control Working Group" in glossary.expand("What did the PFCWG do?")
    assert glossary.expansions("news from the passenger working group") == ["PFCWG"]
    # "working group" alone is shared by both long forms, so it identifies neither.
    assert glossary.expansions("any working group news") == []
