"""eval.run: which report a gold set is about, and baselines that really switch the pipeline's stages off."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from eval.run import BASELINE_RANKINGS, gold_doc
from index import RankingConfig


def fake_index(*ids: str) -> SimpleNamespace:
    return SimpleNamespace(reports=[SimpleNamespace(id=i) for i in ids])


def test_the_gold_report_is_the_only_one_or_the_one_named():
    assert gold_doc(fake_index("PC0737E")) == "PC0737E"
    assert gold_doc(fake_index("A", "B"), "B") == "B"
    with pytest.raises(ValueError, match="holds 2 reports; name the gold set's report with --doc"):
        gold_doc(fake_index("A", "B"))
    with pytest.raises(ValueError, match="'C' is not in the index"):
        gold_doc(fake_index("A", "B"), "C")


def test_baselines_run_without_acronyms_item_support_or_decision_lift():
    assert {c.fusion for c in BASELINE_RANKINGS.values()} == {"keyword", "dense", "rrf"}
    for config in BASELINE_RANKINGS.values():
        assert not config.expand_acronyms and not config.item_weight and not config.decision_boost
        assert not config.speaker_boost
    assert BASELINE_RANKINGS["rrf"].rrf_k == 60.0
    assert all(config != RankingConfig() for config in BASELINE_RANKINGS.values())


def test_baselines_rank_the_bundled_index_differently_from_the_pipeline(bundled_index):
    question = "What did the PTC decide on e-commerce?"
    pipeline = [h.paragraph.number for h in bundled_index.search(question, k=5)]
    keyword = [h.paragraph.number for h in bundled_index.search(question, k=5, ranking=BASELINE_RANKINGS["bm25"])]
    assert len(keyword) == 5 and keyword != pipeline
