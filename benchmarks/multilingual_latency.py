"""Warm answer latency of French, Spanish and English questions, and the multilingual vectors' build time, in one run.

python benchmarks/multilingual_latency.py [--index DIR] [--rounds N]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUESTIONS = {
    "fr": ["Qu'a décidé le CTP au sujet du seuil de minimis ?", "Qui a présenté les projets pilotes de données des États-Unis ?",
           "Combien d'économies de l'APEC ont répondu à l'enquête sur les douanes vertes ?"],
    "es": ["¿Qué decidió el CTP sobre el umbral de minimis?", "¿Cuándo es la próxima reunión del CTP?"],
    "en": ["What did the PTC decide on de minimis?", "Who presented the US data pilots?"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path(".index"))
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from index import Index
    from index.multilingual import multilingual_vectors
    from qa import answer
    from qa.language import warm_up

    index = Index.load(args.index)
    started = time.perf_counter()
    vectors = multilingual_vectors(index, progress=True)
    print(f"multilingual vectors: {vectors.embedded} paragraphs embedded in {time.perf_counter() - started:.1f} s")
    warm_up()
    for question in [q for qs in QUESTIONS.values() for q in qs]:
        answer(question, index)  # warm every path once
    for language, questions in QUESTIONS.items():
        times = []
        for _ in range(args.rounds):
            for question in questions:
                start = time.perf_counter()
                answer(question, index)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"{language}: warm answer p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms over {len(times)} answers")
    print(f"load average: {os.getloadavg()[0]:.2f} (2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
