"""What kind of answer a question wants (a number, a date, a name) and whether a sentence offers one."""
from __future__ import annotations

import re

_NUMBER_Q = re.compile(
    r"\b(how (many|much|long|often|big|large|old)|what (share|percentage|proportion|number|size|amount|target|value)|"
    r"which (size|amount|threshold))\b",
    re.IGNORECASE,
)
_DATE_Q = re.compile(r"\b(when|what (date|year|day|month|time)|which (date|year|day|month))\b", re.IGNORECASE)
_NAME_Q = re.compile(
    r"\b(who|whom|whose|where|which (countr\w*|members?|organi[sz]ations?|delegations?|bod(y|ies)|agenc\w*|"
    r"regions?|administrations?|city|place))\b",
    re.IGNORECASE,
)

_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|"
    r"thousand|million|billion|half|dozen)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(1[89]|20)\d{2}\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'&.-]*[A-Za-z]")
# Capitalised words every paragraph uses: they name no one in particular.
_GENERIC = frozenset(
    """
    the this that these those it he she they his her their its in on at for with by from of as a an and
    ptc wco customs secretariat member members chairperson chair delegate delegates delegation committee
    agenda item meeting session sessions conference report doc document annex presentation representative
    speaker observer observers several another some many
    """.split()
)


def expected_type(question: str) -> str | None:
    """The kind of answer a question asks for.

    Args:
        question: the question.

    Returns:
        "number", "date", "name" or None (no particular kind).
    """
    if _NUMBER_Q.search(question):
        return "number"
    if _DATE_Q.search(question):
        return "date"
    if _NAME_Q.search(question):
        return "name"
    return None


def offers(kind: str | None, sentence: str, question: str) -> bool:
    """Whether a sentence contains an answer of the wanted kind.

    Args:
        kind: from `expected_type`.
        sentence: a candidate sentence.
        question: the question (names it already uses do not count as answers).

    Returns:
        True when the sentence has a number, a date, or a capitalised name the question lacks.
    """
    if kind == "number":
        return bool(_NUMBER.search(sentence))
    if kind == "date":
        return bool(_DATE.search(sentence))
    if kind == "name":
        asked = {w.lower() for w in re.findall(r"[\w’'&.-]+", question)}
        names = _CAPITALISED.findall(sentence)
        if names and sentence.startswith(names[0]):
            names = names[1:]  # a capital that opens the sentence says nothing
        return any(n.lower() not in asked and n.lower() not in _GENERIC for n in names)
    return False
