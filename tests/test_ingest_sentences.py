"""Tests for the sentence splitter."""
from ingest.sentences import split_sentences


def test_abbreviations_do_not_end_sentences():
    text = "The Secretariat introduced Doc. PC0733 on e-commerce. It covered e.g. the review and i.e. the tools."
    assert split_sentences(text) == [
        "The Secretariat introduced Doc. PC0733 on e-commerce.",
        "It covered e.g. the review and i.e. the tools.",
    ]


def test_us_inside_and_at_the_end_of_a_sentence():
    text = "U.S. CBP ran two U.S. data pilots. Shipments entering the U.S. The number grew to 1.5 billion."
    assert split_sentences(text) == [
        "U.S. CBP ran two U.S. data pilots.",
        "Shipments entering the U.S.",
        "The number grew to 1.5 billion.",
    ]


def test_bullets_and_numbered_lines_start_sentences():
    text = "20. In conclusion, the PTC:\n- took note of the reports;\n- endorsed the plan (Annex III); and\n(i) agreed."
    assert split_sentences(text) == [
        "20. In conclusion, the PTC:",
        "- took note of the reports;",
        "- endorsed the plan (Annex III); and",
        "(i) agreed.",
    ]


def test_list_numerals_and_initials_stay_attached():
    assert split_sentences("i. The first point. J. Smith spoke next!") == ["i. The first point.", "J. Smith spoke next!"]


def test_empty_text():
    assert split_sentences("  \n ") == []
