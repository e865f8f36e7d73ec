"""Warm answer latency on the gold questions — `python -m qa.bench [--index DIR] [--rounds N]`."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from qa.evaluate import DEFAULT_GOLD, load_gold
from qa.pipeline import answer
from settings import load_settings


def main(argv: Sequence[str] | None = None) -> int:
    """Print p50/p95 of `qa.answer` in extractive mode, after one warm-up pass over the questions.

    Each round asks every question again with a new suffix, so the query encode is never a cache hit.
    """
    parser = argparse.ArgumentParser(prog="python -m qa.bench", description=__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--index", type=Path, help="index folder (default: settings.index_dir)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    settings = replace(load_settings(), llm_base_url="")  # extractive mode
    from qa.__main__ import CommandError, load_index

    try:
        index = load_index(args.index or settings.index_dir)
    except CommandError as exc:
        print(f"qa.bench: {exc}", file=sys.stderr)
        return 2
    questions = [row["question"] for row in load_gold(args.gold)]
    for question in questions:  # warm-up: model, corpus facts, caches
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
