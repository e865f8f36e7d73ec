"""What qa needs to know about a loaded index, computed once per index: term statistics, decisions, report names."""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from qa.terms import TermStats


@dataclass(frozen=True)
class Corpus:
    """Per-index facts: term statistics, decision paragraphs per agenda item, report short names."""

    stats: TermStats
    items: dict[tuple[str, str], list[Any]]  # (doc, item) -> its Paragraphs in printed order
    report_names: dict[str, str]  # report id -> short name ("PTC 241/242")

    def item_paragraphs(self, doc: str, item: str) -> list[Any]:
        """The paragraphs of one agenda item in printed order (empty for an unknown item)."""
        return self.items.get((doc, item), [])

    def item_decisions(self, doc: str, item: str) -> list[Any]:
        """The decision paragraphs of one agenda item (empty when it has none)."""
        return [p for p in self.item_paragraphs(doc, item) if p.decision]


_CACHE: "weakref.WeakKeyDictionary[Any, Corpus]" = weakref.WeakKeyDictionary()


def build_corpus(index: Any) -> Corpus:
    """Compute the per-index facts.

    Args:
        index: an object with `paragraphs` (list of Paragraph) and `reports` (list of ReportMeta).

    Returns:
        The facts.
    """
    items: dict[tuple[str, str], list[Any]] = {}
    for para in sorted(index.paragraphs, key=lambda p: (p.doc, p.number)):
        items.setdefault((para.doc, para.item), []).append(para)
    names = {r.id: (r.short_name or r.id) for r in getattr(index, "reports", [])}
    for para in index.paragraphs:
        names.setdefault(para.doc, para.doc)
    stored = getattr(index, "text_term_stats", lambda: None)()  # counted at ingest (index.build)
    stats = TermStats(*stored) if stored is not None else TermStats.from_texts(p.text for p in index.paragraphs)
    return Corpus(stats, items, names)


def corpus_for(index: Any) -> Corpus:
    """The per-index facts, computed on first use and kept as long as the index lives.

    Args:
        index: the loaded index.

    Returns:
        The cached facts.
    """
    corpus = _CACHE.get(index)
    if corpus is None:
        corpus = build_corpus(index)
        _CACHE[index] = corpus
    return corpus
