"""Tests for search over the bundled report: ranking, filters, look-ups and the CLI."""
import json
import re
from dataclasses import replace

import numpy as np
import pytest

from index import Filters, Hit, Index
from index.__main__ import main
from index.build import update_reports
from index.search import compares_parties
from tests.index_helpers import small_report


def numbers(hits: list[Hit]) -> list[int]:
    return [hit.paragraph.number for hit in hits]


def test_decision_question_brings_the_conclusion_to_the_top(bundled_index):
    question = "What did the PTC decide on the PFCWG?"
    assert bundled_index.parse(question).decision
    assert 20 in numbers(bundled_index.search(question, k=3))


def test_who_presented_question_lifts_the_speakers_paragraphs(bundled_index):
    question = "Which country presented on women in trade?"
    # Both Members that presented on it: Peru ("Women at Borders", ¶122) and the U.S. (CBP, ¶126).
    boosted = numbers(bundled_index.search(question, k=10))
    plain = numbers(bundled_index.search(question, k=10, ranking=replace(bundled_index.ranking, speaker_boost=0.0)))
    assert min(boosted.index(122), boosted.index(126)) <= 1 and max(boosted.index(122), boosted.index(126)) <= 3
    # The boost never lowers a speaker's paragraph and lifts at least one of them.
    assert boosted.index(122) <= plain.index(122) and boosted.index(126) <= plain.index(126)
    assert boosted.index(122) + boosted.index(126) < plain.index(122) + plain.index(126)


def test_each_party_of_a_comparison_gets_a_paragraph_near_the_top(bundled_index):
    question = "What did the United States and Norway say about de minimis?"
    assert len(bundled_index.parse(question).parts) == 2
    # A window of two: the two best hits of the whole question are both about the U.S. (¶45, ¶38) ...
    plain = bundled_index.search(question, k=2, ranking=replace(bundled_index.ranking, part_window=0))
    assert not any("Norw" in h.paragraph.text for h in plain)
    # ... with each part ranked on its own, Norway's paragraph moves in beside the best U.S. one.
    hits = bundled_index.search(question, k=2, ranking=replace(bundled_index.ranking, part_window=2))
    assert hits[0].paragraph.number == plain[0].paragraph.number and "Norw" in hits[1].paragraph.text
    assert hits[0].final >= hits[1].final


def test_only_parts_naming_a_country_each_are_parties(bundled_index):
    assert compares_parties(bundled_index.parse("How did Canada and China describe their green measures?"))
    assert not compares_parties(bundled_index.parse("What did the Secretariat report on e-waste, and how did delegates react?"))


def test_a_single_question_is_ranked_as_before(bundled_index):
    question = "What did Norway say about de minimis?"
    assert not bundled_index.parse(question).parts
    off = bundled_index.search(question, k=10, ranking=replace(bundled_index.ranking, part_window=0))
    assert bundled_index.search(question, k=10) == off


def test_hits_are_sorted_and_carry_every_score(bundled_index):
    hits = bundled_index.search("de minimis threshold of 800 USD", k=5)
    assert len(hits) == 5 and 38 in numbers(hits)
    finals = [hit.final for hit in hits]
    assert finals == sorted(finals, reverse=True)
    assert all(-1.0 <= hit.dense <= 1.0 and hit.keyword >= 0.0 for hit in hits)


def test_acronym_query_finds_its_long_form(bundled_index):
    expanded = bundled_index.parse("What is the PFCWG?").expanded
    assert "Passenger Facilitation and Control Working Group" in expanded
    assert set(numbers(bundled_index.search("What is the PFCWG?", k=5))) & {14, 17, 18}


def test_item_filter_is_a_mask_not_a_cut(bundled_index):
    # Unfiltered, no item-V paragraph makes the top 5 for a green-customs query; filtered, five do.
    assert "V" not in {hit.paragraph.item for hit in bundled_index.search("green customs action plan", k=5)}
    hits = bundled_index.search("green customs action plan", k=5, filters=Filters(items=frozenset({"V"})))
    assert len(hits) == 5 and {hit.paragraph.item for hit in hits} == {"V"}


def test_item_filter_is_per_report(tmp_path, embedder):
    # Both reports number their Green Customs item II; a (report, numeral) pair allows one report's only.
    update_reports([small_report("R1"), small_report("R2", extra=" Second report.")], tmp_path / "i", embedder=embedder, progress=False)
    index = Index.load(tmp_path / "i", embedder=embedder)
    one = index.search("green customs", k=10, filters=Filters(items=frozenset({("R1", "II")})))
    assert len(one) == 2 and {(hit.paragraph.doc, hit.paragraph.item) for hit in one} == {("R1", "II")}
    both = index.search("green customs", k=10, filters=Filters(items=frozenset({"II"})))
    assert len(both) == 4 and {hit.paragraph.doc for hit in both} == {"R1", "R2"}
    mixed = index.search("green customs", k=10, filters=Filters(items=frozenset({("R2", "II"), "III", ("R9", "II")})))
    assert {(hit.paragraph.doc, hit.paragraph.item) for hit in mixed} == {("R2", "II"), ("R1", "III"), ("R2", "III")}


def test_decisions_only_filter(bundled_index):
    hits = bundled_index.search("e-commerce", k=50, filters=Filters(decisions_only=True))
    assert hits and all(hit.paragraph.decision for hit in hits)
    assert len(hits) == sum(p.decision for p in bundled_index.paragraphs)


def test_doc_and_session_filters(bundled_index):
    assert bundled_index.search("transit", k=3, filters=Filters(docs=frozenset({"OTHER"}))) == []
    report = bundled_index.reports[0]
    by_session = bundled_index.search("transit", k=3, filters=Filters(sessions=frozenset({report.sessions})))
    assert len(by_session) == 3
    assert bundled_index.search("transit", k=3, filters=Filters(sessions=frozenset({"999th"}))) == []
    assert report.year == 2023
    assert len(bundled_index.search("transit", k=3, filters=Filters(years=frozenset({2023})))) == 3
    assert bundled_index.search("transit", k=3, filters=Filters(years=frozenset({2010}))) == []


def test_blank_query_returns_nothing(bundled_index):
    assert bundled_index.search("   ") == []


def test_look_ups(bundled_index):
    assert bundled_index.paragraph("PC0737E", 20).decision
    before, after = bundled_index.neighbours("PC0737E", 20)
    assert (before.number, after.number) == (19, 21)
    assert bundled_index.neighbours("PC0737E", 1)[0] is None
    assert [a.numeral for a in bundled_index.agenda("PC0737E")][:3] == ["I", "II", "III"]
    sentences = bundled_index.sentences("PC0737E", 20)
    vectors = bundled_index.sentence_vectors("PC0737E", 20)
    assert len(sentences) >= 6 and vectors.shape == (len(sentences), bundled_index.embedder.dim)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert bundled_index.paragraph("PC0737E", 9999) is None and bundled_index.sentences("X", 1) == []


def test_cli_json(bundled_index_dir, capsys):
    assert main(["search", "What did the PTC decide on the PFCWG?", "--index", str(bundled_index_dir), "-k", "3",
                 "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["rank"] for row in rows] == [1, 2, 3]
    assert 20 in [row["paragraph"] for row in rows]
    assert {"doc", "item", "decision", "text", "dense", "keyword", "fused", "final"} <= rows[0].keys()


def test_cli_item_and_decision_filters(bundled_index_dir, capsys):
    assert main(["search", "plastic waste", "--index", str(bundled_index_dir), "--item", "VI", "--decisions-only"]) == 0
    out = capsys.readouterr().out
    assert "¶84" in out and "[decision]" in out and "¶20" not in out


def test_cli_missing_index_is_one_line(tmp_path, capsys):
    assert main(["search", "anything", "--index", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "python -m ingest" in err


def test_sentence_blend_mixes_in_each_paragraphs_best_sentence(bundled_index):
    query = bundled_index.parse("de minimis threshold of 800 USD")
    vector = bundled_index.query_vector(query)
    dense, keyword = bundled_index.raw_scores(query, query_vector=vector)
    mask = bundled_index.mask(None)
    config = replace(bundled_index.ranking, sentence_share=0.4)
    blended = bundled_index.sentence_blend(dense, keyword, mask, vector, config)
    row = next(i for i, p in enumerate(bundled_index.paragraphs) if p.number == 38)
    best = float(np.max(bundled_index.sentence_vectors(bundled_index.paragraphs[row].doc, 38) @ vector))
    assert blended[row] == pytest.approx(0.6 * dense[row] + 0.4 * best, abs=1e-5)
    off = bundled_index.sentence_blend(dense, keyword, mask, vector, replace(config, sentence_share=0.0))
    assert np.array_equal(off, dense)


def test_hits_keep_the_window_cosine_as_their_dense_score(bundled_index):
    # The blend only ranks: `Hit.dense` stays the best window's cosine, which answerability reads.
    query = bundled_index.parse("Which country abolished its de minimis threshold?")
    dense, _ = bundled_index.raw_scores(query)
    rows = {p.key: i for i, p in enumerate(bundled_index.paragraphs)}
    for hit in bundled_index.search(query, k=5):
        assert hit.dense == pytest.approx(float(dense[rows[hit.paragraph.key]]))



def test_thesaurus_terms_lift_the_paragraph_that_uses_the_reports_wording(bundled_index):
    # Nobody in the report says "trusted traders"; the paragraphs on AEOs get keyword credit for it.
    question = "trusted traders"
    with_synonyms = bundled_index.raw_scores(question)[1]
    without = bundled_index.raw_scores(question, replace(bundled_index.ranking, synonym_weight=0.0))[1]
    aeo = [i for i, p in enumerate(bundled_index.paragraphs) if re.search(r"\bAEOs?\b|Authori[sz]ed Economic Operator", p.text)]
    assert aeo and all(with_synonyms[i] > without[i] for i in aeo)
    others = [i for i in range(len(bundled_index.paragraphs)) if i not in aeo]
    assert (with_synonyms[others] >= without[others]).all()


def test_only_wordings_the_report_never_uses_are_expanded(bundled_index):
    # The report writes "concept note" itself: its synonyms would lift paragraphs about something else.
    query = bundled_index.parse("Which concept note did the trusted traders discuss?")
    assert [wording for wording, _ in query.thesaurus] == [("concept", "note"), ("trust", "trader")]
    assert [wording for wording, _ in bundled_index.unused_wordings(query)] == [("trust", "trader")]
    added = bundled_index.synonym_terms(query)
    assert "operator" in added and "paper" not in added


def test_the_embedded_question_reads_the_report_term_for_an_unused_wording_in_the_same_single_encode(bundled_index, monkeypatch):
    trusted = bundled_index.parse("Which trusted traders were discussed?")
    assert bundled_index._dense_text(trusted, bundled_index.ranking).endswith("(authorized economic operator)")
    assert bundled_index._dense_text(trusted, replace(bundled_index.ranking, synonym_dense=False)) == trusted.expanded
    used = bundled_index.parse("Which concept note was discussed?")
    assert bundled_index._dense_text(used, bundled_index.ranking) == used.expanded
    calls = []
    encode = bundled_index.embedder.encode
    monkeypatch.setattr(bundled_index.embedder, "encode", lambda texts, *a, **k: calls.append(list(texts)) or encode(texts, *a, **k))
    bundled_index.search(trusted, k=5)
    assert len(calls) == 1 and "authorized economic operator" in calls[0][0]


def test_a_paraphrase_reaches_the_paragraph_where_the_best_hits_presentation_goes_on(bundled_index):
    # Written for this test: no word shared with ¶56 (Norway's lessons learned), so BM25 gets no weight;
    # the best hit is ¶55, the presentation's paragraph before it, and ¶56 would rank sixth.
    question = "What guidance did the Nordic delegate offer from their rollout?"
    ranked = [h.paragraph.number for h in bundled_index.search(question, k=10)]
    assert ranked[0] == 55 and 56 in ranked[:5]
    off = [h.paragraph.number for h in bundled_index.search(question, k=10, ranking=replace(bundled_index.ranking, continuation_slot=0))]
    assert 56 not in off[:5]


def test_a_question_bm25_weighs_is_ranked_without_the_continuation(bundled_index):
    question = "Which country abolished its de minimis threshold?"
    off = replace(bundled_index.ranking, continuation_slot=0)
    assert [h.paragraph.key for h in bundled_index.search(question, k=10)] == [h.paragraph.key for h in bundled_index.search(question, k=10, ranking=off)]


def test_the_continuation_stays_in_the_best_hits_section_and_is_never_a_conclusion(bundled_index):
    paragraphs = bundled_index.paragraphs
    mask = bundled_index.mask(None)

    def scores(best: int) -> np.ndarray:
        final = np.linspace(1.0, 0.0, len(paragraphs)).astype(np.float32)
        final[best] = 2.0
        final[best + 1] = -1.0  # last
        return final

    same = lambda a, b: (a.doc, a.item, a.subitem, a.heading) == (b.doc, b.item, b.subitem, b.heading)
    follows = next(i for i in range(len(paragraphs) - 1) if same(paragraphs[i], paragraphs[i + 1]) and not paragraphs[i + 1].decision)
    moved = bundled_index.continue_section(scores(follows), mask, 5)
    assert list(np.argsort(-moved, kind="stable")[:5]).index(follows + 1) == 4
    assert np.array_equal(np.sort(moved), np.sort(scores(follows)))  # the scores are re-dealt, not made up
    conclusion = next(i for i in range(len(paragraphs) - 1) if paragraphs[i + 1].decision and not paragraphs[i].decision)
    assert np.array_equal(bundled_index.continue_section(scores(conclusion), mask, 5), scores(conclusion))
    other = next(i for i in range(len(paragraphs) - 1) if not same(paragraphs[i], paragraphs[i + 1]) and not paragraphs[i + 1].decision)
    assert np.array_equal(bundled_index.continue_section(scores(other), mask, 5), scores(other))


@pytest.mark.parametrize(
    "question, paragraph",
    [
        # Written for this test, sharing no telling word with their paragraphs (BM25 gets no weight):
        # ¶75 "Delegates expressed satisfaction with the Climate Change ..." ranked 4th without the lift,
        # ¶57 "An observer expressed gratitude ... growth of e-commerce ... positive" 3rd.
        ("Were attendees happy with the green climate workstream?", 75),
        ("Did a participant argue that cheap online shopping is an opportunity rather than a danger?", 57),
    ],
)
def test_a_question_about_the_floor_lifts_the_paragraphs_where_the_floor_speaks(bundled_index, question, paragraph):
    ranked = [h.paragraph.number for h in bundled_index.search(question, k=10)]
    assert paragraph in ranked[:2]
    off = [h.paragraph.number for h in bundled_index.search(question, k=10, ranking=replace(bundled_index.ranking, floor_boost=0.0))]
    assert paragraph not in off[:2]
    assert bundled_index.floor_flags[bundled_index.row(bundled_index.paragraphs[0].doc, paragraph)]
