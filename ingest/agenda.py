"""The report's opening agenda table (numeral, title, paragraph range) and its cross-check against the body."""
from __future__ import annotations

import re

from .lines import Line
from .markup import clean_inline, parse_line
from .patterns import ROMAN, item_heading, paragraph_start
from .records import AgendaItem, Paragraph

_ROW = re.compile(rf"^\s*({ROMAN})\.\s+(.*)$")
_RANGE = re.compile(r"(\d{1,4})\s*[-–—]\s*(\d{0,4})\s*$")
# A row wrapped over a page break continues on at most this many lines.
_MAX_ROW_LINES = 6
_BOLD_TITLE = re.compile(r"<b>(.*?)</b>", re.IGNORECASE | re.DOTALL)
# Where a row's title ends: its "(To take note)" annotation, its first sub-item or bullet.
_TITLE_END = re.compile(r"\s*(?:\((?:To|For)\b|\s[a-z]\.\s|•)")


def parse_agenda(lines: list[Line]) -> tuple[list[AgendaItem], int, int]:
    """Find the agenda table before the body: rows "V. <title> ... 37-68".

    Args:
        lines: all source lines of the report.

    Returns:
        (items, first_row, body_start): the rows in order, the index of the first row (the end of
        the front matter; the body start when there is no table) and the index where the body
        starts (after the last row).
    """
    body = _body_start(lines)
    items: list[AgendaItem] = []
    first_row, last_row = body, -1
    for index in range(body):
        row = _parse_row(_row_text(lines, index, body))
        if row:
            items.append(row)
            first_row = min(first_row, index)
            last_row = index
    return items, first_row, (last_row + 1 if items else 0)


def agenda_from_body(paragraphs: list[Paragraph]) -> list[AgendaItem]:
    """The agenda as the body's item headings give it, for reports printed without an agenda table.

    Args:
        paragraphs: the parsed body, in printed order.

    Returns:
        One item per numeral in order of first appearance, titled as its heading, with the range
        of paragraphs under it.
    """
    items: dict[str, AgendaItem] = {}
    for paragraph in paragraphs:
        if not paragraph.item:
            continue
        known = items.get(paragraph.item)
        if known is None:
            items[paragraph.item] = AgendaItem(paragraph.item, paragraph.item_title, paragraph.number, paragraph.number)
        else:
            items[paragraph.item] = AgendaItem(known.numeral, known.title, known.first, paragraph.number)
    return list(items.values())


def _row_text(lines: list[Line], index: int, end: int) -> str:
    """A row's text; a row without its paragraph range yet (wrapped over a page break) takes the next lines up to it."""
    text = lines[index].text
    if not _ROW.match(text) or _RANGE.search(clean_inline(text)):
        return text
    for following in lines[index + 1: min(end, index + 1 + _MAX_ROW_LINES)]:
        if _ROW.match(following.text):
            break
        if following.text.strip():
            text = f"{text} {following.text}"
            if _RANGE.search(clean_inline(text)):
                return text
    return lines[index].text


def cross_check(agenda: list[AgendaItem], paragraphs: list[Paragraph]) -> tuple[list[AgendaItem], list[str]]:
    """Compare the table's paragraph ranges with the items the body assigns, closing truncated ranges.

    Args:
        agenda: the table's rows.
        paragraphs: the parsed body.

    Returns:
        (agenda, warnings): rows whose printed range was truncated ("150-15") get their last
        paragraph from the body; every disagreement becomes a warning, never an error.
    """
    spans: dict[str, tuple[int, int]] = {}
    for paragraph in paragraphs:
        first, last = spans.get(paragraph.item, (paragraph.number, paragraph.number))
        spans[paragraph.item] = (min(first, paragraph.number), max(last, paragraph.number))
    checked, warnings = [], []
    for row in agenda:
        span = spans.get(row.numeral)
        if span is None:
            warnings.append(f"agenda item {row.numeral} ({row.title}) has no paragraphs in the body")
            checked.append(row)
            continue
        if row.first is not None and row.last is None:
            warnings.append(
                f"agenda item {row.numeral}: printed paragraph range is incomplete; the body gives {span[0]}-{span[1]}"
            )
            row = AgendaItem(row.numeral, row.title, row.first, span[1])
        if (row.first, row.last) != span:
            warnings.append(
                f"agenda item {row.numeral}: table says paragraphs {row.first}-{row.last}, body has {span[0]}-{span[1]}"
            )
        checked.append(row)
    numerals = {row.numeral for row in agenda}
    for numeral in spans:
        if agenda and numeral and numeral not in numerals:
            warnings.append(f"item {numeral} is in the body but not in the agenda table")
    return checked, warnings


def _body_start(lines: list[Line]) -> int:
    """Index of the first item heading ("ITEM I ...") or paragraph "1.": the table comes before it."""
    for index, line in enumerate(lines):
        marked = parse_line(line.text)
        text = marked.text
        if text.upper().startswith(("ITEM ", "AGENDA ITEM ")) and item_heading(text, True):
            return index
        found = paragraph_start(text)
        if found and found[0] == 1:
            return index
    return len(lines)


def _parse_row(raw: str) -> AgendaItem | None:
    match = _ROW.match(raw)
    if not match:
        return None
    numeral, rest = match.group(1), match.group(2)
    cleaned = clean_inline(rest)
    found = _RANGE.search(cleaned)
    if not found:
        return None
    first = int(found.group(1))
    last = int(found.group(2)) if found.group(2) else None
    if last is not None and last < first:
        last = None  # "150-15": the printed range was cut off
    bold = _BOLD_TITLE.search(rest)
    if bold:
        title = clean_inline(bold.group(1))
    else:
        title = _TITLE_END.split(cleaned[: found.start()], maxsplit=1)[0]
    title = title.strip(" .:–-")
    if not title:
        return None
    return AgendaItem(numeral=numeral, title=title, first=first, last=last)
