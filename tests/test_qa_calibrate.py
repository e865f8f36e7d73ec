"""Tests of qa.calibrate: the threshold and weight choice on hand-made evidence scores."""
from __future__ import annotations

import pytest

from qa.abstain import Evidence
from qa.calibrate import calibrate, choose_threshold, rates


def test_rates_count_scores_below_the_threshold_as_abstentions():
    assert rates(0.5, answerable=[0.6, 0.7, 0.4, 0.9], unanswerable=[0.1, 0.55]) == (0.5, 0.75, 4 / 6)


def test_threshold_separates_and_sits_in_the_middle_of_the_gap():
    cal = choose_threshold(answerable=[0.8, 0.9, 1.0], unanswerable=[0.1, 0.2])
    assert cal.abstain_unanswerable == 1.0 and cal.answer_answerable == 1.0
    assert 0.2 < cal.threshold < 0.8


def test_threshold_keeps_answering_enough_answerable_questions():
    answerable = [0.3] + [0.9] * 19  # one weak answerable question among twenty
    cal = choose_threshold(answerable, unanswerable=[0.2, 0.5], min_answered=0.95)
    assert cal.answer_answerable == 0.95 and cal.abstain_unanswerable == 1.0  # gives up the weak one, catches both
    strict = choose_threshold(answerable, unanswerable=[0.2, 0.5], min_answered=1.0)
    assert strict.answer_answerable == 1.0 and strict.abstain_unanswerable == 0.5 and strict.threshold < 0.3


def test_calibrate_picks_a_weight_where_coverage_separates():
    # Similarity alone cannot tell these apart; coverage can.
    signals = [Evidence(0.5, 0.9), Evidence(0.5, 0.8), Evidence(0.5, 0.1), Evidence(0.5, 0.2)]
    cal = calibrate(signals, unanswerable=[False, False, True, True], weights=(0.0, 0.5, 1.0))
    assert cal.weight in (0.5, 1.0) and cal.abstain_unanswerable == 1.0 and cal.answer_answerable == 1.0


def test_no_scores_is_an_error():
    with pytest.raises(ValueError):
        choose_threshold([], [])
