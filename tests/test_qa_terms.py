"""Tests of qa.terms: question content words and IDF-weighted coverage."""
from __future__ import annotations

from qa.terms import TermStats, content_terms


def test_content_terms_drop_question_and_function_words():
    assert content_terms("What did the PTC decide on de minimis thresholds?") == ["decide", "de", "minimis", "threshold"]
    assert content_terms("Who presented the WCO Customs report?") == ["present"]


def test_coverage_weighs_rare_terms_more():
    stats = TermStats.from_texts(["de minimis threshold", "threshold of revenue", "threshold again", "kingdom"])
    terms = content_terms("minimis threshold")
    assert stats.coverage(terms, "the minimis rule") > stats.coverage(terms, "the threshold rule") > 0
    assert stats.coverage(terms, "minimis thresholds") == 1.0
    assert stats.coverage([], "anything") == 0.0
    assert stats.known(content_terms("kingdom bicycles")) < 1.0 and stats.known([]) == 1.0
