"""Tests of qa.evaluate: the answer metrics on hand-made graded answers."""
from __future__ import annotations

from qa.answer import Answer, Citation
from qa.evaluate import Graded, failures, metrics


def graded(type_: str, text: str, cited: list[int], answerable: bool, relevant=(38,), partial=(45,), facts=("800 USD",)) -> Graded:
    row = {"id": "q", "question": "?", "type": type_, "relevant": list(relevant), "partial": list(partial), "key_facts": list(facts)}
    ans = Answer("?", text, [Citation("D", n) for n in cited], [], answerable, "extractive")
    return Graded(row, ans, 0.01)


def test_metrics_follow_the_gold_readme():
    rows = [
        graded("factual", "It was 800 usd. [¶38]", [38, 45], True),  # facts 1, precision 1
        graded("factual", "Nothing useful. [¶99]", [99, 38], True),  # facts 0, precision 0.5
        graded("factual", "The reports do not answer this question.", [], False),  # facts 0, no precision
        graded("unanswerable", "The reports do not answer this question.", [], False, (), (), ()),
        graded("unanswerable", "Something. [¶3]", [3], True, (), (), ()),
    ]
    m = metrics(rows)
    assert m["key_facts"] == 1 / 3
    assert m["citation_precision"] == 0.75
    assert m["abstain_unanswerable"] == 0.5
    assert m["answer_answerable"] == 2 / 3
    assert m["questions"] == 5 and m["p50_ms"] == 10.0


def test_failures_name_what_went_wrong():
    lines = failures([graded("factual", "Nothing. [¶99]", [99], True), graded("unanswerable", "x [¶3]", [3], True, (), (), ())])
    assert "missing ['800 USD']" in lines[0] and "cites [99] outside [38, 45]" in lines[0]
    assert "answered" in lines[1]
