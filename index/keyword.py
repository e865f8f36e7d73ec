"""BM25 keyword scores over the paragraphs, computed at ingest and stored as a term-by-paragraph matrix."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from index.text import normalise, tokenize

# Files in the index folder. Term counts per paragraph (rows follow the paragraphs) let an update
# reuse the tokens of unchanged reports; the impact matrix (one BM25 weight per term and paragraph,
# grouped by term) is what a query reads.
VOCAB = "keyword_vocab.json"
TF_INDPTR = "keyword_tf_indptr.npy"  # row i's terms are [indptr[i], indptr[i+1])
TF_TERMS = "keyword_tf_terms.npy"
TF_COUNTS = "keyword_tf_counts.npy"
TERM_PTR = "keyword_term_ptr.npy"  # term t's paragraphs are [term_ptr[t], term_ptr[t+1])
TERM_DOCS = "keyword_term_docs.npy"
TERM_WEIGHTS = "keyword_term_weights.npy"
FILES = (VOCAB, TF_INDPTR, TF_TERMS, TF_COUNTS, TERM_PTR, TERM_DOCS, TERM_WEIGHTS)

# A word written with a capital, not first in its sentence: a name ("Operation Kestrel", "UPU", "Thai").

K1 = 1.2  # term-frequency saturation
B = 0.75  # length normalisation


@dataclass
class TermCounts:
    """Term frequencies of consecutive paragraphs, as a sparse row matrix over a vocabulary."""

    indptr: np.ndarray  # int64 (rows + 1,)
    terms: np.ndarray  # int32 term ids
    counts: np.ndarray  # int32 occurrences

    @property
    def rows(self) -> int:
        """Number of paragraphs."""
        return len(self.indptr) - 1

    def slice(self, start: int, stop: int) -> "TermCounts":
        """Rows [start, stop) as their own TermCounts."""
        a, b = int(self.indptr[start]), int(self.indptr[stop])
        return TermCounts(np.asarray(self.indptr[start : stop + 1]) - a, np.asarray(self.terms[a:b]), np.asarray(self.counts[a:b]))

    @staticmethod
    def concat(parts: Sequence["TermCounts"]) -> "TermCounts":
        """The rows of several TermCounts, one after the other."""
        if not parts:
            return TermCounts(np.zeros(1, np.int64), np.zeros(0, np.int32), np.zeros(0, np.int32))
        shifts = np.cumsum([0] + [int(p.indptr[-1]) for p in parts[:-1]])
        indptr = np.concatenate([np.zeros(1, np.int64)] + [p.indptr[1:] + s for p, s in zip(parts, shifts)])
        return TermCounts(
            indptr.astype(np.int64),
            np.concatenate([p.terms for p in parts]).astype(np.int32),
            np.concatenate([p.counts for p in parts]).astype(np.int32),
        )


def count_terms(texts: Sequence[str], vocab: dict[str, int]) -> TermCounts:
    """Tokenise texts and count their terms; new terms are appended to `vocab`.

    Args:
        texts: one text per paragraph.
        vocab: term -> id, extended in place.

    Returns:
        The TermCounts of the texts, in order.
    """
    indptr, terms, counts = [0], [], []
    for text in texts:
        # An empty document still counts one (empty) token, as bm25s does, so scores stay the same.
        for term, n in Counter(tokenize(text) or [""]).items():
            terms.append(vocab.setdefault(term, len(vocab)))
            counts.append(n)
        indptr.append(len(terms))
    return TermCounts(np.asarray(indptr, np.int64), np.asarray(terms, np.int32), np.asarray(counts, np.int32))


def keyword_files(vocab: Sequence[str], counts: TermCounts, k1: float = K1, b: float = B) -> dict[str, Any]:
    """The keyword index of a whole corpus as index files (BM25, Lucene variant, as bm25s computes it).

    Terms no paragraph uses any more are dropped from the vocabulary.

    Args:
        vocab: term of each id used in `counts`.
        counts: term counts of every paragraph, in index order.
        k1: BM25 term-frequency saturation.
        b: BM25 length normalisation.

    Returns:
        File name -> array or JSON value, for `StoredIndex.derived`.
    """
    used, terms = np.unique(counts.terms, return_inverse=True)
    terms = terms.astype(np.int32).reshape(-1)
    rows = np.repeat(np.arange(counts.rows, dtype=np.int32), np.diff(counts.indptr))
    tf = counts.counts.astype(np.float32)
    lengths = np.bincount(rows, weights=tf, minlength=counts.rows).astype(np.float32)
    n_docs = max(counts.rows, 1)
    avg_length = float(lengths.mean()) if counts.rows else 1.0
    df = np.bincount(terms, minlength=len(used)).astype(np.float64)
    idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
    weights = idf[terms] * tf / (tf + k1 * ((1 - b) + b * lengths[rows] / avg_length))
    order = np.argsort(terms, kind="stable")  # group by term, paragraphs ascending within a term
    term_ptr = np.concatenate([[0], np.cumsum(np.bincount(terms, minlength=len(used)))]).astype(np.int64)
    compact = TermCounts(counts.indptr, terms, counts.counts)
    return {
        VOCAB: [vocab[i] for i in used],
        TF_INDPTR: compact.indptr,
        TF_TERMS: compact.terms,
        TF_COUNTS: compact.counts,
        TERM_PTR: term_ptr,
        TERM_DOCS: rows[order],
        TERM_WEIGHTS: weights[order].astype(np.float32),
    }


def stored_term_counts(derived: Mapping[str, Any]) -> tuple[dict[str, int], TermCounts]:
    """The vocabulary and per-paragraph term counts of a stored index (for updates)."""
    vocab = {term: i for i, term in enumerate(derived[VOCAB])}
    return vocab, TermCounts(derived[TF_INDPTR], derived[TF_TERMS], derived[TF_COUNTS])


def keyword_problem(files: Mapping[str, Any], size: int) -> str | None:
    """What contradicts itself in stored keyword files for `size` paragraphs, or None."""
    vocab, ptr, docs, weights = files[VOCAB], files[TERM_PTR], files[TERM_DOCS], files[TERM_WEIGHTS]
    if not isinstance(vocab, list) or len(ptr) != len(vocab) + 1:
        return f"{TERM_PTR}: {len(ptr)} offsets for {len(vocab) if isinstance(vocab, list) else '?'} terms"
    if len(docs) != len(weights) or (len(ptr) and int(ptr[-1]) != len(docs)) or (len(ptr) > 1 and (np.diff(ptr) < 0).any()):
        return f"{TERM_DOCS}: offsets, paragraphs and weights do not line up"
    if len(docs) and (int(docs.min()) < 0 or int(docs.max()) >= size):
        return f"{TERM_DOCS}: paragraph row out of range 0..{size - 1}"
    if len(files[TF_INDPTR]) != size + 1:
        return f"{TF_INDPTR}: {len(files[TF_INDPTR]) - 1} rows for {size} paragraphs"
    return None


class KeywordIndex:
    """BM25 scores of every paragraph for a query, read from the stored impact matrix."""

    def __init__(self, files: Mapping[str, Any], size: int) -> None:
        """Use the files of `keyword_files` (arrays may be memory-mapped).

        Args:
            files: file name -> array or JSON value.
            size: number of paragraphs.
        """
        self.size = size
        self._vocab = {term: i for i, term in enumerate(files[VOCAB])}
        self._term_ptr = files[TERM_PTR]
        self._docs = files[TERM_DOCS]
        self._weights = files[TERM_WEIGHTS]

    @classmethod
    def from_texts(cls, texts: Sequence[str], k1: float = K1, b: float = B) -> "KeywordIndex":
        """Index texts in memory (tests, baselines); the product reads the stored files."""
        vocab: dict[str, int] = {}
        counts = count_terms(texts, vocab)
        return cls(keyword_files(list(vocab), counts, k1, b), len(texts))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every paragraph for a query.

        Args:
            query: the query text (tokenised with the same tokenizer as the paragraphs).

        Returns:
            float32 array (size,), zeros when no query word is in the corpus. A word repeated in the
            query counts again, as in bm25s.
        """
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        return self.term_scores(tokenize(query))

    def term_scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every paragraph for stems already tokenised (a repeated stem counts again).

        Args:
            terms: stems from `index.text.tokenize`.

        Returns:
            float32 array (size,), zeros when no stem is in the corpus.
        """
        ids = [self._vocab[t] for t in terms if t and t in self._vocab]
        if not self.size or not ids:
            return np.zeros(self.size, dtype=np.float32)
        spans = [(int(self._term_ptr[t]), int(self._term_ptr[t + 1])) for t in ids]
        docs = np.concatenate([self._docs[a:b] for a, b in spans])
        weights = np.concatenate([self._weights[a:b] for a, b in spans])
        return np.bincount(docs, weights=weights, minlength=self.size).astype(np.float32)


    def holds(self, term: str, row: int) -> bool:
        """Whether paragraph `row` holds a stem."""
        t = self._vocab.get(term)
        return t is not None and bool(np.any(self._docs[int(self._term_ptr[t]) : int(self._term_ptr[t + 1])] == row))

    def holding_all(self, terms: Sequence[str]) -> int:
        """How many paragraphs hold every one of `terms` (0 when one is in none)."""
        rows: np.ndarray | None = None
        for term in dict.fromkeys(terms):
            t = self._vocab.get(term)
            if t is None:
                return 0
            docs = self._docs[int(self._term_ptr[t]) : int(self._term_ptr[t + 1])]
            rows = docs if rows is None else np.intersect1d(rows, docs, assume_unique=True)
            if not len(rows):
                return 0
        return 0 if rows is None else len(rows)

    def idf(self, term: str) -> float:
        """BM25 inverse document frequency of a term (a term no paragraph holds gets the highest)."""
        t = self._vocab.get(term)
        df = 0 if t is None else int(self._term_ptr[t + 1] - self._term_ptr[t])
        return float(np.log(1.0 + (self.size - df + 0.5) / (df + 0.5)))

    def coverages(self, terms: Sequence[str]) -> np.ndarray:
        """IDF-weighted share of `terms` each paragraph holds.

        Args:
            terms: stems from `index.text.tokenize` (e.g. a Query's content terms); repeats count once.

        Returns:
            float32 array (size,) of values in [0, 1]; zeros when `terms` is empty.
        """
        terms = list(dict.fromkeys(terms))
        held = np.zeros(self.size, dtype=np.float64)
        weight = {term: self.idf(term) for term in terms}
        total = sum(weight.values())
        if not total or not self.size:
            return held.astype(np.float32)
        for term in terms:
            t = self._vocab.get(term)
            if t is not None:
                held[self._docs[int(self._term_ptr[t]) : int(self._term_ptr[t + 1])]] += weight[term]
        return (held / total).astype(np.float32)

    def rarities(self, terms: Sequence[str]) -> np.ndarray:
        """How rare the rarest of `terms` each paragraph holds is: its IDF over that of a term one paragraph holds.

        1.0 means the paragraph holds a question term no other paragraph has (a proper name, a
        programme, a tool); a term in most paragraphs gives nearly 0.

        Args:
            terms: stems from `index.text.tokenize` (e.g. a Query's content terms).

        Returns:
            float32 array (size,) of values in [0, 1]; 0 for a paragraph holding none of `terms`.
        """
        rarest = np.zeros(self.size, dtype=np.float32)
        unique = float(np.log(1.0 + (self.size - 0.5) / 1.5)) if self.size else 0.0
        if not unique:
            return rarest
        for term in dict.fromkeys(terms):
            t = self._vocab.get(term)
            if t is None:
                continue
            docs = self._docs[int(self._term_ptr[t]) : int(self._term_ptr[t + 1])]
            rarest[docs] = np.maximum(rarest[docs], min(self.idf(term) / unique, 1.0))
        return rarest
