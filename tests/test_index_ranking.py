"""Tests for fusion and the structure-aware step."""
import numpy as np
import pytest

from index.ranking import RankingConfig, boost_speakers, fuse, item_scores, keyword_share, ranks, structured


def test_ranks_ignore_masked_entries():
    scores = np.array([0.1, 0.9, 0.5], dtype=np.float32)
    mask = np.array([True, False, True])
    assert ranks(scores, mask).tolist() == [2.0, 4.0, 1.0]


def test_rrf_rewards_agreement_and_masks_out():
    dense = np.array([0.9, 0.8, 0.1, 0.95], dtype=np.float32)
    keyword = np.array([5.0, 0.0, 1.0, 9.0], dtype=np.float32)
    mask = np.array([True, True, True, False])
    fused = fuse(dense, keyword, mask, RankingConfig(fusion="rrf"))
    assert np.argmax(fused) == 0 and fused[3] == -np.inf


def test_convex_fusion_is_between_the_two_normalised_scores():
    dense = np.array([1.0, 0.0], dtype=np.float32)
    keyword = np.array([0.0, 4.0], dtype=np.float32)
    fused = fuse(dense, keyword, np.array([True, True]), RankingConfig(fusion="convex", dense_weight=0.7))
    assert np.allclose(fused, [0.7, 0.3])


def test_item_score_is_mean_of_best_paragraphs():
    fused = np.array([0.9, 0.1, 0.5, -np.inf], dtype=np.float32)
    groups = np.array([0, 0, 1, 2])
    assert np.allclose(item_scores(fused, groups, 3, top=2)[:2], [0.5, 0.5])
    assert item_scores(fused, groups, 3, top=1)[2] == -np.inf


def test_decision_question_lifts_the_best_items_conclusion():
    fused = np.array([0.9, 0.2, 0.3, 0.8], dtype=np.float32)
    groups = np.array([0, 0, 1, 1])
    decisions = np.array([False, True, False, True])
    config = RankingConfig(decision_items=1)
    final = structured(fused, groups, 2, decisions, True, config)
    assert np.argmax(final) == 1  # item 0 has the best paragraph, so its conclusion goes first
    plain = structured(fused, groups, 2, decisions, False, config)
    assert np.argmax(plain) == 0


def test_speaker_boost_lifts_close_speakers_only_for_speaker_questions():
    fused = np.array([0.060, 0.056, 0.030, -np.inf], dtype=np.float32)
    groups = np.array([0, 0, 1, 1])
    decisions = np.zeros(4, dtype=bool)
    speakers = np.array([False, True, True, True])
    config = RankingConfig(speaker_boost=0.15)
    final = structured(fused, groups, 2, decisions, False, config, speakers, speaker_question=True)
    assert np.argmax(final) == 1  # the close speaker paragraph overtakes
    assert final[2] < final[0]  # a distant one does not
    assert final[3] == -np.inf  # filtered out stays out
    plain = structured(fused, groups, 2, decisions, False, config, speakers, speaker_question=False)
    assert np.argmax(plain) == 0
    off = structured(fused, groups, 2, decisions, False, RankingConfig(speaker_boost=0.0), speakers, True)
    assert np.array_equal(off, fused)


def test_speaker_boost_raises_negative_scores_too():
    boosted = boost_speakers(np.array([-0.2, -0.2], dtype=np.float32), np.array([True, False]), 0.5)
    assert boosted[0] > boosted[1]


def test_a_question_no_paragraph_matches_by_keyword_is_ranked_by_the_dense_side():
    dense = np.array([0.9, 0.1, 0.5], dtype=np.float32)
    keyword = np.array([0.0, 1.5, 0.2], dtype=np.float32)  # weak: every BM25 score under the floor
    mask = np.ones(3, dtype=bool)
    assert np.argmax(fuse(dense, keyword, mask, RankingConfig(fusion="rrf", weak_keyword=4.0))) == 0
    assert np.array_equal(fuse(dense, keyword, mask, RankingConfig(fusion="rrf", weak_keyword=4.0)), dense)
    strong = keyword * 10
    assert not np.array_equal(fuse(dense, strong, mask, RankingConfig(fusion="rrf", weak_keyword=4.0)), dense)
    assert not np.array_equal(fuse(dense, keyword, mask, RankingConfig(fusion="rrf", weak_keyword=0.0)), dense)


def test_adaptive_fusion_weighs_bm25_by_the_questions_coverage():
    dense = np.array([0.9, 0.5, 0.1], dtype=np.float32)
    keyword = np.array([0.0, 9.0, 3.0], dtype=np.float32)
    mask = np.ones(3, dtype=bool)
    config = RankingConfig(fusion="adaptive", keyword_weight=1.0, coverage_floor=0.3, coverage_full=0.5)
    # The best BM25 paragraph holds little of the question (a paraphrase): the dense order stands.
    assert np.argmax(fuse(dense, keyword, mask, config, coverage=0.2)) == 0
    assert np.allclose(fuse(dense, keyword, mask, config, coverage=0.2), [1.0, 0.5, 0.0])
    # It holds the whole question: BM25 counts in full and agreement wins.
    assert np.argmax(fuse(dense, keyword, mask, config, coverage=0.9)) == 1
    assert np.allclose(fuse(dense, keyword, mask, config, coverage=0.9), [1.0, 1.5, 1 / 3])
    # In between, the weight grows linearly.
    assert keyword_share(config, 0.4) == pytest.approx(0.5)
    assert keyword_share(config, 0.0) == 0.0 and keyword_share(config, 1.0) == 1.0


def test_adaptive_fusion_masks_out():
    fused = fuse(np.array([0.2, 0.9]), np.array([1.0, 5.0]), np.array([True, False]), RankingConfig(fusion="adaptive"), 1.0)
    assert fused[1] == -np.inf and np.isfinite(fused[0])

