"""Running headers, footers, page numbers and footnotes of PDF pages, found by position, size and repetition."""
from __future__ import annotations

import re
from collections import Counter

from .lines import is_page_number_line, running_key
from .pdf_glyphs import VisualLine, drop_note_marks

# Header/footer zone: this share of the page height at the top and at the bottom ...
_EDGE_ZONE = 0.15
# ... and at most this many lines of each page at each edge.
_EDGE_LINES = 2
# An edge line (digits masked) repeating on this share of pages (and on 2 at least) runs on every page.
_RUNNING_SHARE = 0.3
# "4.", "- 4 -", "(4)", "Page 4": a lone page number; the number must track the page index.
_LONE_NUMBER = re.compile(r"^[-–—(]?\s*(?:page\s+)?(\d{1,4})\s*\.?\s*[-–—)]?$", re.IGNORECASE)
# A numbered paragraph's first line is body text, however alike its masked form on every page.
_PARAGRAPH_START = re.compile(r"^\d{1,4}\.\s+\S")
# A document code with digits ("26-06383", "GE.25-02819"), and a barcode's text ("*2606383*", or private-use glyphs).
_CODE = re.compile(r"\b(?=[\w.-]*\d)(?=[\w.-]*[-.])[\w.-]{7,}\b")
_BARCODE = re.compile(r"^(?:\*[\dA-Z]{5,}\*|[\ue000-\uf8ff\s]+)$")
# A UN job number with its language tag at a page foot: "GE.20-02503(E)", "26-06383 (E) 180626".
_JOB_NUMBER = re.compile(r"^(?:[A-Z]{1,3}\.)?\d{2}-\d{5}\s*\([A-Z]\)")
# Footnotes are set smaller than body text and open with their number ("5 Ibid.") or a mark.
_FOOTNOTE_SIZE = 0.92
_FOOTNOTE_START = re.compile(r"^(?:\d{1,3}|[*†‡])(?:\s*\S|$)")
_NOTE_NUMBER = re.compile(r"^(\d{1,3})(?:\s*\S|$)")
_RULE = re.compile(r"^[_\-–—.\s]{5,}$")


def strip_edges(pages: list[list[VisualLine]], heights: list[float]) -> list[list[VisualLine]]:
    """Remove running headers, footers and page numbers: edge lines that repeat or track the page.

    A line is removed only when it sits in the top or bottom zone of its page AND repeats across
    pages (digits masked), is a page number, a barcode or a UN job number, or carries a code of the
    running lines; body text is never removed for repeating alone.

    Args:
        pages: each page's visual lines, top to bottom.
        heights: each page's height in points.

    Returns:
        The pages without those lines.
    """
    edges = [_edge_indexes(page, height) for page, height in zip(pages, heights)]
    counts: Counter[str] = Counter()
    for page, indexes in zip(pages, edges):
        counts.update({
            running_key(page[i].text) for i in indexes
            if not _LONE_NUMBER.match(page[i].text) and not _PARAGRAPH_START.match(page[i].text)
        })
    threshold = max(2.0, _RUNNING_SHARE * len(pages))
    running = {key for key, count in counts.items() if count >= threshold}
    offset = _page_number_offset(pages, edges)
    # Codes printed in the running lines ("26-06383"): an edge line carrying one is a variant of them
    # (the first page's "26-06383 (E) 180626").
    codes = {
        token for page, indexes in zip(pages, edges) for i in indexes
        if running_key(page[i].text) in running for token in _CODE.findall(page[i].text)
    }
    cleaned = []
    for number, (page, indexes) in enumerate(zip(pages, edges), start=1):
        drop = {
            i for i in indexes
            if running_key(page[i].text) in running
            or is_page_number_line(page[i].text)
            or _tracks_page(page[i].text, number, offset)
            or _BARCODE.match(page[i].text)
            or _JOB_NUMBER.match(page[i].text)
            or (codes and any(token in codes for token in _CODE.findall(page[i].text)))
        }
        cleaned.append([line for i, line in enumerate(page) if i not in drop])
    return cleaned


def strip_footnotes(pages: list[list[VisualLine]], body_size: float) -> list[list[VisualLine]]:
    """Remove each page's footnote block (small-type lines at the foot opening with a number) and its marks.

    Footnotes would otherwise land in the middle of whatever paragraph runs across the page break;
    the raised numbers that refer to them ("indicated.5") go with them.

    Args:
        pages: each page's lines, headers and footers already removed.
        body_size: the font size of the body text.

    Returns:
        The pages without footnotes.
    """
    cleaned = []
    for page in pages:
        start = len(page)
        while start > 0 and page[start - 1].size <= _FOOTNOTE_SIZE * body_size:
            start -= 1
        block = page[start:]
        if block and _RULE.match(block[0].text):
            block = block[1:]
        if block and start > 0 and (_FOOTNOTE_START.match(block[0].text) or block[0].glyphs[0].sup):
            body = page[:start]
            numbers = {match.group(1) for line in block if (match := _NOTE_NUMBER.match(line.text))}
            for line in body:
                drop_note_marks(line, numbers)
            cleaned.append([line for line in body if line.text])
        else:
            cleaned.append(page)
    return cleaned


def _edge_indexes(page: list[VisualLine], height: float) -> list[int]:
    """The first and last lines of a page that lie in its header or footer zone."""
    top = [i for i in range(min(_EDGE_LINES, len(page))) if page[i].base >= height * (1 - _EDGE_ZONE)]
    bottom = [
        i for i in range(max(0, len(page) - _EDGE_LINES), len(page))
        if page[i].base <= height * _EDGE_ZONE and i not in top
    ]
    return top + bottom


def _page_number_offset(pages: list[list[VisualLine]], edges: list[list[int]]) -> int | None:
    """The usual difference between a lone printed number at a page edge and the page index."""
    offsets: Counter[int] = Counter()
    for number, (page, indexes) in enumerate(zip(pages, edges), start=1):
        offsets.update({
            int(match.group(1)) - number for i in indexes if (match := _LONE_NUMBER.match(page[i].text))
        })
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= max(2.0, _RUNNING_SHARE * len(pages)) or len(pages) == 1 else None


def _tracks_page(text: str, number: int, offset: int | None) -> bool:
    match = _LONE_NUMBER.match(text)
    return bool(match) and offset is not None and int(match.group(1)) == number + offset
