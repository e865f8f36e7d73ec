"""BM25 keyword scores over the paragraphs (bm25s), rebuilt in memory when an index loads."""
from __future__ import annotations

from typing import Sequence

import numpy as np

from index.text import tokenize


class KeywordIndex:
    """BM25 over pre-tokenised documents; `scores` returns one score per document."""

    def __init__(self, texts: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        """Tokenise and index the documents.

        Args:
            texts: one text per document, in index order.
            k1: BM25 term-frequency saturation.
            b: BM25 length normalisation.
        """
        import bm25s  # here, not at the top: ingest never scores, and bm25s pulls in scipy (0.16 s)

        self.size = len(texts)
        self._bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        corpus = [tokenize(text) or [""] for text in texts]
        if self.size:
            self._bm25.index(corpus, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for a query.

        Args:
            query: the query text (tokenised with the same tokenizer as the documents).

        Returns:
            float32 array (size,), zeros when no query word is in the corpus.
        """
        if not self.size:
            return np.zeros(0, dtype=np.float32)
        ids = self._bm25.get_tokens_ids([t for t in tokenize(query) if t])
        if not ids:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores_from_ids(ids), dtype=np.float32)
