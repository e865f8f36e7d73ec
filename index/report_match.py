"""The indexed reports a question names by session or year ("at its forty-third session", "SBI 58", "in 2016")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from vocabulary import MONTHS

_UNITS = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_UNIT_ORD = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEEN_ORD = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth"]
_TENS_ORD = ["", "", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"]


def _ordinal_words() -> dict[str, int]:
    """Spelled-out ordinals 1-99 ("forty-third", "forty third", "sixtieth") -> number."""
    table = {w: n for n, w in enumerate(_UNIT_ORD) if w}
    table.update({w: 10 + n for n, w in enumerate(_TEEN_ORD)})
    for tens in range(2, 10):
        table[_TENS_ORD[tens]] = tens * 10
        for unit in range(1, 10):
            for joiner in ("-", " ", ""):
                table[f"{_TENS[tens]}{joiner}{_UNIT_ORD[unit]}"] = tens * 10 + unit
    return table


ORDINAL_WORDS = _ordinal_words()
_ORDINAL = r"(\d{1,3})(?:st|nd|rd|th)|(" + "|".join(sorted(map(re.escape, ORDINAL_WORDS), key=len, reverse=True)) + ")"
# "58th session", "forty-third session", "the 58th and 59th sessions" (only the ordinal next to "session" here).
_ORDINAL_SESSION = re.compile(rf"\b(?:\d{{1,3}}(?:st|nd|rd|th)\s*(?:/|,|and|&)\s*)*(?:{_ORDINAL})\s+(?:(?:regular|ordinary|special|resumed|annual)\s+)?sessions?\b", re.I)
_SESSION_NUMBER = re.compile(r"\bsessions?\s+(?:no\.?\s*|number\s+)?(\d{1,3})\b", re.I)
_MONTHS = rf"(?:{MONTHS})"
_YEAR = r"((?:19|20)\d{2})"
# Years that date a meeting: "In 2016, ...", "during 2023", "the 2016 session", "the session held in June 2024".
_YEAR_MEETING = re.compile(
    rf"(?:^\W*(?:in|during)\s+(?:{_MONTHS}\s+)?{_YEAR}\b"
    rf"|\b{_YEAR}\s+(?:sessions?|meetings?|report)\b"
    rf"|\b(?:sessions?|meetings?)\s+(?:held\s+)?(?:(?:in|of|during)\s+)?(?:{_MONTHS}\s+)?{_YEAR}\b)",
    re.I,
)
# A year closing the question ("What did the SBI conclude in 2023?") may date the meeting or the facts asked
# about ("How many items were declared in 2022?"): it narrows to a report of that year, but never abstains.
_YEAR_LAST = re.compile(rf"\b(?:in|during)\s+(?:{_MONTHS}\s+)?{_YEAR}\s*[?.!]?\s*$", re.I)


@dataclass(frozen=True)
class ReportMatch:
    """What a question names of the indexed reports' sessions and years.

    docs: ids of the reports it names (empty when it names none, or names only what no report has).
    named: the session or year wording found ("58th session", "SBI 58", "2016"), in order.
    missing: one sentence saying what it names that no indexed report has ("" when nothing is missing).
    """

    docs: tuple[str, ...] = ()
    named: tuple[str, ...] = ()
    missing: str = ""

    def without_wording(self, text: str) -> str:
        """The question without its session and year wording ("In 2016, what did ..." -> "what did ...").

        Once retrieval is kept to the named report, that wording only draws the report's opening paragraph
        ("The forty-fourth session of the SBSTA was held ...") above the paragraph that answers.
        """
        for wording in self.named:
            # Only adverbial wording ("at its 58th session", "In 2016,"): "attended the 58th session" keeps its object.
            lead = r"\b(?:at|in|during|for)\s+(?:its\s+|the\s+)?"
            text = re.sub(lead + re.escape(wording) + r"(?:\s+of\s+the\s+[\w-]+)?\s*,?", " ", text, flags=re.I)
        return re.sub(r"\s+([?.!,;])", r"\1", re.sub(r"\s+", " ", text)).strip()


def _session_numbers(sessions: str) -> set[int]:
    """Numbers of a report's sessions ("241st/242nd" -> {241, 242})."""
    return {int(n) for n in re.findall(r"\d{1,3}", sessions or "")}


def _body_names(meta) -> set[str]:
    """A report's body as a question may name it: its short form, the short name's first word, its full name."""
    names = {getattr(meta, "body", "") or "", (getattr(meta, "short_name", "") or "").split(" ")[0], getattr(meta, "body_name", "") or ""}
    return {n.lower() for n in names if len(n) >= 2 and not any(c in n for c in "/.")}


def named_sessions(text: str, bodies: Iterable[str] = ()) -> list[tuple[int, str, str]]:
    """Sessions a question names, as (number, body or "", wording).

    Args:
        text: the question.
        bodies: body short forms of the indexed reports ("SBI", "SBSTA"): "SBI 58" and "SBSTA60" name sessions.

    Returns:
        Each named session once, in order; body is lower case when the wording ties it to one ("SBI 58").
    """
    found: list[tuple[int, str, str, int]] = []
    for m in _ORDINAL_SESSION.finditer(text):
        number = int(m.group(1)) if m.group(1) else ORDINAL_WORDS[m.group(2).lower()]
        found.append((number, "", m.group(0), m.start()))
    for m in _SESSION_NUMBER.finditer(text):
        found.append((int(m.group(1)), "", m.group(0), m.start()))
    names = sorted({b.lower() for b in bodies if b}, key=len, reverse=True)
    if names:
        pattern = re.compile(rf"\b({'|'.join(map(re.escape, names))})\s*-?\s*(\d{{1,3}})(?![\d/]|[.,]\d|\s*(?:%|per\s?cent))", re.I)
        for m in pattern.finditer(text):
            found.append((int(m.group(2)), m.group(1).lower(), m.group(0), m.start()))
    found.sort(key=lambda f: f[3])
    seen: dict[tuple[int, str], tuple[int, str, str]] = {}
    for number, body, wording, _ in found:
        seen.setdefault((number, body), (number, body, wording))
    return list(seen.values())


def named_years(text: str) -> list[tuple[int, bool]]:
    """Years a question names as the time of a meeting, in order, as (year, certain).

    certain is True for "In 2016, ...", "the 2023 session", "the session held in 2024"; False for a year
    closing the question ("... in 2023?"), which may date the facts asked about rather than the meeting.
    """
    years: dict[int, bool] = {}
    for m in _YEAR_MEETING.finditer(text):
        years[int(next(g for g in m.groups() if g))] = True
    for m in _YEAR_LAST.finditer(text):
        years.setdefault(int(m.group(1)), False)
    return list(years.items())


def match_reports(text: str, reports: Sequence) -> ReportMatch:
    """The indexed reports a question names by session, body and session number, or year.

    A body named anywhere in the question ("What did the SBI conclude ... at its 58th session?") narrows
    a session or year to that body's reports. Years later than every indexed report are targets ("by 2030"),
    not meetings, and are ignored.

    Args:
        text: the question.
        reports: the index's ReportMeta records.

    Returns:
        The match; `missing` is set when the question names a session or year no indexed report has.
    """
    reports = list(reports)
    all_bodies = {name for r in reports for name in _body_names(r)}
    sessions = named_sessions(text, {n for n in all_bodies if " " not in n})
    latest = max((r.year for r in reports if r.year), default=0)
    found = [(y, certain) for y, certain in named_years(text) if y <= latest]
    years = [y for y, certain in found if certain]
    last = [y for y, certain in found if not certain]
    if not sessions and not years and not last:
        return ReportMatch()
    lower = text.lower()
    asked_bodies = {n for n in all_bodies if re.search(rf"(?<![\w-]){re.escape(n)}(?![a-z-])", lower)}

    def of_body(meta, body: str) -> bool:
        wanted = {body} if body else asked_bodies
        return not wanted or bool(wanted & _body_names(meta))

    candidates = reports
    named: list[str] = []
    if sessions:
        candidates = [r for r in candidates if any(n in _session_numbers(r.sessions) and of_body(r, b) for n, b, _ in sessions)]
        named += [w for _, _, w in sessions]
    if years:
        candidates = [r for r in candidates if r.year in years and (sessions or of_body(r, ""))]
        named += [str(y) for y in years]
    if last:  # narrows when a report of that year is left, else it dates the facts, not the meeting
        dated = [r for r in candidates if r.year in last and (sessions or years or of_body(r, ""))]
        candidates = dated or candidates
        if not dated and not sessions and not years:
            return ReportMatch()
    if candidates:
        return ReportMatch(tuple(r.id for r in candidates), tuple(named))
    what = " and ".join(f'"{w}"' for w in named)
    return ReportMatch((), tuple(named), f"None of the indexed reports is from {what}: the question is not answered from another session's report.")
