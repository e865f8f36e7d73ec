"""PDF visual lines joined into logical lines (paragraph starts, headings, list items, table rows) as Markdown."""
from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable

from .lines import Line
from .pdf_glyphs import VisualLine

# A line starting like this starts a new logical line: a bullet, a roman or bracketed list label.
_MARKER = re.compile(r"^(?:[•▪◦●\-–]\s|[ivx]{1,4}\.\s|[IVX]{1,6}\.\s|\([a-z0-9]{1,4}\)\s)")
# A numbered line "12. ..." starts a paragraph when the number follows the last one (a gap of at most 3).
_NUMBER = re.compile(r"^(\d{1,4})\.\s")
_MAX_NUMBER_GAP = 3
# A bold line starting like this is a sub-item heading, never the wrapped end of the heading above.
_SUBITEM = re.compile(r"^[a-z]\.\s")
_BULLET = re.compile(r"^[•▪◦●‣∙·]\s*")
# A first cell that only labels the line ("12.", "a.", "•") is a hanging label, not a table column.
_LABEL_CELL = re.compile(r"^(?:\d{1,4}\.?|[a-zA-Z]\.|[ivxIVX]{1,6}\.|\(\w{1,4}\)|[•▪◦●\-–])$")
# A vertical gap above this many line pitches is a blank line.
_BLANK_PITCHES = 1.5
# A line is a heading when its type is this much larger than body text, or when it stands alone
# (this many line pitches of room above and below) and reads like a title of at most this many characters.
_HEADING_SIZE_STEP = 1.5
_HEADING_ROOM = 1.2
_MAX_TITLE_CHARS = 150
_MAX_TITLE_LINES = 2


def body_font_size(pages: list[list[VisualLine]]) -> float:
    """The font size most characters of the document are printed in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def logical_lines(
    pages: list[list[VisualLine]], body_size: float, join: Callable[[str, str], str]
) -> list[Line]:
    """Join each page's wrapped visual lines into logical lines, written as Markdown for the body parser.

    A visual line continues the one above unless: the line above ended short (this line's first
    word would have fitted on it), a vertical gap, a change of weight or size, a list marker, or a
    table row comes between. Wholly bold or larger lines become "**...**", bullets "- ...", and a
    table row its cells joined by spaces. A blank line follows every logical line, so a heading is
    never extended by the line after it. `Line.heading` is also set for a short title-like line
    standing alone between paragraphs (the text is left as printed: the parser decides).

    Args:
        pages: each page's body lines, top to bottom (headers, footers and footnotes removed).
        body_size: the body text's font size.
        join: joins two wrapped pieces of text, deciding about a line-end hyphen.

    Returns:
        The document's lines with page, position and layout facts.
    """
    right = _right_margin(pages)
    result: list[Line] = []
    position = last_number = 0
    for page in pages:
        pitch = _pitch(page, body_size)
        groups: list[list[VisualLine]] = []
        for line in page:
            if groups and _continues(groups[-1], line, right, pitch, last_number):
                groups[-1].append(line)
            else:
                groups.append([line])
                number = _NUMBER.match(line.text)
                if number and int(number.group(1)) > last_number:
                    last_number = int(number.group(1))
        for index, group in enumerate(groups):
            position += 1
            alone = _stands_alone(groups, index, pitch)
            result.append(_to_line(group, body_size, join, position, alone))
            result.append(Line(text="", page=group[0].page, position=position))
    return result


def _stands_alone(groups: list[list[VisualLine]], index: int, pitch: float) -> bool:
    """Whether a group of one or two lines has room above it and room or a numbered paragraph below it."""
    group = groups[index]
    if len(group) > _MAX_TITLE_LINES or _is_table_row(group[0]):
        return False
    above = groups[index - 1][-1].base - group[0].base if index else float("inf")
    if index + 1 == len(groups):
        return above > _HEADING_ROOM * pitch
    following = groups[index + 1][0]
    below = group[0].base - following.base
    return above > _HEADING_ROOM * pitch and (below > _HEADING_ROOM * pitch or bool(_NUMBER.match(following.text)))


def _looks_like_title(text: str) -> bool:
    """Short, unpunctuated at the end, starting with a capital or a label: a heading's wording."""
    text = _BULLET.sub("", text)
    if not 0 < len(text) <= _MAX_TITLE_CHARS or text.endswith((".", ",", ";", ":")) or _NUMBER.match(text):
        return False
    return text[:1].isupper() or bool(_SUBITEM.match(text))


def _right_margin(pages: list[list[VisualLine]]) -> float:
    ends = sorted(line.x1 for page in pages for line in page if len(line.text) >= 30 and not _is_table_row(line))
    if not ends:
        return max((line.x1 for page in pages for line in page), default=0.0)
    return ends[int(0.95 * (len(ends) - 1))]


def _pitch(page: list[VisualLine], body_size: float) -> float:
    """The usual distance between baselines of consecutive lines of the page."""
    steps = [
        above.base - below.base for above, below in itertools.pairwise(page)
        if 0 < above.base - below.base < 2.5 * max(above.size, 1.0)
    ]
    return statistics.median(steps) if steps else 1.2 * body_size


def _is_table_row(line: VisualLine) -> bool:
    if len(line.columns) < 2:
        return False
    return not (len(line.columns) == 2 and _LABEL_CELL.match(line.cells[0]))


def _continues(group: list[VisualLine], line: VisualLine, right: float, pitch: float, last_number: int) -> bool:
    """Whether `line` wraps on from the logical line `group` (see `logical_lines`); `last_number` is the last paragraph number seen."""
    last = group[-1]
    gap = last.base - line.base
    if _is_table_row(group[0]):
        # The row's cells go on below its first line for as long as its first column stays empty.
        return 0 < gap <= 2.5 * pitch and line.x0 > group[0].columns[0] + line.size
    if gap <= 0 or gap > _BLANK_PITCHES * pitch * max(1.0, last.size / max(line.size, 1.0)):
        return False
    if _is_table_row(line):
        return False
    if last.bold != line.bold or abs(last.size - line.size) > 1.0:
        return False
    if _BULLET.match(line.text) or (line.bold and _SUBITEM.match(line.text)):
        return False
    number = _NUMBER.match(line.text)
    if number and last_number < int(number.group(1)) <= last_number + _MAX_NUMBER_GAP:
        return False
    # Other markers start a line too, but "21. Three ..." after a full line "... out of" is a wrapped number.
    if _MARKER.match(line.text) or (number and last.x1 + 0.3 * line.size + line.first_word_width() <= right + 0.5):
        return False
    space = 0.3 * line.size
    return last.x1 + space + line.first_word_width() > right + 0.5  # the word did not fit: a wrapped line


def _to_line(
    group: list[VisualLine], body_size: float, join: Callable[[str, str], str], position: int, alone: bool
) -> Line:
    """The logical line of a group of visual lines, as Markdown with its layout facts (see `logical_lines`)."""
    first = group[0]
    if _is_table_row(first):
        text = _row_text(group, join)
        return Line(text=text, page=first.page, position=position, font_size=first.size)
    text = first.text
    for line in group[1:]:
        text = join(text, line.text)
    heading_like = alone and _looks_like_title(text)
    bullet = _BULLET.match(text)
    if bullet:
        text = text[bullet.end():]
    bold = all(line.bold for line in group)
    larger = first.size >= body_size + _HEADING_SIZE_STEP
    if bold or larger:
        text = f"**{text}**"
    if bullet:
        text = f"- {text}"
    return Line(
        text=text, page=first.page, position=position,
        heading=bold or larger or heading_like, bold=bold, font_size=first.size,
    )


def _row_text(group: list[VisualLine], join: Callable[[str, str], str]) -> str:
    """A table row's cells in column order, each cell's wrapped lines joined."""
    columns = group[0].columns
    cells = [""] * len(columns)
    for line in group:
        for x, cell in zip(line.columns, line.cells):
            index = max((i for i, start in enumerate(columns) if start <= x + line.size), default=0)
            cells[index] = join(cells[index], cell) if cells[index] else cell
    return " ".join(cell for cell in cells if cell)
