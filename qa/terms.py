"""Content words of questions and sentences, weighted by how rare they are in the corpus."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Collection, Iterable

from index.text import STOPWORDS as KEYWORD_STOPWORDS
from index.text import tokenize

# Besides function words, the words every question about a PTC report shares: they carry no topic.
QUESTION_WORDS = frozenset(
    """
    tell give list say said show explain describe please know regarding concerning according
    yes also ptc committee permanent technical report reports meeting session sessions
    delegates delegate member members wco customs
    """.split()
)
STOPWORDS = KEYWORD_STOPWORDS | QUESTION_WORDS


def content_terms(text: str) -> list[str]:
    """Stemmed keyword tokens without stopwords or question words, in order, without repeats.

    Args:
        text: any text.

    Returns:
        The distinct content stems (same tokenizer as the index's keyword search).
    """
    return list(dict.fromkeys(t for t in tokenize(text, STOPWORDS) if len(t) > 1))


@dataclass(frozen=True)
class TermStats:
    """Document frequencies of stems over a corpus of paragraphs."""

    doc_freq: dict[str, int]
    n_docs: int

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "TermStats":
        """Count in how many texts each stem occurs.

        Args:
            texts: the corpus, one text per paragraph.

        Returns:
            The statistics.
        """
        counts: Counter[str] = Counter()
        n = 0
        for text in texts:
            n += 1
            counts.update(set(tokenize(text)))
        return cls(doc_freq=dict(counts), n_docs=n)

    def idf(self, term: str) -> float:
        """Inverse document frequency (smoothed; unseen terms get the highest weight)."""
        return math.log((self.n_docs + 1) / (self.doc_freq.get(term, 0) + 0.5))

    def coverage(self, terms: list[str], text: str) -> float:
        """IDF-weighted share of `terms` that occur in `text`.

        Args:
            terms: content stems (from `content_terms`).
            text: the text to look in.

        Returns:
            A value in [0, 1]; 0 when `terms` is empty.
        """
        return self.share(terms, set(tokenize(text)))

    def share(self, terms: list[str], present: Collection[str]) -> float:
        """IDF-weighted share of `terms` that are in `present` (0 when `terms` is empty)."""
        total = sum(self.idf(t) for t in terms)
        return sum(self.idf(t) for t in terms if t in present) / total if total else 0.0

    def known(self, terms: list[str]) -> float:
        """IDF-weighted share of `terms` that occur anywhere in the corpus.

        Args:
            terms: content stems.

        Returns:
            A value in [0, 1]; 1 when `terms` is empty.
        """
        return self.share(terms, self.doc_freq) if terms else 1.0
