"""Unit tests of index.report_match: sessions by ordinal word, digits or body and number, years, and sessions no report has."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from index.report_match import ORDINAL_WORDS, match_reports, named_sessions, named_years


def meta(id: str, body: str, sessions: str, year: int, body_name: str = "") -> SimpleNamespace:
    """A ReportMeta stand-in with the fields the matcher reads."""
    return SimpleNamespace(id=id, body=body, sessions=sessions, year=year, short_name=f"{body} {sessions[:-2]}", body_name=body_name)


REPORTS = [
    meta("SBI47", "SBI", "47th", 2017, "Subsidiary Body for Implementation"),
    meta("SBI58", "SBI", "58th", 2023, "Subsidiary Body for Implementation"),
    meta("SBSTA44", "SBSTA", "44th", 2016),
    meta("SBSTA58", "SBSTA", "58th", 2023),
    meta("PTC241", "PTC", "241st/242nd", 2023),
]


@pytest.mark.parametrize(
    ("word", "number"),
    [("first", 1), ("ninth", 9), ("twelfth", 12), ("nineteenth", 19), ("twentieth", 20), ("forty-third", 43),
     ("forty third", 43), ("fifty-eighth", 58), ("sixtieth", 60), ("seventy-second", 72), ("ninety-ninth", 99)],
)
def test_ordinal_words_up_to_ninety_ninth(word: str, number: int) -> None:
    assert ORDINAL_WORDS[word] == number
    assert named_sessions(f"What happened at its {word} session?")[0][0] == number


def test_ordinal_words_cover_one_to_ninety_nine_once_each() -> None:
    assert set(ORDINAL_WORDS.values()) == set(range(1, 100))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What was decided at the 58th session?", [(58, "")]),
        ("What did the SBI conclude at its Fifty-Eighth Session?", [(58, "")]),
        ("At SBI 58, what was agreed?", [(58, "sbi")]),
        ("What did SBSTA60 note?", [(60, "sbsta")]),
        ("What did the SBI-47 conclude?", [(47, "sbi")]),
        ("Which items were taken up in session 44?", [(44, "")]),
        ("What happened at the 241st session?", [(241, "")]),
        ("Who chaired the 241st/242nd Sessions?", [(242, "")]),
    ],
)
def test_named_sessions(question: str, expected: list) -> None:
    assert [(n, b) for n, b, _ in named_sessions(question, ["SBI", "SBSTA"])] == expected


@pytest.mark.parametrize(
    "question",
    ["What did the SBI say about Article 6, paragraph 2?", "What is the 5th assessment report?", "What did SBI members note, 58 of them?",
     "What did the SBI note on the 2030 Agenda?", "Who chaired the 2nd meeting?"],
)
def test_no_session_named(question: str) -> None:
    assert match_reports(question, REPORTS).named == ()


@pytest.mark.parametrize(
    ("question", "years"),
    [("In 2016, what did the SBSTA decide?", [(2016, True)]), ("What did the SBI conclude in 2023?", [(2023, False)]),
     ("What was said at the 2017 session?", [(2017, True)]), ("What did the session held in June 2024 conclude?", [(2024, True)]),
     ("What was the 2030 target discussed?", []), ("Which submissions were due by 10 April 2017?", [])],
)
def test_named_years(question: str, years: list[tuple[int, bool]]) -> None:
    assert named_years(question) == years


@pytest.mark.parametrize(
    ("question", "docs"),
    [
        ("What did the SBI conclude at its fifty-eighth session?", ("SBI58",)),
        ("What was concluded at the 58th session?", ("SBI58", "SBSTA58")),  # no body named: both 58th sessions
        ("At SBSTA 58, what was noted?", ("SBSTA58",)),
        ("In 2016, what did the SBSTA decide?", ("SBSTA44",)),
        ("What did the Subsidiary Body for Implementation conclude in 2023?", ("SBI58",)),
        ("What did the SBI conclude in 2017?", ("SBI47",)),
        ("What did the PTC decide at its 242nd session?", ("PTC241",)),
        ("What did the SBI agree at its 58th session in 2023?", ("SBI58",)),
    ],
)
def test_match_reports(question: str, docs: tuple[str, ...]) -> None:
    match = match_reports(question, REPORTS)
    assert match.docs == docs
    assert not match.missing


@pytest.mark.parametrize(
    "question",
    ["What did the SBI conclude at its forty-third session?", "At SBSTA 47, what was noted?", "In 2019, what did the SBI decide?",
     "What did the SBI agree at its 58th session in 2016?", "What was said at the 2019 session?"],
)
def test_session_or_year_no_report_has(question: str) -> None:
    match = match_reports(question, REPORTS)
    assert match.docs == ()
    assert match.missing.startswith("None of the indexed reports is from")
    assert match.missing.count(".") == 1 and match.missing.endswith(".")


def test_closing_year_no_report_has_dates_the_facts() -> None:
    # "in 2022" closing the question may be the year of the data a 2023 report gives: not a reason to abstain.
    assert match_reports("How many declarations did the EU handle in 2022?", REPORTS) == match_reports("How many?", REPORTS)
    assert match_reports("What did the SBI conclude in 2017?", REPORTS).docs == ("SBI47",)
    assert match_reports("What did the SBI conclude at its 58th session in 2017?", REPORTS).missing


def test_future_year_is_a_target_not_a_meeting() -> None:
    assert match_reports("What did the SBI conclude on emissions in 2030?", REPORTS) == match_reports("What did the SBI conclude?", REPORTS)


@pytest.mark.parametrize(
    ("question", "rest"),
    [
        ("In 2016, what did the SBSTA decide?", "what did the SBSTA decide?"),
        ("What did the SBI conclude on gender at its fifty-eighth session?", "What did the SBI conclude on gender?"),
        ("At the 60th session of the SBSTA, what did it note?", "what did it note?"),
        ("What did the SBI recommend at SBI58?", "What did the SBI recommend?"),
        ("How many delegates attended the 58th session of the SBI?", "How many delegates attended the 58th session of the SBI?"),
    ],
)
def test_without_wording(question: str, rest: str) -> None:
    reports = REPORTS + [meta("SBSTA60", "SBSTA", "60th", 2024)]
    assert match_reports(question, reports).without_wording(question) == rest
