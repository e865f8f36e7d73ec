"""What qa needs to know about a loaded index, computed once per index: term statistics, items, speakers, report names."""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ingest.metadata import unique_short_names
from qa.terms import TermStats

if TYPE_CHECKING:
    from ingest.records import Paragraph


@dataclass(frozen=True)
class Corpus:
    """Per-index facts: term statistics, paragraphs per agenda item, speaker paragraphs, report short names."""

    stats: TermStats
    items: dict[tuple[str, str], list["Paragraph"]]  # (doc, item) -> its Paragraphs in printed order
    report_names: dict[str, str]  # report id -> short name ("PTC 241/242")
    speakers: frozenset[tuple] = frozenset()  # keys of paragraphs that open by introducing a speaker

    def item_paragraphs(self, doc: str, item: str) -> list["Paragraph"]:
        """The paragraphs of one agenda item in printed order (empty for an unknown item)."""
        return self.items.get((doc, item), [])

    def item_decisions(self, doc: str, item: str) -> list["Paragraph"]:
        """The decision paragraphs of one agenda item (empty when it has none)."""
        return [p for p in self.item_paragraphs(doc, item) if p.decision]

    def sections(self, doc: str, item: str) -> list[list["Paragraph"]]:
        """An item's discussion cut where the sub-item or the presentation heading changes, in printed order.

        Args:
            doc: report id.
            item: agenda item numeral.

        Returns:
            Runs of non-decision paragraphs sharing (sub-item, heading).
        """
        runs: list[list["Paragraph"]] = []
        last: tuple | None = None
        for para in self.item_paragraphs(doc, item):
            if para.decision:
                continue
            key = (para.subitem, para.heading)
            if key != last:
                runs.append([])
                last = key
            runs[-1].append(para)
        return runs


_CACHE: "weakref.WeakKeyDictionary[Any, Corpus]" = weakref.WeakKeyDictionary()


def build_corpus(index: Any) -> Corpus:
    """Compute the per-index facts.

    Args:
        index: an object with `paragraphs`, `reports` and `sentences(doc, number)`.

    Returns:
        The facts.
    """
    items: dict[tuple[str, str], list["Paragraph"]] = {}
    # Numbers repeat across scopes (annexes restart at 1): order by scope as first printed, then number.
    scope_rank: dict[tuple[str, str], int] = {}
    for para in index.paragraphs:
        scope_rank.setdefault((para.doc, para.scope), len(scope_rank))
    for para in sorted(index.paragraphs, key=lambda p: (p.doc, scope_rank[(p.doc, p.scope)], p.number)):
        items.setdefault((para.doc, para.item), []).append(para)
    names = unique_short_names(list(getattr(index, "reports", [])))
    for para in index.paragraphs:
        names.setdefault(para.doc, para.doc)
    # Speaker flags and term statistics are computed at ingest and stored with the index (index.build).
    speakers = frozenset(p.key for p, flag in zip(index.paragraphs, index.speaker_flags) if flag)
    stored = getattr(index, "text_term_stats", lambda: None)()
    stats = TermStats(*stored) if stored is not None else TermStats.from_texts(p.text for p in index.paragraphs)
    return Corpus(stats, items, names, speakers)


def corpus_for(index: Any) -> Corpus:
    """The per-index facts, computed on first use and kept as long as the index lives."""
    corpus = _CACHE.get(index)
    if corpus is None:
        corpus = build_corpus(index)
        _CACHE[index] = corpus
    return corpus
