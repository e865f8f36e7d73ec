"""Tests for the keyword tokenizer."""
from index.text import stem, tokenize


def test_keeps_acronyms_codes_and_numbers():
    tokens = tokenize("The PFCWG discussed GCAP-10, 800 USD in 2016, Doc. PC0733Ea and the SEED+ project.")
    for expected in ("pfcwg", "gcap-10", "800", "usd", "2016", "pc0733ea", "pc0733", "seed+", "seed"):
        assert expected in tokens, expected


def test_drops_stopwords_and_lowercases():
    assert tokenize("What did THE Committee decide?") == ["committee", "decide"]


def test_compounds_match_their_parts():
    tokens = tokenize("E-Commerce and API/PNR")
    assert {"e-commerce", "commerce", "api/pnr", "api", "pnr"} <= set(tokens)


def test_dotted_abbreviation_equals_acronym():
    assert tokenize("U.S.") == tokenize("US")


def test_light_stemming_joins_plurals_and_verb_forms():
    assert stem("countries") == stem("country")
    assert stem("meetings") == stem("meeting") == stem("meet")
    assert stem("endorsed") == stem("endorsing")
    assert stem("gcap") == "gcap" and stem("2016s") == "2016s"
