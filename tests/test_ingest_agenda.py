"""The agenda table: rows, titles, truncated ranges, and the cross-check against the body."""
from __future__ import annotations

from ingest import read_report
from ingest.agenda import agenda_from_body, parse_agenda
from ingest.lines import Line
from ingest.records import Paragraph
from ingest_expected import ITEM_RANGES


def test_bundled_agenda_rows(bundled_report):
    rows = {row.numeral: row for row in bundled_report.agenda}
    assert list(rows) == list(ITEM_RANGES)
    assert {numeral: (row.first, row.last) for numeral, row in rows.items()} == ITEM_RANGES
    assert rows["I"].title == "Opening"
    assert rows["V"].title == "E-Commerce"
    assert rows["VII"].title == "World Trade Organization (WTO) Trade Facilitation Agreement (TFA)"


def test_truncated_range_is_closed_by_the_body_with_a_warning(bundled_report):
    assert bundled_report.warnings == [
        "agenda item XVI: printed paragraph range is incomplete; the body gives 150-154"
    ]


def test_table_and_body_disagreeing_is_a_warning_not_an_error(bundled_report_path, tmp_path):
    source = bundled_report_path.read_text(encoding="utf-8")
    path = tmp_path / "mismatch.md"
    path.write_text(source.replace("\t3-6", "\t3-7"), encoding="utf-8")
    report = read_report(path)
    assert [p.number for p in report.paragraphs] == list(range(1, 155))
    assert "agenda item II: table says paragraphs 3-7, body has 3-6" in report.warnings


def test_agenda_from_body_headings_when_no_table():
    def paragraph(number, item, title):
        return Paragraph("R", number, item, title, None, None, None, False, "text")

    body = [paragraph(1, "", ""), paragraph(2, "I", "Opening"), paragraph(3, "I", "Opening"),
            paragraph(4, "II", "Elections"), paragraph(5, "II", "Elections")]
    assert [(row.numeral, row.title, row.first, row.last) for row in agenda_from_body(body)] == [
        ("I", "Opening", 2, 3), ("II", "Elections", 4, 5)]


def test_agenda_row_broken_over_a_page_takes_its_range_from_the_next_lines():
    lines = [Line(text) for text in (
        "I. Opening (To take note) 1-2",
        "II. Strengthening Customs-Industry Resilience (For discussion) The draft Concept Note:",
        "",
        "prepared by the Region 3-5",
        "III. Closing 6-6",
        "ITEM I – OPENING",
        "1. Text.",
    )]
    items, first_row, body_start = parse_agenda(lines)
    assert [(row.numeral, row.title, row.first, row.last) for row in items] == [
        ("I", "Opening", 1, 2), ("II", "Strengthening Customs-Industry Resilience", 3, 5), ("III", "Closing", 6, 6)]
    assert (first_row, body_start) == (0, 5)
