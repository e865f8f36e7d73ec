"""Calibrate the abstention threshold on the dev gold set — `python -m qa.calibrate [--gold FILE] [--index DIR]`."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from qa.abstain import Evidence, evidence
from qa.evaluate import DEFAULT_GOLD, load_gold
from qa.pipeline import retrieve
from qa.question import clean_question
from settings import load_settings

MIN_ANSWERED = 0.95  # the floor: answer at least this share of answerable questions


@dataclass(frozen=True)
class Calibration:
    """The chosen threshold and how it does on the questions it was chosen on."""

    threshold: float
    abstain_unanswerable: float  # share of unanswerable questions abstained
    answer_answerable: float  # share of answerable questions answered
    accuracy: float  # share of all questions on the right side of the threshold


def rates(threshold: float, answerable: Sequence[float], unanswerable: Sequence[float]) -> tuple[float, float, float]:
    """(abstained unanswerable, answered answerable, accuracy) for a threshold (scores below it abstain)."""
    abstained = sum(s < threshold for s in unanswerable)
    answered = sum(s >= threshold for s in answerable)
    total = len(answerable) + len(unanswerable)
    return (
        abstained / len(unanswerable) if unanswerable else 1.0,
        answered / len(answerable) if answerable else 1.0,
        (abstained + answered) / total if total else 1.0,
    )


def choose_threshold(answerable: Sequence[float], unanswerable: Sequence[float], min_answered: float = MIN_ANSWERED) -> Calibration:
    """The threshold that abstains on the most unanswerable questions while answering enough answerable ones.

    Candidates are the midpoints between neighbouring scores. Among equally good candidates the one
    in the middle of their range is kept, as far as possible from the questions on either side.

    Args:
        answerable: evidence scores of answerable questions.
        unanswerable: evidence scores of unanswerable questions.
        min_answered: least share of answerable questions to answer.

    Returns:
        The calibration.

    Raises:
        ValueError: no scores were given.
    """
    scores = sorted(set(answerable) | set(unanswerable))
    if not scores:
        raise ValueError("no evidence scores to calibrate on")
    candidates = [scores[0] - 1e-6] + [(a + b) / 2 for a, b in zip(scores, scores[1:])]
    feasible = [t for t in candidates if rates(t, answerable, unanswerable)[1] >= min_answered] or candidates[:1]
    best = max(rates(t, answerable, unanswerable)[:1] + rates(t, answerable, unanswerable)[2:] for t in feasible)
    ties = [t for t in feasible if rates(t, answerable, unanswerable)[:1] + rates(t, answerable, unanswerable)[2:] == best]
    threshold = ties[len(ties) // 2]
    return Calibration(threshold, *rates(threshold, answerable, unanswerable))


def evidence_for(rows: Sequence[dict[str, Any]], index: Any, k: int) -> list[Evidence]:
    """The evidence signals of each gold question, retrieved as `qa.answer` retrieves.

    Args:
        rows: gold questions.
        index: the loaded index.
        k: hits retrieved per question (settings.qa_search_k).

    Returns:
        One Evidence per row.
    """
    settings = load_settings()
    out = []
    for row in rows:
        text, _ = clean_question(row["question"], settings.max_question_chars)
        found = retrieve(text, index, k)
        out.append(evidence(text, found.hits, index, found.corpus, found.query_vector))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Print every dev question's evidence, the chosen threshold, and how it does on dev and holdout."""
    parser = argparse.ArgumentParser(prog="python -m qa.calibrate", description=__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--index", type=Path, help="index folder (default: settings.index_dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each dev question's signals")
    args = parser.parse_args(argv)
    settings = load_settings()
    from qa.__main__ import CommandError, load_index

    try:
        index = load_index(args.index or settings.index_dir)
    except CommandError as exc:
        print(f"qa.calibrate: {exc}", file=sys.stderr)
        return 2
    splits = {}
    for split in ("dev", "holdout"):
        rows = load_gold(args.gold, split)
        signals = evidence_for(rows, index, settings.qa_search_k)
        splits[split] = (rows, signals)
        if args.verbose and split == "dev":
            for row, ev in sorted(zip(rows, signals), key=lambda rs: rs[1].score):
                kind = "UNANSWERABLE" if row["type"] == "unanswerable" else row["type"]
                print(f"{ev.score:7.3f}  sentence {ev.sentence:.3f} coverage {ev.coverage:.3f}  {kind:<12} {row['question']}")

    def scores(split: str, unanswerable: bool) -> list[float]:
        rows, signals = splits[split]
        return [ev.score for row, ev in zip(rows, signals) if (row["type"] == "unanswerable") == unanswerable]

    cal = choose_threshold(scores("dev", False), scores("dev", True))
    print(f"chosen on dev ({len(splits['dev'][0])} questions): qa_abstain_threshold = {cal.threshold:.4f}")
    print(f"dev      abstain unanswerable {cal.abstain_unanswerable:.3f}  answer answerable {cal.answer_answerable:.3f}  accuracy {cal.accuracy:.3f}")
    held = rates(cal.threshold, scores("holdout", False), scores("holdout", True))
    print(f"holdout  abstain unanswerable {held[0]:.3f}  answer answerable {held[1]:.3f}  accuracy {held[2]:.3f}")
    print(f"settings.py now has qa_abstain_threshold = {settings.qa_abstain_threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
