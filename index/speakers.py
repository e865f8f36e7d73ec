"""Who speaks in a paragraph: a speaker it introduces ("who presented X?"), the floor's interventions, a sentence's subject."""
from __future__ import annotations

import re

from vocabulary import vocabulary

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


# Where a sentence's subject starts: after an opening clause ("In the ensuing discussion, ", "Concerning the
# GCAP, ", "While supporting the draft, ") or linking word ("Furthermore, ").
_OPENING_CLAUSE = re.compile(
    r"^(?:(?:In|During|Concerning|Regarding|With regard to|With reference to|While|Following|After|In response|"
    r"However|Furthermore|Moreover|Finally|Also|Lastly|Additionally|In addition|Nevertheless)\b[^,]{0,120},\s*)+"
)
# A discussion that drew no intervention is the floor's answer too ("No comments were made by the PTC delegates.").
_NO_INTERVENTION = re.compile(r"^No (?:comments?|questions?|interventions?|observations?)\b")


def takes_floor(first_sentence: str, decision: bool = False, floor: re.Pattern[str] | None = None) -> bool:
    """Whether a paragraph reports what participants from the floor said: its first sentence's subject is one.

    Args:
        first_sentence: the paragraph's first sentence.
        decision: whether the paragraph is a conclusion (the body's, not the floor's).
        floor: the words naming who takes the floor (`vocabulary.floor`; English when None).

    Returns:
        True for "Several Members also shared their national experiences ..." and "Concerning the GCAP,
        Members expressed ...", False for "The Secretariat presented ..." and "The Chairperson encouraged delegates ...".
    """
    if decision:
        return False
    if _NO_INTERVENTION.match(first_sentence):
        return True
    return bool((floor or vocabulary("en").floor).search(subject(first_sentence)))


def subject(sentence: str) -> str:
    """A sentence's subject, roughly: its first words after any opening clause, up to the reports' past-tense verb.

    "In his closing remarks, the Secretary General, Dr. Kunio Mikuriya, thanked ..." -> "the Secretary General, Dr.
    Kunio"; "The Chairperson encouraged delegates ..." -> "The Chairperson" (five words at most).
    """
    words = []
    for word in _OPENING_CLAUSE.sub("", sentence).split()[:5]:
        if word.endswith("ed") and words:
            break
        words.append(word)
    return " ".join(words)
