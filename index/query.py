"""Question analysis shared by index and qa: normalisation and "is this about a decision?"."""
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
        "What came out of the green customs item?".
    """
    return bool(_DECISION.search(normalise_query(question)))
