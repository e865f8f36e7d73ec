"""Tests of qa.abstain: evidence features on hand-made paragraphs, the model, and the abstention and partial answers."""
from __future__ import annotations

from qa.abstain import (
    FEATURES,
    NOT_ANSWERED,
    Evidence,
    abstain_answer,
    evidence,
    ordinals,
    partial_answer,
    probability,
    state_detail,
    topic_phrase,
)
from qa.extractive import extract
from settings import Answerability, Settings
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
    assert result.text.startswith("The report discusses ") and "[¶78] but does not state the number." in result.text
    assert partial_answer(context(FakeIndex(PARAS), "How many bicycles were classified?"), []) is None


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


def near_miss(question: str, paragraphs=SEMINAR):
    return partial_answer(context(FakeIndex(paragraphs), question), [])


def test_near_misses_of_several_types_say_which_detail_is_missing():
    cases = {
        "How much did the Swiss Government pay for the Regional Seminar on Border Data?": "the amount",
        "In which town did the Regional Seminar on Border Data take place?": "where",
        "Which Kenyan official opened the Regional Seminar on Border Data?": "who",
        "How many delegates came to the Regional Seminar on Border Data?": "the number",
        "What percentage of the Regional Seminar on Border Data budget did the Swiss Government cover?": "the share",
    }
    for question, label in cases.items():
        result = near_miss(question)
        assert result is not None and result.mode == "partial" and not result.answerable, question
        assert result.text.endswith(f"[¶40] but does not state {label}."), result.text
        assert [c.paragraph for c in result.citations] == [40]


def test_a_near_miss_names_the_discussed_topic_in_the_questions_words():
    result = near_miss("How much did the Swiss Government pay for the Regional Seminar on Border Data?")
    assert result.text.startswith("The report discusses the Regional Seminar on Border Data [¶40]")
    assert topic_phrase("Who chaired the drafting group on port security?", "The drafting group on port security met twice.") == (
        "the drafting group on port security"
    )
    assert topic_phrase("Who chaired it?", "The drafting group met twice.") == ""


def test_an_ordinal_the_report_never_reaches_is_a_missing_constraint():
    assert ordinals("When will the drafting group hold its third meeting?") == [3]
    assert ordinals("What did the 7th Regional Seminar recommend?") == [7]
    # adverbs, sessions and "first five years" name no one of a series
    assert ordinals("Which Member first proposed the seminar?") == []
    assert ordinals("What happened at the 241st/242nd Sessions?") == []
    assert ordinals("How many left in their first five years?") == []
    result = near_miss("When will the Regional Seminar on Border Data hold its third meeting?")
    assert result is not None and "but does not mention the third meeting." in result.text
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


def test_an_answer_without_the_asked_count_gives_way_to_the_sentence_with_it():
    paragraphs = [
        para(
            50,
            "The Regional Seminar on Border Data took place in Nairobi on 4 and 5 May 2023. "
            "Some 85 officers attended the Regional Seminar on Border Data.",
            item="IX",
            item_title="Capacity building",
        )
    ]
    ctx = context(FakeIndex(paragraphs), "How many officers attended the Regional Seminar on Border Data in Nairobi?")
    first = [s for s in extract(ctx) if "Nairobi" in s.text] or extract(ctx)[:1]
    first = [type(first[0])(paragraphs[0].text.split(". ")[0] + ".", first[0].citation, quote=paragraphs[0].text.split(". ")[0] + ".")]
    chosen = state_detail(ctx, first)
    assert [s.text for s in chosen] == ["Some 85 officers attended the Regional Seminar on Border Data."]
    # a strict margin keeps the composed answer
    strict = context(FakeIndex(paragraphs), ctx.query.text, settings=Settings(answerability=Answerability(detail_margin=-1.0)))
    assert state_detail(strict, first) == first


def test_near_misses_on_the_bundled_report_get_partial_answers_of_their_type(bundled_index):
    from qa import answer

    cases = {
        "What was the budget of the WCO Technology Conference held in Ha Noi?": "does not state the amount.",
        "Which Vietnamese minister opened the Technology Conference in Ha Noi?": "does not state who.",
        "When will the PFCWG hold its 9th meeting?": "does not mention the 9th meeting.",
    }
    for question, gap in cases.items():
        result = answer(question, bundled_index)
        assert result.mode == "partial" and not result.answerable, question
        assert result.text.startswith("The report discusses ") and result.text.endswith(gap), result.text
        assert len(result.citations) == 1
    conference = answer("What was the budget of the WCO Technology Conference held in Ha Noi?", bundled_index)
    assert "Technology Conference" in conference.text and [c.paragraph for c in conference.citations] == [10]


def test_a_count_asked_and_stated_is_answered_with_it(bundled_index):
    from qa import answer

    result = answer("How many registered participants did the Technology Conference in Ha Noi gather?", bundled_index)
    assert result.answerable and "1,200" in result.text and 10 in [c.paragraph for c in result.citations]
