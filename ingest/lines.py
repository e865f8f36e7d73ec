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
# Lines that may legitimately repeat: list items, numbered lines and markdown headings.
_STRUCTURAL = re.compile(r"^(?:[-•*#|]|\d+[.)]|[a-z]{1,4}[.)]\s)")
_MAX_RUNNING_CHARS = 80
_MIN_REPEATS = 3


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


def drop_running_lines(lines: list[Line]) -> list[Line]:
    """Remove page-number lines and short non-structural lines repeated at least three times.

    Running headers and footers ("PC0737E", "PTC 241/242 - Summary Report") repeat on every
    page of a converted document; report text does not repeat verbatim.

    Args:
        lines: the source lines in order.

    Returns:
        The lines without page numbers and running headers/footers.
    """
    candidates = Counter(
        running_key(line.text)
        for line in lines
        if _is_running_candidate(line.text)
    )
    repeated = {key for key, count in candidates.items() if count >= _MIN_REPEATS}
    return [
        line
        for line in lines
        if not is_page_number_line(line.text)
        and not (_is_running_candidate(line.text) and running_key(line.text) in repeated)
    ]


def _is_running_candidate(text: str) -> bool:
    stripped = text.strip()
    return 0 < len(stripped) <= _MAX_RUNNING_CHARS and not _STRUCTURAL.match(stripped)
