"""Embeddings, keyword scores, FAISS and the on-disk index: build, load and search."""
from __future__ import annotations

from index.build import IndexUpdateError, UpdateSummary, update_index
from index.embedder import Embedder, EmbedderError, lazy_embedder, load_embedder
from index.ranking import RankingConfig
from index.search import Filters, Hit, Index
from index.store import FORMAT_VERSION, IndexLoadError

__all__ = [
    "Embedder",
    "EmbedderError",
    "FORMAT_VERSION",
    "Filters",
    "Hit",
    "Index",
    "IndexLoadError",
    "IndexUpdateError",
    "RankingConfig",
    "UpdateSummary",
    "lazy_embedder",
    "load_embedder",
    "update_index",
]
