"""Tests for the stored BM25 keyword index: same scores as bm25s, kept up to date per report."""
import numpy as np
import pytest

from index import Index
from index.build import update_reports
from index.keyword import KeywordIndex
from index.text import tokenize
from index.windows import context_line
from tests.index_helpers import make_report, small_report

QUERIES = ["What did the PTC decide on de minimis?", "green customs GCAP-10 plastic", "e-commerce e-commerce", "zzz unknown"]


def _texts(paragraphs):
    return [f"{context_line(p)}\n{p.text}" for p in paragraphs]


def test_scores_equal_bm25s_lucene(bundled_report):
    import bm25s

    texts = _texts(bundled_report.paragraphs) + [""]  # an empty document too
    reference = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
    reference.index([tokenize(t) or [""] for t in texts], show_progress=False)
    ours = KeywordIndex.from_texts(texts)
    for query in QUERIES:
        ids = reference.get_tokens_ids([t for t in tokenize(query) if t])
        expected = np.asarray(reference.get_scores_from_ids(ids)) if ids else np.zeros(len(texts))
        np.testing.assert_allclose(ours.scores(query), expected, atol=1e-5)
    assert ours.scores("de minimis").max() > 0


def test_stored_index_scores_like_a_fresh_build(bundled_index, bundled_report):
    fresh = KeywordIndex.from_texts(_texts(bundled_report.paragraphs))
    for query in QUERIES:
        np.testing.assert_allclose(bundled_index.keyword.scores(query), fresh.scores(query), atol=1e-5)


def test_updates_keep_scores_equal_to_a_rebuild(tmp_path, embedder):
    index_dir = tmp_path / "index"
    update_reports([small_report("R1"), small_report("R2", extra=" Second report.")], index_dir, embedder=embedder, progress=False)
    changed = make_report("R1", [("II", "In conclusion, the PTC: adopted the revised Transit Guidelines.", True)])
    update_reports([changed, make_report("R3", [("III", "Transit and plastic waste pilots.", False)])], index_dir,
                   embedder=embedder, progress=False)
    update_reports([], index_dir, remove=["R2"], embedder=embedder, progress=False)
    index = Index.load(index_dir, embedder=embedder)
    assert [p.doc for p in index.paragraphs] == ["R1", "R3"]
    fresh = KeywordIndex.from_texts(_texts(index.paragraphs))
    for query in QUERIES + ["transit guidelines", "second report"]:
        np.testing.assert_allclose(index.keyword.scores(query), fresh.scores(query), atol=1e-5)
    assert index.keyword.scores("second report").max() == pytest.approx(0.0)  # R2's words left with R2


def test_a_corrupt_keyword_file_is_refused_at_load(tmp_path, embedder):
    from index.store import IndexLoadError

    index_dir = tmp_path / "index"
    update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    path = index_dir / "keyword_term_weights.npy"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(IndexLoadError, match="keyword_term_weights.npy: checksum"):
        Index.load(index_dir, embedder=embedder)


def test_keyword_files_that_contradict_the_paragraphs_are_refused(tmp_path, embedder):
    from index.keyword import TERM_DOCS, keyword_problem
    from index.store import read_index

    index_dir = tmp_path / "index"
    update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    files = dict(read_index(index_dir).derived)
    assert keyword_problem(files, 5) is None
    assert "rows for 4 paragraphs" in keyword_problem(files, 4) or "out of range" in keyword_problem(files, 4)
    files[TERM_DOCS] = np.asarray(files[TERM_DOCS]) + 10
    assert "out of range" in keyword_problem(files, 5)


def test_coverage_is_the_idf_weighted_share_of_terms_a_paragraph_holds():
    index = KeywordIndex.from_texts(["green customs action plan", "green growth", "customs data pilot", "plastic waste"])
    shares = index.coverages(tokenize("green action plan"))
    assert shares[0] == pytest.approx(1.0) and shares[3] == 0.0
    partial = index.coverages(tokenize("green action"))[1]
    # "green" is in two paragraphs, "action" in one: the rarer word weighs more.
    assert 0.0 < partial < 0.5
    assert partial == pytest.approx(index.idf("green") / (index.idf("green") + index.idf("action")))
    # A word no paragraph holds weighs most and is never held.
    assert index.idf("drone") > index.idf("action") and index.coverages(tokenize("drone plan"))[0] < 0.5
    assert not index.coverages([]).any()


def test_rarity_is_the_idf_of_the_rarest_question_term_a_paragraph_holds():
    texts = ["operation kestrel ports", "customs operations", "customs ports", "customs data", "plastic waste"]
    index = KeywordIndex.from_texts(texts)
    rarity = index.rarities(tokenize("customs operation kestrel"))
    # "kestrel" is in one paragraph only: full rarity; "operation" in two; "customs" in three; nothing in the last.
    assert rarity[0] == pytest.approx(1.0)
    assert rarity[2] < rarity[1] < 1.0 and rarity[4] == 0.0
    assert rarity[1] == pytest.approx(index.idf("operation") / index.idf("kestrel"))
    assert not index.rarities(tokenize("drone")).any() and not index.rarities([]).any()


def test_term_scores_of_stems_equal_scores_of_their_text_and_holds_reads_the_postings():
    keyword = KeywordIndex.from_texts(["customs warehouse rules", "bonded goods", "single window portal"])
    stems = tokenize("single window")
    assert np.allclose(keyword.term_scores(stems), keyword.scores("single window"))
    assert not keyword.term_scores(["unknownstem"]).any()
    assert keyword.holds(stems[0], 2) and not keyword.holds(stems[0], 0) and not keyword.holds("unknownstem", 0)


def test_holding_all_counts_paragraphs_with_every_term():
    keyword = KeywordIndex.from_texts(["single window portal", "window cleaning", "single market"])
    assert keyword.holding_all(tokenize("single window")) == 1
    assert keyword.holding_all(tokenize("window")) == 2
    assert keyword.holding_all(tokenize("one-stop shop")) == 0
