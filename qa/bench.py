"""Warm answer latency on the gold questions — `python -m qa.bench [--index DIR] [--rounds N]`."""
from __future__ import annotations

import statistics
import sys
import time
from dataclasses import replace
from typing import Sequence

from qa.gold_script import load_gold, script_setup
from qa.pipeline import answer


def main(argv: Sequence[str] | None = None) -> int:
    """Print p50/p95 of `qa.answer` in extractive mode, after one warm-up pass over the questions.

    Each round asks every question again, with the round number appended.
    """
    args, settings, index = script_setup(
        "python -m qa.bench", __doc__, argv, lambda p: p.add_argument("--rounds", type=int, default=3)
    )
    settings = replace(settings, llm_base_url="")  # extractive mode
    questions = [row["question"] for row in load_gold(args.gold)]
    for question in questions:  # warm-up: model, per-index corpus facts
        answer(question, index, settings=settings)
    times = []
    for round_ in range(args.rounds):
        for question in questions:
            start = time.perf_counter()
            answer(f"{question} ({round_})", index, settings=settings)
            times.append(1000 * (time.perf_counter() - start))
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"warm qa.answer (extractive), {len(times)} answers: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
