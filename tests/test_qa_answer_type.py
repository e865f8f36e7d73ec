"""Tests of qa.answer_type: whether a sentence holds the type of answer a question wants."""
from __future__ import annotations

from index.query import parse_query
from qa.answer_type import offers


def q(text: str):
    return parse_query(text)


def test_numbers_and_dates():
    how_many = q("How many marketplaces take part?")
    assert offers("number", "Four marketplaces were taking part.", how_many)
    assert offers("number", "It tested 550 million transactions.", how_many)
    assert not offers("number", "Several delegates took the floor.", how_many)
    assert not offers("number", "The pilot started in 2019.", how_many)  # a year is not a count
    assert not offers("number", "The Secretariat introduced Doc. PC0733.", how_many)
    when = q("When is the next meeting?")
    assert offers("date", "The meeting will be held from 23 to 25 April 2024.", when)
    assert not offers("date", "The meeting will be held in Brussels.", when)


def test_country_adjectives_name_countries():
    question = q("Which country abolished its de minimis threshold?")
    assert question.wants == "country"
    assert offers("country", "Norwegian Customs presented the abolishment of the threshold.", question)
    assert not offers("country", "The Secretariat presented the abolishment of the threshold.", question)
    # A country the question already names is not the answer.
    assert not offers("country", "The EU plans to remove it.", q("Did a country other than the EU abolish it?"))


def test_names_must_be_new_and_not_generic():
    question = q("Which organization presented its TFA implementation experience?")
    assert offers("name", "The Chairperson invited Botswana Customs to deliver a presentation.", question)
    assert not offers("name", "The Secretariat thanked the Members of the PTC.", question)
    assert not offers("name", "Delegates discussed the TFA.", question)  # the question's own name
    assert not offers(None, "Botswana presented.", question)


def test_places():
    where = q("Where will the guidelines be launched?")
    assert where.wants == "place"
    assert offers("place", "The Guidelines will be launched at the IAPH World Ports Conference in Abu Dhabi.", where)
    assert not offers("place", "The guidelines will be launched soon.", where)
