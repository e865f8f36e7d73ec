"""Citable sub-units: sub-numbered recommendations and the items of very long lists."""
from __future__ import annotations

from ingest.lines import Line
from ingest.paragraphs import parse_paragraphs
from ingest.units import LONG_PARAGRAPH_CHARS


def _parse(text: str):
    return parse_paragraphs("D", [Line(raw, position=n) for n, raw in enumerate(text.splitlines(), 1)])[0]


def test_sub_numbered_recommendations_become_sub_units_that_join_back():
    recommendations = [f"121.{k} Ratify the convention number {k} (Country {k});" for k in range(1, 158)]
    text = "\n".join(["120. Before.", "121. The following recommendations were examined:", *recommendations, "122. After."])
    units = _parse(text)
    labels = [unit.label for unit in units]
    assert labels[:3] == ["¶120", "¶121", "¶121.1"] and labels[-2:] == ["¶121.157", "¶122"]
    assert len(labels) == len(set(labels)) and all(unit.number == 121 for unit in units[1:-1])
    assert units[15].text == "121.14 Ratify the convention number 14 (Country 14);"
    assert "\n".join(unit.text for unit in units[1:-1]) == "\n".join(
        ["The following recommendations were examined:", *recommendations])
    assert max(len(unit.text) for unit in units) < 2000


def test_a_very_long_list_is_cut_into_its_items_and_a_short_one_is_not():
    item = "a point of the list that goes on for a while with many words in it " * 6
    long_list = "\n".join(["5. The Council decided:", *[f"({chr(97 + k)}) {item}{k};" for k in range(12)], "6. Next."])
    units = _parse(long_list)
    assert len("\n".join(u.text for u in units if u.number == 5)) > LONG_PARAGRAPH_CHARS
    assert [u.label for u in units][:4] == ["¶5", "¶5(a)", "¶5(b)", "¶5(c)"]
    assert units[0].decision and units[0].text == "The Council decided:"
    short = _parse("5. The Council decided:\n(a) to act;\n(b) to report.\n6. Next.")
    assert [u.label for u in short] == ["¶5", "¶6"]


def test_restarts_open_scopes_named_by_their_heading():
    text = "\n".join([
        "1. Main one.", "2. Main two.", "", "PART TWO", "", "1. Second part one.", "",
        "Annex II", "Terms of reference", "", "Rule 4 Modalities of meetings", "1. Rule one.", "2. Rule two.",
        "Rule 5 Intersessional decisions", "1. Other rule one.",
    ])
    paragraphs, warnings = parse_paragraphs("D", [Line(raw, position=n) for n, raw in enumerate(text.splitlines(), 1)])
    assert [p.label for p in paragraphs] == [
        "¶1", "¶2", "Part Two ¶1", "Annex II Rule 4 ¶1", "Annex II Rule 4 ¶2", "Annex II Rule 5 ¶1"]
    assert paragraphs[3].item_title == "Terms of reference"
    assert warnings == []


def test_mixed_case_section_headings_assign_items_and_are_never_glued():
    text = "\n".join([
        "I. Opening of the session", "(Agenda item 1)", "1. The session opened.",
        "II. Organizational matters", "(Agenda item 2)", "A. Adoption of the agenda", "2. The agenda was adopted.",
        "B. Attendance", "3. Delegates attended.", "1. Proceedings", "4. Discussion went on.",
        "Terms of reference for the review", "5. The SBI recommended a draft decision.",
    ])
    paragraphs = _parse(text)
    assert [(p.number, p.item, p.subitem, p.heading) for p in paragraphs] == [
        (1, "I", None, None), (2, "II", "A", None), (3, "II", "B", None), (4, "II", "B", "Proceedings"),
        (5, "II", None, "Terms of reference for the review"),
    ]
    assert [p.item_title for p in paragraphs][:2] == ["Opening of the session", "Organizational matters"]
    assert paragraphs[3].text == "Discussion went on." and paragraphs[2].text == "Delegates attended."


def test_lettered_sub_headings_in_sequence_close_a_paragraph_ending_in_a_list():
    text = "\n".join([
        "I. Arrangements for meetings", "(a) Preparations for the next session", "1. The SBI noted the preparations.",
        "(b) Future sessions", "2. The SBI recalled the dates:", "(a) First period: 1 to 10 June;",
        "(b) Second period: 3 to 12 November", "(c) Increasing the efficiency of the process", "3. The SBI agreed.",
    ])
    paragraphs = _parse(text)
    assert [(p.number, p.heading) for p in paragraphs] == [
        (1, "(a) Preparations for the next session"), (2, "(b) Future sessions"),
        (3, "(c) Increasing the efficiency of the process")]
    assert paragraphs[1].text.endswith("(b) Second period: 3 to 12 November")
