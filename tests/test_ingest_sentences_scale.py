"""Tests that ingest.sentences splits in linear time and loses no text, however long or odd the input."""
from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.sentences import split_sentences


@pytest.mark.parametrize(
    "unit",
    ["Mr. A. Smith said no. The U.S. rate rose 1.5 per cent. ", "x. ", "e.g. etc. i.e. ", "A" * 1000 + ". "],
    ids=["prose", "short-dots", "abbreviations", "long-words"],
)
def test_two_megabytes_split_in_seconds(unit):
    text = unit * (2_000_000 // len(unit))
    started = time.monotonic()
    sentences = split_sentences(text)
    # Quadratic splitting took minutes here; linear takes about a second even on a loaded machine.
    assert time.monotonic() - started < 20
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Mr.", "A.", "U.S.", "e.g.", "no.", "2.", "iv.", "The", "the", "x", "?", "!", ";", "(", ")", "\"", " ", "\n", "- ", "1.5"]), max_size=60).map(" ".join))
def test_every_character_is_kept_in_order(text):
    sentences = split_sentences(text)
    assert all(s == s.strip() and s for s in sentences)
    assert "".join(sentences).replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")
