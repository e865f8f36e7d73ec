"""Tests for fusion and the structure-aware step."""
from dataclasses import replace

import numpy as np
import pytest

from index.ranking import RankingConfig, boost_speakers, cover_parts, distinct_best, fuse, item_scores, keyword_share, move_up, ranks, structured


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



def test_a_rare_term_match_earns_bm25_weight_despite_low_coverage():
    config = RankingConfig(fusion="adaptive", keyword_weight=1.5, coverage_floor=0.3, coverage_full=1.0, rare_floor=0.8, rare_share=0.5)
    # Below the coverage floor, BM25 counts only through the rare match, growing from rare_floor to a unique term.
    assert keyword_share(config, 0.2, rarity=0.0) == 0.0
    assert keyword_share(config, 0.2, rarity=1.0) == pytest.approx(0.75)
    assert keyword_share(config, 0.2, rarity=0.9) == pytest.approx(0.375)
    # Good coverage keeps its own, larger weight.
    assert keyword_share(config, 1.0, rarity=1.0) == pytest.approx(1.5)
    assert keyword_share(replace(config, rare_share=0.0), 0.2, rarity=1.0) == 0.0



def test_a_rare_name_held_by_the_best_bm25_paragraph_overturns_a_generic_dense_winner():
    dense = np.array([1.0, 0.8, 0.0, 0.9], dtype=np.float32)
    keyword = np.array([1.0, 3.0, 0.0, 9.0], dtype=np.float32)
    rarity = np.array([0.3, 1.0, 0.0, 1.0], dtype=np.float32)  # paragraph 1 alone holds the name asked about
    mask = np.array([True, True, True, False])
    on = RankingConfig(fusion="adaptive", rare_floor=0.9, rare_share=1.0)
    off = replace(on, rare_share=0.0)
    assert np.argmax(fuse(dense, keyword, mask, off, coverage=0.2, rarity=rarity)) == 0
    fused = fuse(dense, keyword, mask, on, coverage=0.2, rarity=rarity)
    assert np.argmax(fused) == 1 and fused[3] == -np.inf  # the filtered-out paragraph stays out
    # A name held by many paragraphs earns nothing; so does one the best BM25 paragraph lacks.
    common = np.array([0.5, 0.5, 0.0, 0.5], dtype=np.float32)
    assert np.array_equal(fuse(dense, keyword, mask, on, 0.2, common), fuse(dense, keyword, mask, off, 0.2, common))
    elsewhere = np.array([1.0, 0.0, 0.0, 0.0], dtype=np.float32)
    assert np.argmax(fuse(dense, keyword, mask, on, 0.2, elsewhere)) == 0


RARE_NAME_REPORT = [
    ("I", "The Chairperson opened the meeting and welcomed the delegations.", False),
    ("I", "Several delegations spoke about their enforcement operations against smuggling at the borders.", False),
    ("I", "Delegations described joint operations between neighbouring administrations and the exchange of information on seizures.", False),
    ("II", "The Delegate of Portugal described the training of officers in Lisbon and Porto on container scanning, risk "
           "profiling and the handling of counterfeit goods, with results from Kestrel.", False),
    ("II", "The Secretariat presented the Green Customs Action Plan and its actions on plastic waste.", False),
    ("II", "In conclusion, the PTC: endorsed the Green Customs Action Plan.", True),
    ("III", "The United States presented its de minimis threshold of 800 USD, raised in 2016.", False),
    ("III", "The European Union described its reform of the customs union and the end of the duty exemption for low-value parcels.", False),
    ("III", "In conclusion, the PTC: took note of the presentations on e-commerce.", True),
]


def test_a_question_naming_what_one_paragraph_alone_holds_ranks_that_paragraph_first(tmp_path, embedder):
    from index import Filters, Index
    from index.build import update_reports
    from tests.index_helpers import make_report

    update_reports([make_report("R1", RARE_NAME_REPORT)], tmp_path / "index", embedder=embedder, progress=False)
    index = Index.load(tmp_path / "index", embedder=embedder)
    question = "Which delegation brought up Kestrel?"  # "delegation" and "brought up" fit the generic paragraphs
    # Without the credit, the dense side puts a generic paragraph about delegations first.
    assert index.search(question, k=1, ranking=replace(index.ranking, rare_share=0.0))[0].paragraph.number != 4
    assert index.search(question, k=1)[0].paragraph.number == 4  # ¶4 alone names Kestrel
    # Filters still hold: with ¶4's item filtered out, the best allowed paragraph comes first.
    assert all(h.paragraph.item == "I" for h in index.search(question, k=3, filters=Filters(items=frozenset({"I"}))))


def test_parts_take_distinct_paragraphs_when_they_agree_on_one():
    # Both parts like row 0 best; the second part needs it more, so the first takes its next best (row 2).
    first = np.array([1.0, 0.1, 0.9, -np.inf], dtype=np.float32)
    second = np.array([2.0, 1.0, 0.2, -np.inf], dtype=np.float32)
    assert distinct_best([first, second], choices=3) == [2, 0]
    # With one candidate each and the same one, each part keeps its best (distinct is not possible).
    assert distinct_best([first, second], choices=1) == [0]
    assert distinct_best([np.full(4, -np.inf, dtype=np.float32)], choices=3) == []


def test_a_parts_paragraph_below_the_window_moves_to_its_foot_and_scores_stay_sorted():
    final = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, -np.inf], dtype=np.float32)
    part_a = np.array([1.0, 0.0, 0.0, 0.0, 0.0, 0.0, -np.inf], dtype=np.float32)
    part_b = np.array([0.0, 0.0, 0.0, 0.0, 0.0, 1.0, -np.inf], dtype=np.float32)
    moved = cover_parts(final, [part_a, part_b], start=1, window=3, choices=2, reach=10)
    order = np.argsort(-moved, kind="stable").tolist()
    assert order[:3] == [0, 1, 5]  # row 5 (part b's) now third, the whole question's best still first
    assert sorted(moved[np.isfinite(moved)].tolist(), reverse=True) == sorted(final[np.isfinite(final)].tolist(), reverse=True)
    assert moved[6] == -np.inf
    # Within the window already, beyond reach, or a single part agreeing with the ranking: nothing moves.
    assert cover_parts(final, [part_a, part_b], start=1, window=6, choices=2, reach=10) is final
    assert cover_parts(final, [part_a, part_b], start=1, window=3, choices=2, reach=5) is final


def test_move_up_takes_a_place_and_keeps_the_others_order_and_the_scores():
    final = np.array([0.9, 0.1, 0.5, 0.7, 0.3], dtype=np.float32)
    order = np.argsort(-final, kind="stable")  # rows 0, 3, 2, 4, 1
    moved = move_up(final, order, 1, 1)
    assert list(np.argsort(-moved, kind="stable")) == [0, 1, 3, 2, 4]
    assert sorted(moved) == sorted(final)
    assert move_up(final, order, 3, 2) is final  # already ranked higher
