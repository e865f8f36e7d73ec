"""Tests of qa.question: empty questions are refused, long ones cut with a warning, decoration and control characters removed."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


@pytest.mark.parametrize(
    "question, cleaned",
    [
        ("🤔 What did the PTC decide on de minimis?", "What did the PTC decide on de minimis?"),
        ("What did the PTC decide on de minimis?!?!?!", "What did the PTC decide on de minimis?"),
        ("What did the PTC decide on de minimis??", "What did the PTC decide on de minimis?"),
        ("Tell me about green customs!!!", "Tell me about green customs!"),
        ("Green customs...", "Green customs..."),
        ("👍🏽 1️⃣ What did ¶68 decide on de minimis? 🚀", "1 What did ¶68 decide on de minimis?"),
        ("What\x00 did the PTC\x07 decide\u200b on de\x1b[31m minimis?", "What did the PTC decide on de[31m minimis?"),
        ("Le PTC a-t-il décidé du seuil de minimis (800 €)?", "Le PTC a-t-il décidé du seuil de minimis (800 €)?"),
    ],
)
def test_decoration_and_control_characters_are_removed(question, cleaned):
    assert clean_question(question, 2000) == (cleaned, [])


@pytest.mark.parametrize("question", ["🤔🤔", "\x00\x00", "\u200b\ufe0f", "❤️ ✅"])
def test_a_question_of_nothing_but_symbols_is_empty(question):
    with pytest.raises(QuestionError, match="empty"):
        clean_question(question, 2000)


@given(st.text(max_size=200))
def test_no_control_character_survives(question):
    try:
        text, _ = clean_question(question, 2000)
    except QuestionError:
        return
    assert text == text.strip() and "  " not in text
    assert not any(unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} for ch in text)


@pytest.mark.parametrize("decorated", ["🤔 {q}", "{q}!?!?!?", "\x00{q}", "✅ {q} 🚀🚀"])
def test_decorated_questions_get_the_plain_questions_answer(bundled_index, decorated):
    from qa import answer

    question = "What did the PTC decide on de minimis?"
    plain = answer(question, bundled_index)
    result = answer(decorated.format(q=question), bundled_index)
    assert result.answerable and result.mode == plain.mode == "decision"
    assert result.text == plain.text and result.question == question
