"""Run gold questions through every ranking system and through qa, keeping what each returned and how long it took."""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from eval.gold import GoldQuestion
from eval.splitter import SplitterBaseline
from index import Filters, RankingConfig
from settings import Settings

K = 10  # every system returns this many paragraphs; metrics cut at 1, 3, 5 and 10

# Baselines are the index's own components with the structure-aware stages switched off.
_PLAIN = dict(expand_acronyms=False, item_weight=0.0, decision_boost=False, speaker_boost=0.0, weak_keyword=0.0, sentence_share=0.0)
BASELINE_RANKINGS: dict[str, RankingConfig] = {
    "bm25": RankingConfig(fusion="keyword", **_PLAIN),
    "dense": RankingConfig(fusion="dense", **_PLAIN),
    # The textbook constant (Cormack et al. 2009), not the pipeline's tuned one.
    "rrf": RankingConfig(fusion="rrf", rrf_k=60.0, **_PLAIN),
}
SPLITTER = "splitter"
PIPELINE = "pipeline"
SYSTEMS = ("bm25", "dense", "rrf", SPLITTER, PIPELINE)
LABELS = {
    "bm25": "BM25 over paragraphs",
    "dense": "dense over paragraphs",
    "rrf": "plain RRF (BM25 + dense, k=60)",
    SPLITTER: "1000-char splitter",
    PIPELINE: "full pipeline (qa)",
}


@dataclass
class QuestionResult:
    """What the systems and qa did with one gold question."""

    gold: GoldQuestion
    rankings: dict[str, list[int]]  # system -> top-K printed paragraph numbers
    answer_ms: float  # wall time of the qa.answer call (retrieval included)
    answer_text: str
    cited: list[int]  # printed numbers of the answer's citations in the gold report
    answered: bool  # qa.Answer.answerable
    mode: str


@dataclass
class EvalRun:
    """All results of one run, and what they were measured on."""

    results: list[QuestionResult]
    systems: list[str]
    doc: str
    model: str
    notes: list[str] = field(default_factory=list)


def gold_doc(index: Any, doc: str | None = None) -> str:
    """The report a gold set is about: `doc`, or the index's only report.

    Raises:
        ValueError: `doc` is not indexed, or it is None and the index holds no or several reports.
    """
    ids = [r.id for r in index.reports]
    if doc is not None:
        if doc not in ids:
            raise ValueError(f"report {doc!r} is not in the index (it holds: {', '.join(ids) or 'nothing'})")
        return doc
    if len(ids) != 1:
        raise ValueError(f"the index holds {len(ids)} reports; name the gold set's report with --doc (one of: {', '.join(ids)})")
    return ids[0]


def evaluate(
    questions: Sequence[GoldQuestion],
    index: Any,
    doc: str | None = None,
    splitter: SplitterBaseline | None = None,
    settings: Settings | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EvalRun:
    """Ask every question of each baseline, of the full pipeline (qa.answer) and of the splitter.

    Args:
        questions: gold questions.
        index: a loaded index.Index.
        doc: the gold set's report (default: the index's only report); other reports are filtered out.
        splitter: the 1000-character splitter baseline, or None to leave it out.
        settings: qa settings (entry points pass `load_settings()`; the defaults when None).
        progress: called with (done, total) after each question.

    Returns:
        The run.

    Raises:
        ValueError: see `gold_doc`.
    """
    from qa import answer

    settings = settings or Settings()
    doc = gold_doc(index, doc)
    filters = Filters(docs=frozenset({doc})) if len(index.reports) > 1 else None
    systems = [s for s in SYSTEMS if s != SPLITTER or splitter is not None]
    # Warm up (first-call allocations) so latencies are those of a running service.
    answer(questions[0].question, index, k=K, filters=filters, settings=settings)
    results = []
    for done, gold in enumerate(questions, start=1):
        # qa first: it memoises query vectors on the index, so its latency must include the encode.
        start = time.perf_counter()
        result = answer(gold.question, index, k=K, filters=filters, settings=settings)
        answer_ms = (time.perf_counter() - start) * 1000
        rankings = {name: [h.paragraph.number for h in index.search(gold.question, k=K, filters=filters, ranking=config)]
                    for name, config in BASELINE_RANKINGS.items()}
        if splitter is not None:
            rankings[SPLITTER] = splitter.rank(index.encode_query(gold.question), K)
        rankings[PIPELINE] = [h.paragraph.number for h in result.hits[:K]]
        results.append(
            QuestionResult(
                gold=gold,
                rankings=rankings,
                answer_ms=answer_ms,
                answer_text=result.text,
                cited=[c.paragraph for c in result.citations if c.doc == doc],
                answered=result.answerable,
                mode=result.mode,
            )
        )
        if progress:
            progress(done, len(questions))
    return EvalRun(results=results, systems=systems, doc=doc, model=f"{index.embedder.name} {index.embedder.version}")
