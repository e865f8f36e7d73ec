"""The body parser on the bundled report and on the noise real reports carry."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import read_report
from ingest.lines import Line
from ingest.paragraphs import parse_paragraphs
from ingest.records import Paragraph
from ingest_expected import DECISIONS, ITEM_RANGES, assert_bundled_structure


def _lines(text: str) -> list[Line]:
    return [Line(text=raw, position=number) for number, raw in enumerate(text.splitlines(), start=1)]


def test_bundled_markdown_numbering_items_and_decisions(bundled_report):
    assert_bundled_structure(bundled_report)


def test_item_titles_prefer_the_agenda_table(bundled_report):
    titles = {p.item: p.item_title for p in bundled_report.paragraphs}
    assert titles["V"] == "E-Commerce"
    assert titles["IV"] == "Cross-border Regulatory Interconnectivity Framework"
    assert titles["XVI"] == "Closing"


def test_subitems_and_bullet_headings(bundled_report):
    by_number = {p.number: p for p in bundled_report.paragraphs}
    assert (by_number[54].subitem, by_number[54].subitem_title) == ("c", "Fair and Efficient Revenue Collection")
    assert by_number[54].heading == "Presentation by Norway"
    assert (by_number[8].subitem, by_number[8].subitem_title) == ("c", "Report on the joint WCO/UPU Conference, 6-8 June 2023")
    assert by_number[29].subitem == "c" and by_number[29].heading == "Presentation by Serbia"
    assert by_number[21].subitem_title == "Update of the GNC Handbook"  # "Doc. PC0727Ea" dropped
    assert by_number[37].subitem is None and by_number[37].heading is None  # "### Doc. PC0733Ea" is no heading
    assert by_number[46].subitem == "b" and by_number[46].heading.startswith("Presentation by the European Union")
    assert by_number[51].heading == "Presentation by Türkiye"
    assert by_number[69].subitem == "a,b,c"  # three stacked sub-item headings introduce ¶69
    assert by_number[69].subitem_title.startswith("Green Customs Action Plan; Study Report")
    # Item III opens with its list of sub-items a-h: ¶7 introduces the whole item.
    assert (by_number[7].subitem, by_number[7].subitem_title, by_number[7].heading) == (None, None, None)
    assert by_number[76].subitem == "d" and by_number[79].subitem == "e"
    assert by_number[93].heading == "WCO's support for Landlocked Developing Countries (LLDCs)"
    assert by_number[1].heading.startswith("Opening remarks by Ricardo")
    assert by_number[121].subitem is None and by_number[122].subitem == "a"


def test_text_is_clean_and_page_breaks_are_joined(bundled_report):
    by_number = {p.number: p for p in bundled_report.paragraphs}
    for paragraph in bundled_report.paragraphs:
        assert not any(mark in paragraph.text for mark in ("**", "<sup>", "</", "##", "\\*")), paragraph.number
        assert paragraph.text and paragraph.text == paragraph.text.strip()
    assert "6th Meeting of the PFCWG had been held as a hybrid meeting" in by_number[14].text
    assert "Fostering Innovation, and Nurturing" in by_number[10].text
    assert by_number[2].text == (
        "In conclusion, the PTC:\n- took note of the opening remarks by Ricardo Treviño Chapa, "
        "Deputy Secretary General of the WCO."
    )
    assert by_number[6].text == "In conclusion, the PTC:\n- endorsed the draft Agenda (PC0725)."
    assert by_number[154].text == "The Chairperson then closed the Meeting."  # the closing "* * *" is not text
    assert "governance and legal issues relating to data protection" in by_number[106].text


def test_paragraph_80_keeps_its_sub_list(bundled_report):
    text = bundled_report.paragraphs[79].text
    lines = text.split("\n")
    assert lines[0].startswith("After a brief overview") and lines[0].endswith("responses provided:")
    labels = [line.split(" ", 2)[:2] for line in lines[1:]]
    assert [label[1] if label[0] == "-" else label[0] for label in labels] == [
        "i.", "1.", "2.", "3.", "4.", "5.", "ii.", "1.", "2.", "3.", "iii."]


def test_delegate_conclusion_is_not_a_decision(bundled_report):
    paragraph_87 = bundled_report.paragraphs[86]
    assert paragraph_87.text.startswith("In conclusion, the Delegate")
    assert not paragraph_87.decision


def test_positions_point_at_source_lines(bundled_report, bundled_report_path):
    source = bundled_report_path.read_text(encoding="utf-8").splitlines()
    for paragraph in bundled_report.paragraphs:
        assert str(paragraph.number) in source[paragraph.position - 1][:12]
        assert paragraph.page is None and paragraph.doc == "PC0737E"


def test_numbers_in_headings_and_bold_open_paragraphs():
    text = "\n".join([
        "## ITEM I – OPENING", "", "1. First.", "#### 2. In conclusion, the PTC:", "", "- took note;",
        "**3. In conclusion, the PTC:**", "- agreed.", "- 4. In conclusion, the PTC:**", "- adopted.",
        "### 5. In conclusion", "", "### **b. Sub-item title**", "", "6. Six.",
    ])
    paragraphs, warnings = parse_paragraphs("D", _lines(text))
    assert [p.number for p in paragraphs] == [1, 2, 3, 4, 5, 6]
    assert [p.decision for p in paragraphs] == [False, True, True, True, False, False]
    assert paragraphs[1].text == "In conclusion, the PTC:\n- took note;"
    assert paragraphs[5].subitem == "b" and paragraphs[4].text == "In conclusion"
    assert warnings == []


def test_sub_list_numbers_are_not_paragraphs_and_gaps_are_warned():
    text = "\n".join([
        "1. Intro with a list:", "1. one", "2. two", "3. three", "2. Second.", "5. Fifth (3 and 4 not printed).",
        "60. a year, not a paragraph", "6. Six.",
    ])
    paragraphs, warnings = parse_paragraphs("D", _lines(text))
    assert [p.number for p in paragraphs] == [1, 2, 5, 6]
    assert paragraphs[0].text == "Intro with a list:\n1. one\n2. two\n3. three"
    assert warnings == [
        "line 6: paragraph numbers jump from 2 to 5",
        "line 7: paragraph number 60 skips more than 3 after ¶5; its text is kept inside ¶5",
    ]


def test_headings_are_never_glued_into_the_previous_paragraph():
    text = "\n".join([
        "**ITEM II – TRANSIT**", "7. Text of seven", "- **Presentation by Norway**", "8. Text of eight",
        "ITEM III – CLOSING", "(For decision)", "9. Nine.",
    ])
    paragraphs, _ = parse_paragraphs("D", _lines(text))
    assert [p.text for p in paragraphs] == ["Text of seven", "Text of eight", "Nine."]
    assert [p.item for p in paragraphs] == ["II", "II", "III"]
    assert paragraphs[1].heading == "Presentation by Norway"
    assert paragraphs[2].item_title == "Closing"


def test_an_annex_is_a_scope_of_its_own_never_glued_to_the_last_paragraph():
    text = "1. One.\n2. Two.\n\nANNEX I\n\nList of participants\n\n1. Delegates.\n\nAnnex II\n\n1. First.\n2. Second."
    paragraphs, warnings = parse_paragraphs("D", _lines(text))
    assert [(p.label, p.scope, p.text) for p in paragraphs] == [
        ("¶1", "", "One."), ("¶2", "", "Two."), ("Annex I ¶1", "Annex I", "Delegates."),
        ("Annex II ¶1", "Annex II", "First."), ("Annex II ¶2", "Annex II", "Second."),
    ]
    assert paragraphs[2].item == "" and paragraphs[2].item_title == "List of participants"
    assert warnings == []


_FOOTERS = ["- 12 -", "– 3 –", "Page 4 of 20", "12"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_page_breaks_and_running_headers_do_not_change_numbering(data, bundled_report_path, tmp_path):
    source = bundled_report_path.read_text(encoding="utf-8").splitlines()
    breaks = data.draw(st.lists(st.integers(min_value=60, max_value=len(source)), min_size=3, max_size=40, unique=True))
    footer = data.draw(st.sampled_from(_FOOTERS))
    blanks = data.draw(st.integers(min_value=0, max_value=3))
    lines = list(source)
    for at in sorted(breaks, reverse=True):
        # A page ends with its footer (padded as converters do), the next starts with the running header.
        lines[at:at] = [""] * blanks + [footer + "   ", "\fPC0737E/PTC  "] + [""] * blanks
    path = tmp_path / "noisy.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = read_report(path)
    assert [p.number for p in report.paragraphs] == list(range(1, 155))
    assert {p.number for p in report.paragraphs if p.decision} == DECISIONS
    for paragraph in report.paragraphs:
        first, last = ITEM_RANGES[paragraph.item]
        assert first <= paragraph.number <= last
        assert "PC0737E/PTC" not in paragraph.text


def _item_with_subitems(labels: str, paragraph_first: bool = False) -> list[Paragraph]:
    """An item whose sub-item headings (one per label) stack before ¶2, then sub-item c with ¶3."""
    lines = ["## ITEM III – UPDATE AND REPORTS", ""] + (["1. Opening words.", ""] if paragraph_first else [])
    lines += [f"- {label}. **Report number {n}**" for n, label in enumerate(labels)]
    lines += ["", "2. The Chairperson introduced this item.", "", "**c. Report number 2**", "", "3. On c."]
    paragraphs, _ = parse_paragraphs("D", _lines("\n".join(lines)), {"III": "Update and reports"})
    return paragraphs


def test_an_items_opening_list_of_its_sub_items_leaves_the_next_paragraph_item_level():
    two, three = _item_with_subitems("abcdefgh")[:2]
    assert (two.number, two.item, two.subitem, two.subitem_title) == (2, "III", None, None)
    assert (three.subitem, three.subitem_title) == ("c", "Report number 2")


def test_a_short_stack_of_sub_items_is_one_joint_discussion():
    two = _item_with_subitems("abc")[0]
    assert (two.subitem, two.subitem_title) == ("a,b,c", "Report number 0; Report number 1; Report number 2")


def test_a_long_stack_after_the_items_first_paragraph_is_kept_joined():
    # Only a stack that opens the item is its table of contents; later ones are discussed together.
    two = _item_with_subitems("abcd", paragraph_first=True)[1]
    assert two.number == 2 and two.subitem == "a,b,c,d"


def test_a_heading_note_ends_the_heading_and_a_wrapped_heading_stays_heading_sized():
    text = "\n".join([
        "V. ISSUES RELATING TO AGRICULTURE", "(Agenda item 5)", "Proceedings", "1. The SBSTA considered it.",
        "VI. OTHER MATTERS", "(Agenda item 6)    14", "VII. CLOSING", "(Agenda item 7)    15",
        *["Abbreviations and acronyms of the bodies and their sessions listed in full"] * 20,
        "2. Two.",
    ])
    paragraphs, _ = parse_paragraphs("D", _lines(text))
    assert [(p.item, p.item_title) for p in paragraphs] == [
        ("V", "Issues Relating to Agriculture"), ("VII", "Closing"),
    ]
    assert paragraphs[0].heading == "Proceedings"
    # Lines running on until the next paragraph are no heading beyond a heading's size.
    assert paragraphs[1].heading.startswith("Abbreviations") and len(paragraphs[1].heading) <= 300
