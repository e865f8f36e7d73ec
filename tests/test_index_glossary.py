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


def test_shares_merged_equal_one_pass_over_every_text(bundled_report):
    import re

    from index.glossary import merge_glossary, mine_glossary
    from index.text import normalise

    texts = [p.text for p in bundled_report.paragraphs]
    extra = ["The Green Customs Action Plan (GCAP) again.", "GCAP, U.S. CBP and API/PNR data.", "EU-funded, EU.", "no acronyms"]
    whole = build_glossary(texts + extra)
    merged = merge_glossary([mine_glossary(texts[:60]), mine_glossary(texts[60:]), mine_glossary(extra)])
    assert merged.long_forms == whole.long_forms and merged.common == whole.common
    # Mentions counted once per text are the regex search the glossary used to run per acronym.
    counts = mine_glossary(texts + extra)["mentions"]
    for short in [*whole.long_forms, "U.S. CBP", "API/PNR", "EU"]:
        expected = sum(1 for t in texts + extra if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", normalise(t)))
        assert counts.get(short, 0) == expected, short


def test_stored_glossary_is_the_glossary_of_the_indexed_texts(bundled_index, bundled_report):
    from index.windows import context_line

    expected = build_glossary([f"{context_line(p)}\n{p.text}" for p in bundled_report.paragraphs])
    assert bundled_index.glossary.long_forms == expected.long_forms
    assert bundled_index.glossary.common == expected.common
