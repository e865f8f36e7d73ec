"""Tests of qa.corpus: per-index facts computed once per index."""
from __future__ import annotations

from qa.corpus import corpus_for
from tests.qa_fakes import FakeIndex, meta, para


def test_facts_are_cached_per_index_and_grouped_by_item():
    paragraphs = [para(68, "In conclusion, the PTC:\n- took note.", decision=True), para(38, "Threshold."), para(84, "x", item="VI", decision=True)]
    index = FakeIndex(paragraphs, [meta("PC0737E", "PTC 241/242")])
    corpus = corpus_for(index)
    assert corpus_for(index) is corpus
    assert [p.number for p in corpus.item_paragraphs("PC0737E", "V")] == [38, 68]
    assert [p.number for p in corpus.item_decisions("PC0737E", "V")] == [68]
    assert corpus.item_decisions("PC0737E", "IX") == []
    assert corpus.report_names == {"PC0737E": "PTC 241/242"}



def test_sections_cut_where_the_sub_item_or_heading_changes():
    paragraphs = [
        para(51, "Türkiye Customs presented their experience.", subitem="b", heading="Presentation by Türkiye"),
        para(52, "The Delegate explained revenue rules.", subitem="b", heading="Presentation by Türkiye"),
        para(54, "Norwegian Customs presented their experience.", subitem="c", heading="Presentation by Norway"),
        para(68, "In conclusion, the PTC:\n- took note.", decision=True, subitem="e"),
    ]
    corpus = corpus_for(FakeIndex(paragraphs))
    assert [[p.number for p in run] for run in corpus.sections("PC0737E", "V")] == [[51, 52], [54]]
    assert corpus.speakers == {("PC0737E", "¶51"), ("PC0737E", "¶54")}
