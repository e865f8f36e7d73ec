"""Retrieval stages side by side on the gold set: recall@5 and MRR@10, dev and holdout, decision questions apart.

Run: `python -m eval.retrieval_report [--index DIR] [--reports DIR] [--gold FILE]` (builds a temporary
index of the report folder when --index is not given, and deletes it once loaded).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Sequence

from eval.gold import GoldQuestion
from eval.metrics import mean, mrr_at_k, ndcg_at_k, recall_at_k
from eval.report import cell
from eval.run import BASELINE_RANKINGS, LABELS
from eval.session import script_inputs
from index.ranking import RankingConfig
from settings import load_settings

FULL = RankingConfig()
# The pipeline before adaptive fusion: tuned RRF, ranked by the dense side alone when BM25 is weak.
RRF = replace(FULL, fusion="rrf", sentence_share=0.0)
# Each row adds one stage to the one above, so the table shows what every stage contributes.
# The first three are `python -m eval`'s baselines (plain RRF with the textbook k=60).
STAGES: dict[str, RankingConfig] = {
    **{LABELS[name]: config for name, config in BASELINE_RANKINGS.items()},
    f"RRF k={RRF.rrf_k:g} (tuned on dev)": replace(
        RRF, expand_acronyms=False, decision_boost=False, speaker_boost=0.0, weak_keyword=0.0
    ),
    "+ acronym expansion": replace(RRF, decision_boost=False, speaker_boost=0.0, weak_keyword=0.0),
    "+ conclusion of the best item first": replace(RRF, speaker_boost=0.0, weak_keyword=0.0),
    f"+ speaker paragraphs lifted for who-questions ({RRF.speaker_boost:g})": replace(RRF, weak_keyword=0.0),
    f"+ dense alone when no BM25 score reaches {RRF.weak_keyword:g}": RRF,
    "adaptive fusion instead: BM25 weighted by the share of the question its best paragraph holds": replace(FULL, sentence_share=0.0),
    f"+ {FULL.sentence_share:g} of the dense score from the best sentence (full pipeline)": FULL,
    "full + item score mixed into every paragraph (w=0.2, not kept)": replace(FULL, item_weight=0.2),
}


def ranked_numbers(index: Any, question: str, config: RankingConfig, k: int = 10) -> list[int]:
    """Printed paragraph numbers of the top k hits."""
    return [hit.paragraph.number for hit in index.search(question, k=k, ranking=config)]


def score(index: Any, questions: Sequence[GoldQuestion], config: RankingConfig) -> dict[str, float | None]:
    """Mean recall@5, MRR@10 and nDCG@10 of one configuration over answerable questions."""
    rows = [(ranked_numbers(index, q.question, config), q.relevant) for q in questions if q.answerable]
    return {
        "n": len(rows),
        "recall@5": mean([recall_at_k(r, rel, 5) for r, rel in rows]),
        "mrr@10": mean([mrr_at_k(r, rel, 10) for r, rel in rows]),
        "ndcg@10": mean([ndcg_at_k(r, rel, 10) for r, rel in rows]),
    }


def table(index: Any, gold: Sequence[GoldQuestion], stages: dict[str, RankingConfig] = STAGES) -> str:
    """A Markdown table: one row per stage, recall@5 / MRR@10 per split and for decision questions."""
    groups = {
        "dev": [q for q in gold if q.split == "dev"],
        "holdout": [q for q in gold if q.split == "holdout"],
        "dev decisions": [q for q in gold if q.split == "dev" and q.type == "decision"],
        "holdout decisions": [q for q in gold if q.split == "holdout" and q.type == "decision"],
    }
    header = "| stage | " + " | ".join(f"{g} R@5 | {g} MRR@10" for g in groups) + " |"
    lines = [header, "|" + "---|" * (1 + 2 * len(groups))]
    for name, config in stages.items():
        cells = []
        for questions in groups.values():
            result = score(index, questions, config)
            cells += [cell(result["recall@5"]), cell(result["mrr@10"])]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    counts = ", ".join(f"{g}: {sum(q.answerable for q in qs)}" for g, qs in groups.items())
    lines.append(f"\nAnswerable questions per column: {counts}.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the retrieval table."""
    _, gold, index = script_inputs("python -m eval.retrieval_report", __doc__.splitlines()[0], argv, load_settings())
    print(table(index, gold))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
