"""Source lines shared by the text and PDF readers, and removal of running headers and page numbers."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One logical line of a source: its text, the PDF page it is on, where it starts, and its look in a PDF."""

    text: str
    page: int | None = None  # 1-based PDF page; None for text sources
    position: int = 0  # 1-based source line (text) or logical line of the extracted PDF text
    # Layout facts a PDF reader knows (defaults for text sources): the line stands alone as a heading
    # (bold or larger than body text, between paragraphs), it is wholly bold, and its main font size in points.
    heading: bool = False
    bold: bool = False
    font_size: float = 0.0


# "- 12 -", "– 4 –", "Page 3", "Page 3 of 20", "3/20": page-number lines, never report text.
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$",
    re.IGNORECASE,
)
# Header/footer zone of a page: this many non-blank lines at its top and at its bottom.
_EDGE_LINES = 2
# A line in the edge zone repeating (digits masked) on this share of pages, and on at least
# `_MIN_RUNNING_PAGES`, is a running header or footer.
_RUNNING_SHARE = 0.5
_MIN_RUNNING_PAGES = 3
# List items and numbered lines are report text even when they repeat at page edges.
_STRUCTURAL = re.compile(r"^(?:[-•*#|]\s|\d+[.)]\s|\([a-z0-9]{1,4}\)\s)")


def is_page_number_line(text: str) -> bool:
    """True for lines that only print a page number in the "- 12 -" / "Page 3" / "3/20" styles.

    Args:
        text: one stripped line.

    Returns:
        Whether the line is a page-number line.
    """
    return bool(_PAGE_NUMBER.match(text.strip()))


def running_key(text: str) -> str:
    """The form under which running headers repeat: whitespace folded, digits masked."""
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def drop_page_furniture(pages: list[list[Line]]) -> list[Line]:
    """Join pages into one list of lines without their running headers, footers and page numbers.

    Only the top and bottom `_EDGE_LINES` non-blank lines of each page are candidates: a page-number
    line there, or a line repeating there (whitespace folded, digits masked) on at least half of the
    pages and on at least three, is dropped; list items and numbered lines never are. A body line
    is never dropped for repetition alone, and a document of one or two pages keeps everything but
    its edge page numbers.

    Args:
        pages: the source lines page by page (e.g. a text split at form feeds).

    Returns:
        The lines of all pages in order, without page furniture.
    """
    edges = [_edge_indices(page) for page in pages]
    counts = Counter(key for page, edge in zip(pages, edges) for key in {running_key(page[i].text) for i in edge})
    needed = max(_MIN_RUNNING_PAGES, _RUNNING_SHARE * len(pages))
    kept: list[Line] = []
    for page, edge in zip(pages, edges):
        for index, line in enumerate(page):
            if index in edge and (is_page_number_line(line.text) or _is_running(line.text, counts, needed)):
                continue
            kept.append(line)
    return kept


def _is_running(text: str, counts: Counter[str], needed: float) -> bool:
    return counts[running_key(text)] >= needed and not _STRUCTURAL.match(text.strip())


def _edge_indices(page: list[Line]) -> set[int]:
    filled = [index for index, line in enumerate(page) if line.text.strip()]
    return set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:])
