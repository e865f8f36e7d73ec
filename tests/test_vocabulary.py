"""Tests for vocabulary's thesaurus: the bundled file loads, is well formed, and a bad file is named in one line."""
import json

import pytest

from vocabulary import ENGLISH, THESAURUS_FILE, ThesaurusError, load_thesaurus


def test_bundled_thesaurus_loads_with_the_domain_pairs():
    thesaurus = load_thesaurus()
    assert thesaurus == ENGLISH.thesaurus
    assert "authorized economic operator" in thesaurus["trusted trader"]
    assert "single window" in thesaurus["one-stop shop"]
    # Groups work both ways; a map entry only one way.
    assert "customs warehouse" in thesaurus["bonded warehouse"]
    assert "bonded warehouse" in thesaurus["customs warehouse"]
    assert "electronic waste" in thesaurus["e-waste"] and "e-waste" in thesaurus["electronic waste"]
    assert "low-value shipments" in thesaurus["small parcels"]


def test_bundled_thesaurus_is_well_formed():
    data = json.loads(THESAURUS_FILE.read_text(encoding="utf-8"))
    entries = len(data["groups"]) + len(data["map"])
    assert 150 <= entries <= 400
    for word, terms in load_thesaurus().items():
        assert word == word.lower().strip() and word not in terms
        assert len(terms) == len(set(terms)) and all(t == t.lower().strip() and t for t in terms)
    # No wording is a function word: "it" would expand every question that uses the pronoun.
    assert not set(load_thesaurus()) & ENGLISH.stopwords


@pytest.mark.parametrize(
    "content, problem",
    [
        ("not json", "cannot read"),
        ('{"groups": []}', '"map" object'),
        ('{"groups": [["only one"]], "map": {}}', "group 1"),
        ('{"groups": [], "map": {"Trusted Trader": ["aeo"]}}', "lower-case phrase"),
        ('{"groups": [], "map": {"trusted trader": []}}', "non-empty list"),
    ],
)
def test_a_bad_thesaurus_is_named_in_one_line(tmp_path, content, problem):
    bad = tmp_path / "thesaurus.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ThesaurusError) as caught:
        load_thesaurus(bad)
    message = str(caught.value)
    assert str(bad) in message and problem in message and "\n" not in message


def test_a_missing_thesaurus_is_named(tmp_path):
    with pytest.raises(ThesaurusError, match="missing.json"):
        load_thesaurus(tmp_path / "missing.json")
