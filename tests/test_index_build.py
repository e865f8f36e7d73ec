"""Tests for incremental index updates: no-op, replace, remove, model change, another tokenizer."""
import json
import shutil

import numpy as np
import pytest

from index import Index, IndexUpdateError, update_index
from index.build import TEXT_TERMS, update_reports
from index.store import MANIFEST, read_index, sha256_file
from index.text import TOKENIZER_VERSION
from index.windows import context_line
from tests.index_helpers import make_report, small_report


@pytest.fixture
def two_report_dir(tmp_path, embedder):
    index_dir = tmp_path / "index"
    update_reports([small_report("R1"), small_report("R2", extra=" Second report.")], index_dir, embedder=embedder, progress=False)
    return index_dir


def test_unchanged_reports_are_a_no_op(two_report_dir, embedder):
    before = (two_report_dir / MANIFEST).read_bytes()
    summary = update_reports([small_report("R1"), small_report("R2", extra=" Second report.")], two_report_dir,
                             embedder=embedder, progress=False)
    assert summary.embedded == 0 and not summary.written
    assert summary.unchanged == ["R1", "R2"]
    assert (two_report_dir / MANIFEST).read_bytes() == before


def test_bundled_report_reingest_is_a_no_op(bundled_index_dir, bundled_report_path, embedder):
    before = (bundled_index_dir / MANIFEST).read_bytes()
    summary = update_index([bundled_report_path.parent], bundled_index_dir, embedder=embedder, progress=False)
    assert summary.embedded == 0 and summary.unchanged == ["PC0737E"]
    assert (bundled_index_dir / MANIFEST).read_bytes() == before
    assert "unchanged" in str(summary) and "154 paragraphs" in str(summary)


def test_changed_report_replaces_its_paragraphs_and_reuses_the_others(two_report_dir, embedder):
    old = read_index(two_report_dir)
    old_r2 = old.window_vectors[[p.doc == "R2" for p in old.paragraphs]]
    changed = make_report("R1", [("II", "In conclusion, the PTC: adopted the revised Transit Guidelines.", True)])
    summary = update_reports([changed], two_report_dir, embedder=embedder, progress=False)
    assert summary.replaced == ["R1"] and summary.unchanged == ["R2"]
    assert summary.embedded == 1  # only the changed report's single window
    index = Index.load(two_report_dir, embedder=embedder)
    assert [p.number for p in index.paragraphs if p.doc == "R1"] == [1]
    assert index.paragraph("R1", 1).text.endswith("Transit Guidelines.")
    assert index.paragraph("R1", 3) is None
    new = read_index(two_report_dir)
    np.testing.assert_array_equal(new.window_vectors[[p.doc == "R2" for p in new.paragraphs]], old_r2)
    assert index.search("transit guidelines", k=1)[0].paragraph.key == ("R1", "¶1")


def test_remove_by_report_id(two_report_dir, embedder):
    summary = update_reports([], two_report_dir, remove=["R1"], embedder=embedder, progress=False)
    assert summary.removed == ["R1"] and summary.reports == 1 and summary.embedded == 0
    index = Index.load(two_report_dir, embedder=embedder)
    assert {p.doc for p in index.paragraphs} == {"R2"}
    assert [r.id for r in index.reports] == ["R2"]
    assert index.manifest["reports"].keys() == {"R2"}


def test_removing_an_unknown_report_is_a_one_line_error(two_report_dir, embedder):
    with pytest.raises(IndexUpdateError, match="no report 'NOPE'") as error:
        update_reports([], two_report_dir, remove=["NOPE"], embedder=embedder, progress=False)
    assert "\n" not in str(error.value)


def test_two_files_with_one_report_id_are_refused(tmp_path, embedder):
    with pytest.raises(IndexUpdateError, match="also used by"):
        update_reports([small_report("R1"), small_report("R1", extra=" changed")], tmp_path / "i", embedder=embedder,
                       progress=False)


def test_sentences_and_their_vectors_are_stored(two_report_dir, embedder):
    index = Index.load(two_report_dir, embedder=embedder)
    sentences = index.sentences("R1", 3)
    vectors = index.sentence_vectors("R1", 3)
    assert sentences == [
        "The Secretariat presented the Green Customs Action Plan (GCAP) and its 25 actions, including GCAP-10 on plastic waste."
    ]
    assert vectors.shape == (1, embedder.dim)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0, atol=1e-4)
    # A sentence vector is close to the sentence embedded on its own.
    assert float(vectors[0] @ embedder.encode(sentences)[0]) > 0.8


def test_no_op_does_not_even_load_the_model(bundled_index_dir, bundled_report_path, monkeypatch):
    import index.build

    def refuse(model):
        raise AssertionError("the model was loaded for a no-op")

    monkeypatch.setattr(index.build, "load_embedder", refuse)
    summary = update_index([bundled_report_path], bundled_index_dir, progress=False)
    assert summary.unchanged == ["PC0737E"] and not summary.written


def test_model_change_re_embeds_every_report(two_report_dir, embedder):
    from dataclasses import replace

    other = replace(embedder, name="other-model", version="2")
    summary = update_reports([], two_report_dir, embedder=other, progress=False)
    assert summary.written and summary.unchanged == ["R1", "R2"]
    # Every window is embedded again, each distinct text once (R1 and R2 share most paragraphs).
    distinct = {(context_line(p), p.text) for r in (small_report("R1"), small_report("R2", extra=" Second report.")) for p in r.paragraphs}
    assert read_index(two_report_dir).manifest["counts"]["windows"] == 10
    assert summary.embedded == len(distinct) < 10
    assert read_index(two_report_dir).manifest["model"]["name"] == "other-model"
    assert len(Index.load(two_report_dir, embedder=other).paragraphs) == 10


def test_cache_reuses_vectors_of_text_seen_before(tmp_path, embedder):
    index_dir = tmp_path / "index"
    update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    first = read_index(index_dir).window_vectors.copy()
    # The same text under another report id (a duplicate), then a corrected report: only new text is embedded.
    summary = update_reports([small_report("R9")], index_dir, embedder=embedder, progress=False)
    assert summary.added == ["R9"] and summary.embedded == 0
    stored = read_index(index_dir)
    np.testing.assert_array_equal(stored.window_vectors[[p.doc == "R9" for p in stored.paragraphs]], first)
    summary = update_reports([small_report("R1", extra=" Corrected.")], index_dir, embedder=embedder, progress=False)
    assert summary.replaced == ["R1"] and summary.embedded == 1


def test_a_damaged_cache_file_only_costs_time(tmp_path, embedder):
    from index.cache import default_cache_path

    index_dir = tmp_path / "index"
    cache = default_cache_path(index_dir)
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not a database" * 100)
    summary = update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    assert summary.written and summary.embedded == 5
    assert Index.load(index_dir, embedder=embedder).search("green customs action plan", k=1)[0].paragraph.number == 3


def test_removing_a_report_keeps_derived_structures_in_step(two_report_dir, embedder):
    update_reports([], two_report_dir, remove=["R1"], embedder=embedder, progress=False)
    stored = read_index(two_report_dir)
    assert list(stored.derived["glossary_parts.json"]) == ["R2"]
    assert len(stored.derived["speakers.npy"]) == len(stored.paragraphs) == 5
    assert stored.manifest["files"].keys() >= set(stored.derived)


def test_restarted_numbers_are_distinct_paragraphs_found_by_label(tmp_path, embedder):
    from dataclasses import replace

    report = small_report("R1")
    annex = [replace(p, scope="Annex I", label=f"Annex I ¶{p.number}", text=f"Annex text {p.number}.")
             for p in report.paragraphs[:2]]
    report.paragraphs = [replace(p, label=f"¶{p.number}") for p in report.paragraphs] + annex
    update_reports([report], tmp_path / "index", embedder=embedder, progress=False)
    index = Index.load(tmp_path / "index", embedder=embedder)
    assert index.paragraph("R1", 1).text.startswith("The Chairperson opened")
    assert index.paragraph("R1", "Annex I ¶1").text == "Annex text 1."
    assert index.sentences("R1", "Annex I ¶2") == ["Annex text 2."]
    before, after = index.neighbours("R1", "Annex I ¶1")
    assert before.number == 5 and after.label == "Annex I ¶2"


def test_text_term_stats_are_stored_and_kept_in_step(two_report_dir, embedder, bundled_index, bundled_report):
    from qa.terms import TermStats

    expected = TermStats.from_texts(p.text for p in bundled_report.paragraphs)
    assert bundled_index.text_term_stats() == (expected.doc_freq, expected.n_docs)
    changed = make_report("R1", [("II", "In conclusion, the PTC: adopted the revised Transit Guidelines.", True)])
    update_reports([changed], two_report_dir, embedder=embedder, progress=False)
    index = Index.load(two_report_dir, embedder=embedder)
    fresh = TermStats.from_texts(p.text for p in index.paragraphs)
    assert index.text_term_stats() == (fresh.doc_freq, fresh.n_docs)


def test_the_catalogue_reads_the_stored_term_statistics(bundled_index, bundled_report):
    from index.query import Catalogue

    counted = Catalogue(bundled_report.paragraphs)
    assert (bundled_index.catalogue.doc_freq, bundled_index.catalogue.n_docs) == (counted.doc_freq, counted.n_docs)


def test_an_index_of_another_tokenizer_gets_its_keyword_data_again_and_keeps_its_vectors(two_report_dir, embedder):
    fresh = {name: (two_report_dir / name).read_bytes() for name in ("window_vectors.npy", "sentence_vectors.npy")}
    terms = json.loads((two_report_dir / TEXT_TERMS).read_text())
    # What an older tokenizer left: other stored tokens, and its version in the manifest.
    (two_report_dir / TEXT_TERMS).write_text(json.dumps({"doc_freq": {"stale": 1}, "n_docs": 10}))
    manifest = json.loads((two_report_dir / MANIFEST).read_text())
    manifest["tokenizer_version"] = TOKENIZER_VERSION + 1
    manifest["files"][TEXT_TERMS] = sha256_file(two_report_dir / TEXT_TERMS)
    (two_report_dir / MANIFEST).write_text(json.dumps(manifest))

    summary = update_reports([], two_report_dir, embedder=embedder, progress=False)
    assert summary.written and summary.retokenized and summary.embedded == 0
    assert summary.unchanged == ["R1", "R2"] and "keyword tokens rebuilt" in str(summary)
    assert json.loads((two_report_dir / MANIFEST).read_text())["tokenizer_version"] == TOKENIZER_VERSION
    assert json.loads((two_report_dir / TEXT_TERMS).read_text()) == terms
    assert {name: (two_report_dir / name).read_bytes() for name in fresh} == fresh
    assert Index.load(two_report_dir, embedder=embedder).search("GCAP-10", k=1)[0].paragraph.number == 3


def test_the_rebuild_command_the_refusal_names_brings_a_version_1_index_up_to_date(tmp_path, bundled_index_dir, bundled_report_path, embedder):
    index_dir = tmp_path / "index"
    shutil.copytree(bundled_index_dir, index_dir)
    manifest = json.loads((index_dir / MANIFEST).read_text())
    del manifest["tokenizer_version"]  # as the version 1 tokenizer's indexes were written
    (index_dir / MANIFEST).write_text(json.dumps(manifest))
    summary = update_index([bundled_report_path], index_dir, embedder=embedder, progress=False)  # python -m ingest PATH --index DIR
    assert summary.written and summary.retokenized and summary.embedded == 0
    index = Index.load(index_dir, embedder=embedder)
    assert index.manifest["tokenizer_version"] == TOKENIZER_VERSION
    # "Norway's" in a question now meets the paragraphs that write "Norway" (¶54-55 abolished its threshold)
    assert {h.paragraph.number for h in index.search("Norway's de minimis threshold", k=3)} & {54, 55}
