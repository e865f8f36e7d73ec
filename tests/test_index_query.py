"""Tests for question analysis."""
import pytest

from index.query import is_decision_question, is_speaker_question, is_who_question, normalise_query


@pytest.mark.parametrize(
    "question",
    [
        "What did the PTC decide on the PFCWG?",
        "What was agreed on the GNC review?",
        "Was the updated CBM Compendium endorsed?",
        "What came out of the green customs item?",
        "What did the committee conclude about transit?",
        "Which reports did the PTC take note of?",
        "What was the outcome of the e-commerce discussion?",
    ],
)
def test_decision_questions(question):
    assert is_decision_question(question)


@pytest.mark.parametrize(
    "question",
    ["Who presented on e-commerce?", "What is the de minimis threshold in the U.S.?", "When did the PFCWG meet?"],
)
def test_other_questions(question):
    assert not is_decision_question(question)


def test_normalise_query_collapses_space_and_dashes():
    assert normalise_query("  GCAP–10\n  plan ") == "GCAP-10 plan"


def test_a_who_question_is_not_a_decision_question():
    assert not is_decision_question("Who presented the results of the Green Customs Survey?")
    assert is_decision_question("What did the PTC decide about the Members who presented?")


@pytest.mark.parametrize(
    "question, who, speaker",
    [
        ("Who presented the US data pilots?", True, True),
        ("Which country shared its experience with regional data exchange?", True, True),
        ("Who organised the Women at Borders workshop?", True, True),
        ("Which Members gave an update on their pilots?", True, True),
        ("Who offered to help draft the guidelines?", True, False),
        ("Who or what is the IWG?", True, False),
        ("What did the countries who presented propose?", False, False),
        ("When was the concept note presented?", False, False),
    ],
)
def test_who_and_speaker_questions(question, who, speaker):
    assert is_who_question(question) is who
    assert is_speaker_question(question) is speaker
