"""Claim checking: is a generated sentence supported by the paragraph it cites, word for word, number for number?"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from index.text import STOPWORDS, normalise, tokenize
from ingest.sentences import split_sentences

# Words whose presence flips a claim; they are checked on their own, so the content words keep them out.
NEGATIONS = frozenset("not no never neither nor none nothing nobody nowhere without cannot n't".split())
# The frame every report shares: "The PTC noted ..." may cite a paragraph that says "the Committee".
FRAME_WORDS = frozenset("ptc committee permanent technical report reports paragraph paragraphs according".split())
_CONTENT_STOPWORDS = STOPWORDS | NEGATIONS | FRAME_WORDS

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
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
    """The stems a claim stands on: keyword tokens without function, negation or frame words."""
    return {_fold(t) for t in tokenize(text, _CONTENT_STOPWORDS) if not t.isdigit() and not t.endswith("n't")}


def _fold(stem: str) -> str:
    """One form for the verb endings the keyword stemmer leaves apart ("taxes"/"taxed", "change"/"changed")."""
    if len(stem) > 4 and stem.endswith("ed"):
        return stem[:-2]
    if len(stem) >= 4 and stem.endswith("e"):
        return stem[:-1]
    if len(stem) >= 4 and stem.endswith("i"):
        return stem[:-1] + "y"  # "applied" -> "appli" -> "apply"
    return stem


def numbers(text: str) -> Counter[str]:
    """The numbers written in a text, thousands separators removed ("1,000" and "1000" are one)."""
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(normalise(text)):
        value = re.sub(r",(?=\d{3}\b)", "", match.group(0)).rstrip(".,")
        found[value] += 1
    return found


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
    """A paragraph as claims are checked against it: its sentences, their stems, its numbers."""

    sentences: tuple[str, ...]
    stems: tuple[frozenset[str], ...]
    all_stems: frozenset[str]
    numbers: Counter[str]


@lru_cache(maxsize=256)
def _source(paragraph_text: str) -> _Source:
    """The paragraph prepared once for all the claims that cite it."""
    sentences = tuple(report_sentences(paragraph_text))
    stems = tuple(frozenset(_fold(t) for t in tokenize(s, _CONTENT_STOPWORDS)) for s in sentences)
    return _Source(sentences, stems, frozenset().union(*stems), numbers(" ".join(sentences)))


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
    every number it writes occurs there as often, and every negation it makes ("not", "no",
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
    if not _negation_found(claim, words, source):
        return Verdict(False, "negation not in the paragraph: " + ", ".join(sorted(negations(claim))))
    return Verdict(True)
