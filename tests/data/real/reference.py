"""An independent reading of the UNFCCC text reports, used to draft their expectation files (then hand-checked)."""
# It does not use the `ingest` package: it reads the converter's tab indentation, which the parser
# ignores. A paragraph is a line "<tabs>N.<tab>text" whose N follows the last number of its scope
# and whose indentation is not deeper than the last paragraph's (unless a heading came between);
# its text runs to the next paragraph, heading (lettered; or a title line, capitalised and
# unpunctuated, after a finished sentence and not indented deeper than the paragraph) or annex.
# Run: python tests/data/real/reference.py FILE
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

_NUMBERED = re.compile(r"^(\t*)(\d+)\.\t(.*)$")
_SECTION = re.compile(r"^\t*(?:[IVXL]+|[A-Z])\.\t\S")
_AGENDA_NOTE = re.compile(r"^\t*\(Agenda (?:sub-)?item")
_ANNEX = re.compile(r"^\t*(Annex(?: [IVX]+)?)\s*$")
_TITLE = re.compile(r"^(?:\([a-z]\)\s+)?[A-Z][^\t]*[^.;:,\s]$")  # a title: capital start, no final punctuation
_LETTERED_TITLE = re.compile(r"^\t*\([a-z]\)\t[A-Z]")
_ENDS_SENTENCE = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_SMALL_HEADING = re.compile(r"^\t*\d{1,2}\.\t[A-Z][^.;:]{0,80}$")


def normalise(text: str) -> str:
    """Words only, lower-cased: spacing and punctuation do not count."""
    return " ".join(re.findall(r"\w+", text.lower()))


def fingerprint(text: str) -> str:
    """A short hash of the normalised text."""
    return hashlib.sha1(normalise(text).encode()).hexdigest()[:12]


def read(path: Path) -> list[dict]:
    """The paragraphs of a UNFCCC text report as {scope, number, text}."""
    lines = path.read_text(encoding="utf-8-sig").replace("\r", "").split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(r"^\t*1\.\t", line))
    paragraphs: list[dict] = []
    scope, last, depth, heading_seen = "", 0, None, True
    current: dict | None = None
    list_last: int | None = None  # the last number of a list the current paragraph announced with ":"
    for line in lines[start:]:
        annex = _ANNEX.match(line)
        if annex:
            scope, heading_seen, current = annex.group(1), True, None
            continue
        numbered = _NUMBERED.match(line)
        if numbered:
            tabs, number, rest = len(numbered.group(1)), int(numbered.group(2)), numbered.group(3)
            announced = current is not None and (list_last is not None or current["lines"][-1].rstrip().endswith(":"))
            if announced and number == (list_last or 0) + 1:
                list_last = number
                current["lines"].append(f"{number}. {rest.strip()}")
                continue
            follows = number == last + 1 or (scope and current is None and number == 1)
            if follows and (heading_seen or depth is None or tabs <= depth or list_last is not None):
                current, list_last = {"scope": scope, "number": number, "lines": [rest]}, None
                paragraphs.append(current)
                last, depth, heading_seen = number, tabs, False
                continue
            if _SMALL_HEADING.match(line) and not (current and current["lines"][-1].rstrip().endswith(":")):
                heading_seen, current = True, None
                continue
        elif _SECTION.match(line) or _AGENDA_NOTE.match(line):
            heading_seen, current = True, None
            continue
        tabs = len(line) - len(line.lstrip("\t"))
        shallow = tabs <= (depth or 0) and not line.strip().startswith("|")
        titled = _TITLE.match(line.strip()) and _ENDS_SENTENCE.search(current["lines"][-1]) if current else False
        if current is not None and titled and (shallow or _LETTERED_TITLE.match(line)) and not _in_list(current, list_last):
            heading_seen, current = True, None  # an unlabelled heading, as shallow as the paragraphs
            continue
        if current is not None and line.strip():
            current["lines"].append(line.strip())
    return [{"scope": p["scope"], "number": p["number"], "text": "\n".join(p["lines"])} for p in paragraphs]


def is_decision(text: str, body: str) -> bool:
    """The definition the expectations use: "[At its Nth meeting, on DATE,] the <Body> [and the <Body>]
    [also] decided / adopted / took note / endorsed / agreed / approved / requested", or "In conclusion, the <Body>:"."""
    intro = r"(?:(?:Also )?At (?:its|the|their) [^,]{0,60}?(?:meeting|session)s?(?:,? (?:held )?on [^,]{3,40})?, )?"
    bodies = rf"[Tt]he {body}(?:(?:,| and) the [A-Z]{{2,8}})*"
    acts = r"(?:also |further )?(?:decided|adopted|took note|endorsed|agreed|approved|requested)\b"
    return bool(re.match(rf"^(?:{intro}{bodies} {acts}|In conclusion, the {body}:)", text))


def _in_list(paragraph: dict, list_last: int | None) -> bool:
    """The paragraph is in a list it announced: a numbered one, or its last line ends like a list item."""
    return list_last is not None or paragraph["lines"][-1].rstrip().endswith((":", ";", "; and", "; or", ","))


if __name__ == "__main__":
    for found in read(Path(sys.argv[1])):
        print(json.dumps(found, ensure_ascii=False))
