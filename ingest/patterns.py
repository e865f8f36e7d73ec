"""What report text looks like: item and sub-item headings, decisions, titles and document references."""
from __future__ import annotations

import functools
import re

ROMAN = r"[IVXLC]{1,7}"
# "ITEM V – E-COMMERCE", "ITEM XII - INCLUSIVENESS"; mixed case ("Agenda item 3: Election") needs a separator,
# so that prose such as "Item 5 of the agenda was ..." is not taken for a heading.
_ITEM_CAPS = re.compile(rf"^(?:AGENDA\s+)?ITEM\s+(?:NO\.?\s*)?({ROMAN}|\d{{1,3}})\b\.?\s*(?:[-–—:.]\s*)?(.*)$")
_ITEM_MIXED = re.compile(
    rf"^(?:Agenda\s+)?[Ii]tem\s+(?:[Nn]o\.?\s*)?({ROMAN}|\d{{1,3}})\s*(?:\.?\s*[-–—:.]\s*(.*))?$"
)
# "III. ELECTION OF THE CHAIRPERSON": a numeral heading, accepted only with heading markup or in capitals.
_ROMAN_HEADING = re.compile(rf"^({ROMAN})\.\s+(\S.*)$")
_SUBITEM = re.compile(r"^([a-z])[.)]\s+([A-Z0-9\"“‘'(].*)$")
_PARAGRAPH = re.compile(r"^(\d+)\.(?:\s+(.*))?$")
# Mixed-case section headings of UN-style reports: "I. Organizational matters", "A. Attendance",
# and small numbered headings inside an item: "1. Proceedings", "2. Conclusions".
_SECTION = re.compile(rf"^({ROMAN})\.\s+([A-Z\"“‘'(].*)$")
_LETTER = re.compile(r"^([A-Z])\.\s+([A-Z\"“‘'(].*)$")
_NUMBERED_TITLE = re.compile(r"^(\d{1,2})\.\s+([A-Z][^.;:!?]{0,80})$")
_MAX_SECTION_CHARS = 200
# "Annex", "ANNEX II", "Annex II – List of participants", "Appendix 1", "Part Two": a new run of numbers.
_SCOPE = re.compile(
    r"^(Annex|ANNEX|Appendix|APPENDIX|Part|PART|Attachment|ATTACHMENT)"
    r"(?:\s+([IVXLC]{1,6}|\d{1,2}|[A-Z]|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|"
    r"ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN))?\s*(?:[-–—:.]\s*(.*))?$"
)
_MAX_SCOPE_CHARS = 120
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_DOC_REF = re.compile(r"[\s,;–-]*\(?\bDocs?\.\s*[A-Z]{1,4}\d{3,5}\w*\)?\s*$")
_MAX_HEADING_CHARS = 250
_ROMAN_LETTERS = set("ivx")

# "In conclusion, the PTC:" / "..., the Committee:" — a body, not a person ("the Delegate").
_BODY_WORDS = (
    r"Committee|Council|Commission|Sub-Committee|Working\s+Group|Group|Meeting|Session|Sessions|"
    r"Board|Assembly|Conference|Team|Forum|Panel|Body"
)
_HEAD_NOUN = re.compile(rf"\b(?:{_BODY_WORDS})$")
_NAMED_BODY = rf"(?:[A-Z][\w-]*\s+){{0,4}}(?:{_BODY_WORDS})"
# Acronyms of meeting bodies end in C: PTC, HSC, EC, PC, TMC.
_BODY = rf"(?:[A-Z]{{0,6}}C|{_NAMED_BODY})"
_ACTS = (
    r"(?:(?:also|further|then|subsequently|therefore|unanimously)\s+)?"
    r"(?:took\s+note|noted|endorsed|adopted|agreed|approved|decided|elected|re-elected|requested|"
    r"recommended|welcomed|invited|encouraged|urged|concluded|reaffirmed|recognized|acknowledged|"
    r"expressed\s+(?:its|their)?\s*(?:appreciation|gratitude|concern|support)|established|appointed|"
    r"designated|authorized|reiterated|emphasized|stressed|underlined|confirmed)\b"
)
# "At its 30th meeting, on 12 March 2020, " / "At the same meeting, with regard to the Bureau, " /
# "On that basis, ": up to three short comma-closed phrases before the body.
_MEETING_INTRO = r"(?:[A-Z][^.;:,]{0,80},\s+)(?:[^.;:,]{1,60},\s+){0,2}"
# "the Preparatory Commission, under item 4 of the agenda, decided": one aside between body and act.
_ASIDE = r"(?:,\s+[^.;:,]{1,60},)?"
_CONCLUSION = re.compile(
    rf"^In\s+conclusion,?\s+the\s+(?:(?:[A-Z]{{2,8}}|{_BODY})\s*:|{_BODY}\s+{_ACTS})"
)
# UNECE-style records number their decisions in the text: "It was approved as proposed (Decision 1)."
_NUMBERED_DECISION = re.compile(r"\((?:Decision|Decisions)\s+\d{1,3}(?:\s*(?:,|and|-|–)\s*\d{1,3})*\)")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def item_heading(text: str, marked: bool) -> tuple[str, str] | None:
    """The (numeral, title) of an agenda item heading, or None.

    Args:
        text: a clean line.
        marked: the line had heading markup or was wholly bold.

    Returns:
        ("V", "E-COMMERCE") for "ITEM V – E-COMMERCE"; None when the line is not an item heading.
    """
    if len(text) > _MAX_HEADING_CHARS:
        return None
    match = _ITEM_CAPS.match(text) or _ITEM_MIXED.match(text)
    if match:
        return match.group(1).upper(), strip_doc_ref(match.group(2) or "")
    match = _ROMAN_HEADING.match(text)
    if match and (marked or (match.group(2).isupper() and len(text) <= 120)):
        return match.group(1), strip_doc_ref(match.group(2))
    return None


def subitem_heading(text: str, previous_label: str | None, marked: bool = False) -> tuple[str, str] | None:
    """The (label, title) of a sub-item heading such as "c. Fair and Efficient Revenue Collection", or None.

    Unless marked as a heading, labels that are also roman numerals (i, v, x) start a sub-item
    only when they follow the previous label in the alphabet, so a sub-list "i. Under the theme
    ..." is not taken for one.

    Args:
        text: a clean line.
        previous_label: the current item's last sub-item label, if any.
        marked: the line had heading markup or was wholly bold.

    Returns:
        (label, title) or None.
    """
    match = _SUBITEM.match(text)
    if not match or len(text) > _MAX_HEADING_CHARS:
        return None
    label, title = match.group(1), match.group(2)
    if label in _ROMAN_LETTERS and not marked:
        expected = chr(ord(previous_label) + 1) if previous_label else "a"
        if label != expected:
            return None
    return label, strip_doc_ref(title)


def paragraph_start(text: str) -> tuple[int, str] | None:
    """The (number, rest) of a line that starts with a printed number "N." (any N), or None."""
    match = _PARAGRAPH.match(text)
    if not match:
        return None
    return int(match.group(1)), (match.group(2) or "").strip()


def roman_value(numeral: str) -> int:
    """The value of a roman numeral ("XIV" -> 14); 0 for anything else."""
    values = [_ROMAN_VALUES.get(ch, 0) for ch in numeral.upper()]
    if not values or 0 in values:
        return 0
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def section_heading(text: str) -> tuple[str, str] | None:
    """(numeral, title) of a mixed-case section heading "I. Organizational matters", or None.

    The caller decides from the numbering sequence whether it is one: the shape alone would also
    match an upper-case list label.
    """
    match = _SECTION.match(text)
    if not match or len(text) > _MAX_SECTION_CHARS or text.endswith((".", ";", ",", ":")):
        return None
    return match.group(1), match.group(2).rstrip(" *")


def letter_heading(text: str) -> tuple[str, str] | None:
    """(letter, title) of a sub-section heading "A. Attendance", or None (the caller checks the sequence)."""
    match = _LETTER.match(text)
    if not match or len(text) > _MAX_SECTION_CHARS or text.endswith((".", ";", ",", ":")):
        return None
    return match.group(1), match.group(2).rstrip(" *")


def numbered_title(text: str) -> str | None:
    """The title of a small numbered heading ("1. Proceedings", "2. Conclusions"), or None."""
    match = _NUMBERED_TITLE.match(text)
    return match.group(2).strip() if match else None


def scope_heading(text: str, marked: bool = False) -> tuple[str, str] | None:
    """(scope, title) of a heading that opens a new run of paragraph numbers, or None.

    Args:
        text: a clean line.
        marked: the line had heading markup or was wholly bold.

    Returns:
        ("Annex II", "List of participants") for "ANNEX II – LIST OF PARTICIPANTS"; ("Part Two", "")
        for "Part Two"; None for prose such as "Annex I to the Convention" or a bare "Part".
    """
    match = _SCOPE.match(text)
    if not match or len(text) > _MAX_SCOPE_CHARS:
        return None
    kind, designation, title = match.group(1), match.group(2), match.group(3)
    if kind.lower() == "part" and not designation:
        return None
    if title is None and text.strip() != " ".join(part for part in (kind, designation) if part):
        return None
    if not (marked or kind.isupper() or kind[0].isupper()):
        return None
    if designation and designation.isalpha() and len(designation) > 1 and set(designation) - set("IVXLC"):
        designation = designation.capitalize()  # "TWO" -> "Two"; numerals stay "II"
    name = f"{kind.capitalize()} {designation}" if designation else kind.capitalize()
    return name, (title or "").strip()


def is_short_title(text: str) -> bool:
    """Whether a line is short enough, and unpunctuated enough, to be a heading rather than prose."""
    return 0 < len(text) <= _MAX_HEADING_CHARS and not text.endswith((";", ",")) and text[:1].isupper()


def is_decision(text: str, bodies: tuple[str, ...] = ()) -> bool:
    """Whether a paragraph records the meeting body's decision.

    Args:
        text: the paragraph text without its number.
        bodies: the report's own names for its body (e.g. ("SBI", "Subsidiary Body for
            Implementation")). When given, only that body (or its head noun, "the Commission")
            and meeting-body acronyms ending in C decide, so "the General Assembly decided" in a
            commission's report is not its decision; when empty, any committee, council ... does.

    Returns:
        True for "In conclusion, the PTC:" / "..., the Committee:", for a numbered "(Decision 3)", and for the body deciding,
        adopting, taking note, endorsing, agreeing, approving, requesting ... at the start of the
        paragraph or after short introductory phrases ("At its Nth meeting, on DATE,"); False for "In conclusion, the Delegate
        ..." and for other actors ("The Secretariat took note", "The EU endorsed").
    """
    return bool(_CONCLUSION.match(text) or _body_acts(bodies).match(text) or _NUMBERED_DECISION.search(text))


def _body_acts(bodies: tuple[str, ...]) -> re.Pattern[str]:
    """"[intro, ]the <Body>[ and the <Body>] <act>" for the report's own bodies and the generic ones."""
    names = {name for name in bodies if name}
    # The report's body may call itself by its head noun: "the Commission" for the Preparatory Commission.
    names |= {match.group(0) for name in list(names) if (match := _HEAD_NOUN.search(name.split(" for ")[0]))}
    if not names:
        return _compiled_body_acts(_BODY)
    named = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    # Named: only the report's own body acts (and meeting-body acronyms such as PTC), not "the General Assembly".
    return _compiled_body_acts(rf"(?:{named}|[A-Z]{{0,6}}C)")


@functools.lru_cache(maxsize=64)
def _compiled_body_acts(body: str) -> re.Pattern[str]:
    one = rf"[Tt]he\s+{body}"
    # Joint conclusions name the other body too: "The SBI and the SBSTA agreed".
    other = rf"(?:{body}|[A-Z]{{2,8}})"
    return re.compile(rf"^(?:{_MEETING_INTRO})?{one}(?:\s*(?:,|and)\s+(?:the\s+)?{other})*{_ASIDE}\s+{_ACTS}")


def is_doc_ref(text: str) -> bool:
    """Whether a line is only a document reference, such as a "### Doc. PC0733Ea" heading."""
    return not _DOC_REF.sub("", text).strip()


def strip_doc_ref(title: str) -> str:
    """Drop a trailing document reference: "Update of the GNC Handbook Doc. PC0727Ea" -> "Update of the GNC Handbook"."""
    stripped = _DOC_REF.sub("", title).strip()
    return stripped or title.strip()


def title_case(title: str) -> str:
    """A readable title for an ALL-CAPS heading ("GREEN CUSTOMS" -> "Green Customs"); others unchanged.

    Words in parentheses stay as printed, since they are usually acronyms ("(WTO)").
    """
    if not title.isupper():
        return title
    words = []
    for index, word in enumerate(title.split()):
        if word.startswith("("):
            words.append(word)
        elif index and word.lower() in _SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(part[:1] + part[1:].lower() for part in word.split("-")))
    return " ".join(words)
