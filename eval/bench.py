"""Warm answer latency on the gold questions, beside one query encode — `python -m eval.bench [--index DIR] [--rounds N]`."""
from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import replace
from typing import Callable, Sequence

from eval.gold_script import load_gold, script_setup
from qa.pipeline import answer


def percentiles(times: list[float]) -> tuple[float, float]:
    """(p50, p95) of timings in ms."""
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def timed(call: Callable[[], object]) -> float:
    """Wall time of one call in ms."""
    start = time.perf_counter()
    call()
    return 1000 * (time.perf_counter() - start)


def main(argv: Sequence[str] | None = None) -> int:
    """Print p50/p95 of `qa.answer` (extractive) and of one query encode, measured in the same run, and the load.

    Each round asks every question again with the round number appended, so no cache holds its answer.
    """
    args, settings, index = script_setup(
        "python -m eval.bench", __doc__, argv, lambda p: p.add_argument("--rounds", type=int, default=3)
    )
    settings = replace(settings, llm_base_url="")  # extractive mode
    questions = [row["question"] for row in load_gold(args.gold)]
    for question in questions:  # warm-up: model, per-index corpus facts
        answer(question, index, settings=settings)
    answers, encodes = [], []
    for round_ in range(args.rounds):
        for question in questions:
            text = f"{question} ({round_})"
            encodes.append(timed(lambda: index.encode_query(text)))
            answers.append(timed(lambda: answer(text, index, settings=settings)))
    a50, a95 = percentiles(answers)
    e50, e95 = percentiles(encodes)
    print(f"warm qa.answer (extractive), {len(answers)} answers: p50 {a50:.1f} ms, p95 {a95:.1f} ms")
    print(f"one query encode, same run:  p50 {e50:.1f} ms, p95 {e95:.1f} ms  (answer/encode p50 ratio {a50 / e50:.2f})")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
