"""Tests for question analysis."""
import pytest

from index.query import is_decision_question, normalise_query


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
