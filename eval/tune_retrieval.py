"""Choose the ranking weights by 5-fold cross-validation over the DEV split's answerable questions, scoring the full pipeline.

Run: `python -m eval.tune_retrieval --gold eval/gold/ptc_241_242_v2.jsonl [--index DIR] [--reports DIR] [--fit-before ID]
[--scores FILE]`.
Every configuration of the grid answers every dev question once (qa.answer, as `python -m eval` scores it); each
fold then picks the configuration best on the other four folds (recall@5 + MRR@10) and is scored with it, so the CV
figure is what the choice earns on questions it did not see. With `--fit-before q416` the choice is made on the dev
rows before the dev row q416 only (CV there, then the configuration best on all of them), and that configuration is
scored on the dev rows from q416 on, which no choice looked at, as an out-of-sample check. Holdout questions are never read.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from typing import Any, Sequence

import numpy as np

from eval.gold import GoldQuestion
from eval.later_rows import LaterRowsError, add_option, from_args
from eval.metrics import mean, mrr_at_k, recall_at_k
from eval.session import script_inputs
from index.ranking import RankingConfig
from settings import Settings, load_settings

FOLDS = 5


def grid(base: RankingConfig) -> list[RankingConfig]:
    """Every configuration tried: the current one, adaptive fusion over its weights and the sentence share, then the rare-name credit."""
    configs = [base]
    for share, weight, floor, full in itertools.product((0.0, 0.2, 0.3, 0.5), (1.0, 1.5), (0.0, 0.3), (0.5, 0.7, 1.0)):
        configs.append(
            replace(base, fusion="adaptive", sentence_share=share, keyword_weight=weight, coverage_floor=floor, coverage_full=full)
        )
    # Credit for an exact match of a rare name the question writes (or of any rare question term): none,
    # or a floor under BM25's share when its best paragraph holds one, from several rarities on.
    configs.append(replace(base, rare_share=0.0))
    for names, floor, share in itertools.product((True, False), (0.7, 0.8, 0.9), (0.3, 0.5, 0.7, 1.0)):
        configs.append(replace(base, rare_names=names, rare_floor=floor, rare_share=share))
    return list(dict.fromkeys(configs))


def describe(config: RankingConfig, base: RankingConfig) -> str:
    """The fields of `config` that differ from `base` ("current" when none do)."""
    changed = [f"{name}={value!r}" for name, value in vars(config).items() if getattr(base, name) != value]
    return ", ".join(changed) or "current"


def folds(questions: Sequence[GoldQuestion], n: int = FOLDS) -> list[int]:
    """A fold per question, stratified by type: within each type, in file order, the i-th question goes to fold i mod n."""
    seen: dict[str, int] = {}
    out = []
    for q in questions:
        out.append(seen.get(q.type, 0) % n)
        seen[q.type] = seen.get(q.type, 0) + 1
    return out


def pipeline_scores(questions: Sequence[GoldQuestion], index: Any, config: RankingConfig, settings: Settings) -> np.ndarray:
    """(questions, 2) recall@5 and MRR@10 of the full pipeline's hits with `config` as the index's ranking."""
    from qa.pipeline import answer

    index.ranking = config
    rows = []
    for q in questions:
        ranked = [h.paragraph.number for h in answer(q.question, index, k=10, settings=settings).hits]
        rows.append((recall_at_k(ranked, q.relevant, 5), mrr_at_k(ranked, q.relevant, 10)))
    return np.asarray(rows)


def cross_validate(scores: np.ndarray, fold_of: Sequence[int], n: int = FOLDS) -> tuple[np.ndarray, list[int]]:
    """Per-question scores when each fold is ranked with the configuration best on the other folds.

    Args:
        scores: (configs, questions, 2) recall@5 and MRR@10.
        fold_of: the fold of each question.
        n: number of folds.

    Returns:
        ((questions, 2) held-out scores, the configuration chosen for each fold).
    """
    fold_of = np.asarray(fold_of)
    held = np.zeros(scores.shape[1:])
    chosen = []
    for fold in range(n):
        train = fold_of != fold
        best = int(np.argmax(scores[:, train].sum(axis=2).mean(axis=1)))  # first best on ties: the current config
        chosen.append(best)
        held[~train] = scores[best, ~train]
    return held, chosen


def report_cv(title: str, scores: np.ndarray, questions: Sequence[GoldQuestion], configs: Sequence[RankingConfig]) -> None:
    """Print the current configuration's figures and the 5-fold CV figures over `questions` (scores: (configs, questions, 2))."""
    held, chosen = cross_validate(scores, folds(questions))
    base = scores[0].mean(axis=0)
    print(f"\n{title}: {len(questions)} answerable questions, {len(configs)} configurations, {FOLDS} folds")
    print(f"current config:             R@5 {base[0]:.3f}  MRR@10 {base[1]:.3f}")
    print(f"5-fold CV (held-out folds): R@5 {held[:, 0].mean():.3f}  MRR@10 {held[:, 1].mean():.3f}")
    for fold, c in enumerate(chosen):
        print(f"fold {fold} chose #{c}: {describe(configs[c], configs[0])}")


def best_config(scores: np.ndarray) -> int:
    """The configuration with the best mean recall@5 + MRR@10 (the first on ties: the current one)."""
    return int(np.argmax(scores.sum(axis=2).mean(axis=1)))


def main(argv: list[str] | None = None) -> int:
    """Print the CV figures, the configuration each fold chose and the best configurations on all of dev."""
    settings = load_settings()
    own = argparse.ArgumentParser(add_help=False)
    add_option(own)
    own.add_argument("--scores", metavar="FILE", help="also save every configuration's per-question scores (.npz)")
    options, rest = own.parse_known_args(argv)
    _, gold, index = script_inputs("python -m eval.tune_retrieval", __doc__.splitlines()[0], rest, settings)
    try:
        later_rows = from_args(options, gold)
    except LaterRowsError as exc:
        print(f"tune_retrieval: {exc}", file=sys.stderr)
        return 2
    questions = [q for q in gold if q.answerable and q.split == "dev"]
    vectors: dict[str, np.ndarray] = {}
    encode = index.encode_query
    index.encode_query = lambda text: vectors[text] if text in vectors else vectors.setdefault(text, encode(text))
    configs = grid(index.ranking)
    scores = np.stack([pipeline_scores(questions, index, config, settings) for config in configs])
    if options.scores:
        np.savez(options.scores, scores=scores, ids=[q.id for q in questions], configs=[describe(c, configs[0]) for c in configs])
    if later_rows:
        later = {q.id for q in later_rows.later}
        fit = np.array([q.id not in later for q in questions])
        report_cv(f"dev rows before {later_rows.first} (the choice is made here)", scores[:, fit], [q for q, f in zip(questions, fit) if f], configs)
        best = best_config(scores[:, fit])
        print(f"chosen on all of them: #{best}: {describe(configs[best], configs[0])}")
        if (~fit).any():
            now, then = scores[0, ~fit].mean(axis=0), scores[best, ~fit].mean(axis=0)
            print(f"\nout of sample: dev rows from {later_rows.first} ({int((~fit).sum())} answerable, never chosen on)")
            print(f"current config: R@5 {now[0]:.3f}  MRR@10 {now[1]:.3f}")
            print(f"chosen #{best}:     R@5 {then[0]:.3f}  MRR@10 {then[1]:.3f}")
    report_cv("all dev rows", scores, questions, configs)
    held, _ = cross_validate(scores, folds(questions))
    types = sorted({q.type for q in questions})
    print("\nCV by type: " + ", ".join(
        f"{t} {mean(held[[q.type == t for q in questions], 0]):.3f}/{mean(held[[q.type == t for q in questions], 1]):.3f}" for t in types
    ))
    totals = scores.mean(axis=1)
    order = np.argsort(-totals.sum(axis=1), kind="stable")[:10]
    print("\n| # | dev R@5 | dev MRR@10 | config |\n|---|---|---|---|")
    for c in order:
        print(f"| {c} | {totals[c, 0]:.3f} | {totals[c, 1]:.3f} | {describe(configs[c], configs[0])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
