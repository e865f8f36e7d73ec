"""Page-number lines, and running headers/footers removed only from the edges of marked pages."""
from __future__ import annotations

from ingest.lines import Line, drop_page_furniture, is_page_number_line

FILLER = [f"Line {n} of ordinary report text that wraps." for n in range(6)]


def test_page_number_lines():
    for text in ("- 12 -", "– 3 –", "Page 4", "page 4 of 20", "3/20"):
        assert is_page_number_line(text), text
    for text in ("12.", "4. After the Chairperson's introduction", "2022-2025", "- took note"):
        assert not is_page_number_line(text), text


def _pages(*pages: list[str]) -> list[list[Line]]:
    return [[Line(text) for text in page] for page in pages]


def test_running_headers_and_footers_at_page_edges_are_dropped_whatever_their_padding():
    pages = _pages(
        ["PC0737E", "1. First paragraph", *FILLER, "- took note;", "GE.25-02819 2"],
        ["PC0737E  ", "continued text", *FILLER, "- took note;", "GE.25-02819   3   "],
        ["PC0737E", "- 4 -", "2. Second paragraph", *FILLER, "- took note;", "GE.25-02819 4"],
    )
    kept = [line.text for line in drop_page_furniture(pages)]
    assert kept == ["1. First paragraph", *FILLER, "- took note;", "continued text", *FILLER, "- took note;",
                    "2. Second paragraph", *FILLER, "- took note;"]


def test_body_lines_are_never_dropped_for_repetition_alone():
    said = "The Council took note."
    middle = [*FILLER[:2], said, said, *FILLER[2:]]
    pages = _pages(["H", *middle, "F 1"], ["H", *middle, "F 2"], ["H", *middle, "F 3"])
    kept = [line.text for line in drop_page_furniture(pages)]
    assert kept.count(said) == 6 and "H" not in kept and not any(text.startswith("F") for text in kept)


def test_one_or_two_pages_keep_their_repeated_edges():
    pages = _pages(["Report", *FILLER, "- 1 -"], ["Report", *FILLER, "- 2 -"])
    assert [line.text for line in drop_page_furniture(pages)] == ["Report", *FILLER, "Report", *FILLER]
