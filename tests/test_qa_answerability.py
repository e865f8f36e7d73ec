"""Tests of qa.answerability: evidence features on hand-made paragraphs, the hard checks and the model's probability."""
from __future__ import annotations

from qa.answerability import FEATURES, RULE_SIGNALS, Evidence, evidence, probability, term_reader
from qa.extractive import extract
from qa.terms import token_set
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
    assert set(near_miss.values) == set(FEATURES) | set(RULE_SIGNALS)


def test_constraints_must_be_met_where_the_answer_cites():
    assert signals("How many women from 23 countries participated in the workshop in 2023?").values["constraints"] == 0.0
    assert signals("How many women participated in the workshop?").values["constraints"] == 1.0


def test_probability_is_a_logistic_regression():
    ev = Evidence({"sentence": 0.5, "coverage": 1.0})
    model = Answerability(features=("sentence", "coverage"), weights=(2.0, 1.0), bias=-1.0, threshold=0.5, means=(0.0, 0.0), scales=(1.0, 1.0))
    assert abs(probability(model, ev) - 1 / (1 + 2.718281828 ** -1.0)) < 1e-6
    assert probability(Answerability(), ev) == 1.0  # no fitted model: everything passes to the hard checks


# A seminar paragraph that names its organiser, sponsor and dates, but no amount, city, speaker or count.
SEMINAR = [
    para(
        40,
        "Kenya Revenue Authority hosted the Regional Seminar on Border Data on 4 and 5 May 2023 with support from the Swiss Government. "
        "The Seminar discussed data sharing between neighbouring administrations.",
        item="IX",
        item_title="Capacity building",
    ),
    # unrelated paragraphs, so that the question's everyday words are not the corpus's rarest
    para(41, "The Committee took note of the place of the town meeting and of the time it would take.", item="X", item_title="Other business"),
    para(42, "Delegates asked which official would come to the next meeting and how much time it would take.", item="X", item_title="Other business"),
]


def test_an_ordinal_the_report_never_reaches_is_a_missing_constraint():
    assert signals("When will the Regional Seminar on Border Data hold its third meeting?", SEMINAR).values["constraints"] == 0.0
    twice = [para(41, "The second Regional Seminar on Border Data was held in Mombasa in June 2024.", item="IX", item_title="Capacity building")]
    assert signals("Where was the 2nd Regional Seminar on Border Data held?", twice).values["constraints"] == 1.0


def test_the_asked_detail_must_be_in_the_cited_sentence():
    funded = signals("How much did the Swiss Government pay for the Regional Seminar on Border Data?", SEMINAR)
    assert funded.values["detail_filled"] == 0.0  # dates and a sponsor, but no amount
    costed = [para(42, "The Regional Seminar on Border Data cost 40,000 CHF, paid by the Swiss Government.", item="IX", item_title="x")]
    assert signals("How much did the Swiss Government pay for the Regional Seminar on Border Data?", costed).values["detail_filled"] == 1.0
    # no detail asked: nothing to miss
    assert signals("What did the Regional Seminar on Border Data discuss?", SEMINAR).values["detail_filled"] == 1.0


def test_required_features_are_hard_checks_before_the_regression():
    model = Answerability(features=("sentence",), weights=(1.0,), bias=5.0, threshold=0.5, means=(0.0,), scales=(1.0,), required=("detail_filled",))
    assert probability(model, Evidence({"sentence": 1.0, "detail_filled": 1.0})) > 0.99
    assert probability(model, Evidence({"sentence": 1.0, "detail_filled": 0.0})) == 0.0


def with_glossary(paragraphs, long_forms: dict[str, str]) -> FakeIndex:
    """A fake index whose glossary expands questions as index.Index's does."""
    from index.glossary import Glossary
    from index.query import Catalogue

    index = FakeIndex(paragraphs)
    index.glossary = Glossary(dict(long_forms))
    index.catalogue = Catalogue(paragraphs, index.glossary.expansions, frozenset())
    return index


TEAM = [
    para(70, "The 1st Meeting of the BDAT was held on 3 and 4 March 2024. Its members agreed a work plan.", item="VI", item_title="Green Customs"),
    para(71, "The Border Data Analysis Team had been set up by the Committee in 2023 to study border data.", item="VI", item_title="Green Customs"),
    para(72, "Delegates discussed the valuation of used cars and the rules of origin.", item="X", item_title="Other business"),
]


def test_an_acronym_and_its_long_form_are_the_same_words_both_ways():
    glossary = {"BDAT": "Border Data Analysis Team"}
    met = [TEAM[0], TEAM[2]]
    spelled = evidence(ctx := context(with_glossary(met, glossary), "When was the first meeting of the Border Data Analysis Team held?"), extract(ctx))
    assert spelled.values["answer_coverage"] == 1.0 and spelled.values["focus_cited"] == 1.0  # "the 1st Meeting of the BDAT"
    set_up = [TEAM[1], TEAM[2]]
    short = evidence(ctx := context(with_glossary(set_up, glossary), "When was the BDAT set up?"), extract(ctx))
    assert short.values["coverage"] == 1.0 and short.values["answer_coverage"] == 1.0  # the sentence spells the name out
    # without the glossary, the acronym holds none of the spelled-out words
    plain = evidence(ctx := context(FakeIndex(met), "When was the first meeting of the Border Data Analysis Team held?"), extract(ctx))
    assert plain.values["answer_coverage"] < 0.5


def test_a_country_and_a_possessive_are_read_in_any_of_their_forms():
    ctx = context(FakeIndex(TEAM), "What did the committee make of the Serbian proposal and of the BDAT's work plan?")
    read = term_reader(ctx)
    text = "The Committee welcomed the proposal by Serbia. The BDAT presented its work plan."
    present = read(text, token_set(text))
    assert {"serbian", "bdat"} <= present
    # a text naming another country holds no word for Serbia
    other = "The Committee welcomed the proposal by Croatia."
    assert "serbian" not in read(other, token_set(other))
    asked_plain = term_reader(context(FakeIndex(TEAM), "What did the BDAT plan?"))
    assert "bdat" in asked_plain("The BDAT's plan was adopted.", token_set("The BDAT's plan was adopted."))
