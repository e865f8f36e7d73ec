"""Paragraphs that introduce a speaker: where "who presented X?" is answered."""
from __future__ import annotations

import re

# An actor doing one of these in a paragraph's first sentence is who the paragraph's topic is
# presented by ("Australia presented further details", "Peru Customs ... had jointly organized",
# "The Chairperson ... invited Botswana Customs to deliver a presentation"). "presented" followed
# by punctuation is passive ("the Concept Note presented, and ...") and names no one.
_INTRODUCES = re.compile(
    r"\b(presented(?![,.;])|gave (?:the \w+ )?an? |provided an? |delivere?d?|briefed|organi[sz]ed|"
    r"(?:invited|inviting) .{0,160}? to (?:present|deliver|introduce)|shared with)",
    re.IGNORECASE,
)


def introduces_speaker(first_sentence: str, decision: bool = False) -> bool:
    """Whether a paragraph opens by saying who presented, reported or organised something.

    Args:
        first_sentence: the paragraph's first sentence.
        decision: whether the paragraph is a conclusion (conclusions take note of speakers, they do not introduce them).

    Returns:
        True for "A Representative of U.S. CBP gave a presentation on two U.S. data pilots".
    """
    return not decision and bool(_INTRODUCES.search(first_sentence))
