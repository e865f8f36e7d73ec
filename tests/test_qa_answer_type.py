"""Tests of qa.answer_type: the kind of answer a question asks for and whether a sentence offers it."""
from __future__ import annotations

import pytest

from qa.answer_type import expected_type, offers


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many online marketplaces participate in the pilot?", "number"),
        ("What share of shipments were low-value packages?", "number"),
        ("When is the next PTC meeting?", "date"),
        ("Which countries seconded Technical Attachés?", "name"),
        ("Who gave the opening remarks?", "name"),
        ("Where will the guidelines be launched?", "name"),
        ("What is SEED+?", None),
    ],
)
def test_expected_type(question, kind):
    assert expected_type(question) == kind


def test_numbers_and_dates():
    assert offers("number", "Four marketplaces were taking part.", "How many?")
    assert offers("number", "It tested 550 million transactions.", "How many?")
    assert not offers("number", "Several delegates took the floor.", "How many?")
    assert offers("date", "The meeting will be held from 23 to 25 April 2024.", "When?")
    assert not offers("date", "The meeting will be held in Brussels.", "When?")


def test_names_must_be_new_and_not_generic():
    question = "Which country presented its TFA implementation experience?"
    assert offers("name", "The Chairperson invited Botswana Customs to deliver a presentation.", question)
    assert not offers("name", "The Secretariat thanked the Members of the PTC.", question)
    assert not offers("name", "Delegates discussed the TFA.", question)  # the question's own name
    assert not offers(None, "Botswana presented.", question)
