"""What a report says about itself on its front page: committee, sessions, dates, document code, ids."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .lines import Line
from .markup import clean_inline
from .records import ReportMeta

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "24 – 26 October 2023", "30 June - 2 July 2023", "13 March 2024"
_DATES = re.compile(
    rf"\b(\d{{1,2}}(?:\s+(?:{_MONTHS}))?\s*[-–—]\s*)?\d{{1,2}}\s+(?:{_MONTHS})\s+\d{{4}}\b"
)
_SESSIONS = re.compile(r"\b(\d{1,3}(?:st|nd|rd|th))(?:\s*(?:/|and|&|-|–)\s*(\d{1,3}(?:st|nd|rd|th)))?\s+Sessions?\b", re.I)
# "PC0737Ea": the code PC0737E plus a revision letter; NC, HS, EC ... codes have the same shape.
_CODE = re.compile(r"\b([A-Z]{1,4}\d{3,5}[EF])(?:[a-z]{1,2})?\b")
_COMMITTEE = re.compile(
    r"\b((?:[A-Z][\w-]*\s+){0,6}(?:Committee|Council|Commission|Sub-Committee|Working\s+Group|Assembly|Board))\b"
)
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
# Lines of the front page searched for the committee, sessions, dates and code.
FRONT_MATTER_LINES = 40


def read_metadata(path: Path, data: bytes, front: list[Line]) -> ReportMeta:
    """Read the report's metadata from its front matter, with ids derived from the file when not printed.

    Args:
        path: the report file.
        data: its bytes (for the content hash).
        front: the lines before the agenda table / body.

    Returns:
        The `ReportMeta`; `id` is the printed code ("PC0737E") or else derived from the file name.
    """
    text = "\n".join(clean_inline(line.text) for line in front[:FRONT_MATTER_LINES])
    committee = _first(_COMMITTEE, text, group=1)
    sessions = _sessions(text)
    dates_match = _DATES.search(text)
    dates = " ".join(dates_match.group(0).split()) if dates_match else ""
    code = _first(_CODE, text, group=1)
    return ReportMeta(
        id=code or stem_id(path),
        committee=committee,
        sessions=sessions,
        dates=dates,
        code=code,
        short_name=short_name(committee, sessions, path),
        file_name=path.name,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def stem_id(path: Path) -> str:
    """A stable id from the file name: "PTC report (Oct 2023).pdf" -> "PTC-report-Oct-2023"."""
    return re.sub(r"[^A-Za-z0-9]+", "-", path.stem).strip("-") or "report"


def short_name(committee: str, sessions: str, path: Path) -> str:
    """The name citations use across reports: "PTC 241/242"; the file stem when nothing is printed.

    Args:
        committee: e.g. "Permanent Technical Committee" ("" when unknown).
        sessions: e.g. "241st/242nd" ("" when unknown).
        path: the report file, for the fallback.

    Returns:
        e.g. "PTC 241/242", "HSC 72", "Council"; the file stem when the committee is unknown.
    """
    if not committee:
        return path.stem
    abbreviation = _KNOWN_SHORT.get(committee.lower()) or _initials(committee)
    numbers = "/".join(re.findall(r"\d+", sessions))
    return f"{abbreviation} {numbers}".strip()


def _initials(committee: str) -> str:
    words = [word for word in committee.split() if word[:1].isupper()]
    return "".join(word[0] for word in words) if len(words) > 1 else committee


def _sessions(text: str) -> str:
    match = _SESSIONS.search(text)
    if not match:
        return ""
    return "/".join(part for part in match.groups() if part)


def _first(pattern: re.Pattern[str], text: str, group: int) -> str:
    match = pattern.search(text)
    return " ".join(match.group(group).split()) if match else ""
