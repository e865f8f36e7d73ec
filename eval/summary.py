"""Aggregate per-question results into tables: retrieval metrics per system and type, answer metrics per type."""
from __future__ import annotations

from typing import Any, Sequence

from eval.gold import TYPES
from eval.metrics import (
    citation_precision,
    citation_recall,
    hit_at_k,
    key_fact_recall,
    mean,
    mrr_at_k,
    ndcg_at_k,
    percentile,
    recall_at_k,
)
from eval.run import EvalRun, QuestionResult

OVERALL = "overall"


def select(results: Sequence[QuestionResult], split: str) -> list[QuestionResult]:
    """The results of one split ("dev" or "holdout"); "all" keeps every result."""
    return list(results) if split == "all" else [r for r in results if r.gold.split == split]


def retrieval_row(results: Sequence[QuestionResult], system: str) -> dict[str, Any]:
    """Retrieval metrics of one system over the answerable questions among `results`.

    Args:
        results: per-question results.
        system: a key of `QuestionResult.rankings`.

    Returns:
        {"n": answerable questions, metric: mean or None}; decision_hit@3 is over decision questions only.
    """
    scored = [r for r in results if r.gold.answerable and system in r.rankings]
    row: dict[str, Any] = {"n": len(scored)}
    for k in (1, 5, 10):
        row[f"recall@{k}"] = mean([recall_at_k(r.rankings[system], r.gold.relevant, k) for r in scored])
    row["mrr@10"] = mean([mrr_at_k(r.rankings[system], r.gold.relevant, 10) for r in scored])
    row["ndcg@10"] = mean([ndcg_at_k(r.rankings[system], r.gold.relevant, 10) for r in scored])
    row["hit@5"] = mean([hit_at_k(r.rankings[system], r.gold.relevant, 5) for r in scored])
    row["decision_hit@3"] = mean(
        [hit_at_k(r.rankings[system], r.gold.relevant, 3) for r in scored if r.gold.type == "decision"]
    )
    return row


def answer_row(results: Sequence[QuestionResult]) -> dict[str, Any]:
    """Answer metrics of qa over `results`.

    Citation and key-fact metrics are over answerable questions (an abstention cites nothing, so
    it scores 0 recall); citation precision skips answers without citations. Abstention accuracy
    is over unanswerable questions, the answer rate over answerable ones; latency over all.

    Args:
        results: per-question results.

    Returns:
        {"n": questions, metric: value or None}.
    """
    answerable = [r for r in results if r.gold.answerable]
    unanswerable = [r for r in results if not r.gold.answerable]
    latencies = [r.answer_ms for r in results]
    return {
        "n": len(results),
        "citation_precision": mean([citation_precision(r.cited, r.gold.relevant, r.gold.partial) for r in answerable]),
        "citation_recall": mean([citation_recall(r.cited, r.gold.relevant) for r in answerable]),
        "key_fact_recall": mean([key_fact_recall(r.answer_text, r.gold.key_facts) for r in answerable]),
        "abstention_accuracy": mean([0.0 if r.answered else 1.0 for r in unanswerable]),
        "answer_rate": mean([1.0 if r.answered else 0.0 for r in answerable]),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }


def recall_curve(results: Sequence[QuestionResult], system: str, ks: Sequence[int] = range(1, 11)) -> list[float | None]:
    """Mean recall@k of one system over the answerable questions, for each k."""
    scored = [r for r in results if r.gold.answerable and system in r.rankings]
    return [mean([recall_at_k(r.rankings[system], r.gold.relevant, k) for r in scored]) for k in ks]


def summarise(run: EvalRun, splits: Sequence[str] = ("dev", "holdout")) -> dict[str, Any]:
    """Every table of the report, as plain data (what `--json` prints).

    Args:
        run: an evaluation run.
        splits: which parts to summarise ("dev", "holdout", "all").

    Returns:
        {"doc", "model", "systems", "notes", "splits": {split: {"questions", "retrieval":
        {system: {type or "overall": row}}, "answers": {type or "overall": row}}}, "questions":
        [per-question record, see `question_record`]}.
    """
    out: dict[str, Any] = {"doc": run.doc, "model": run.model, "systems": list(run.systems), "notes": list(run.notes), "splits": {}}
    for split in splits:
        chosen = select(run.results, split)
        types = [t for t in TYPES if any(r.gold.type == t for r in chosen)]
        groups = {t: [r for r in chosen if r.gold.type == t] for t in types}
        groups[OVERALL] = chosen
        out["splits"][split] = {
            "questions": len(chosen),
            "retrieval": {s: {g: retrieval_row(rs, s) for g, rs in groups.items() if g != "unanswerable"} for s in run.systems},
            "answers": {g: answer_row(rs) for g, rs in groups.items()},
        }
    out["questions"] = [question_record(r) for r in run.results if _in(r, splits)]
    return out


def _in(result: QuestionResult, splits: Sequence[str]) -> bool:
    """Whether a result belongs to one of the summarised splits."""
    return "all" in splits or result.gold.split in splits


def question_record(result: QuestionResult) -> dict[str, Any]:
    """One question's outcome as JSON: gold fields, every system's top 10, and qa's answer."""
    gold = result.gold
    return {
        "id": gold.id,
        "split": gold.split,
        "type": gold.type,
        "question": gold.question,
        "relevant": list(gold.relevant),
        "partial": list(gold.partial),
        "rankings": {system: list(ranking) for system, ranking in result.rankings.items()},
        "answered": result.answered,
        "mode": result.mode,
        "cited": list(result.cited),
        "answer": result.answer_text,
        "latency_ms": result.answer_ms,
    }


def summarise_by_language(run: EvalRun, splits: Sequence[str] = ("dev", "holdout")) -> dict[str, dict[str, Any]]:
    """`summarise` for each language of the gold questions (one entry per language, English first).

    Args:
        run: an evaluation run.
        splits: which parts to summarise.

    Returns:
        {language: summary of its questions, with "questions" their number}.
    """
    from dataclasses import replace

    from eval.gold import LANGUAGES

    out: dict[str, dict[str, Any]] = {}
    for language in LANGUAGES:
        chosen = [r for r in run.results if r.gold.language == language]
        if chosen:
            part = summarise(replace(run, results=chosen), splits)
            part.pop("questions")  # the per-question records are in the whole run's summary already
            part["questions"] = len([r for r in chosen if _in(r, splits)])
            out[language] = part
    return out
