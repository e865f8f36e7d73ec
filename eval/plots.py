"""Matplotlib figures of an evaluation: dev against holdout, a metric by type and system, recall@k curves, the latency histogram."""
from __future__ import annotations

import textwrap
from typing import Any, Sequence

import matplotlib.pyplot as plt
import numpy as np

from eval.report import HEADLINE_METRICS
from eval.run import LABELS, PIPELINE, EvalRun
from eval.summary import OVERALL, recall_curve, select


def splits_side_by_side(summary: dict[str, Any]) -> plt.Figure:
    """Grouped bars: the full pipeline's headline metrics, one bar per split (dev beside holdout).

    Args:
        summary: from eval.summary.summarise.

    Returns:
        The figure.
    """
    splits = list(summary["splits"])
    width = 0.8 / len(splits)
    fig, ax = plt.subplots(figsize=(10, 4))
    x = np.arange(len(HEADLINE_METRICS))
    for i, split in enumerate(splits):
        part = summary["splits"][split]
        values = [(part[kind][PIPELINE] if kind == "retrieval" else part[kind])[OVERALL][key] for _, kind, key in HEADLINE_METRICS]
        bars = ax.bar(x + (i - (len(splits) - 1) / 2) * width, [np.nan if v is None else v for v in values], width,
                      label=f"{split} ({part['questions']} questions)")
        ax.bar_label(bars, ["-" if v is None else f"{v:.2f}" for v in values], fontsize="x-small")  # "-": no such question
    ax.set_xticks(x, [textwrap.fill(label, 14) for label, _, _ in HEADLINE_METRICS])
    ax.set_ylim(0, 1.22)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_title("Full pipeline: " + " beside ".join(splits))
    ax.legend(fontsize="small", ncols=len(splits), loc="upper center")
    fig.tight_layout()
    return fig


def metric_by_type(summary: dict[str, Any], split: str, metric: str = "recall@5") -> plt.Figure:
    """Grouped bars: one group per question type (and overall), one bar per system.

    Args:
        summary: from eval.summary.summarise.
        split: a summarised split ("dev" or "holdout").
        metric: a retrieval metric key, e.g. "recall@5" or "mrr@10".

    Returns:
        The figure.
    """
    retrieval = summary["splits"][split]["retrieval"]
    systems = summary["systems"]
    groups = list(retrieval[systems[0]])
    width = 0.8 / len(systems)
    fig, ax = plt.subplots(figsize=(10, 4))
    x = np.arange(len(groups))
    for i, system in enumerate(systems):
        values = [retrieval[system][g][metric] or 0.0 for g in groups]
        ax.bar(x + (i - (len(systems) - 1) / 2) * width, values, width, label=LABELS[system])
    ax.set_xticks(x, [f"{g}\n(n={retrieval[systems[0]][g]['n']})" for g in groups])
    ax.set_ylim(0, 1.22)  # headroom for the legend above the bars
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_ylabel(metric)
    ax.set_title(f"{metric} by question type and system ({split})")
    ax.legend(fontsize="small", ncols=len(systems), loc="upper center")
    fig.tight_layout()
    return fig


def recall_curves(run: EvalRun, splits: Sequence[str] = ("dev", "holdout"), ks: Sequence[int] = range(1, 11)) -> plt.Figure:
    """Recall@k for k = 1..10, one line per system, one panel per split.

    Args:
        run: an evaluation run.
        splits: the panels.
        ks: cut-offs.

    Returns:
        The figure.
    """
    fig, axes = plt.subplots(1, len(splits), figsize=(5 * len(splits), 4), sharey=True, squeeze=False)
    for ax, split in zip(axes[0], splits):
        chosen = select(run.results, split)
        for system in run.systems:
            ax.plot(list(ks), [v or 0.0 for v in recall_curve(chosen, system, ks)], marker="o", label=LABELS[system])
        ax.set_title(f"recall@k ({split})")
        ax.set_xlabel("k")
        ax.set_xticks(list(ks))
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel("recall@k (answerable questions)")
    axes[0][0].set_ylim(0, 1.05)
    axes[0][-1].legend(fontsize="small", loc="lower right")
    fig.tight_layout()
    return fig


def latency_histogram(run: EvalRun, bins: int = 30) -> plt.Figure:
    """Histogram of qa answer latency (ms), with p50 and p95 marked.

    Args:
        run: an evaluation run.
        bins: histogram bins.

    Returns:
        The figure.
    """
    latencies = np.array([r.answer_ms for r in run.results])
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.hist(latencies, bins=bins, color="tab:blue", alpha=0.8)
    for q, style in ((50, "--"), (95, ":")):
        value = float(np.percentile(latencies, q))
        ax.axvline(value, color="black", linestyle=style, label=f"p{q} = {value:.0f} ms")
    ax.set_xlabel("qa.answer latency (ms)")
    ax.set_ylabel("questions")
    ax.set_title(f"Answer latency over {len(latencies)} questions (warm)")
    ax.legend()
    fig.tight_layout()
    return fig
