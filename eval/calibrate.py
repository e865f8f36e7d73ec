"""Fit the answerability model on the dev gold split with k-fold CV — `python -m eval.calibrate [--gold FILE] [--index DIR] [--write] [--holdout]`.

A logistic regression (scipy, sign-constrained: see qa.answerability.SIGNS) over qa.answerability's features predicts whether a question is
answered by the reports. Out-of-fold probabilities on dev (5-fold, repeated over 10 shuffles) choose the threshold (the most
unanswerable questions abstained while at least 95% of answerable ones are answered); the model is
then refitted on all of dev. The holdout split is only scored (--holdout), never used for a choice. The
coefficients go to answerability.json (plain JSON) with --write.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from eval.gold_script import load_gold, script_setup
from qa.answerability import FEATURES, SIGNS, Evidence, evidence, probability
from qa.answer import Statement
from qa.context import Context
from qa.pipeline import compose, prepare
from qa.question import clean_question
from settings import ANSWERABILITY_FILE, PROJECT_ROOT, Answerability, Settings, write_fitted_model

# The model is fitted on the larger gold set's dev split (its holdout is never looked at here).
CALIBRATION_GOLD = PROJECT_ROOT / "eval" / "gold" / "ptc_241_242_v2.jsonl"
MIN_ANSWERED = 0.95  # the floor: answer at least this share of answerable questions
FOLDS = 5
# The split into folds is repeated with this many shuffles: one 5-fold split of 59 unanswerable questions
# moves the rates by a question or two (0.02-0.03), and the threshold with them.
REPEATS = 10
C = 1.0  # inverse regularisation strength of the logistic regression (sklearn's default)
# Hard checks before the regression: an answer must state the asked detail and meet the question's
# constraints (else qa gives a partial answer or abstains).
REQUIRED = ("detail_filled", "constraints")


@dataclass(frozen=True)
class Rates:
    """How a threshold does: share of unanswerable questions abstained, of answerable ones answered, and overall."""

    abstain_unanswerable: float
    answer_answerable: float
    accuracy: float


def rates(threshold: float, answerable: Sequence[float], unanswerable: Sequence[float]) -> Rates:
    """The rates of a threshold (probabilities below it abstain)."""
    abstained = sum(p < threshold for p in unanswerable)
    answered = sum(p >= threshold for p in answerable)
    total = len(answerable) + len(unanswerable)
    return Rates(
        abstained / len(unanswerable) if unanswerable else 1.0,
        answered / len(answerable) if answerable else 1.0,
        (abstained + answered) / total if total else 1.0,
    )


def choose_threshold(answerable: Sequence[float], unanswerable: Sequence[float], min_answered: float = MIN_ANSWERED) -> float:
    """The threshold that abstains on the most unanswerable questions while answering enough answerable ones.

    Candidates are the midpoints between neighbouring probabilities; among equally good ones the
    middle of their range is kept, as far as possible from the questions on either side.

    Raises:
        ValueError: no probabilities were given.
    """
    scores = sorted(set(answerable) | set(unanswerable))
    if not scores:
        raise ValueError("no probabilities to calibrate on")
    candidates = [scores[0] - 1e-6] + [(a + b) / 2 for a, b in zip(scores, scores[1:])]
    feasible = [t for t in candidates if rates(t, answerable, unanswerable).answer_answerable >= min_answered] or candidates[:1]

    def merit(t: float) -> tuple[float, float]:
        r = rates(t, answerable, unanswerable)
        return (r.abstain_unanswerable, r.accuracy)

    best = max(merit(t) for t in feasible)
    ties = [t for t in feasible if merit(t) == best]
    return ties[len(ties) // 2]


def fit(
    x: np.ndarray, y: np.ndarray, features: Sequence[str] = FEATURES, threshold: float = 0.5, required: Sequence[str] = REQUIRED
) -> Answerability:
    """A logistic regression on standardised features, as a plain Answerability record.

    Args:
        x: (questions, features) feature matrix.
        y: 1 for answerable, 0 for unanswerable.
        features: the feature names, in column order.
        threshold: the probability below which qa abstains.
        required: features that must be 1 for an answer (hard checks; the model's probability is 0 otherwise).

    Returns:
        The model.
    """
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    weights, bias = _signed_logistic((x - means) / scales, y, [SIGNS.get(f, 0) for f in features])
    floor = _lowest_answerable_similarity(x, y, features)
    return Answerability(
        features=tuple(features),
        weights=tuple(round(float(w), 6) for w in weights),
        bias=round(float(bias), 6),
        threshold=round(float(threshold), 6),
        means=tuple(round(float(m), 6) for m in means),
        scales=tuple(round(float(s), 6) for s in scales),
        required=tuple(required),
        min_similarity=float(np.floor(floor * 1e6) / 1e6),  # rounded down: the lowest question itself still passes
    )


def _lowest_answerable_similarity(x: np.ndarray, y: np.ndarray, features: Sequence[str]) -> float:
    """The lowest best-sentence similarity (sentence + typed_gap) of an answerable training question (0 without those features)."""
    if "sentence" not in features or "typed_gap" not in features or not y.any():
        return 0.0
    rows = x[y == 1]
    best = rows[:, list(features).index("sentence")] + rows[:, list(features).index("typed_gap")]
    return float(best.min())


def _signed_logistic(z: np.ndarray, y: np.ndarray, signs: Sequence[int]) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression with balanced class weights (sklearn's objective at C) whose weights keep their signs.

    Args:
        z: standardised features (questions, features).
        y: 1 for answerable, 0 for unanswerable.
        signs: per feature, 1 (weight >= 0), -1 (weight <= 0) or 0 (free).

    Returns:
        (weights, bias).
    """
    from scipy.optimize import minimize

    y = y.astype(np.float64)
    counts = np.bincount(y.astype(int), minlength=2).astype(np.float64)
    sample = np.where(y == 1, len(y) / (2 * max(counts[1], 1)), len(y) / (2 * max(counts[0], 1)))
    sign = np.where(y == 1, 1.0, -1.0)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        margin = sign * (z @ w + b)
        value = C * float(np.sum(sample * np.logaddexp(0.0, -margin))) + 0.5 * float(w @ w)
        slope = -C * sample * sign / (1.0 + np.exp(np.clip(margin, -50, 50)))
        return value, np.append(z.T @ slope + w, slope.sum())

    bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None) for s in signs] + [(None, None)]
    theta = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
    return theta[:-1], float(theta[-1])


def cross_validated(
    x: np.ndarray, y: np.ndarray, folds: int = FOLDS, seed: int = 0, features: Sequence[str] = FEATURES, required: Sequence[str] = REQUIRED
) -> np.ndarray:
    """Out-of-fold probabilities: each question scored by a model fitted without it (stratified k-fold)."""
    from sklearn.model_selection import StratifiedKFold

    out = np.zeros(len(y))
    splits = min(folds, int(min(np.bincount(y.astype(int), minlength=2))))
    if splits < 2:
        raise ValueError("calibration needs at least two answerable and two unanswerable dev questions")
    for train, test in StratifiedKFold(splits, shuffle=True, random_state=seed).split(x, y):
        model = fit(x[train], y[train], features, required=required)
        out[test] = [probability(model, Evidence(dict(zip(features, row)))) for row in x[test]]
    return out


@dataclass(frozen=True)
class RepeatedCV:
    """Out-of-fold probabilities of each shuffle, the threshold chosen on all of them pooled, and its rates."""

    runs: list[np.ndarray]
    threshold: float
    pooled: Rates  # the threshold's rates over every shuffle's out-of-fold probabilities together
    per_run: list[Rates]  # the same threshold's rates in each shuffle


def repeated_cv(
    x: np.ndarray, y: np.ndarray, features: Sequence[str] = FEATURES, required: Sequence[str] = REQUIRED, repeats: int = REPEATS
) -> RepeatedCV:
    """k-fold CV repeated over `repeats` shuffles; one threshold chosen on the pooled out-of-fold probabilities.

    Args:
        x: (questions, features) feature matrix.
        y: 1 for answerable, 0 for unanswerable.
        features: the feature names, in column order.
        required: the hard checks (see `fit`).
        repeats: shuffles of the fold split (seeds 0 .. repeats-1).

    Returns:
        The runs, the threshold and its rates pooled and per shuffle.
    """
    runs = [cross_validated(x, y, seed=seed, features=features, required=required) for seed in range(repeats)]
    pooled = _split(np.concatenate(runs), np.tile(y, repeats))
    threshold = choose_threshold(*pooled)
    return RepeatedCV(runs, threshold, rates(threshold, *pooled), [rates(threshold, *_split(run, y)) for run in runs])


def composed(row: dict[str, Any], index: Any, settings: Settings) -> tuple[Context, list[Statement]]:
    """A gold question in flight and the answer composed for it, as `qa.answer` prepares and composes them."""
    text, _ = clean_question(row["question"], settings.max_question_chars)
    ctx = prepare(text, index, settings)
    statements, _ = compose(ctx)
    return ctx, statements


def features_of(rows: Sequence[dict[str, Any]], index: Any, settings: Settings) -> np.ndarray:
    """The answerability features of each gold question, computed as `qa.answer` computes them."""
    return np.array([evidence(*composed(row, index, settings)).vector(FEATURES) for row in rows], dtype=np.float64)


def labels(rows: Sequence[dict[str, Any]]) -> np.ndarray:
    """1 for answerable gold questions (they have relevant paragraphs), 0 for unanswerable ones."""
    return np.array([1 if row["relevant"] else 0 for row in rows], dtype=np.int64)


def _split(p: np.ndarray, y: np.ndarray) -> tuple[list[float], list[float]]:
    return [float(v) for v, t in zip(p, y) if t], [float(v) for v, t in zip(p, y) if not t]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the CV and holdout rates of the fitted model; with --write, save it to answerability.json."""
    args, settings, index = script_setup(
        "python -m eval.calibrate", __doc__.splitlines()[0], ["--gold", str(CALIBRATION_GOLD), *(argv if argv is not None else sys.argv[1:])],
        lambda p: (
            p.add_argument("--write", action="store_true", help=f"save the model to {ANSWERABILITY_FILE.name}"),
            p.add_argument("--holdout", action="store_true", help="also score the fitted model on the holdout split (final report only)"),
        ),
    )
    dev = load_gold(args.gold, "dev")
    holdout = load_gold(args.gold, "holdout") if args.holdout else []
    x, y = features_of(dev, index, settings), labels(dev)
    result = repeated_cv(x, y)
    threshold, cv, per_run, oof = result.threshold, result.pooled, result.per_run, result.runs[0]
    model = fit(x, y, threshold=threshold)
    print(f"dev {len(dev)} questions ({int(y.sum())} answerable), {FOLDS}-fold CV repeated {REPEATS} times, threshold {threshold:.4f}")
    print(f"dev CV   abstain unanswerable {cv.abstain_unanswerable:.3f}  answer answerable {cv.answer_answerable:.3f}  accuracy {cv.accuracy:.3f}")
    low, high = min(r.abstain_unanswerable for r in per_run), max(r.abstain_unanswerable for r in per_run)
    print(f"         abstain unanswerable per repeat {low:.3f}-{high:.3f}, answer answerable "
          f"{min(r.answer_answerable for r in per_run):.3f}-{max(r.answer_answerable for r in per_run):.3f}")
    if holdout:
        hx, hy = features_of(holdout, index, settings), labels(holdout)
        hp = np.array([probability(model, Evidence(dict(zip(FEATURES, row)))) for row in hx])
        held = rates(threshold, *_split(hp, hy))
        print(f"holdout  abstain unanswerable {held.abstain_unanswerable:.3f}  answer answerable {held.answer_answerable:.3f}  accuracy {held.accuracy:.3f}")
    if args.verbose:
        for name, weight in zip(model.features, model.weights):
            print(f"  {name:<18} {weight:+.3f}")
        for row, p, t in sorted(zip(dev, oof, y), key=lambda r: r[1]):
            print(f"{p:6.3f}  {'answerable  ' if t else 'UNANSWERABLE'}  {row['question']}")
    if args.write:
        write_fitted_model(ANSWERABILITY_FILE, model)
        print(f"wrote {ANSWERABILITY_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
