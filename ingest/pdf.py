"""Read a PDF report into logical lines: running headers, footers and page numbers removed, wrapped lines joined."""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from pathlib import Path

from .errors import IngestError
from .lines import Line, is_page_number_line, running_key

# A page shorter than this many letters and digits in all has no usable text layer.
_MIN_TEXT_CHARS = 20
# Header/footer zone: this many non-blank lines at the top and bottom of each page.
_EDGE_LINES = 2
# A line in the edge zone repeating on this share of pages is a running header or footer.
_RUNNING_SHARE = 0.5
# "4.", "- 4 -", "(4)", "Page 4": a lone page number; the number must track the page index.
_LONE_NUMBER = re.compile(r"^[-–—(]?\s*(?:page\s+)?(\d{1,4})\s*\.?\s*[-–—)]?$", re.IGNORECASE)
# A wrapped line starting like this starts a new logical line (list item, numbered paragraph).
_MARKER = re.compile(r"^(?:[•▪◦●\-–]\s|\d{1,3}\.\s|[ivx]{1,4}\.\s|[IVX]{1,6}\.\s|\([a-z0-9]{1,4}\)\s)")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def read_pdf_lines(path: Path, data: bytes) -> list[Line]:
    """The logical lines of a PDF report, one per paragraph start, heading or list item.

    Args:
        path: the PDF file (for error messages).
        data: its bytes.

    Returns:
        Lines carrying their 1-based page; blank lines separate the blocks of text.

    Raises:
        IngestError: the file is not a readable PDF, is encrypted, or has no text layer.
    """
    pages = _page_lines(path, data)
    if sum(ch.isalnum() for page in pages for line in page for ch in line) < _MIN_TEXT_CHARS:
        raise IngestError(path, "PDF has no text layer (a scanned image?); run OCR on it first")
    pages = _drop_edges(pages)
    vocabulary = _vocabulary(pages)
    lines: list[Line] = []
    position = 0
    for page_number, page in enumerate(pages, start=1):
        for block in _blocks(page):
            for text in _join_block(block, vocabulary):
                position += 1
                lines.append(Line(text=text, page=page_number, position=position))
            lines.append(Line(text="", page=page_number, position=position))
    return _join_across_pages(lines, vocabulary)


def _join_across_pages(lines: list[Line], vocabulary: set[str]) -> list[Line]:
    """Rejoin a word hyphenated across a page break ("guideli-" at a page foot, "nes" at the next head)."""
    joined: list[Line] = []
    for line in lines:
        previous = next((index for index in range(len(joined) - 1, -1, -1) if joined[index].text), None)
        if (
            previous is not None
            and line.text[:1].islower()
            and joined[previous].page != line.page
            and re.search(r"\S-$", joined[previous].text)
        ):
            head = joined[previous]
            joined[previous] = Line(join_wrapped(head.text, line.text, vocabulary), head.page, head.position)
            del joined[previous + 1:]
            continue
        joined.append(line)
    return joined


def _page_lines(path: Path, data: bytes) -> list[list[str]]:
    """Each page's text lines (layout mode keeps vertical gaps as blank lines), whitespace folded."""
    from pypdf import PdfReader  # imported here: only PDF input needs it

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # warnings about odd PDFs are not the user's problem
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "PDF is encrypted with a password")
        pages = []
        for page in reader.pages:
            text = page.extract_text(extraction_mode="layout") or ""
            pages.append([" ".join(line.split()) for line in text.splitlines()])
    except IngestError:
        raise
    except Exception as error:  # pypdf raises many types for damaged files
        raise IngestError(path, f"not a readable PDF ({type(error).__name__}: {error})") from None
    if not pages:
        raise IngestError(path, "PDF has no pages")
    return pages


def _drop_edges(pages: list[list[str]]) -> list[list[str]]:
    """Remove running headers/footers and page numbers from the top and bottom of each page."""
    edge_keys = Counter()
    for page in pages:
        edge_keys.update({running_key(line) for line in _edges(page) if not _LONE_NUMBER.match(line)})
    threshold = max(2, _RUNNING_SHARE * len(pages))
    running = {key for key, count in edge_keys.items() if count >= threshold}
    offset = _page_number_offset(pages)
    cleaned = []
    for page_number, page in enumerate(pages, start=1):
        edges = set(_edge_indexes(page))
        kept = []
        for index, line in enumerate(page):
            if index in edges and (
                running_key(line) in running
                or is_page_number_line(line)
                or _is_page_number(line, page_number, offset)
            ):
                continue
            kept.append(line)
        cleaned.append(kept)
    return cleaned


def _edge_indexes(page: list[str]) -> list[int]:
    filled = [index for index, line in enumerate(page) if line]
    return filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]


def _edges(page: list[str]) -> list[str]:
    return [page[index] for index in _edge_indexes(page)]


def _page_number_offset(pages: list[list[str]]) -> int | None:
    """The usual difference between a lone printed number at a page edge and the page index."""
    offsets = Counter()
    for page_number, page in enumerate(pages, start=1):
        found = {int(m.group(1)) - page_number for line in _edges(page) if (m := _LONE_NUMBER.match(line))}
        offsets.update(found)
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= _RUNNING_SHARE * len(pages) else None


def _is_page_number(line: str, page_number: int, offset: int | None) -> bool:
    match = _LONE_NUMBER.match(line)
    return bool(match) and offset is not None and int(match.group(1)) == page_number + offset


def _blocks(page: list[str]) -> list[list[str]]:
    """Runs of non-blank lines: a blank line in layout text is a vertical gap."""
    blocks, current = [], []
    for line in page:
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _vocabulary(pages: list[list[str]]) -> set[str]:
    """Words as printed away from line ends, to decide whether a line-end hyphen is part of the word."""
    words: set[str] = set()
    for page in pages:
        broken = False
        for line in page:
            tokens = _WORD.findall(line)
            if broken and tokens:
                tokens = tokens[1:]
            broken = line.endswith("-")
            if broken and tokens:
                tokens = tokens[:-1]
            words.update(token.lower() for token in tokens)
    return words


def _join_block(block: list[str], vocabulary: set[str]) -> list[str]:
    """Join a block's wrapped lines into logical lines; a marker ("•", "12.", "ii.") starts a new one."""
    logical: list[str] = []
    for line in block:
        if not logical or _MARKER.match(line):
            logical.append(line)
        else:
            logical[-1] = join_wrapped(logical[-1], line, vocabulary)
    return logical


def join_wrapped(left: str, right: str, vocabulary: set[str]) -> str:
    """Join two wrapped lines, deciding whether a line-end hyphen belongs to the word.

    Args:
        left: the text so far, possibly ending "adminis-" or "e-".
        right: the next line.
        vocabulary: lower-case words printed elsewhere in the document.

    Returns:
        "administrations" when the unbroken word is known (or nothing is), "e-commerce" when the
        hyphenated form is known or both halves are words; otherwise the lines joined by a space.
    """
    if not (re.search(r"\S-$", left) and right[:1].isalnum()):
        return f"{left} {right}"
    head = _WORD.findall(left[:-1])
    tail = _WORD.findall(right)
    if not head or not tail or not right[:1].islower() or not left[-2].isalpha():
        return left + right  # "Bio-" + "Circular", "13-" + "14", "(GNC)-" + "related": a printed hyphen
    first, second = head[-1].lower(), tail[0].lower().split("-")[0]
    if f"{first}{second}" in vocabulary and f"{first}-{second}" not in vocabulary:
        return left[:-1] + right
    if f"{first}-{second}" in vocabulary or (first in vocabulary and second in vocabulary):
        return left + right
    return left[:-1] + right
