"""Tests of qa.abstain: evidence signals on hand-made paragraphs and the abstention answer."""
from __future__ import annotations

from qa.abstain import NOT_ANSWERED, Evidence, abstain_answer, evidence
from qa.corpus import build_corpus
from tests.qa_fakes import FakeIndex, para

PARAS = [
    para(78, "The guidance might be based on the Istanbul Convention on temporary admission of containers.", item="VI", item_title="Green Customs"),
    para(123, "Some 105 women and men from 23 countries had participated in the workshop.", item="XII", item_title="Inclusiveness"),
]


def signals(question: str) -> Evidence:
    index = FakeIndex(PARAS)
    return evidence(question, index.search(question), index, build_corpus(index), index.encode_query(question))


def test_a_number_question_needs_a_sentence_with_a_number():
    near_miss = signals("How many countries have acceded to the Istanbul Convention?")
    untyped = signals("What about countries and the Istanbul Convention?")
    # The Istanbul sentence has no number: only the weaker workshop sentence counts.
    assert 0.0 < near_miss.sentence < untyped.sentence
    assert signals("How many countries participated in the workshop?").sentence > 0.0


def test_score_weighs_coverage():
    ev = Evidence(sentence=0.5, coverage=0.5)
    assert ev.score(0.0) == 0.5 and ev.score(0.4) == 0.7


def test_abstention_cites_nothing_and_lists_related_paragraphs():
    index = FakeIndex(PARAS)
    hits = index.search("Istanbul Convention")
    result = abstain_answer("Istanbul?", hits, {"PC0737E": "PTC 241/242"}, ["w"])
    assert not result.answerable and result.citations == [] and result.mode == "abstain"
    assert result.text == f"{NOT_ANSWERED} Closest related paragraphs: ¶78 (Item VI Green Customs); ¶123 (Item XII Inclusiveness)."
    assert result.warnings == ["w"] and result.hits == hits
