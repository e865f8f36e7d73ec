"""Grid-search the ranking weights on the DEV split only and print the best settings and their holdout scores.

Run: `python -m eval.tune_retrieval [--index DIR] [--reports DIR] [--gold FILE]`. Raw dense/BM25 scores are computed once per
question, so the grid costs only numpy work.
"""
from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np

from eval.metrics import mean, mrr_at_k, recall_at_k
from eval.session import script_inputs
from index.ranking import RankingConfig
from settings import load_settings


def grid() -> list[RankingConfig]:
    """Every configuration tried."""
    configs = []
    fusions = [("convex", w, 60.0) for w in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)] + [("rrf", 0.5, k) for k in (10.0, 30.0, 60.0)]
    for (fusion, weight, rrf_k), expand, item_weight, item_top, decision_items in itertools.product(
        fusions, (False, True), (0.0, 0.1, 0.2, 0.3, 0.5), (1, 2, 3), (1, 2, 3)
    ):
        configs.append(
            RankingConfig(
                fusion=fusion, dense_weight=weight, rrf_k=rrf_k, expand_acronyms=expand,
                item_weight=item_weight, item_top=item_top, decision_boost=True, decision_items=decision_items,
            )
        )
    return configs


def main(argv: list[str] | None = None) -> int:
    """Print the ten best dev configurations with their holdout figures."""
    _, gold, index = script_inputs("python -m eval.tune_retrieval", __doc__.splitlines()[0], argv, load_settings())
    questions = [q for q in gold if q.answerable]
    mask = index.mask(None)
    raw = {}
    parsed = {q.id: index.parse(q.question) for q in questions}
    for q in questions:
        for expand in (False, True):
            raw[q.id, expand] = index.raw_scores(parsed[q.id], replace(RankingConfig(), expand_acronyms=expand))
    numbers = np.array([p.number for p in index.paragraphs])

    def evaluate(config: RankingConfig, split: str) -> tuple[float, float]:
        recalls, mrrs = [], []
        for q in questions:
            if q.split != split:
                continue
            dense, keyword = raw[q.id, config.expand_acronyms]
            _, final = index.rank(dense, keyword, mask, parsed[q.id], config)
            ranked = numbers[np.argsort(-final, kind="stable")[:10]].tolist()
            recalls.append(recall_at_k(ranked, q.relevant, 5))
            mrrs.append(mrr_at_k(ranked, q.relevant, 10))
        return mean(recalls), mean(mrrs)

    results = []
    for config in grid():
        r5, mrr = evaluate(config, "dev")
        results.append((r5 + mrr, r5, mrr, config))
    results.sort(key=lambda row: -row[0])
    print("| dev R@5 | dev MRR@10 | holdout R@5 | holdout MRR@10 | config |\n|---|---|---|---|---|")
    for _, r5, mrr, config in results[:10]:
        h5, hmrr = evaluate(config, "holdout")
        print(f"| {r5:.3f} | {mrr:.3f} | {h5:.3f} | {hmrr:.3f} | {config} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
