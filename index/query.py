"""Question analysis shared by index and qa: normalisation, "is this about a decision?" and "who spoke?"."""
from __future__ import annotations

import re

from index.text import normalise

# Phrases that ask for an outcome rather than for what was said.
_DECISION = re.compile(
    r"\b("
    r"decid\w*|decision\w*|agree\w*|agreement|endors\w*|conclu\w*|adopt\w*|approv\w*|"
    r"took note|take note|taken note|taking note|noted by the ptc|"
    r"outcomes?|resolv\w*|resolution|"
    r"came out of|come out of|result(?:ed|s)? of|what happened (?:to|with)|"
    r"(?:did|does) the (?:ptc|committee) (?:do|say|ask|request|invite|support|welcome)|"
    r"asked the secretariat|instructed|mandat\w*"
    r")\b",
    re.IGNORECASE,
)

# A question that asks for a person, a Member or an organisation opens with its question word;
# "who" inside a question ("the countries who ...") is a relative pronoun.
_WHO = re.compile(
    r"^\W*(who|whom|whose|which (?:countr\w*|members?|delegat\w*|organi[sz]ations?|administrations?|"
    r"bod(?:y|ies)|agenc\w*|speakers?|presenters?))\b",
    re.IGNORECASE,
)
# Verbs of speaking to the meeting: their answer is the paragraph that introduces the speaker.
_SPEAKING = re.compile(
    r"\b(present\w*|gave|give[ns]?|deliver\w*|brief\w*|organi[sz]\w*|introduc\w*|shar\w*|report\w*|"
    r"propos\w*|update\w*)\b",
    re.IGNORECASE,
)


def normalise_query(question: str) -> str:
    """A question with Unicode, whitespace and quotes normalised (wording otherwise unchanged).

    Args:
        question: the user's text.

    Returns:
        The cleaned question.
    """
    return re.sub(r"\s+", " ", normalise(question)).strip()


def is_decision_question(question: str) -> bool:
    """Whether a question asks what the committee decided, agreed, endorsed or concluded.

    Args:
        question: the user's question.

    Returns:
        True for questions like "What did the PTC decide on the PFCWG?" or
        "What came out of the green customs item?"; False for questions asking who
        ("Who presented the results of the survey?" wants a name, not the conclusion).
    """
    text = normalise_query(question)
    return bool(_DECISION.search(text)) and not is_who_question(text)


def is_who_question(question: str) -> bool:
    """Whether a question asks which person, Member or organisation did something.

    Args:
        question: the user's question.

    Returns:
        True for questions opening with "Who", "Which country", "Which Members", ...
    """
    return bool(_WHO.search(normalise_query(question)))


def is_speaker_question(question: str) -> bool:
    """Whether a question asks who presented, reported, organised or proposed something.

    Args:
        question: the user's question.

    Returns:
        True for "Who presented the US data pilots?" or "Which country shared its experience ...?";
        False for "Who offered to help draft the guidelines?" (no verb of speaking).
    """
    text = normalise_query(question)
    return is_who_question(text) and bool(_SPEAKING.search(text))
