"""Tests of qa.abstain: evidence features on hand-made paragraphs, the model, and the abstention and partial answers."""
from __future__ import annotations

from qa.abstain import FEATURES, NOT_ANSWERED, Evidence, abstain_answer, evidence, partial_answer, probability
from qa.extractive import extract
from settings import Answerability
from tests.qa_fakes import FakeIndex, context, para

PARAS = [
    para(78, "The guidance might be based on the Istanbul Convention on temporary admission of containers.", item="VI", item_title="Green Customs"),
    para(123, "Some 105 women and men from 23 countries had participated in the workshop.", item="XII", item_title="Inclusiveness"),
]


def signals(question: str, paragraphs=PARAS) -> Evidence:
    ctx = context(FakeIndex(paragraphs), question)
    return evidence(ctx, extract(ctx))


def test_a_number_question_needs_a_sentence_with_a_number():
    near_miss = signals("How many countries have acceded to the Istanbul Convention?", PARAS[:1])
    untyped = signals("What about the Istanbul Convention on containers?", PARAS[:1])
    assert near_miss.values["type_present"] == 0.0 and near_miss.values["composed"] == 0.0
    assert untyped.values["type_present"] == 1.0 and untyped.values["composed"] == 1.0
    assert signals("How many women participated in the workshop?").values["type_present"] == 1.0
    assert set(near_miss.values) == set(FEATURES)


def test_constraints_must_be_met_where_the_answer_cites():
    assert signals("How many women from 23 countries participated in the workshop in 2023?").values["constraints"] == 0.0
    assert signals("How many women participated in the workshop?").values["constraints"] == 1.0


def test_probability_is_a_logistic_regression():
    ev = Evidence({"sentence": 0.5, "coverage": 1.0})
    model = Answerability(features=("sentence", "coverage"), weights=(2.0, 1.0), bias=-1.0, threshold=0.5, means=(0.0, 0.0), scales=(1.0, 1.0))
    assert abs(probability(model, ev) - 1 / (1 + 2.718281828 ** -1.0)) < 1e-6
    assert probability(Answerability(), ev) == 1.0  # no fitted model: everything passes to the hard checks


def test_abstention_cites_nothing_and_lists_related_paragraphs():
    ctx = context(FakeIndex(PARAS), "Istanbul Convention")
    result = abstain_answer(ctx, ["w"])
    assert not result.answerable and result.citations == [] and result.mode == "abstain"
    assert result.text == f"{NOT_ANSWERED} Closest related paragraphs: ¶78 (Item VI Green Customs); ¶123 (Item XII Inclusiveness)."
    assert result.warnings == ["w"] and result.hits == list(ctx.hits)


def test_a_near_miss_says_what_the_report_does_not_state():
    ctx = context(FakeIndex(PARAS[:1]), "What is the number of containers under the Istanbul Convention on temporary admission?")
    result = partial_answer(ctx, [])
    assert result is not None and not result.answerable and result.mode == "partial"
    assert result.text.startswith("The report discusses ") and "[¶78] but does not state the figure." in result.text
    assert partial_answer(context(FakeIndex(PARAS), "How many bicycles were classified?"), []) is None
