"""What qa needs to know about a loaded index, computed once per index: term statistics, decisions, report names."""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from ingest.metadata import unique_short_names
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
    # Numbers repeat across scopes (annexes restart at 1): order by scope as first printed, then number.
    scope_rank: dict[tuple[str, str], int] = {}
    for para in index.paragraphs:
        scope_rank.setdefault((para.doc, para.scope), len(scope_rank))
    for para in sorted(index.paragraphs, key=lambda p: (p.doc, scope_rank[(p.doc, p.scope)], p.number)):
        items.setdefault((para.doc, para.item), []).append(para)
    names = unique_short_names(list(getattr(index, "reports", [])))
    for para in index.paragraphs:
        names.setdefault(para.doc, para.doc)
    return Corpus(TermStats.from_texts(p.text for p in index.paragraphs), items, names)


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
