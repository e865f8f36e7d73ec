"""Real PDFs of other bodies: running headers, footers, job numbers, footnotes and their marks never reach paragraph text.

Sources (public repositories, as found for issue 10):
- tests/data/real/UN_BBNJ-PrepCom_A-AC.296-2026-9_report_3rd_session.pdf: dacheah/bbnj-high-seas-treaty-corpus
  @ 6cd289d7290bc4c3ad6f99e7eb5b6126ceb29058 : authoritative/un/prepcom/report-2026-3/2026-05-04/original.pdf
- tests/data/real/UNECE_UNCEFACT_ECE-TRADE-C-CEFACT-2020-19_AGAT_1st_meeting_report_SHORT.pdf: metanorma/mn-samples-un
  @ c7e693d6e8479b4c126bdd18d9d1d1021e4a9fa4 : reference-docs/11 ECE_TRADE_C_CEFACT_2020_19E AGAT 1st meeting Report.pdf
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import read_report

REAL = Path(__file__).resolve().parent / "data" / "real"
BBNJ = REAL / "UN_BBNJ-PrepCom_A-AC.296-2026-9_report_3rd_session.pdf"
UNECE = REAL / "UNECE_UNCEFACT_ECE-TRADE-C-CEFACT-2020-19_AGAT_1st_meeting_report_SHORT.pdf"


@pytest.fixture(scope="module")
def bbnj():
    return read_report(BBNJ)


@pytest.fixture(scope="module")
def unece():
    return read_report(UNECE)


def _containing(report, pattern: str) -> list[str]:
    return [paragraph.label or str(paragraph.number) for paragraph in report.paragraphs if re.search(pattern, paragraph.text)]


def test_bbnj_running_header_footer_and_first_page_job_number_are_removed(bbnj):
    assert [p.number for p in bbnj.paragraphs if not p.scope] == list(range(1, 75))
    assert _containing(bbnj, r"A/AC\.296/2026/9") == []  # the running header
    assert _containing(bbnj, r"26-06383|\b\d{1,2}/81\b|2606383") == []  # footers "6/81 26-06383", page 1's job number and barcode


def test_bbnj_footnotes_and_their_marks_leave_the_flow(bbnj):
    main = {p.number: p for p in bbnj.paragraphs if not p.scope}
    # ¶29 runs over a page foot with footnotes 5-9: the paragraph goes on, the notes and mark "5" do not interrupt it.
    assert main[29].text.endswith(
        "within the timeline indicated. Additionally, the Secretariat was requested to prepare a flow chart "
        "outlining the functions of the Mechanism and its possible linkages with other institutional arrangements "
        "established under the Agreement.")
    # A raised footnote number after a document symbol is not read as part of it ("INF/4" + "7").
    assert "A/AC.296/2025/INF/4), as well as guiding questions" in main[36].text
    assert "in advance of the meeting and a number of documents" in main[36].text
    assert _containing(bbnj, r"bbnjagreement/sites|\bIbid\b|INF/47") == []
    # Notes whose number hangs left of their text ("12" / "Ibid." on page 8) are notes too, and their marks go.
    assert main[44].text.endswith("by the deadline indicated.")
    assert [number for number, p in main.items() if re.search(r"[.;:]\s*\d{1,3}$", p.text)] == []


def test_bbnj_section_headings_give_items(bbnj):
    main = {p.number: p for p in bbnj.paragraphs if not p.scope}
    assert (main[1].item, main[1].item_title) == ("I", "Introduction")
    assert main[3].item == "II" and main[3].item_title.startswith("Organizational matters")


def test_unece_header_job_number_barcode_and_footnotes_are_removed(unece):
    assert [p.number for p in unece.paragraphs] == list(range(1, 28))
    assert _containing(unece, r"ECE/TRADE/C/CEFACT/2020/19|GE\.20|[\ue000-\uf8ff]") == []
    assert _containing(unece, r"unece\.org/cefact/locode/service") == []  # the footnote on page 4
    assert "Reference Data Model are key examples" in {p.number: p for p in unece.paragraphs}[21].text  # its mark "2"
    by_number = {p.number: p for p in unece.paragraphs}
    assert "underscored the potential influence that such technologies have" in by_number[5].text
    assert [row.numeral for row in unece.agenda] == ["I", "II", "III", "IV", "V"]
    assert unece.warnings == []
