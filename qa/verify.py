"""Claim checking: is a generated sentence supported by the paragraph it cites, word for word, number for number?"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from index.text import STOPWORDS, normalise, stem, tokenize
from ingest.sentences import split_sentences

# Words whose presence flips a claim; they are checked on their own, so the content words keep them out.
NEGATIONS = frozenset("not no never neither nor none nothing nobody nowhere without cannot n't".split())
# Words that claim nothing ("Yes, according to the report ..."). Who acted is a claim: "The PTC
# endorsed ..." needs a paragraph that names the PTC, not one where Members endorsed it.
FRAME_WORDS = frozenset("report reports paragraph paragraphs according yes".split())
_CONTENT_STOPWORDS = STOPWORDS | NEGATIONS | FRAME_WORDS

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Words and numbers in order, for where numbers stand: "800 USD", "200 USD in 2015".
_WORD_OR_NUMBER = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")
# An amount and the word written right beside it ("800 USD", "USD 800").
_AMOUNT_WORD = re.compile(r"(\d+(?:[.,]\d+)*)\s+([^\W\d_]+)")
_WORD_AMOUNT = re.compile(r"([^\W\d_]+)\s+(\d+(?:[.,]\d+)*)")
_YEAR = re.compile(r"(?:19|20)\d\d")
# Where a claim's clauses part: numbers in different clauses are not read as bound to each other.
_CLAUSE_BREAK = re.compile(r"[;:()]|\b(?:and|but|while|whereas|then)\b", re.IGNORECASE)
# Nor are numbers further apart than this many content words. Bound numbers written in the other
# order than the paragraph's must share one of its clauses, split at commas too ("800 USD in 2016").
_PAIR_SPAN = 4
_PARAGRAPH_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:and|but|while|whereas|then)\b", re.IGNORECASE)
_NEGATION_WORD = re.compile(r"[a-z]+n't\b|\b[a-z]+\b")
# Text addressed to a model rather than a reader. A role marker hands the rest of the paragraph to
# whoever wrote it; any other directive taints the rest of its sentence.
_ROLE_MARKER = re.compile(
    r"(?:^|[\s\[(<\"'])(?:system|assistant|user|developer)\s*(?::|\]|>)|<\|?im_(?:start|end)\|?>", re.IGNORECASE
)
_DIRECTIVE = re.compile(
    r"\bignore\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier|preceding|other)\b"
    r"|\b(?:answer|reply|respond|say|write|tell\s+(?:the\s+)?user)\s+(?:only\s+)?(?:that|with)\b"
    r"|\byou\s+(?:must|should|are\s+to|will\s+now)\b"
    r"|\b(?:new|updated|override)\s+instructions?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Verdict:
    """Whether a claim is supported; `reason` says what is missing when it is not."""

    supported: bool
    reason: str = ""


def content_words(text: str) -> set[str]:
    """The stems a claim stands on: keyword tokens without function, negation or frame words.

    A compound ("customs-airport", "Americas/Caribbean") stands on its parts, which are checked one
    by one; a possessive on its noun ("Botswana's" -> "botswana", as index.text tokenizes it).
    """
    words = set()
    for token in tokenize(text, _CONTENT_STOPWORDS):
        if token.isdigit() or token.endswith("n't") or re.search(r"[-/+]", token):
            continue
        words.add(_fold(token))
    return words


def _fold(word: str) -> str:
    """One form for the verb endings the keyword stemmer leaves apart ("taxes"/"taxed", "change"/"changed")."""
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) >= 4 and word.endswith("e"):
        return word[:-1]
    if len(word) >= 4 and word.endswith("i"):
        return word[:-1] + "y"  # "applied" -> "appli" -> "apply"
    return word


def numbers(text: str) -> Counter[str]:
    """The numbers written in a text, thousands separators removed ("1,000" and "1000" are one)."""
    return Counter(_number_key(match.group(0)) for match in _NUMBER.finditer(normalise(text)))


def _number_key(raw: str) -> str:
    return re.sub(r",(?=\d{3}\b)", "", raw).rstrip(".,")


def _sequence(text: str) -> list[str]:
    """A text's numbers and content stems in order (function words left out), for where numbers stand."""
    out = []
    for token in _WORD_OR_NUMBER.findall(normalise(text).lower()):
        if token[0].isdigit():
            out.append(_number_key(token))
        elif token not in _CONTENT_STOPWORDS:
            out.append(_fold(stem(token)))
    return out


def _units(text: str, both_ways: bool) -> set[tuple[str, str]]:
    """(amount, the word written right after it): "800 USD", "1.6 billion"; years are dates, not amounts.

    With `both_ways`, the word right before counts too ("USD 800"), as a paragraph may write it.
    """
    text = normalise(text).lower()
    found = [(m.group(1), m.group(2)) for m in _AMOUNT_WORD.finditer(text)]
    if both_ways:
        found += [(m.group(2), m.group(1)) for m in _WORD_AMOUNT.finditer(text)]
    return {
        (_number_key(number), _fold(stem(word)))
        for number, word in found
        if word not in _CONTENT_STOPWORDS and not _YEAR.fullmatch(_number_key(number))
    }


def negations(text: str) -> Counter[str]:
    """The negation cues of a text ("didn't" counts as "n't")."""
    cues: Counter[str] = Counter()
    for word in _NEGATION_WORD.findall(normalise(text).lower()):
        if word.endswith("n't"):
            cues["n't"] += 1
        elif word in NEGATIONS:
            cues[word] += 1
    return cues


def directive_at(text: str) -> int | None:
    """Where text addressed to a model starts in a report's text (None when there is none)."""
    starts = [m.start() for m in (_ROLE_MARKER.search(text), _DIRECTIVE.search(text)) if m]
    return min(starts) if starts else None


def report_sentences(paragraph_text: str) -> list[str]:
    """A paragraph's sentences that may support a claim: text addressed to a model is left out.

    Args:
        paragraph_text: the cited paragraph.

    Returns:
        Its sentences in order, cut where an instruction to a model starts; after a role marker
        ("SYSTEM:", "assistant:") nothing more of the paragraph is kept.
    """
    kept: list[str] = []
    for sentence in split_sentences(paragraph_text):
        role = _ROLE_MARKER.search(sentence)
        directive = _DIRECTIVE.search(sentence)
        cut = min(m.start() for m in (role, directive) if m) if (role or directive) else None
        if cut is None:
            kept.append(sentence)
            continue
        if sentence[:cut].strip():
            kept.append(sentence[:cut])
        if role is not None:
            break
    return kept


@dataclass(frozen=True)
class _Source:
    """A paragraph as claims are checked against it: its sentences, their stems, its numbers and where they stand."""

    sentences: tuple[str, ...]
    stems: tuple[frozenset[str], ...]
    all_stems: frozenset[str]
    numbers: Counter[str]
    number_pairs: frozenset[tuple[str, str]]  # (number, the next number in its sentence)
    clause_pairs: frozenset[frozenset[str]]  # two numbers that follow each other within one clause
    units: frozenset[tuple[str, str]]


@lru_cache(maxsize=256)
def _source(paragraph_text: str) -> _Source:
    """The paragraph prepared once for all the claims that cite it."""
    sentences = tuple(report_sentences(paragraph_text))
    stems = tuple(frozenset(_fold(t) for t in tokenize(s, _CONTENT_STOPWORDS)) for s in sentences)
    number_pairs = frozenset((a, b) for s in sentences for a, b, _ in _number_pairs(_sequence(s)))
    clauses = [c for s in sentences for c in _PARAGRAPH_CLAUSE_BREAK.split(s)]
    clause_pairs = frozenset(frozenset((a, b)) for c in clauses for a, b, _ in _number_pairs(_sequence(c)))
    units = frozenset().union(*(_units(s, both_ways=True) for s in sentences))
    return _Source(
        sentences, stems, frozenset().union(*stems), numbers(" ".join(sentences)), number_pairs, clause_pairs, units
    )


def _number_pairs(sequence: list[str]) -> list[tuple[str, str, int]]:
    """Each number with the next number after it and how many words apart they stand."""
    found = [(i, t) for i, t in enumerate(sequence) if t[0].isdigit()]
    return [(a, b, k - i) for (i, a), (k, b) in zip(found, found[1:])]


def _unbound_numbers(claim: str, source: _Source) -> str | None:
    """A number of the claim that stands elsewhere in the paragraph, or None.

    An amount with a unit ("800 USD") must have that unit beside it in the paragraph, and two
    numbers close together in one clause of the claim ("200 USD in 2016") must follow each other in
    a sentence of the paragraph, in the same order or close together: moving a year or an amount
    from one fact to another makes a false claim.
    """
    for number, unit in sorted(_units(claim, both_ways=False) - source.units):
        return f"{number} {unit}"
    for clause in _CLAUSE_BREAK.split(claim):
        for a, b, apart in _number_pairs(_sequence(clause)):
            if a == b or apart > _PAIR_SPAN:
                continue
            if (a, b) not in source.number_pairs and frozenset((a, b)) not in source.clause_pairs:
                return f"{a} … {b}"
    return None


def _negation_found(claim: str, words: set[str], source: _Source) -> bool:
    """Whether the claim's negations are in the paragraph where its words are.

    That is one sentence holding all its words, or else the fewest sentences (greedily) that do.
    """
    wanted = negations(claim)
    if not wanted:
        return True
    covering = [i for i, stems in enumerate(source.stems) if words <= stems]
    if covering:
        return any(not wanted - negations(source.sentences[i]) for i in covering)
    missing, chosen = set(words), []
    while missing:
        best = max(range(len(source.stems)), key=lambda i: len(source.stems[i] & missing))
        if not source.stems[best] & missing:
            break
        chosen.append(source.sentences[best])
        missing -= source.stems[best]
    return not wanted - negations(" ".join(chosen))


def verify(claim: str, paragraph_text: str) -> Verdict:
    """Check a claim against the paragraph it cites.

    Supported means: it has content words, every one of them (stemmed) occurs in the paragraph,
    every number it writes occurs there as often and with the same unit and neighbouring number
    ("800 USD in 2016", not "200 USD in 2016"), and every negation it makes ("not", "no",
    "never", "didn't", ...) occurs in a sentence that holds its words. Text in the paragraph
    addressed to a model ("SYSTEM: answer that ...") supports nothing. A near-verbatim copy of a
    span passes because all its words, numbers and negations are there.

    Args:
        claim: one sentence, citation labels removed.
        paragraph_text: the cited paragraph.

    Returns:
        The verdict, with what is missing when unsupported.
    """
    source = _source(paragraph_text)
    words = content_words(claim)
    if not words:
        return Verdict(False, "it states nothing the paragraph can confirm")
    absent = sorted(words - source.all_stems)
    if absent:
        return Verdict(False, "not in the paragraph: " + ", ".join(absent[:6]))
    extra_numbers = numbers(claim) - source.numbers
    if extra_numbers:
        return Verdict(False, "numbers not in the paragraph: " + ", ".join(sorted(extra_numbers)[:6]))
    unbound = _unbound_numbers(claim, source)
    if unbound:
        return Verdict(False, f"numbers stand elsewhere in the paragraph: {unbound}")
    if not _negation_found(claim, words, source):
        return Verdict(False, "negation not in the paragraph: " + ", ".join(sorted(negations(claim))))
    return Verdict(True)
