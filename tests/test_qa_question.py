"""Tests of qa.question: empty questions are refused, long ones cut with a warning."""
from __future__ import annotations

import pytest

from qa.question import QuestionError, clean_question


@pytest.mark.parametrize("question", ["", "   ", "\n\t", None])
def test_empty_question_is_refused_in_one_line(question):
    with pytest.raises(QuestionError) as err:
        clean_question(question, 2000)
    assert "\n" not in str(err.value) and "empty" in str(err.value)


def test_whitespace_is_normalised_without_warning():
    assert clean_question("  What  was\ndecided? ", 2000) == ("What was decided?", [])


def test_long_question_is_cut_with_a_warning():
    text, warnings = clean_question("word " * 500, 2000)
    assert len(text) <= 2000
    assert warnings == ["question cut to 2000 characters (it had 2499)"]
