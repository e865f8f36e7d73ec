"""Read a PDF report into logical lines with pypdfium2: layout-aware, running headers, footers and footnotes removed."""
from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

from .errors import IngestError
from .lines import Line
from .pdf_edges import strip_edges, strip_footnotes
from .pdf_glyphs import SOFT_HYPHEN, VisualLine, page_glyphs, visual_lines
from .pdf_layout import body_font_size, logical_lines

# A page shorter than this many letters and digits in all has no usable text layer.
_MIN_TEXT_CHARS = 20
# Documents with at least this many pages show a progress bar on a terminal.
_PROGRESS_PAGES = 20
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def read_pdf_lines(path: Path, data: bytes, warnings: list[str] | None = None) -> list[Line]:
    """The logical lines of a PDF report, one per paragraph start, heading, list item or table row.

    Lines are Markdown: wholly bold or larger lines are "**...**", bullets "- ...", so the body
    parser reads PDF and Markdown reports alike; `Line.heading`, `bold` and `font_size` carry the
    same facts. Superscripts are joined to their word ("241st").

    Args:
        path: the PDF file (for error messages).
        data: its bytes.
        warnings: receives one message per page that could not be read (the rest is still read).

    Returns:
        Lines carrying their 1-based page; a blank line follows each logical line.

    Raises:
        IngestError: the file is not a readable PDF, is encrypted, or has no text layer.
    """
    pages, heights = _read_pages(path, data, warnings if warnings is not None else [])
    if len(re.findall(r"[^\W_]", " ".join(line.text for page in pages for line in page))) < _MIN_TEXT_CHARS:
        raise IngestError(path, "PDF has no text layer (a scanned image?); run OCR on it first")
    pages = strip_edges(pages, heights)
    size = body_font_size(pages)
    pages = strip_footnotes(pages, size)
    vocabulary = _vocabulary([[line.text for line in page] for page in pages])
    lines = logical_lines(pages, size, lambda left, right: join_wrapped(left, right, vocabulary))
    return [replace(line, text=line.text.replace(SOFT_HYPHEN, "-")) if SOFT_HYPHEN in line.text else line
            for line in _join_across_pages(lines, vocabulary)]


def _read_pages(path: Path, data: bytes, warnings: list[str]) -> tuple[list[list[VisualLine]], list[float]]:
    """Each page's visual lines and height; a page that fails to load becomes a warning and an empty page."""
    import pypdfium2 as pdfium  # imported here: only PDF input needs it

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            raise IngestError(path, "PDF is encrypted with a password") from None
        raise IngestError(path, f"not a readable PDF ({message})") from None
    try:
        count = len(document)
        if not count:
            raise IngestError(path, "PDF has no pages")
        pages: list[list[VisualLine]] = []
        heights: list[float] = []
        for index in _progress(range(count), count, path):
            lines, height = _read_page(document, index, warnings)
            pages.append(lines)
            heights.append(height)
    finally:
        document.close()
    if any(pages):  # an empty page among pages with text was damaged or scanned; pages that failed to load have no height
        warnings.extend(
            f"page {number} has no text (damaged, or an image without OCR)"
            for number, (lines, height) in enumerate(zip(pages, heights), start=1) if not lines and height
        )
    return pages, heights


def _read_page(document, index: int, warnings: list[str]) -> tuple[list[VisualLine], float]:
    """A page's visual lines and height; a page pdfium cannot load is a warning and no lines."""
    import pypdfium2 as pdfium

    try:
        page = document[index]
        try:
            textpage = page.get_textpage()
            glyphs = page_glyphs(textpage)
            height = page.get_height()
            textpage.close()
        finally:
            page.close()
    except pdfium.PdfiumError as error:  # the other pages are still worth reading
        warnings.append(f"page {index + 1} could not be read ({error}); its text is missing")
        return [], 0.0
    return visual_lines(glyphs, index + 1), height


def _progress(pages: range, count: int, path: Path):
    """The page range, wrapped in a progress bar on an interactive terminal for long documents."""
    if count < _PROGRESS_PAGES or not sys.stderr.isatty():
        return pages
    from tqdm import tqdm

    return tqdm(pages, total=count, desc=path.name, unit="page", leave=False, file=sys.stderr)


def _join_across_pages(lines: list[Line], vocabulary: set[str]) -> list[Line]:
    """Rejoin a word hyphenated across a page break ("guideli-" at a page foot, "nes" at the next head)."""
    joined: list[Line] = []
    last_text: int | None = None
    for line in lines:
        if (
            last_text is not None
            and line.text[:1].islower()
            and joined[last_text].page != line.page
            and re.search(rf"\S[-{SOFT_HYPHEN}]$", joined[last_text].text)
        ):
            head = joined[last_text]
            joined[last_text] = replace(head, text=join_wrapped(head.text, line.text, vocabulary))
            del joined[last_text + 1:]
            continue
        joined.append(line)
        if line.text:
            last_text = len(joined) - 1
    return joined


def _vocabulary(pages: list[list[str]]) -> set[str]:
    """Words as printed away from line ends, to decide whether a line-end hyphen is part of the word."""
    words: set[str] = set()
    for page in pages:
        broken = False
        for line in page:
            tokens = _WORD.findall(line)
            if broken and tokens:
                tokens = tokens[1:]
            broken = line.endswith(("-", SOFT_HYPHEN))
            if broken and tokens:
                tokens = tokens[:-1]
            words.update(token.lower() for token in tokens)
    return words


def join_wrapped(left: str, right: str, vocabulary: set[str]) -> str:
    """Join two wrapped lines, deciding whether a line-end hyphen belongs to the word.

    Args:
        left: the text so far, possibly ending "adminis-" or "e-".
        right: the next line.
        vocabulary: lower-case words printed elsewhere in the document.

    Returns:
        "administrations" when the unbroken word is known (or nothing is), "e-commerce" when the
        hyphenated form is known or both halves are words, the word rejoined at a generator's own
        (soft) hyphen or after a slash ("WCO/UPU"); otherwise the lines joined by a space.
    """
    if re.search(r"\S/$", left) and right[:1].isalnum():
        return left + right  # a line broken after a slash ("WCO/" + "UPU") had no space there
    if left.endswith(SOFT_HYPHEN):
        return left[:-1] + right if right[:1].isalnum() else f"{left[:-1]}- {right}"
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
