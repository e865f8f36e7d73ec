"""Calibrate the abstention threshold on the dev gold set — `python -m qa.calibrate [--gold FILE] [--index DIR]`."""
from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from typing import Any, Sequence

from qa.abstain import Evidence, evidence
from qa.gold_script import load_gold, script_setup
from qa.pipeline import retrieve
from qa.question import clean_question
from settings import load_settings

MIN_ANSWERED = 0.95  # the floor: answer at least this share of answerable questions


WEIGHTS = tuple(i / 20 for i in range(21))  # coverage weights tried: 0, 0.05, ..., 1


@dataclass(frozen=True)
class Calibration:
    """The chosen threshold (and coverage weight) and how they do on the questions they were chosen on."""

    threshold: float
    abstain_unanswerable: float  # share of unanswerable questions abstained
    answer_answerable: float  # share of answerable questions answered
    accuracy: float  # share of all questions on the right side of the threshold
    weight: float = 0.0  # coverage weight of the evidence score


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
    merit = {t: _merit(rates(t, answerable, unanswerable)) for t in feasible}
    best = max(merit.values())
    ties = [t for t in feasible if merit[t] == best]
    threshold = ties[len(ties) // 2]
    return Calibration(threshold, *rates(threshold, answerable, unanswerable))


def _merit(rate: tuple[float, float, float]) -> tuple[float, float]:
    """What calibration maximises: abstention on unanswerable questions, then accuracy."""
    return rate[0], rate[2]


def calibrate(signals: Sequence[Evidence], unanswerable: Sequence[bool], weights: Sequence[float] = WEIGHTS) -> Calibration:
    """Choose the coverage weight and the threshold of the evidence score.

    Each weight gets its best threshold (`choose_threshold`); among the weights that do equally
    well, the middle one is kept, so that the choice sits inside a stable range.

    Args:
        signals: evidence of each question.
        unanswerable: whether each question is unanswerable.
        weights: coverage weights to try.

    Returns:
        The calibration.
    """
    results = []
    for weight in weights:
        scores = [ev.score(weight) for ev in signals]
        cal = choose_threshold(
            [x for x, u in zip(scores, unanswerable) if not u], [x for x, u in zip(scores, unanswerable) if u]
        )
        results.append(replace(cal, weight=weight))
    best = max(_merit((c.abstain_unanswerable, c.answer_answerable, c.accuracy)) for c in results)
    ties = [c for c in results if _merit((c.abstain_unanswerable, c.answer_answerable, c.accuracy)) == best]
    return ties[len(ties) // 2]


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
    """Print the chosen weight and threshold, how they do on dev and holdout (and, with -v, each dev question's signals)."""
    args, settings, index = script_setup("python -m qa.calibrate", __doc__, argv)
    splits = {}
    for split in ("dev", "holdout"):
        rows = load_gold(args.gold, split)
        splits[split] = (rows, evidence_for(rows, index, settings.qa_search_k), [r["type"] == "unanswerable" for r in rows])
    rows, signals, unanswerable = splits["dev"]
    cal = calibrate(signals, unanswerable)
    if args.verbose:
        for row, ev in sorted(zip(rows, signals), key=lambda rs: rs[1].score(cal.weight)):
            kind = "UNANSWERABLE" if row["type"] == "unanswerable" else row["type"]
            print(f"{ev.score(cal.weight):7.3f}  sentence {ev.sentence:.3f} coverage {ev.coverage:.3f}  {kind:<12} {row['question']}")
    print(f"chosen on dev ({len(rows)} questions): qa_evidence_coverage_weight = {cal.weight}, qa_abstain_threshold = {cal.threshold:.4f}")
    print(f"dev      abstain unanswerable {cal.abstain_unanswerable:.3f}  answer answerable {cal.answer_answerable:.3f}  accuracy {cal.accuracy:.3f}")
    rows, signals, unanswerable = splits["holdout"]
    scores = [ev.score(cal.weight) for ev in signals]
    held = rates(cal.threshold, [x for x, u in zip(scores, unanswerable) if not u], [x for x, u in zip(scores, unanswerable) if u])
    print(f"holdout  abstain unanswerable {held[0]:.3f}  answer answerable {held[1]:.3f}  accuracy {held[2]:.3f}")
    print(f"settings.py has qa_evidence_coverage_weight = {settings.qa_evidence_coverage_weight}, qa_abstain_threshold = {settings.qa_abstain_threshold}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
