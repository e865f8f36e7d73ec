"""Citable sub-units of long paragraphs: sub-numbered points ("¶121.14") and the items of long lists ("¶37(c)")."""
from __future__ import annotations

import re
from dataclasses import replace

from .records import Paragraph

# A paragraph longer than this whose list has at least `MIN_LIST_ITEMS` top-level items is cut
# into one unit per item, so that no citation points at pages of text. A short list of long items
# stays whole: the bundled report's ¶80 (three roman points, 3,000 characters) is one citation.
LONG_PARAGRAPH_CHARS = 2000
MIN_LIST_ITEMS = 4
# "(a) ", "a) ", "a. ", "(iv) ", "1. ", "2) ", "- ": the label opening a list line.
_LIST_ITEM = re.compile(r"^(?:\((\w{1,4})\)|(\w{1,4})[.)]|(-))\s")
_ROMAN = re.compile(r"^[ivxlc]+$")
_SUBPOINT = re.compile(r"^(\d{1,4})\.(\d{1,3})\.?\s")


def split_units(paragraph: Paragraph) -> list[Paragraph]:
    """The paragraph as one unit, or as its citable sub-units when it has sub-numbered points or a long list.

    Each unit keeps the paragraph's number, scope and place; its label names the point
    ("¶121.14", "Annex II ¶3(b)") and its text is the point verbatim. The introduction before the
    first point keeps the paragraph's own label. Joined with newlines, the units' texts give the
    paragraph's text back.

    Args:
        paragraph: a finished paragraph (its label set).

    Returns:
        [paragraph] or its units in order.
    """
    lines = paragraph.text.split("\n")
    groups = _subnumbered(lines, paragraph.number)
    if groups is None and len(paragraph.text) > LONG_PARAGRAPH_CHARS:
        groups = _list_items(lines)
    if not groups:
        return [paragraph]
    base = paragraph.ref
    units = []
    used: set[str] = set()
    for suffix, chunk in groups:
        label = base if suffix is None else f"{base}{suffix}"
        if label in used:
            label = f"{label}-{len(units) + 1}"
        used.add(label)
        units.append(replace(paragraph, label=label, text="\n".join(chunk)))
    return units


def _subnumbered(lines: list[str], number: int) -> list[tuple[str | None, list[str]]] | None:
    """Groups opened by "121.1 ", "121.2 " ... lines; None when the paragraph has no such points."""
    prefix = f"{number}."
    if not any(line.startswith(prefix) and _SUBPOINT.match(line) for line in lines):
        return None
    groups: list[tuple[str | None, list[str]]] = []
    for line in lines:
        match = _SUBPOINT.match(line) if line.startswith(prefix) else None
        if match:
            groups.append((f".{match.group(2)}", [line]))
        elif groups:
            groups[-1][1].append(line)
        else:
            groups.append((None, [line]))
    return groups if len(groups) > 1 else None


def _list_items(lines: list[str]) -> list[tuple[str | None, list[str]]] | None:
    """Groups opened by the list's top-level items (the kind of label its first item has)."""
    kinds = [_kind(line, None) for line in lines]
    first = next((kind for kind in kinds[1:] if kind), None)
    if first is None:
        return None
    groups: list[tuple[str | None, list[str]]] = [(None, [])]
    previous: str | None = None
    count = 0
    for line in lines:
        kind = _kind(line, previous if first == "letter" else None)
        if kind == first:
            count += 1
            label = _label(line)
            previous = label
            groups.append((f"({label})" if label else f"({count})", [line]))
        else:
            groups[-1][1].append(line)
    if not groups[0][1]:
        groups.pop(0)
    return groups if count >= MIN_LIST_ITEMS else None


def _label(line: str) -> str | None:
    match = _LIST_ITEM.match(line)
    return (match.group(1) or match.group(2)) if match else None


def _kind(line: str, previous_letter: str | None) -> str | None:
    """"letter", "roman", "number" or "bullet" for a list line; None for other lines."""
    match = _LIST_ITEM.match(line)
    if not match:
        return None
    if match.group(3):
        return "bullet"
    label = match.group(1) or match.group(2)
    if label.isdigit():
        return "number"
    if len(label) == 1 and label.isalpha():
        # "(i)" after "(h)" is a letter; after "(c)" it opens a roman sub-list.
        if _ROMAN.match(label) and not (previous_letter and ord(label) == ord(previous_letter) + 1):
            return "roman" if label != "a" else "letter"
        return "letter"
    return "roman" if _ROMAN.match(label.lower()) else None
