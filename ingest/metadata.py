"""What a report says about itself on its front page: body, sessions, dates, year, document code or symbol, ids."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from vocabulary import MONTHS

from .lines import Line
from .markup import clean_inline
from .records import ReportMeta

# "24 – 26 October 2023", "30 June - 2 July 2023", "13 March 2024", "from 5 to 15 June 2023"
_DATES = re.compile(
    rf"\b(\d{{1,2}}(?:\s+(?:{MONTHS}))?\s*(?:[-–—]|to)\s*)?\d{{1,2}}\s+(?:{MONTHS})\s+\d{{4}}\b"
)
_SESSIONS = re.compile(r"\b(\d{1,3}(?:st|nd|rd|th))(?:\s*(?:/|and|&|-|–)\s*(\d{1,3}(?:st|nd|rd|th)))?\s+Sessions?\b", re.I)
# "on its fifty-eighth session", "Third session", "at its 30th meeting" is not a session.
_WORD_SESSION = re.compile(r"\b([a-z]+(?:[-\s][a-z]+)?)\s+(?:\(resumed\)\s+)?session\b", re.I)
# "PC0737Ea": the code PC0737E plus a revision letter; NC, HS, EC ... codes have the same shape.
_CODE = re.compile(r"\b([A-Z]{1,4}\d{3,5}[EF])(?:[a-z]{1,2})?\b")
# UN document symbols: "FCCC/SBI/2023/10", "A/AC.296/2026/9", "ECE/TRADE/C/CEFACT/2020/19", "A/HRC/43/15".
_SYMBOL = re.compile(r"\b([A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.]{0,11}){2,6})\b")
_COMMITTEE = re.compile(
    r"\b((?:[A-Z][\w-]*\s+){0,6}(?:Committee|Council|Commission|Sub-Committee|Working\s+Group|Assembly|Board))\b"
)
# "Report of the Subsidiary Body for Implementation on its fifty-eighth session": the body that met.
_REPORT_OF = re.compile(r"\bReport\s+of\s+the\s+([A-Z].*?)(?=\s+(?:on|at)\s+its\b|\s*,?\s+held\b|\s*$)", re.MULTILINE)
_KNOWN_SHORT = {
    "permanent technical committee": "PTC",
    "harmonized system committee": "HSC",
    "policy commission": "PC",
    "council": "Council",
    "enforcement committee": "EC",
    "capacity building committee": "CBC",
    "technical committee on customs valuation": "TCCV",
    "technical committee on rules of origin": "TCRO",
}
_NAME_WORDS = {"for", "of", "and", "the", "on", "in", "to"}
# A body name longer than this many capitalised words is shortened to its head ("Preparatory Commission").
_MAX_INITIALS = 6
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# Lines of the front page searched for the committee, sessions, dates and code.
FRONT_MATTER_LINES = 40


def read_metadata(path: Path, data: bytes, front: list[Line]) -> ReportMeta:
    """Read the report's metadata from its front matter, with ids derived from the file when not printed.

    Args:
        path: the report file.
        data: its bytes (for the content hash).
        front: the lines before the agenda table / body.

    Returns:
        The `ReportMeta`; `id` is the printed code or symbol ("PC0737E", "FCCC/SBI/2023/10") or
        else derived from the file name.
    """
    text = "\n".join(clean_inline(line.text) for line in front[:FRONT_MATTER_LINES])
    flat = " ".join(text.split())
    title = _report_title(text)
    reported = _REPORT_OF.search(title)
    body_name = " ".join(reported.group(1).split()).rstrip(",") if reported else ""
    committee = body_name or _first(_COMMITTEE, text, group=1)
    # A masthead may name the parent body's session ("Twenty-sixth session" of the Centre): when the
    # report has a title, only a session the title names is the report's.
    sessions = _sessions(text) or _word_sessions(title or flat)
    dates = _dates(flat)
    # A PDF's layout may split a symbol at its first slash ("ECE" / "/TRADE/C/CEFACT/2020/19").
    code = _first(_CODE, text, group=1) or _first(_SYMBOL, re.sub(r"\s+/", "/", flat), group=1)
    body = body_short(committee)
    return ReportMeta(
        id=code or stem_id(path),
        committee=committee,
        sessions=sessions,
        dates=dates,
        code=code,
        short_name=short_name(committee, sessions, path, code),
        file_name=path.name,
        content_hash=hashlib.sha256(data).hexdigest(),
        body=body,
        body_name=committee,
        year=_year(dates, code),
    )


def stem_id(path: Path) -> str:
    """A stable id from the file name: "PTC report (Oct 2023).pdf" -> "PTC-report-Oct-2023"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-") or "report"


def body_short(committee: str) -> str:
    """The body's short form: "PTC", "SBI", "Council", "Preparatory Commission"; "" when unknown."""
    if not committee:
        return ""
    known = _KNOWN_SHORT.get(committee.lower())
    if known:
        return known
    words = [word for word in committee.split() if word[:1].isupper()]
    if len(words) > _MAX_INITIALS:
        head = committee.split(" for ")[0].split(" on ")[0]
        return head if len(head.split()) <= 3 else " ".join(head.split()[:2])
    return "".join(word[0] for word in words) if len(words) > 1 else committee


def short_name(committee: str, sessions: str, path: Path, code: str = "") -> str:
    """The name citations use across reports: "PTC 241/242", "SBI 58"; never the body alone.

    Args:
        committee: e.g. "Permanent Technical Committee" ("" when unknown).
        sessions: e.g. "241st/242nd" ("" when unknown).
        path: the report file, for the fallback.
        code: the printed code or symbol, used when no session is printed.

    Returns:
        e.g. "PTC 241/242", "SBI 58"; the code ("A/AC.296/2026/9") when no session is printed,
        and the file stem when neither the body nor a code is known. A bare body ("TEG") only
        when nothing else identifies the report.
    """
    numbers = "/".join(re.findall(r"\d+", sessions))
    if committee and numbers:
        return f"{body_short(committee)} {numbers}"
    if code:
        return code
    if not committee:
        return path.stem
    return body_short(committee)


def unique_short_names(reports: list[ReportMeta]) -> dict[str, str]:
    """Report id -> a short name unique among `reports`: clashing names get their code or id appended.

    Args:
        reports: the reports of one index.

    Returns:
        e.g. {"FCCC/SBI/2023/10": "SBI 58", "X": "GA (X)"}.
    """
    names = {meta.id: meta.short_name or meta.id for meta in reports}
    seen: dict[str, int] = {}
    for name in names.values():
        seen[name] = seen.get(name, 0) + 1
    return {doc: (f"{name} ({doc})" if seen[name] > 1 and name != doc else name) for doc, name in names.items()}


def _report_title(text: str) -> str:
    """The "Report of the ..." title with the line it wraps onto, on one line ("" when not printed)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if re.search(r"\bReport\s+of\s+the\b", line):
            return " ".join(" ".join(lines[index:index + 2]).split())
    return ""


def _dates(flat: str) -> str:
    """The meeting's dates: a printed range ("5 to 15 June 2023") before a single date (often the issue date)."""
    found = [match.group(0) for match in _DATES.finditer(flat)]
    ranges = [date for date in found if re.search(r"[-–—]|\bto\b", date)]
    chosen = (ranges or found or [""])[0]
    return " ".join(chosen.split())


def _sessions(text: str) -> str:
    match = _SESSIONS.search(text)
    if not match:
        return ""
    return "/".join(part for part in match.groups() if part)


def _word_sessions(text: str) -> str:
    """"fifty-eighth session" -> "58th"; "" when no spelled-out session is printed."""
    for match in _WORD_SESSION.finditer(text):
        words = match.group(1).lower().replace(" ", "-").split("-")
        value = ordinal_value(words[-2:]) or ordinal_value(words[-1:])
        if value:
            return f"{value}{_suffix(value)}"
    return ""


def ordinal_value(words: list[str]) -> int:
    """["fifty", "eighth"] -> 58, ["third"] -> 3; 0 for anything else."""
    if len(words) == 1:
        return _ORDINAL_UNITS.get(words[0], 0)
    if len(words) == 2 and words[0] in _TENS and _ORDINAL_UNITS.get(words[1], 0) < 10:
        unit = _ORDINAL_UNITS.get(words[1], 0)
        return _TENS[words[0]] + unit if unit else 0
    return 0


def _suffix(value: int) -> str:
    if value % 100 in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


def _year(dates: str, code: str) -> int | None:
    years = re.findall(r"\b(19\d{2}|20\d{2})\b", dates) or re.findall(r"/(19\d{2}|20\d{2})/", code)
    return int(years[-1]) if years else None


def _first(pattern: re.Pattern[str], text: str, group: int) -> str:
    match = pattern.search(text)
    return " ".join(match.group(group).split()) if match else ""
