"""A question's noun phrases (how an answer names its topic in the user's words) and the verbs that end them."""
from __future__ import annotations

import re
from typing import Sequence

from vocabulary import Vocabulary

_PHRASE_WORDS = re.compile(r"[\w’'/&.-]+")
_POSSESSIVE = re.compile(r"['’]s$")


def _verbs(words: Sequence[str], vocab: Vocabulary) -> set[int]:
    """Positions of the words that read as verbs, where a noun phrase ends.

    A known verb form ("held", "take") or an -ed word, unless a determiner opens it ("the updated
    guidance") or a noun follows it ("landlocked countries"); an -ing word followed by a determiner
    or "to" ("removing the", "according to"; not "its fourth meeting", "data sharing between ...");
    after a do-auxiliary or modal, the bare verb that follows its subject ("did the EU process under
    ...", "did Japan second to the ...", "does the project cost?").
    """
    lower = [w.lower() for w in words]
    dets, stop = vocab.determiners, vocab.stopwords
    verbs = set()
    for i, w in enumerate(lower):
        after = lower[i + 1] if i + 1 < len(lower) else ""
        if not (words[i][:1].isupper() or i > 0 and lower[i - 1] in dets):
            ing = len(w) > 4 and w.endswith("ing") and (after in dets or after == "to")
            # "landlocked developing countries": an -ed word before a noun describes it
            ed = len(w) > 4 and w.endswith("ed") and not (after and after not in stop and after not in dets and words[i + 1][:1].islower())
            if w in vocab.verbs or ed or ing:
                verbs.add(i)
    for aux in (i for i, w in enumerate(lower) if w in vocab.do_auxiliaries):
        verb = bare_verb(words, lower, aux + 1, vocab)
        if verb is not None:
            verbs.add(verb)
    return verbs


def bare_verb(words: Sequence[str], lower: Sequence[str], start: int, vocab: Vocabulary) -> int | None:
    """The position of the bare verb after a do-auxiliary whose subject starts at `start` (None when none shows)."""
    dets, stop, joins = vocab.determiners, vocab.stopwords, vocab.phrase_joins
    auxiliaries = vocab.be_auxiliaries | vocab.do_auxiliaries

    def content(k: int) -> bool:
        return lower[k] not in stop and lower[k] not in dets and words[k][:1].islower()

    if start >= len(lower):
        return None
    nxt = lower[start + 1] if start + 1 < len(lower) else ""
    if content(start) and (not nxt or nxt in dets or nxt in stop):
        return start  # "Who will lead the delegation?": the subject came first
    for k in range(start + 1, len(lower)):
        if lower[k] in auxiliaries:
            return None  # "will the paper be finalized": the participle is the verb
        if lower[k] in dets:
            verb = k - 1
            while verb > start and lower[verb] in stop:
                verb -= 1  # "give for the ...", "contribute to the ..."
            return verb if verb > start and content(verb) else None
        nxt = lower[k + 1] if k + 1 < len(lower) else ""
        if content(k) and (not nxt or nxt in stop and nxt not in joins | auxiliaries or words[k + 1][:1].isupper()):
            return k  # "process under", "carry out", "keep Customs records", "cost?"
    return None


def noun_phrases(text: str, vocab: Vocabulary) -> tuple[str, ...]:
    """A question's noun phrases as written, each with its determiner.

    "How much did the Canadian Government give for the Women at Borders workshop?" -> ("the Canadian
    Government", "the Women at Borders workshop"); "Indonesia's de minimis threshold" -> ("Indonesia",
    "the de minimis threshold"). A phrase runs over content words, joined by "of", "on", "at" ... (and
    a determiner after those), and ends at a verb, a question or function word, or a possessive.

    Args:
        text: the normalised question.
        vocab: its language's vocabulary (determiners, joining words, auxiliaries, verb forms).

    Returns:
        The phrases in question order, without repeats.
    """
    words = _PHRASE_WORDS.findall(text.rstrip("?.! "))
    verbs = _verbs(words, vocab)
    phrases: list[str] = []
    current: list[str] = []
    opener = ""

    def close() -> None:
        while current and (current[-1].lower() in vocab.phrase_joins or current[-1].lower() in vocab.determiners):
            current.pop()
        if current:
            phrases.append(" ".join(([opener] if opener else []) + current))
        current.clear()

    for i, word in enumerate(words):
        low = word.lower()
        asking = i > 0 and words[i - 1].lower() == "how"  # "how many", "how much", "how long"
        if low in vocab.determiners and not (current and current[-1].lower() in vocab.phrase_joins):
            close()
            opener = vocab.determiners[low]
        elif asking or i in verbs or (low in vocab.stopwords and not (current and low in vocab.phrase_joins | set(vocab.determiners))):
            close()
            opener = ""
        elif _POSSESSIVE.search(word):
            current.append(_POSSESSIVE.sub("", word))
            close()
            opener = "the"  # "Indonesia's de minimis threshold": the threshold
        else:
            current.append(word)
    close()
    return tuple(dict.fromkeys(phrases))
