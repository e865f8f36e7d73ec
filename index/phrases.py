"""A question's noun phrases (how an answer names its topic in the user's words) and the verbs that end them."""
from __future__ import annotations

import re
from typing import Sequence

from vocabulary import GENERIC_MONEY, QUANTITY_NOUNS, Vocabulary

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


# What a detail question counts, measures or dates (`measured`): the words that open the asking phrase.
_COUNT_ASK = re.compile(r"\b(?:how many|(?:the|a|what|which) (?:total )?number of)\s+", re.IGNORECASE)
_SHARE_ASK = re.compile(
    r"\b(?:what|which|the) (?:share|percentage|proportion|fraction|part)\b(?:\s+(?:per|a|each|every)\s+\w+)?(\s+of\b)?|\bhow much( of\b)?",
    re.IGNORECASE,
)
_VALUE_ASK = re.compile(
    r"\b(?:what|which) (?:is |was |are |were )?(?:the )?(?:[\w'’-]+ ){0,3}?"
    r"(threshold|amount|cost|price|budget|value|limit|level|figure|volume|total|rate|fee|levy|charge|surcharge|toll)s?\b",
    re.IGNORECASE,
)
# Value words that name no thing of their own: what they measure follows "of" ("the total value of imports").
_GENERIC_VALUE = frozenset("amount value level figure volume total rate".split())
# Verbs that name no event of their own: the event is their object ("hold its first meeting") or subject ("take place").
_LIGHT_VERBS = frozenset("hold held holding take taken took taking make made making have has had get got go went come came happen happened occur occurred place".split())
# Words in a phrase that say which one or when, not what: "first", "originally", "next".
_NOT_HEAD = re.compile(r"^(?:first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|last|next|previous|final|initial|\w+ly)$", re.IGNORECASE)
_BREAK = re.compile(r"[,;:()?!]")
# Words ending in -s that count nothing: "the Ghanaian Customs workforce" measures the workforce.
_NOT_PLURAL = frozenset("customs series news means headquarters logistics".split())


def _plural(words: Sequence[str]) -> list[str]:
    """The plural nouns of a phrase: what "how many" and "what share of" count ("online marketplaces participate" -> marketplaces)."""
    return [w for w in words if len(w) > 3 and w.endswith("s") and not w.endswith("ss") and w not in _NOT_PLURAL]


def measured(text: str, detail: str | None, vocab: Vocabulary, expansions: Sequence[str] = ()) -> tuple[str, ...]:
    """The words naming what a detail question counts, measures or dates, lower-case, as written.

    A value answers only when one of them is tied to it in the sentence (qa.answer_type): "How many
    online marketplaces ...?" -> ("marketplaces",), "What share of the CBP workforce ...?" ->
    ("workforce",), "How much extra revenue ...?" -> ("revenue",), "How much did X contribute?" ->
    ("contribute",), "In which year did Botswana conclude its legislative reform?" -> ("conclude",
    "reform"), "When was the 66th DMPT meeting held?" -> ("meeting",). () when the question names none,
    or asks another detail.

    Args:
        text: the normalised question.
        detail: its Query.detail.
        vocab: its language's vocabulary.
        expansions: the glossary forms of its acronyms and long forms (Query.expansions): "How many AEOs
            ...?" also counts "Authorized Economic Operators" (-> "operators").
    """
    named = _measured(text, detail, vocab)
    written = _PHRASE_WORDS.findall(text)
    forms = []
    for word in named:
        at = next((i for i, w in enumerate(written) if w.lower().rstrip(".") == word), None)
        if at is None:
            continue
        letters = written[at].removesuffix("s")
        for form in expansions:
            parts = form.split()
            if letters.isupper() and len(parts) > 1 and "".join(p[0] for p in parts).upper() == letters:
                forms.append(parts[-1].lower())  # "AEOs": the long form's head, "operators"
            elif form.isupper() and len(form) > 1:
                run = written[max(0, at + 1 - len(form)) : at + 1]
                if "".join(w[0] for w in run).upper() == form:
                    forms.append(form.lower())  # "Authorized Economic Operators": "AEO"
    return tuple(dict.fromkeys(list(named) + forms))


def _measured(text: str, detail: str | None, vocab: Vocabulary) -> tuple[str, ...]:
    """`measured` before the glossary forms are added."""
    words = [(m.group(0), m.start()) for m in _PHRASE_WORDS.finditer(text)]
    lower = [w.lower().rstrip(".") for w, _ in words]
    verbs = _verbs([w for w, _ in words], vocab)

    def first_after(end: int) -> int:
        return next((i for i, (_, start) in enumerate(words) if start >= end), len(words))

    def run(i: int) -> tuple[list[str], int]:
        """The content words of the phrase starting at word i (leading determiners skipped), and where it stops."""
        while i < len(words) and (lower[i] in vocab.determiners or lower[i] in ("all", "whole", "every", "each")):
            i += 1
        found: list[str] = []
        while i < len(words) and len(found) < 5:
            word, low = words[i][0], lower[i]
            if found and _BREAK.search(text[words[i - 1][1] + len(words[i - 1][0]) : words[i][1]]):
                break
            # a joining word inside a name ("Women at Borders") is part of it
            named = low in vocab.phrase_joins and found and words[i - 1][0][:1].isupper() and i + 1 < len(words) and words[i + 1][0][:1].isupper()
            if (low in vocab.stopwords or low in vocab.phrase_joins or i in verbs) and not named:
                break
            found.append(low)
            i += 1
        return found, i

    def heads(found: list[str]) -> list[str]:
        kept = [w for w in found if not _NOT_HEAD.match(w) and w not in vocab.countries and w not in vocab.phrase_joins]
        return kept[-1:]

    def event_verbs(start: int) -> list[str]:
        return [lower[i] for i in sorted(verbs) if i >= start and lower[i] not in _LIGHT_VERBS][:1]

    if detail == "count":
        ask = _COUNT_ASK.search(text)
        if not ask:
            return ()
        found, stop = run(first_after(ask.end()))
        named = _plural(found)[-1:] or found
        # "How many people attended ...?": "the workshop was attended by 300" counts them too
        verb = [lower[stop]] if stop in verbs and lower[stop] not in _LIGHT_VERBS else []
        return tuple(named + verb)
    if detail == "share":
        ask = _SHARE_ASK.search(text)
        if not ask:
            return ()
        start = first_after(ask.end())
        if ask.group(1) or ask.group(2):
            found = run(start)[0]
            return tuple(_plural(found)[-1:] or heads(found))
        while start < len(words) and (lower[start] in vocab.stopwords and lower[start] not in vocab.determiners):
            start += 1  # "By what percentage has the number of ... been growing?": the subject after the auxiliary
        found, stop = run(start)
        named = heads(found)
        if found and found[-1] in QUANTITY_NOUNS and stop < len(words) and lower[stop] == "of":
            named += heads(run(stop + 1)[0])
        return tuple(dict.fromkeys(named + [lower[i] for i in sorted(verbs) if i >= start and lower[i] not in _LIGHT_VERBS]))
    if detail in ("amount", "money", "fee"):
        value = _VALUE_ASK.search(text)
        if value and value.group(1).lower() not in _GENERIC_VALUE:
            return (value.group(1).lower(),)  # "What is the de minimis threshold ...?"
        if value:
            stop = first_after(value.end())
            while stop < len(words) and lower[stop].rstrip("s") in _GENERIC_VALUE:
                stop += 1  # "the total value of imports"
            return tuple(heads(run(stop + 1)[0])) if stop < len(words) and lower[stop] == "of" else ()
        ask = re.search(r"\bhow much\b", text, re.IGNORECASE)
        if not ask:
            return ()
        start = first_after(ask.end())
        named = heads(run(start)[0])
        if named and named[0] in GENERIC_MONEY:
            named += event_verbs(start)  # "How much money did X give ...": the giving
        # a verb alone ("How much did X contribute?") is said in too many ways to tie a sum to
        return tuple(named)
    if detail in ("date", "year"):
        # where the question asks it, as Query.detail read it ("What did the EU say when asked ..., and in which year ...")
        ask = dict(vocab.detail_q)[detail].search(text)
        if not ask:
            return ()
        start = first_after(ask.end())
        while start < len(words) and lower[start] in vocab.stopwords and lower[start] not in vocab.determiners:
            start += 1  # "When did / When will / When was ..."
        subject, stop = run(start)
        verb = next((i for i in sorted(verbs) if i >= stop), None)
        if verb is None:
            return tuple(heads(subject))  # "When is the next PTC meeting?"
        done = heads(run(verb + 1)[0]) or heads(subject)
        if lower[verb] in _LIGHT_VERBS or not done:
            # "hold its first meeting": the meeting; "take place": the subject; a verb alone ("when was it
            # adopted?") is said in too many ways to tie a date to
            return tuple(done)
        # "conclude its legislative reform": the concluding or the reform, not who concluded it;
        # "When was the concept developed?": the developing or the concept
        return tuple(dict.fromkeys([lower[verb]] + done))
    return ()
