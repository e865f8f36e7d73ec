"""eval.metrics on hand-computed rankings."""
from __future__ import annotations

import math

import pytest

from eval.metrics import (
    citation_precision,
    citation_recall,
    hit_at_k,
    key_fact_recall,
    mean,
    mrr_at_k,
    ndcg_at_k,
    percentile,
    recall_at_k,
)

RANKED = [7, 3, 9, 1, 4]  # relevant {3, 4}: found at ranks 2 and 5


def test_recall_counts_the_share_of_relevant_paragraphs_in_the_top_k():
    assert recall_at_k(RANKED, [3, 4], 1) == 0.0
    assert recall_at_k(RANKED, [3, 4], 2) == 0.5
    assert recall_at_k(RANKED, [3, 4], 5) == 1.0
    assert recall_at_k(RANKED, [3, 4, 8], 10) == pytest.approx(2 / 3)


def test_a_repeated_paragraph_takes_one_place_in_the_ranking():
    assert recall_at_k([3, 3, 4], [4], 2) == 1.0
    assert mrr_at_k([3, 3, 4], [4], 10) == 0.5


def test_recall_and_ndcg_refuse_questions_without_relevant_paragraphs():
    with pytest.raises(ValueError):
        recall_at_k(RANKED, [], 5)
    with pytest.raises(ValueError):
        ndcg_at_k(RANKED, [], 5)


def test_hit_is_one_when_any_relevant_paragraph_is_in_the_top_k():
    assert hit_at_k(RANKED, [4, 99], 4) == 0.0
    assert hit_at_k(RANKED, [4, 99], 5) == 1.0


def test_mrr_is_the_reciprocal_rank_of_the_first_relevant_hit_within_k():
    assert mrr_at_k(RANKED, [3, 4], 10) == 0.5
    assert mrr_at_k(RANKED, [4], 10) == 0.2
    assert mrr_at_k(RANKED, [4], 4) == 0.0
    assert mrr_at_k(RANKED, [42], 10) == 0.0


def test_ndcg_against_a_hand_computed_value():
    # DCG = 1/log2(3) + 1/log2(6); ideal with 2 relevant = 1 + 1/log2(3).
    expected = (1 / math.log2(3) + 1 / math.log2(6)) / (1 + 1 / math.log2(3))
    assert ndcg_at_k(RANKED, [3, 4], 10) == pytest.approx(expected)
    assert ndcg_at_k([3, 4, 7], [3, 4], 10) == pytest.approx(1.0)
    # Ideal DCG is cut at k too: one relevant at rank 1 of k=1 is perfect.
    assert ndcg_at_k([3], [3, 4], 1) == pytest.approx(1.0)


def test_citation_precision_accepts_partial_paragraphs_and_recall_needs_relevant_ones():
    assert citation_precision([3, 5, 8, 9], relevant=[3], partial=[5]) == 0.5
    assert citation_precision([], relevant=[3], partial=[]) is None
    assert citation_recall([3, 5], relevant=[3, 4]) == 0.5
    assert citation_recall([3], relevant=[]) is None


def test_key_facts_are_case_insensitive_literal_substrings():
    text = "The threshold was raised to 800 USD in 2016 [¶38]."
    assert key_fact_recall(text, ["800 usd", "2016"]) == 1.0
    assert key_fact_recall(text, ["800 USD", "1 January 2024"]) == 0.5
    assert key_fact_recall(text, ["800 dollars"]) == 0.0
    assert key_fact_recall(text, []) is None


def test_percentile_interpolates_and_mean_skips_missing_values():
    assert percentile([10.0, 20.0, 30.0, 40.0], 50) == 25.0
    assert percentile([10.0, 20.0, 30.0, 40.0], 95) == pytest.approx(38.5)
    assert percentile([5.0], 95) == 5.0
    assert percentile([], 50) is None
    assert mean([1.0, None, 0.0]) == 0.5
    assert mean([None]) is None
