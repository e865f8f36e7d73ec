"""English retrieval with all-MiniLM-L6-v2 against multilingual-e5-small, dense only and end to end, in one run.

python benchmarks/multilingual_models.py --index DIR [--split dev]
End to end puts e5's cosine where MiniLM's goes: same BM25, fusion and structure-aware step.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path(".index"))
    parser.add_argument("--split", choices=("dev", "holdout"), default="dev")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from eval.gold import FIRST_GOLD, load_gold
    from eval.metrics import mean, mrr_at_k, recall_at_k
    from index import Index
    from index.multilingual import multilingual_vectors
    from index.query import is_decision_question, is_speaker_question, normalise_query

    index = Index.load(args.index)
    vectors = multilingual_vectors(index, progress=True)
    questions = [q for q in load_gold(FIRST_GOLD) if q.split == args.split and q.answerable]
    numbers = np.array([p.number for p in index.paragraphs])

    def top(scores: np.ndarray) -> list[int]:
        return list(numbers[np.argsort(-scores, kind="stable")[:10]])

    rankings: dict[str, list[list[int]]] = {k: [] for k in ("MiniLM dense", "e5 dense", "MiniLM end to end", "e5 end to end")}
    for q in questions:
        text = normalise_query(q.question)
        query_vector = index.query_vector(text)
        e5 = vectors.scores(vectors.query_vector(q.question))
        rankings["MiniLM dense"].append(top(index.dense_scores(index.encode_query(text))))
        rankings["e5 dense"].append(top(e5))
        rankings["MiniLM end to end"].append([h.paragraph.number for h in index.search(q.question, k=10, query_vector=query_vector)])
        _, keyword = index.raw_scores(text, query_vector=query_vector)
        _, final = index.rank(e5, keyword, index.mask(None), is_decision_question(text), index.ranking,
                              speaker_question=is_speaker_question(text))
        rankings["e5 end to end"].append(top(final))
    for name, ranked in rankings.items():
        r5 = mean([recall_at_k(r, q.relevant, 5) for r, q in zip(ranked, questions)])
        mrr = mean([mrr_at_k(r, q.relevant, 10) for r, q in zip(ranked, questions)])
        print(f"{args.split} {name}: recall@5 {r5:.3f}, MRR@10 {mrr:.3f} ({len(questions)} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
