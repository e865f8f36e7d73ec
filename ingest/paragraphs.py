"""The body parser: source lines -> numbered paragraphs with their agenda item, sub-item, heading and decision flag."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line
from .markup import MarkedLine, parse_line
from .patterns import (
    is_decision,
    is_doc_ref,
    is_short_title,
    item_heading,
    paragraph_start,
    strip_doc_ref,
    subitem_heading,
    title_case,
)
from .records import Paragraph

# A printed number starts a paragraph when it is the next one, or skips at most this many.
MAX_NUMBER_GAP = 3
# Up to this many stacked sub-item headings introduce one discussion of them all (¶69: "a,b,c");
# a longer stack opening an item lists the item's sub-items, and the paragraph after it is item-level.
MAX_JOINED_SUBITEMS = 3
# Labels that open a line of a list inside a paragraph: "1.", "ii.", "a)", "(b)".
_LIST_LABEL = re.compile(r"^(?:\d{1,3}[.)]|[ivxlc]{1,5}[.)]|[a-z][.)]|\(\w{1,4}\))\s")
_ANNEX = re.compile(r"^ANNEX(?:\s+[IVXLC\d]+)?\b", re.IGNORECASE)
_MAX_ANNEX_CHARS = 60


@dataclass
class _Draft:
    """A paragraph being assembled; `parts[0]` is prose, later parts are "\n"-led list lines."""

    doc: str
    number: int
    line: Line
    item: str
    item_numeral_title: str
    subitem: str | None
    subitem_title: str | None
    heading: str | None
    parts: list[str] = field(default_factory=list)
    list_numbers: list[int] = field(default_factory=list)

    @property
    def in_list(self) -> bool:
        return len(self.parts) > 1 or self.parts[0].rstrip().endswith(":")

    def add_continuation(self, text: str) -> None:
        self.parts[-1] = f"{self.parts[-1]} {text}" if self.parts[-1].strip() else self.parts[-1] + text

    def add_list_line(self, marked: MarkedLine) -> None:
        self.parts.append("\n" + ("- " if marked.bullet else "") + marked.text)
        label = paragraph_start(marked.text)
        if label:
            self.list_numbers.append(label[0])

    def text(self) -> str:
        return "\n".join(" ".join(part.split()) for part in "".join(self.parts).strip().split("\n"))


@dataclass
class _State:
    """Where the parser is in the report's structure."""

    started: bool = False
    item: str = ""
    item_title: str = ""
    subitems: list[tuple[str, str]] = field(default_factory=list)
    paragraph_since_subitem: bool = True
    paragraph_in_item: bool = False
    subitems_open_item: bool = False  # the current stack of sub-item headings came before any paragraph of the item
    heading: str | None = None
    # The heading a wrapped line would extend, as the attribute to extend; None after a blank line.
    extendable: str | None = None


def parse_paragraphs(
    doc: str, lines: list[Line], agenda_titles: dict[str, str] | None = None
) -> tuple[list[Paragraph], list[str]]:
    """Parse the report body into paragraphs in printed order.

    A line starting "N." opens paragraph N only when N follows the last number (gaps of up to
    `MAX_NUMBER_GAP` allowed), so sub-lists ("1."-"5." inside ¶80) stay inside their paragraph and
    printed numbers are never re-assigned. Headings close the open paragraph; any other line
    continues it (page breaks), list markers starting a new line of it.

    Args:
        doc: the report id every paragraph carries.
        lines: the body's source lines (agenda table already removed).
        agenda_titles: numeral -> agenda table title, preferred over the headings' (often ALL-CAPS) titles.

    Returns:
        (paragraphs, warnings).
    """
    titles = agenda_titles or {}
    state = _State()
    drafts: list[_Draft] = []
    open_draft: _Draft | None = None
    first_number = _first_number(lines)
    for line in lines:
        marked = parse_line(line.text)
        text = marked.text
        if not any(ch.isalnum() for ch in text):
            state.extendable = None
            continue
        if _is_annex(marked):
            break
        last = drafts[-1].number if drafts else None
        number = _paragraph_number(text, last, first_number, open_draft)
        if number is not None:
            open_draft = _open(doc, number, line, text, state)
            drafts.append(open_draft)
            continue
        if _take_heading(marked, state, open_draft):
            open_draft = None
            continue
        if open_draft is None:
            # A wrapped heading continues on the next line; "(For decision)" notes do not extend it.
            if state.extendable and not (text.startswith("(") and text.endswith(")")):
                setattr(state, state.extendable, f"{getattr(state, state.extendable)} {text}")
            continue
        if marked.bullet or _LIST_LABEL.match(text):
            open_draft.add_list_line(marked)
        else:
            open_draft.add_continuation(text)
    paragraphs = [_finish(draft, titles) for draft in drafts]
    return paragraphs, _numbering_warnings(paragraphs)


def _first_number(lines: list[Line]) -> int | None:
    """1 when some line starts "1.", else the first printed number; None when nothing is numbered."""
    numbers = [found[0] for line in lines if (found := paragraph_start(parse_line(line.text).text))]
    if not numbers:
        return None
    return 1 if 1 in numbers else numbers[0]


def _paragraph_number(text: str, last: int | None, first: int | None, draft: _Draft | None) -> int | None:
    found = paragraph_start(text)
    if not found:
        return None
    number = found[0]
    if last is None:
        return number if number == first else None
    if not last < number <= last + MAX_NUMBER_GAP:
        return None
    # "3." right after a list line "2." continues that list, however close it is to the next paragraph.
    if draft is not None and draft.list_numbers and draft.list_numbers[-1] == number - 1:
        return None
    return number


def _open(doc: str, number: int, line: Line, text: str, state: _State) -> _Draft:
    state.started = True
    state.extendable = None
    if _lists_the_item(state):
        state.subitems = []  # the item's introduction: it belongs to no sub-item
    state.paragraph_since_subitem = True
    state.paragraph_in_item = True
    labels = ",".join(label for label, _ in state.subitems) or None
    sub_titles = "; ".join(title for _, title in state.subitems) or None
    rest = paragraph_start(text)
    return _Draft(
        doc=doc,
        number=number,
        line=line,
        item=state.item,
        item_numeral_title=state.item_title,
        subitem=labels,
        subitem_title=sub_titles,
        heading=state.heading,
        parts=[rest[1] if rest else ""],
    )


def _lists_the_item(state: _State) -> bool:
    """Whether the stacked sub-item headings are the item's opening list of its sub-items, not one joint discussion."""
    return len(state.subitems) > MAX_JOINED_SUBITEMS and state.subitems_open_item


def _take_heading(marked: MarkedLine, state: _State, draft: _Draft | None) -> bool:
    """Update the structure state if the line is a heading; True when it was one."""
    text = marked.text
    emphasised = marked.heading or marked.bold
    item = item_heading(text, emphasised)
    if item:
        state.started = True
        state.item, state.item_title = item
        state.subitems, state.paragraph_since_subitem, state.heading = [], True, None
        state.paragraph_in_item = False
        state.extendable = "item_title"
        return True
    if not state.started:
        return False
    in_list = draft is not None and draft.in_list
    if emphasised or not in_list:
        previous = state.subitems[-1][0] if state.subitems else None
        sub = subitem_heading(text, previous, emphasised)
        if sub:
            if state.paragraph_since_subitem:
                state.subitems = []
                state.subitems_open_item = not state.paragraph_in_item
            state.subitems.append(sub)
            state.paragraph_since_subitem, state.heading = False, None
            state.extendable = None  # a stacked list of sub-item titles: nothing to extend
            return True
    if marked.heading or (marked.bold and (marked.bullet or is_short_title(text))):
        # A bare "Doc. PC0733Ea" heading only names the working document.
        if not is_doc_ref(text):
            state.heading = strip_doc_ref(text)
            state.extendable = "heading"
        return True
    if marked.bullet and not in_list and is_short_title(text):
        state.heading = strip_doc_ref(text)
        state.extendable = "heading"
        return True
    return False


def _is_annex(marked: MarkedLine) -> bool:
    text = marked.text
    if len(text) > _MAX_ANNEX_CHARS or not _ANNEX.match(text):
        return False
    return marked.heading or marked.bold or text.isupper()


def _finish(draft: _Draft, titles: dict[str, str]) -> Paragraph:
    text = draft.text()
    item_title = titles.get(draft.item) or title_case(draft.item_numeral_title)
    return Paragraph(
        doc=draft.doc,
        number=draft.number,
        item=draft.item,
        item_title=item_title,
        subitem=draft.subitem,
        subitem_title=draft.subitem_title,
        heading=draft.heading,
        decision=is_decision(text),
        text=text,
        page=draft.line.page,
        position=draft.line.position,
        label=f"¶{draft.number}",
    )


def _numbering_warnings(paragraphs: list[Paragraph]) -> list[str]:
    warnings = []
    for previous, current in zip(paragraphs, paragraphs[1:]):
        if current.number != previous.number + 1:
            warnings.append(f"paragraph numbers jump from {previous.number} to {current.number}")
    return warnings
