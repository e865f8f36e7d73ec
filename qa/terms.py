"""Content words of questions and sentences, weighted by how rare they are in the corpus."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Collection, Iterable

from functools import lru_cache

from index.query import content_terms
from index.text import tokenize

__all__ = ["TermStats", "content_terms", "token_set"]


@lru_cache(maxsize=16384)
def token_set(text: str) -> frozenset[str]:
    """The keyword stems of a text, cached: report sentences are scored again for every question."""
    return frozenset(tokenize(text))


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
        return self.share(terms, token_set(text))

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
