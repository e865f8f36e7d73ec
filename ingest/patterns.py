"""What report text looks like: item and sub-item headings, decisions, titles and document references."""
from __future__ import annotations

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
_PARAGRAPH = re.compile(r"^(\d{1,4})\.(?:\s+(.*))?$")
_DOC_REF = re.compile(r"[\s,;–-]*\(?\bDocs?\.\s*[A-Z]{1,4}\d{3,5}\w*\)?\s*$")
_MAX_HEADING_CHARS = 250
_ROMAN_LETTERS = set("ivx")

# "In conclusion, the PTC:" / "..., the Committee:" — a body, not a person ("the Delegate").
_BODY_WORDS = (
    r"Committee|Council|Commission|Sub-Committee|Working\s+Group|Group|Meeting|Session|Sessions|"
    r"Board|Assembly|Conference|Team|Forum|Panel"
)
_NAMED_BODY = rf"(?:[A-Z][\w-]*\s+){{0,4}}(?:{_BODY_WORDS})"
# Acronyms of meeting bodies end in C: PTC, HSC, EC, PC, TMC.
_BODY = rf"(?:[A-Z]{{0,6}}C|{_NAMED_BODY})"
_ACTS = r"(?:took\s+note|endorsed|adopted|agreed|approved|decided|elected|re-elected)\b"
_CONCLUSION = re.compile(
    rf"^In\s+conclusion,?\s+the\s+(?:(?:[A-Z]{{2,8}}|{_BODY})\s*:|{_BODY}\s+{_ACTS})"
)
_BODY_ACTS = re.compile(rf"^The\s+{_BODY}\s+{_ACTS}")
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


def is_short_title(text: str) -> bool:
    """Whether a line is short enough, and unpunctuated enough, to be a heading rather than prose."""
    return 0 < len(text) <= _MAX_HEADING_CHARS and not text.endswith((";", ",")) and text[:1].isupper()


def is_decision(text: str) -> bool:
    """Whether a paragraph records the meeting body's decision.

    Args:
        text: the paragraph text without its number.

    Returns:
        True for "In conclusion, the PTC:" / "..., the Committee:" and for "The Council took note /
        endorsed / adopted / agreed ..."; False for "In conclusion, the Delegate ...".
    """
    return bool(_CONCLUSION.match(text) or _BODY_ACTS.match(text))


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
