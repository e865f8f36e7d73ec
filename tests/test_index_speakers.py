"""Tests for spotting paragraphs that introduce a speaker or report what the floor said."""
import pytest

from index.speakers import introduces_speaker, takes_floor


@pytest.mark.parametrize(
    "sentence",
    [
        "A Representative of United States Customs and Border Protection (U.S. CBP) gave a presentation on two U.S. data pilots.",
        "After the Secretariat's introduction, Australia presented further details on the draft Concept Note.",
        "Peru Customs, in its capacity as Regional Vice-Chair, had jointly organized the Regional Workshop.",
        "The Chairperson introduced the item and invited Botswana Customs to deliver a presentation regarding TFA.",
        "The Deputy Director provided an update on WCO events and meetings.",
    ],
)
def test_speaker_introductions(sentence):
    assert introduces_speaker(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "A number of delegates expressed their support for the draft Concept Note presented, and endorsed it.",
        "Several Members also shared their national experiences of implementation of the WTO TFA.",
        "An intervention from the floor reminded delegates of previous discussions.",
    ],
)
def test_other_sentences(sentence):
    assert not introduces_speaker(sentence)


def test_a_conclusion_introduces_no_one():
    assert not introduces_speaker("In conclusion, the PTC: - took note of the presentation delivered by Botswana.", decision=True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Two delegations voiced concern about the timeline.",
        "With reference to the pilot, an observer asked whether costs had been assessed.",
        "No questions were raised by the participants.",
        "A Member of the working group welcomed the draft.",
    ],
)
def test_the_floor_takes_the_floor(sentence):
    assert takes_floor(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Secretariat thanked delegates for their feedback.",
        "The Chairperson invited Members to comment on the outline.",
        "The Secretariat presented the study.",
    ],
)
def test_who_addresses_the_floor_is_not_the_floor(sentence):
    assert not takes_floor(sentence)


def test_a_conclusion_is_the_bodys_not_the_floors():
    assert not takes_floor("Delegates took note of the report.", decision=True)
