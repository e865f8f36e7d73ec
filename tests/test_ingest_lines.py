"""Running headers and page-number lines removed from text sources."""
from __future__ import annotations

from ingest.lines import Line, drop_running_lines, is_page_number_line


def test_page_number_lines():
    for text in ("- 12 -", "– 3 –", "Page 4", "page 4 of 20", "3/20"):
        assert is_page_number_line(text), text
    for text in ("12.", "4. After the Chairperson's introduction", "2022-2025", "- took note"):
        assert not is_page_number_line(text), text


def test_repeated_short_lines_are_running_headers():
    body = ["PC0737E", "1. First paragraph", "- took note;", "PC0737E", "continued text", "- 2 -", "PC0737E",
            "- took note;", "- took note;"]
    kept = [line.text for line in drop_running_lines([Line(text, position=i) for i, text in enumerate(body, 1)])]
    assert kept == ["1. First paragraph", "- took note;", "continued text", "- took note;", "- took note;"]
