"""Plain-text tables of a summary (see eval.summary.summarise), aligned for a terminal or a README."""
from __future__ import annotations

from typing import Any, Sequence

from eval.run import LABELS, PIPELINE
from eval.summary import OVERALL

_RETRIEVAL_COLUMNS = (
    ("R@1", "recall@1"),
    ("R@5", "recall@5"),
    ("R@10", "recall@10"),
    ("MRR@10", "mrr@10"),
    ("nDCG@10", "ndcg@10"),
    ("hit@5", "hit@5"),
    ("dec.hit@3", "decision_hit@3"),
)
_ANSWER_COLUMNS = (
    ("cit.P", "citation_precision"),
    ("cit.R", "citation_recall"),
    ("facts", "key_fact_recall"),
    ("abstain", "abstention_accuracy"),
    ("answered", "answer_rate"),
    ("p50 ms", "latency_p50_ms"),
    ("p95 ms", "latency_p95_ms"),
)

# The figures issue 11 asks of the full pipeline: answers over all questions, retrieval over answerable ones.
HEADLINE_METRICS = (
    ("abstains on unanswerable", "answers", "abstention_accuracy"),
    ("answers answerable", "answers", "answer_rate"),
    ("citation precision", "answers", "citation_precision"),
    ("key facts in the answer", "answers", "key_fact_recall"),
    ("recall@5", "retrieval", "recall@5"),
    ("MRR@10", "retrieval", "mrr@10"),
)


def cell(value: Any) -> str:
    """A table cell: 3 decimals for floats, '-' for no value, anything else as is."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def ms(value: float | None) -> str:
    """Milliseconds with one decimal ('-' for no value)."""
    return "-" if value is None else f"{value:.1f}"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """An aligned plain-text table: first column left-aligned, the others right-aligned.

    Args:
        headers: column titles.
        rows: one sequence of values per row (formatted with `cell`).

    Returns:
        The table's lines joined by newlines (a rule under the header).
    """
    text = [[str(h) for h in headers]] + [[cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in text) for i in range(len(headers))]
    lines = []
    for number, row in enumerate(text):
        parts = [row[0].ljust(widths[0])] + [v.rjust(w) for v, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(parts).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def systems_table(part: dict[str, Any], systems: Sequence[str]) -> str:
    """Every system's retrieval metrics over all answerable questions of one split."""
    rows = []
    for system in systems:
        row = part["retrieval"][system][OVERALL]
        rows.append([LABELS[system], row["n"]] + [row[key] for _, key in _RETRIEVAL_COLUMNS])
    return table(["system", "n"] + [h for h, _ in _RETRIEVAL_COLUMNS], rows)


def by_type_table(part: dict[str, Any], systems: Sequence[str], metric: str) -> str:
    """One retrieval metric per question type (rows) and system (columns)."""
    groups = list(part["retrieval"][systems[0]])
    rows = [[g, part["retrieval"][systems[0]][g]["n"]] + [part["retrieval"][s][g][metric] for s in systems] for g in groups]
    return table(["type", "n"] + list(systems), rows)


def pipeline_table(part: dict[str, Any]) -> str:
    """The full pipeline per question type: retrieval (answerable questions) and answer metrics."""
    retrieval = part["retrieval"][PIPELINE]
    rows = []
    for group, answers in part["answers"].items():
        found = retrieval.get(group, {})
        rows.append(
            [group, answers["n"]]
            + [found.get(key) for _, key in _RETRIEVAL_COLUMNS if key != "hit@5"]
            + [ms(answers[key]) if key.startswith("latency") else answers[key] for _, key in _ANSWER_COLUMNS]
        )
    headers = ["type", "n"] + [h for h, key in _RETRIEVAL_COLUMNS if key != "hit@5"] + [h for h, _ in _ANSWER_COLUMNS]
    return table(headers, rows)


def headline_table(summary: dict[str, Any]) -> str:
    """Recall@5 and MRR@10 of every system, one column pair per split (the README's table)."""
    splits = list(summary["splits"])
    rows = []
    for system in summary["systems"]:
        row: list[Any] = [LABELS[system]]
        for split in splits:
            overall = summary["splits"][split]["retrieval"][system][OVERALL]
            row += [overall["recall@5"], overall["mrr@10"]]
        rows.append(row)
    headers = ["system"] + [f"{split} {metric}" for split in splits for metric in ("R@5", "MRR@10")]
    return table(headers, rows)


def splits_table(summary: dict[str, Any]) -> str:
    """The full pipeline's headline metrics, one column per split side by side, and dev - holdout when both are there."""
    splits = list(summary["splits"])
    gap = "dev" in splits and "holdout" in splits
    rows = []
    for label, kind, key in HEADLINE_METRICS:
        values = {}
        for split in splits:
            part = summary["splits"][split][kind]
            values[split] = (part[PIPELINE] if kind == "retrieval" else part)[OVERALL][key]
        row = [label] + [values[s] for s in splits]
        if gap:
            row.append(None if None in (values["dev"], values["holdout"]) else values["dev"] - values["holdout"])
        rows.append(row)
    return table(["full pipeline"] + splits + (["dev - holdout"] if gap else []), rows)


def format_report(summary: dict[str, Any], heading: str = "") -> str:
    """The whole text report: headline, then per split the system, by-type and pipeline tables.

    Args:
        summary: from `eval.summary.summarise`.
        heading: first line(s), e.g. which gold file and index were used.

    Returns:
        Text ending with a newline.
    """
    systems = summary["systems"]
    out = [heading] if heading else []
    out += [f"Report {summary['doc']}, model {summary['model']}. Retrieval metrics over answerable questions; "
            "R@k = share of the relevant paragraphs in the top k."]
    out += [f"Note: {note}" for note in summary["notes"]]
    if PIPELINE in systems:
        out += ["", "Full pipeline by split", splits_table(summary)]
    out += ["", "Recall@5 and MRR@10 by system", headline_table(summary)]
    for split, part in summary["splits"].items():
        answerable = part["retrieval"][systems[0]][OVERALL]["n"]
        out += ["", f"== {split}: {part['questions']} questions ({answerable} answerable) ==", ""]
        out += ["Retrieval by system", systems_table(part, systems), ""]
        out += ["Recall@5 by question type and system", by_type_table(part, systems, "recall@5"), ""]
        out += ["MRR@10 by question type and system", by_type_table(part, systems, "mrr@10"), ""]
        out += ["Full pipeline and qa answers by question type (latency: the whole qa answer)", pipeline_table(part)]
    return "\n".join(out) + "\n"
