"""The body parser: source lines -> numbered paragraphs with their scope, agenda item, sub-item, heading and decision flag."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line
from .markup import MarkedLine, parse_line
from .numbering import Numbering
from .patterns import (
    is_decision,
    is_doc_ref,
    is_short_title,
    item_heading,
    letter_heading,
    numbered_title,
    paragraph_start,
    roman_value,
    scope_heading,
    section_heading,
    strip_doc_ref,
    subitem_heading,
    title_case,
)
from .records import Paragraph
from .units import split_units

# Up to this many stacked sub-item headings introduce one discussion of them all (¶69: "a,b,c");
# a longer stack opening an item lists the item's sub-items, and the paragraph after it is item-level.
MAX_JOINED_SUBITEMS = 3
# Labels that open a line of a list inside a paragraph: "1.", "ii.", "a)", "(b)", "121.3".
# A paragraph is finished when its last line ends a sentence; "(a) " may open a bare heading.
_FINISHED = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_PAREN_LABEL = re.compile(r"^\(([a-z]{1,3})\)\s+")
_MAX_BARE_HEADING_CHARS = 400
_MAX_SECTION_CHARS = 200
# "Rule 4", "Article 12", "Resolution 14/1": a heading that names the run of numbers after it.
_DESIGNATION = re.compile(r"^(Rule|Article|Chapter|Section|Resolution|Decision|Part|Appendix)\s+([\w./-]+)")
# A heading wrapped over lines stays a heading: beyond this it is a contents list or front matter
# running on until paragraph 1 (SBSTA58's contents once gave an item a 1,718-character title).
_MAX_WRAPPED_HEADING_CHARS = 300
# "(Agenda item 13)", "(For decision)", or a contents row's "(Agenda item 13)    16" with its page number.
_HEADING_NOTE = re.compile(r"^\(.*\)\s*\d{0,4}$")
_LIST_LABEL = re.compile(r"^(?:\d{1,3}[.)]|\d{1,4}\.\d{1,3}\.?|[ivxlc]{1,5}[.)]|[a-z][.)]|\(\w{1,4}\))\s")


@dataclass
class _Draft:
    """A paragraph being assembled: `parts[0]` is prose, later parts are list lines; each part a list of fragments."""

    doc: str
    number: int
    scope: str
    line: Line
    item: str
    item_numeral_title: str
    subitem: str | None
    subitem_title: str | None
    heading: str | None
    parts: list[list[str]] = field(default_factory=list)
    list_numbers: list[int] = field(default_factory=list)

    @property
    def in_list(self) -> bool:
        return len(self.parts) > 1 or (bool(self.parts[0]) and self.parts[0][-1].rstrip().endswith(":"))

    def add_continuation(self, text: str) -> None:
        # Fragments are joined once in `text()`: appending to a string here made ingest quadratic.
        self.parts[-1].append(text)

    def add_list_line(self, marked: MarkedLine) -> None:
        self.parts.append([("- " if marked.bullet else "") + marked.text])
        label = paragraph_start(marked.text)
        if label:
            self.list_numbers.append(label[0])

    def text(self) -> str:
        lines = [" ".join(" ".join(part).split()) for part in self.parts]
        while lines and not lines[0]:
            lines.pop(0)
        return "\n".join(lines)


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
    annex: str = ""  # the annex (appendix, part) the lines are in; "" in the main body
    section_letter: str = ""  # last "A."-style sub-section letter in the current item
    annex_section: int = 0  # value of the last roman section heading inside the annex
    paren_heading: str = ""  # letter of the last "(c) Title" sub-heading in the current item


def parse_paragraphs(
    doc: str,
    lines: list[Line],
    agenda_titles: dict[str, str] | None = None,
    bodies: tuple[str, ...] = (),
) -> tuple[list[Paragraph], list[str]]:
    """Parse the report body into paragraphs in printed order.

    A line starting "N." opens paragraph N only when N follows the last number of its scope (see
    `ingest.numbering`), so sub-lists ("1."-"5." inside ¶80) stay inside their paragraph and printed
    numbers are never re-assigned; numbers that repeat, go back or jump are reported with their
    line. An annex or part heading, or a restart at 1, opens a new scope with its own label
    ("Annex II ¶3"). Headings close the open paragraph; any other line continues it (page breaks),
    list markers starting a new line of it. Long paragraphs become citable sub-units (`ingest.units`).

    Args:
        doc: the report id every paragraph carries.
        lines: the body's source lines (agenda table already removed).
        agenda_titles: numeral -> agenda table title, preferred over the headings' (often ALL-CAPS) titles.
        bodies: the report's names for its meeting body, for recognising decisions.

    Returns:
        (paragraphs, warnings).
    """
    titles = agenda_titles or {}
    state = _State()
    marked_lines = [parse_line(line.text) for line in lines]
    numbering = Numbering(_first_number(marked_lines))
    drafts: list[_Draft] = []
    open_draft: _Draft | None = None
    skipped_annex_lines = 0
    for line, marked in zip(lines, marked_lines):
        text = marked.text
        if not any(ch.isalnum() for ch in text):
            state.extendable = None
            continue
        scope = scope_heading(text, marked.heading or marked.bold) if _may_be_scope(marked, open_draft) else None
        if scope:
            state.annex = numbering.enter(scope[0])
            state.item, state.item_title, state.subitems, state.heading = "", scope[1], [], None
            state.started, state.extendable, open_draft = True, "item_title", None
            continue
        found = paragraph_start(text)
        if found is not None:
            in_list = open_draft is not None and open_draft.in_list
            title = numbered_title(text)
            verdict = numbering.judge(found[0], line, in_list, open_draft.list_numbers if open_draft else [],
                                      _restart_name(state), titled=bool(title))
            if verdict.opens:
                numbering.accept(found[0], verdict)
                open_draft = _open(doc, found[0], numbering.scope, line, found[1], state)
                drafts.append(open_draft)
                continue
            if title and not in_list:
                state.heading, state.extendable, open_draft = title, None, None
                continue
            numbering.reject(verdict)
            if verdict.warning and open_draft is not None:
                open_draft.add_continuation(text)  # a misprinted number, not the start of a list
                continue
        if _take_heading(marked, state, open_draft):
            open_draft = None
            continue
        if _take_bare_heading(marked, open_draft, state):
            state.heading, state.subitems, state.extendable, open_draft = strip_doc_ref(text), [], "heading", None
            continue
        if open_draft is None:
            skipped_annex_lines += _between_paragraphs(text, state)
            continue
        if marked.bullet or _LIST_LABEL.match(text):
            open_draft.add_list_line(marked)
        else:
            open_draft.add_continuation(text)
    paragraphs = [unit for draft in drafts for unit in _finish(draft, titles, bodies)]
    warnings = numbering.warnings()
    if skipped_annex_lines:
        warnings.append(f"{skipped_annex_lines} unnumbered lines of annexes are not indexed (no paragraph to cite)")
    return paragraphs, warnings


def _between_paragraphs(text: str, state: _State) -> int:
    """Take a line outside any paragraph into the structure; 1 when it is annex text left unindexed."""
    if state.extendable and not _HEADING_NOTE.match(text) and not _wraps_heading(getattr(state, state.extendable) or "", text):
        state.extendable = None  # a labelled row or a run of text: the heading ended on the line before
    label = _PAREN_LABEL.match(text)
    if label and len(label.group(1)) == 1 and text[label.end():][:1].isupper() and not text.endswith((".", ";", ":")):
        state.heading, state.paren_heading, state.extendable = text, label.group(1), "heading"  # "(a) Preparations ..."
    elif state.extendable and _HEADING_NOTE.match(text):
        # "(Agenda item 13)" ends the heading above it; an item's own unlabelled heading may follow ("Proceedings").
        state.extendable = "heading" if state.extendable == "item_title" and state.heading is None else None
    elif state.extendable:  # a wrapped heading continues on this line
        extended = " ".join(part for part in (getattr(state, state.extendable) or "", text) if part)
        setattr(state, state.extendable, extended)
    elif state.annex and not state.item_title and is_short_title(text):
        state.item_title = text  # "Annex II" on one line, its title on the next
    elif state.annex and is_short_title(text) and len(text) <= _MAX_SECTION_CHARS and not text.endswith("."):
        # "Rule 4 Modalities of meetings" names a restart that follows; a bare "Rule 4" above gets its title.
        designation = state.heading and _DESIGNATION.match(state.heading)
        state.heading = f"{state.heading} {text}" if designation and designation.end() == len(state.heading) else text
    elif state.annex:
        return 1
    return 0


def _wraps_heading(heading: str, text: str) -> bool:
    """Whether `text` is the wrapped rest of `heading` (or, with none yet, a heading): unlabelled, heading-sized."""
    if not heading and not (is_short_title(text) and not _FINISHED.search(text)):
        return False
    return not _LIST_LABEL.match(text) and not section_heading(text) and (
        len(heading) + 1 + len(text) <= _MAX_WRAPPED_HEADING_CHARS
    )


def _first_number(lines: list[MarkedLine]) -> int | None:
    """1 when some line starts "1.", else the first printed number; None when nothing is numbered."""
    numbers = [found[0] for line in lines if (found := paragraph_start(line.text))]
    if not numbers:
        return None
    return 1 if 1 in numbers else numbers[0]


def _may_be_scope(marked: MarkedLine, draft: _Draft | None) -> bool:
    """An annex heading stands alone: never a list line, never the wrapped end of a sentence."""
    return not marked.bullet and not (draft is not None and draft.in_list and not (marked.heading or marked.bold))


def _restart_name(state: _State) -> str:
    """What a restart of numbering at 1 is called: the annex plus the nearest heading's designation."""
    heading = state.heading or ""
    match = _DESIGNATION.match(heading)
    designation = f"{match.group(1)} {match.group(2).rstrip('.')}" if match else ""
    return " ".join(part for part in (state.annex, designation) if part)


def _open(doc: str, number: int, scope: str, line: Line, rest: str, state: _State) -> _Draft:
    state.started = True
    state.extendable = None
    if _lists_the_item(state):
        state.subitems = []  # the item's introduction: it belongs to no sub-item
    state.paragraph_since_subitem = True
    state.paragraph_in_item = True
    labels = ",".join(label for label, _ in state.subitems) or None
    sub_titles = "; ".join(title for _, title in state.subitems) or None
    return _Draft(
        doc=doc,
        number=number,
        scope=scope,
        line=line,
        item=state.item,
        item_numeral_title=state.item_title,
        subitem=labels,
        subitem_title=sub_titles,
        heading=state.heading,
        parts=[[rest]],
    )


def _lists_the_item(state: _State) -> bool:
    """Whether the stacked sub-item headings are the item's opening list of its sub-items, not one joint discussion."""
    return len(state.subitems) > MAX_JOINED_SUBITEMS and state.subitems_open_item


def _take_heading(marked: MarkedLine, state: _State, draft: _Draft | None) -> bool:
    """Update the structure state if the line is a heading; True when it was one."""
    text = marked.text
    emphasised = marked.heading or marked.bold
    in_list = draft is not None and draft.in_list
    item = item_heading(text, emphasised) or (None if in_list else _next_section(text, state))
    if state.annex and not item:
        # Annex sections restart or continue their own numerals; in a list only the next numeral is one.
        found = section_heading(text)
        if found and (not in_list or roman_value(found[0]) == state.annex_section + 1):
            item, state.annex_section = found, roman_value(found[0])
    if item and state.annex:
        # Inside an annex, "I. Scope and definitions" structures the annex: it is no agenda item.
        state.heading, state.extendable = strip_doc_ref(f"{item[0]}. {item[1]}"), "heading"
        return True
    if item:
        state.started = True
        state.item, state.item_title = item
        state.subitems, state.paragraph_since_subitem, state.heading = [], True, None
        state.paragraph_in_item = False
        state.section_letter, state.paren_heading = "", ""
        state.extendable = "item_title"
        return True
    if not state.started:
        return False
    letter = _next_letter(text, state)
    if letter or emphasised or not in_list:
        previous = state.subitems[-1][0] if state.subitems else None
        sub = letter or subitem_heading(text, previous, emphasised)
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


def _take_bare_heading(marked: MarkedLine, draft: _Draft | None, state: _State) -> bool:
    """Whether the line is an unlabelled heading: a short unpunctuated title after a finished paragraph.

    Converters drop the automatic "A." of sub-headings ("Terms of reference for the fifth review");
    such a line must close the paragraph, not be glued onto its last sentence. A "(d) Title" heading
    that follows "(c) ..." headings of the same item closes even a paragraph ending in a list (the
    letter is recorded in `state`).
    """
    if draft is None or marked.bullet or len(marked.text) > _MAX_BARE_HEADING_CHARS:
        return False
    label = _PAREN_LABEL.match(marked.text)
    text = marked.text[label.end():] if label else marked.text
    if not text[:1].isupper() or text.endswith((".", ":", "!", "?", ";", ",")):
        return False
    letter = label.group(1) if label else ""
    expected = chr(ord(state.paren_heading) + 1) if state.paren_heading else "a"
    in_sequence = len(letter) == 1 and letter == expected and bool(state.paren_heading)
    if not in_sequence and (draft.in_list or not _FINISHED.search(draft.parts[-1][-1])):
        return False
    state.paren_heading = letter if len(letter) == 1 else state.paren_heading
    return True


def _next_section(text: str, state: _State) -> tuple[str, str] | None:
    """A mixed-case "IV. Title" heading, accepted only as the next numeral of the body's sections."""
    found = section_heading(text)
    if not found:
        return None
    value, current = roman_value(found[0]), roman_value(state.item) if state.item else 0
    return found if value and (value == current + 1 or (not current and value <= 2)) else None


def _next_letter(text: str, state: _State) -> tuple[str, str] | None:
    """A mixed-case "B. Title" sub-section heading, accepted only as the next letter within the item."""
    if not state.item:
        return None
    found = letter_heading(text)
    if not found:
        return None
    expected = chr(ord(state.section_letter) + 1) if state.section_letter else "A"
    if found[0] != expected:
        return None
    state.section_letter = found[0]
    return found


def _finish(draft: _Draft, titles: dict[str, str], bodies: tuple[str, ...]) -> list[Paragraph]:
    text = draft.text()
    item_title = titles.get(draft.item) or title_case(draft.item_numeral_title)
    label = f"{draft.scope} ¶{draft.number}" if draft.scope else f"¶{draft.number}"
    paragraph = Paragraph(
        doc=draft.doc,
        number=draft.number,
        item=draft.item,
        item_title=item_title,
        subitem=draft.subitem,
        subitem_title=draft.subitem_title,
        heading=draft.heading,
        decision=is_decision(text, bodies),
        text=text,
        page=draft.line.page,
        position=draft.line.position,
        scope=draft.scope,
        label=label,
    )
    return split_units(paragraph)
