"""Tests of eval.calibrate: threshold choice, the logistic regression as plain JSON, and out-of-fold probabilities."""
from __future__ import annotations

import numpy as np
import pytest

from eval.calibrate import REQUIRED, choose_threshold, cross_validated, fit, rates, repeated_cv
from qa.answerability import FEATURES, Evidence, probability
from settings import Answerability, load_answerability, write_fitted_model


def test_rates_count_probabilities_below_the_threshold_as_abstentions():
    r = rates(0.5, answerable=[0.6, 0.7, 0.4, 0.9], unanswerable=[0.1, 0.55])
    assert (r.abstain_unanswerable, r.answer_answerable, r.accuracy) == (0.5, 0.75, 4 / 6)


def test_threshold_separates_and_sits_in_the_middle_of_the_gap():
    threshold = choose_threshold(answerable=[0.8, 0.9, 1.0], unanswerable=[0.1, 0.2])
    assert 0.2 < threshold < 0.8


def test_threshold_keeps_answering_enough_answerable_questions():
    answerable = [0.3] + [0.9] * 19  # one weak answerable question among twenty
    loose = choose_threshold(answerable, unanswerable=[0.2, 0.5], min_answered=0.95)
    assert rates(loose, answerable, [0.2, 0.5]).abstain_unanswerable == 1.0
    strict = choose_threshold(answerable, unanswerable=[0.2, 0.5], min_answered=1.0)
    assert strict < 0.3
    with pytest.raises(ValueError):
        choose_threshold([], [])


def separable(n: int = 80, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = np.array([1] * (n // 2) + [0] * (n // 2))
    x = rng.normal(size=(n, len(FEATURES))) * 0.1
    x[:, 0] += y  # "sentence" separates the classes
    # typed_gap makes every best-sentence similarity (sentence + typed_gap) equal, so the out-of-range floor
    # (the lowest answerable one seen in training) never decides here.
    x[:, FEATURES.index("typed_gap")] = 2.0 - x[:, 0]
    return x, y


def test_fit_gives_plain_coefficients_that_qa_applies(tmp_path):
    x, y = separable()
    model = fit(x, y, threshold=0.4, required=())
    assert model.features == FEATURES and len(model.weights) == len(FEATURES) and model.threshold == 0.4
    assert model.weights[0] > 0
    assert round_trip(model, tmp_path) == model
    high = Evidence(dict(zip(FEATURES, x[0])))
    low = Evidence(dict(zip(FEATURES, x[-1])))
    assert probability(model, high) > 0.5 > probability(model, low)


def test_out_of_fold_probabilities_separate_held_out_questions():
    x, y = separable()
    oof = cross_validated(x, y, folds=5, required=())
    assert oof.shape == y.shape and (oof[y == 1].min() > oof[y == 0].max())
    with pytest.raises(ValueError):
        cross_validated(x[:21], y[:21])  # one unanswerable question only


def test_required_features_are_hard_checks_in_the_model_and_its_cross_validation(tmp_path):
    x, y = separable()
    detail = FEATURES.index("detail_filled")
    x[:, FEATURES.index("constraints")] = 1.0
    x[:, detail] = 1.0
    x[0, detail] = 0.0  # an answerable-looking question whose answer lacks the asked detail
    model = fit(x, y, required=REQUIRED)
    assert model.required == REQUIRED and round_trip(model, tmp_path) == model
    assert probability(model, Evidence(dict(zip(FEATURES, x[0])))) == 0.0
    assert probability(model, Evidence(dict(zip(FEATURES, x[1])))) > 0.5
    oof = cross_validated(x, y, folds=5, required=REQUIRED)
    assert oof[0] == 0.0 and oof[1:40].min() > oof[40:].max()


def test_a_missing_model_file_answers_everything_and_a_broken_one_is_named(tmp_path):
    assert load_answerability(tmp_path / "none.json") == Answerability()
    broken = tmp_path / "answerability.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(ValueError, match="answerability.json: not an answerability model"):
        load_answerability(broken)


def test_repeated_cv_pools_every_shuffle_for_one_threshold_and_rates_each_shuffle_with_it():
    x, y = separable()
    x[:10, 0] -= 1.0  # ten answerable questions look unanswerable: the shuffles no longer agree exactly
    result = repeated_cv(x, y, required=(), repeats=3)
    assert len(result.runs) == len(result.per_run) == 3
    assert not np.array_equal(result.runs[0], result.runs[1])  # another shuffle, other folds
    pooled = np.concatenate(result.runs)
    assert result.threshold == choose_threshold(list(pooled[np.tile(y, 3) == 1]), list(pooled[np.tile(y, 3) == 0]))
    assert result.pooled == rates(result.threshold, list(pooled[np.tile(y, 3) == 1]), list(pooled[np.tile(y, 3) == 0]))
    assert result.per_run[2] == rates(result.threshold, list(result.runs[2][y == 1]), list(result.runs[2][y == 0]))
    assert result.pooled.answer_answerable >= 0.95


def test_evidence_features_keep_their_signs_where_two_near_copies_would_cancel():
    # Two near-copies of one similarity: unconstrained, a regression may give them opposite weights that
    # cancel on the training questions and blow up on a question where they differ.
    rng = np.random.default_rng(3)
    y = np.array([1] * 60 + [0] * 60)
    signal = np.where(y == 1, 0.7, 0.5) + rng.normal(0, 0.08, 120)
    x = np.zeros((120, len(FEATURES)))
    # The best sentence of any kind is a little closer on the unanswerable questions (a topical sentence
    # without the asked detail): on its own it says little, beside its near-copy it earns a negative weight.
    x[:, FEATURES.index("sentence")] = signal + np.where(y == 1, 0.0, 0.15) + rng.normal(0, 0.02, 120)
    x[:, FEATURES.index("detail_sentence")] = signal
    x[:, FEATURES.index("typed_gap")] = np.where(y == 1, 0.0, 0.1) + rng.normal(0, 0.02, 120)
    model = fit(x, y, required=())
    weights = dict(zip(model.features, model.weights))
    assert weights["sentence"] >= 0 and weights["detail_sentence"] >= 0 and weights["typed_gap"] <= 0
    assert weights["sentence"] + weights["detail_sentence"] > 0  # the shared signal still counts
    # A weaker similarity never raises the probability.
    low, high = x[0].copy(), x[0].copy()
    low[FEATURES.index("sentence")] = low[FEATURES.index("detail_sentence")] = 0.2
    high[FEATURES.index("sentence")] = high[FEATURES.index("detail_sentence")] = 0.8
    p = lambda row: probability(model, Evidence(dict(zip(FEATURES, row))))
    assert p(low) < p(high)


def test_a_question_less_similar_than_every_answerable_one_is_not_answered(tmp_path):
    rng = np.random.default_rng(5)
    y = np.array([1] * 40 + [0] * 40)
    x = np.zeros((80, len(FEATURES)))
    x[:, FEATURES.index("sentence")] = np.where(y == 1, 0.6, 0.45) + rng.uniform(-0.1, 0.1, 80)
    x[:, FEATURES.index("typed_gap")] = 0.05
    x[:, FEATURES.index("detail_filled")] = x[:, FEATURES.index("constraints")] = 1.0
    model = fit(x, y)
    lowest = float((x[y == 1, FEATURES.index("sentence")] + 0.05).min())
    assert model.min_similarity <= lowest < model.min_similarity + 1e-5
    row = dict(zip(FEATURES, x[0]))
    assert probability(model, Evidence(row)) > 0
    # The same evidence but a best sentence below every answerable training question's: out of range.
    row["sentence"] = lowest - 0.06
    assert probability(model, Evidence(row)) == 0.0
    assert round_trip(model, tmp_path).min_similarity == model.min_similarity


def round_trip(model: Answerability, tmp_path) -> Answerability:
    """The model written as `python -m eval.calibrate --write` writes it and read back as qa reads answerability.json."""
    write_fitted_model(tmp_path / "answerability.json", model)
    return load_answerability(tmp_path / "answerability.json")
