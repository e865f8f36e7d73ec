"""A long PDF report: every paragraph recovered, a progress bar on a terminal, and a pace that makes 200 pages in a minute."""
from __future__ import annotations

import io
import time

import pytest
from ingest_pdf_render import long_markdown, render_reportlab

from ingest import read_report

# Seconds per page that keep a 200-page report under a minute; measured with room for a busy machine.
_MAX_SECONDS_PER_PAGE = 0.3


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory, bundled_report):
    folder = tmp_path_factory.mktemp("long")
    markdown = folder / "long.md"
    markdown.write_text(long_markdown(bundled_report, 2), encoding="utf-8")
    return render_reportlab(markdown, folder / "long.pdf")


def test_long_report_keeps_every_paragraph_at_pace_with_a_progress_bar(long_pdf, bundled_report, monkeypatch):
    from pypdf import PdfReader

    pages = len(PdfReader(long_pdf).pages)
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    started = time.perf_counter()
    report = read_report(long_pdf)
    seconds = time.perf_counter() - started
    assert pages >= 50
    assert [p.number for p in report.paragraphs] == list(range(1, 2 * len(bundled_report.paragraphs) + 1))
    assert [p.text for p in report.paragraphs[154:]] == [p.text for p in report.paragraphs[:154]]
    assert sum(p.decision for p in report.paragraphs) == 2 * sum(p.decision for p in bundled_report.paragraphs)
    assert f"/{pages}" in terminal.getvalue() and "long.pdf" in terminal.getvalue()  # tqdm's "12/61 pages" bar
    assert seconds / pages <= _MAX_SECONDS_PER_PAGE, f"{seconds:.1f} s for {pages} pages"


def test_short_report_or_no_terminal_shows_no_progress_bar(long_pdf, monkeypatch):
    captured = io.StringIO()
    monkeypatch.setattr("sys.stderr", captured)
    read_report(long_pdf)
    assert captured.getvalue() == ""
