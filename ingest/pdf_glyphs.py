"""A PDF page's characters (pypdfium2) grouped into visual lines: baselines, superscripts, spaces, size and weight."""
from __future__ import annotations

import ctypes
import functools
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

# Two glyphs share a line when their baselines differ by less than this share of the font size.
_SAME_BASELINE = 0.2
# A glyph this much smaller than its line, raised above the baseline, is a superscript ("6th", a footnote mark).
_SUPERSCRIPT_SIZE = 0.92
_SUPERSCRIPT_RISE = 0.1
# A smaller-type line at most this far (in line font sizes) above a line holds that line's superscripts.
_MAX_RISE = 0.75
_HANG = 2.0
# A horizontal gap wider than this (in font sizes) between glyphs is a word space ...
_WORD_GAP = 0.18
# ... and wider than this, a jump to another column (a table cell, a tab stop).
_COLUMN_GAP = 2.0
# ... or wider than this and several times the line's usual word space (justified lines stretch all alike).
_MIN_COLUMN_GAP = 0.6
_COLUMN_RATIO = 2.5
_BOLD_NAMES = ("bold", "black", "heavy", "semibold", "demi")
_BOLD_WEIGHT = 600
# Hyphens a generator prints where it breaks a word, read as the ASCII hyphen the joiner knows.
# pdfium reports a hyphen that ends a line as U+0002 (or U+FFFE); U+2010 is the hyphen a generator adds
# when it hyphenates a word (kept apart until the line is composed: at a line end it is a soft hyphen).
_HYPHENS = {"\x02": "-", "\ufffe": "-", "\u2011": "-"}
SOFT_HYPHEN = "\u00ad"


@dataclass(slots=True)
class Glyph:
    """One printed character: its text, horizontal extent, baseline, font size and weight."""

    char: str
    x0: float
    x1: float
    base: float
    size: float
    bold: bool
    sup: bool = False
    hidden: bool = False  # a footnote mark whose note was removed: it takes room but prints nothing


@dataclass
class VisualLine:
    """The glyphs printed on one baseline of a page, in reading order, and what they look like.

    `text` has superscripts joined to their word ("6th"); `columns` holds the x where each column
    of a table row starts (one entry for ordinary lines), `cells` the text of each column.
    """

    page: int
    glyphs: list[Glyph]
    text: str = ""
    columns: list[float] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    size: float = 0.0
    bold: bool = False
    base: float = 0.0  # the baseline of its full-size glyphs

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1


    def first_word_width(self) -> float:
        """Width of the line's first word, to tell whether it would have fitted on the line above."""
        end = self.glyphs[0].x1
        for glyph in self.glyphs:
            if glyph.char.isspace():
                break
            end = glyph.x1
        return end - self.x0


def page_glyphs(textpage) -> list[Glyph]:
    """The printed (not generated) characters of a pypdfium2 text page, with position, size and weight.

    Args:
        textpage: a `pypdfium2.PdfTextPage`.

    Returns:
        Glyphs in content order; control characters dropped, spaces kept as word-break hints.
    """
    handle = textpage.raw
    address = ctypes.cast(handle, ctypes.c_void_p)
    text_object = _void_function("FPDFText_GetTextObject", ctypes.c_void_p, ctypes.c_int)
    loose_box = _void_function("FPDFText_GetLooseCharBox", ctypes.c_int, ctypes.c_int, ctypes.POINTER(pdfium_c.FS_RECTF))
    char_origin = _void_function(
        "FPDFText_GetCharOrigin", ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double))
    count = pdfium_c.FPDFText_CountChars(handle)
    text = textpage.get_text_range(0, count) if count else ""
    if len(text) != count:  # characters outside the BMP shift indexes: ask for each one instead
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, index)) for index in range(count))
    box = pdfium_c.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    box_ref, x_ref, y_ref = ctypes.byref(box), ctypes.byref(origin_x), ctypes.byref(origin_y)
    # Weight, size and turn belong to a PDF text object: looked up once per object.
    look_by_object: dict[int | None, tuple[bool, float, bool]] = {}
    glyphs: list[Glyph] = []
    for index, char in enumerate(text):
        if char < " " and char != "\x02":
            continue
        # pdfium adds spaces of its own between words; only printed characters count.
        if char == " " and pdfium_c.FPDFText_IsGenerated(handle, index) == 1:
            continue
        char = _HYPHENS.get(char, char)
        loose_box(address, index, box_ref)
        char_origin(address, index, x_ref, y_ref)
        key = text_object(address, index)
        look = look_by_object.get(key)
        if look is None:
            look = look_by_object[key] = (_is_bold(key), *_size_and_upright(handle, index))
        if not look[2]:
            continue  # turned text (a job number up the margin, a stamp) is not part of the reading order
        glyphs.append(Glyph(char, box.left, box.right, origin_y.value, look[1] or (box.top - box.bottom), look[0]))
    return glyphs


@functools.cache
def _void_function(name: str, restype, *argtypes):
    """A pdfium function retyped to take its handle as a plain address (ctypes pointer objects are slow to compare)."""
    function = getattr(pdfium_c, name)
    prototype = ctypes.CFUNCTYPE if function._flags_ & ctypes._FUNCFLAG_CDECL else ctypes.WINFUNCTYPE
    return ctypes.cast(function, prototype(restype, ctypes.c_void_p, *argtypes))


def _size_and_upright(handle, index: int) -> tuple[float, bool]:
    """A character's font size in points on the page, and whether it is printed upright.

    Generators that draw in pixels scale the size by 0.75; turned text has a rotated matrix.
    """
    size = pdfium_c.FPDFText_GetFontSize(handle, index)
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFText_GetMatrix(handle, index, matrix):
        return size, True
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
    upright = matrix.a > 0 and matrix.d > 0 and abs(matrix.b) + abs(matrix.c) < 0.1 * (matrix.a + matrix.d)
    return size * scale, upright


def _is_bold(text_object: int | None) -> bool:
    if not text_object:
        return False
    font = _void_function("FPDFTextObj_GetFont", ctypes.c_void_p)(text_object)
    if not font:
        return False
    buffer = ctypes.create_string_buffer(256)
    length = _void_function("FPDFFont_GetBaseFontName", ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t)(
        font, buffer, len(buffer))
    name = buffer.raw[: max(0, length - 1)].decode("latin-1", "replace").lower()
    return any(word in name for word in _BOLD_NAMES) or _void_function("FPDFFont_GetWeight", ctypes.c_int)(font) >= _BOLD_WEIGHT


def visual_lines(glyphs: list[Glyph], page: int) -> list[VisualLine]:
    """Group a page's glyphs into lines, top to bottom, superscripts attached to the line they rise from.

    Args:
        glyphs: the page's glyphs (any order).
        page: the 1-based page number the lines carry.

    Returns:
        The page's lines with text, runs, columns, main font size and weight filled in.
    """
    clusters = _baseline_clusters([glyph for glyph in glyphs if glyph.x1 >= glyph.x0])
    clusters = _attach_superscripts(clusters)
    lines = []
    for cluster in clusters:
        cluster.sort(key=lambda glyph: glyph.x0)
        line = VisualLine(page=page, glyphs=cluster)
        _compose(line)
        if line.text:
            lines.append(line)
    return lines


def _baseline_clusters(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs sharing a baseline (within a fraction of their size), from the top of the page down."""
    clusters: list[list[Glyph]] = []
    reference = None
    for glyph in sorted(glyphs, key=lambda g: -g.base):
        if reference is not None and reference - glyph.base <= _SAME_BASELINE * max(glyph.size, 1.0):
            clusters[-1].append(glyph)
            continue
        clusters.append([glyph])
        reference = glyph.base
    return clusters


def _main_size(glyphs: list[Glyph]) -> float:
    """The font size most of the glyphs are printed in."""
    sizes = Counter(glyph.size for glyph in glyphs if glyph.char != " ")
    return round(sizes.most_common(1)[0][0], 1) if sizes else 0.0


def _attach_superscripts(clusters: list[list[Glyph]]) -> list[list[Glyph]]:
    """Merge a cluster of small raised glyphs into the line just below it ("th" over "6")."""
    sizes = [_main_size(cluster) for cluster in clusters]
    merged: list[list[Glyph]] = []
    for index, cluster in enumerate(clusters):
        if index + 1 < len(clusters) and _rises_from(cluster, sizes[index], clusters[index + 1], sizes[index + 1]):
            for glyph in cluster:
                glyph.sup = True
            clusters[index + 1] = clusters[index + 1] + cluster
        else:
            merged.append(cluster)
    return merged


def _rises_from(small: list[Glyph], size: float, line: list[Glyph], line_size: float) -> bool:
    if not size or not line_size or size > _SUPERSCRIPT_SIZE * line_size:
        return False
    rise = min(glyph.base for glyph in small) - max(glyph.base for glyph in line)
    if not 0 < rise <= _MAX_RISE * line_size:
        return False
    left, right = min(g.x0 for g in line), max(g.x1 for g in line)
    # A footnote's number may hang left of its text by more than a word space.
    return all(left - _HANG * line_size <= glyph.x0 <= right + line_size for glyph in small)


def _compose(line: VisualLine) -> None:
    """Fill in the line's text (spaces from gaps, superscripts joined), columns, size and weight."""
    glyphs = [glyph for glyph in line.glyphs if not glyph.char.isspace()] or line.glyphs
    line.size = _main_size(glyphs) or glyphs[0].size
    base = min((g.base for g in glyphs if g.size >= _SUPERSCRIPT_SIZE * line.size), default=glyphs[0].base)
    for glyph in glyphs:
        if glyph.size < _SUPERSCRIPT_SIZE * line.size and glyph.base > base + _SUPERSCRIPT_RISE * line.size:
            glyph.sup = True
    # Printed characters with whether a space glyph came before each, and the gap before each.
    printed: list[tuple[Glyph, bool, float]] = []
    spaced = False
    for glyph in line.glyphs:
        if glyph.char.isspace():
            spaced = bool(printed)
            continue
        gap = glyph.x0 - printed[-1][0].x1 if printed else 0.0
        printed.append((glyph, spaced, gap))
        spaced = False
    word_gaps = sorted(gap for _, spaced, gap in printed[1:] if spaced or gap > _WORD_GAP * line.size)
    usual_gap = word_gaps[len(word_gaps) // 2] if word_gaps else _WORD_GAP * line.size
    pieces: list[str] = []
    cells: list[list[str]] = [[]]
    columns = [glyphs[0].x0]
    previous: Glyph | None = None
    for glyph, spaced, gap in printed:
        if glyph.hidden:
            previous = glyph
            continue
        if previous is not None:
            size = min(glyph.size, previous.size) if not (glyph.sup or previous.sup) else line.size
            if glyph.sup and not previous.sup and gap < _WORD_GAP * line.size:
                # "6" + raised "th" is one word, whatever space the generator printed; a raised
                # footnote number is not part of the word ("INF/4" + "7" is not "INF/47").
                spaced = glyph.char.isdigit()
            # A column jump: far wider than a word space, or several times this line's usual word space.
            if gap > _COLUMN_GAP * line.size or (gap > _MIN_COLUMN_GAP * line.size and gap > _COLUMN_RATIO * usual_gap):
                columns.append(glyph.x0)
                cells.append([])
                pieces.append(" ")
            elif spaced or gap > _WORD_GAP * size:
                pieces.append(" ")
                cells[-1].append(" ")
        pieces.append(glyph.char)
        cells[-1].append(glyph.char)
        previous = glyph
    line.text = _hyphens("".join(pieces).strip())
    line.columns = columns
    line.cells = [_hyphens("".join(cell).strip()) for cell in cells]
    normal = [glyph.base for glyph in glyphs if not glyph.sup]
    line.base = min(normal) if normal else glyphs[0].base
    letters = [glyph for glyph in glyphs if glyph.char.isalnum()]
    line.bold = bool(letters) and sum(glyph.bold for glyph in letters) >= 0.9 * len(letters)


def _hyphens(text: str) -> str:
    """A generator's own hyphen (or a soft hyphen) ending the text splits a word; elsewhere it is printed."""
    soft = text.endswith(("\u2010", SOFT_HYPHEN))
    text = text.replace("\u2010", "-").replace(SOFT_HYPHEN, "-")
    return text[:-1] + SOFT_HYPHEN if soft else text


def drop_note_marks(line: VisualLine, numbers: set[str]) -> None:
    """Remove raised footnote numbers ("indicated.5") whose notes were taken off the page.

    Args:
        line: a composed line; it is composed again when a mark goes.
        numbers: the numbers the page's footnotes open with.
    """
    marks: list[list[Glyph]] = []
    previous: Glyph | None = None
    for glyph in line.glyphs:
        if glyph.sup and glyph.char.isdigit():
            if marks and marks[-1][-1] is previous:
                marks[-1].append(glyph)
            else:
                marks.append([glyph])
        if not glyph.char.isspace():
            previous = glyph
    hidden = [glyph for mark in marks if "".join(g.char for g in mark) in numbers for glyph in mark]
    for glyph in hidden:
        glyph.hidden = True
    if hidden:
        _compose(line)
