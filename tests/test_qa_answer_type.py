"""Tests of qa.answer_type: whether a sentence holds the type of answer a question wants."""
from __future__ import annotations

from index.query import parse_query
from qa.answer_type import holds, offers


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


def test_money_needs_a_currency_and_not_the_questions_own_sum():
    question = q("How much revenue does Norway expect from taxing parcels under 350 NOK?")
    assert holds("money", "Norway expects some 1.5 billion NOK in revenue.", question)
    assert holds("money", "The fee was USD 3 per parcel.", question)
    assert not holds("money", "Norway processed 1.5 billion parcels.", question)  # a count of parcels is no sum of money
    assert not holds("money", "Parcels under 350 NOK were exempt.", question)  # the question's own figure


def test_an_amount_needs_a_currency_unit_or_scale_word():
    question = q("What was the ceiling value for simplified declarations in Norway?")
    assert holds("amount", "The ceiling was 3,000 NOK per consignment.", question)
    assert holds("amount", "The ceiling was EUR 1,000.", question)
    assert holds("amount", "Some 40 tonnes of waste qualified.", question)
    assert not holds("amount", "Norway set the ceiling on 3 and 4 May 2023.", question)  # a date is no amount
    assert not holds("amount", "Norway presented Doc. PC0701 under Article 7.", question)
    assert not holds("amount", "Norway consulted 12 partners on the ceiling.", question)  # a count is no amount


def test_a_count_is_not_a_date_a_reference_an_ordinal_or_a_length_of_time():
    question = q("How many delegates attended the forum?")
    assert holds("count", "Some 45 delegates attended the forum.", question)
    assert holds("count", "Delegates from twelve administrations attended.", question)
    assert not holds("count", "The forum met on 12 March 2024.", question)
    assert not holds("count", "The 5th forum took place in 2022.", question)
    assert not holds("count", "Delegates were thanked for the coming three days of work.", question)
    assert not holds("count", "Delegates discussed Article 10 of the Agreement.", question)
    assert not holds("count", "One delegate attended the forum.", question)  # "one delegate" names no count


def test_places_people_shares_years_and_languages_strictly():
    where = q("In which town was the seminar held?")
    assert holds("place", "The seminar was held in Mombasa, Kenya.", where)
    assert holds("place", "The statements are set out in an Annex to the report.", where)
    assert not holds("place", "The seminar was funded by the Swiss Government.", where)
    assert not holds("place", "Kenya Revenue Authority hosted the seminar in its capacity as Vice-Chair.", where)
    who = q("Which Brazilian official opened the meeting?")
    assert holds("person", "Ms Ana Souza opened the meeting.", who)
    assert not holds("person", "The Deputy Secretary General opened the meeting.", who)
    assert not holds("person", "Brazil opened the meeting.", who)
    assert holds("person", "The Director, Ana Maria Souza, opened the meeting.", who)
    # a city and a quoted theme are capitalised words that name no one
    assert not holds("person", "The meeting was held in Belo Horizonte, Brazil.", who)
    assert not holds("person", "The meeting took place under the theme “Smart Borders Together”.", who)
    share = q("What percentage of declarations are lodged electronically?")
    assert holds("share", "About 85 per cent of declarations are lodged electronically.", share)
    assert holds("share", "Two-thirds of declarations are lodged electronically.", share)
    assert not holds("share", "Declarations are lodged electronically since 2019.", share)
    release = q("What is the average release time for air cargo?")
    assert holds("duration", "Air cargo was released in 4.5 hours on average.", release)
    assert not holds("duration", "Air cargo release was measured in 2021.", release)
    assert holds("duration", "The pilot has run since 2019.", q("How long has the pilot run?"))
    year = q("In what year was the network launched after the 2019 study?")
    assert holds("year", "The network was launched in 2021.", year)
    assert not holds("year", "The network followed the 2019 study.", year)  # the question's own year
    languages = q("In which languages is the handbook published?")
    assert holds("language", "The handbook is available in English and French.", languages)
    assert not holds("language", "The handbook is available online.", languages)
    assert holds(None, "Anything at all.", languages)  # nothing asked, nothing to miss


def test_a_name_a_title_and_a_fee_strictly():
    portal = q("What is the new data-sharing portal called?")
    assert holds("proper_name", "The administration launched the TradeNet portal for data sharing.", portal)
    assert holds("proper_name", "ASYCUDA is used to share the data.", portal)  # an acronym opening the sentence is a name
    assert not holds("proper_name", "The administration launched a new portal for data sharing.", portal)
    assert not holds("proper_name", "Japanese Customs launched a portal for data sharing.", portal)  # a country is no portal's name
    assert not holds("proper_name", "Several Members launched a Single Window portal.", portal)  # generic and title words
    firm = q("Which consultancy carried out the time release study?")
    assert not holds("proper_name", "A private consultancy carried out the time release study.", firm)
    assert holds("proper_name", "The study was carried out by Deloitte.", firm)
    assert holds("proper_name", "The study was carried out by TRS.", q("Which consultancy ran the TRSP timing survey?"))
    study = q("What is the title of the study on green procurement?")
    assert holds("title", "The Secretariat published a study entitled “Buying Green at the Border”.", study)
    assert holds("title", "The Secretariat published the Green Procurement Practice Guide for Customs.", study)
    assert not holds("title", "The Secretariat said a study on green procurement had been published.", study)
    fee = q("What fee do importers pay for an advance ruling?")
    assert holds("fee", "Importers pay EUR 150 for an advance ruling.", fee)
    assert not holds("fee", "Importers pay a fee for an advance ruling.", fee)
