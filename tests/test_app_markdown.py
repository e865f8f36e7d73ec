"""Tests for ui.markdown: report text is escaped before it is highlighted, and never becomes markup."""
from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from ui.markdown import HIGHLIGHT, escape, highlight_line, paragraph_markdown, query_terms

MARKUP = "<b>bold</b> **x** [link](http://e.com) :red[alert] $x^2$ `code` # head | a | _u_"


def unescape(markdown: str) -> str:
    """Undo backslash escapes: what a CommonMark renderer would display."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_escape_makes_every_markup_character_literal():
    escaped = escape(MARKUP)
    for i, char in enumerate(escaped):
        if char in string.punctuation and char != "\\":
            assert escaped[i - 1] == "\\", escaped[: i + 1]
    assert unescape(escaped) == MARKUP


@given(st.text())
def test_escape_round_trips_any_text(text):
    assert unescape(escape(text)) == text


def test_query_terms_drop_function_words_and_stem():
    terms = query_terms("What did the PTC decide on de minimis thresholds?")
    assert "threshold" in terms
    assert "what" not in terms and "the" not in terms and "ptc" not in terms


def test_highlight_marks_matching_words_in_any_form():
    terms = query_terms("de minimis threshold")
    line = "The thresholds for De Minimis (800 USD) were raised."
    marked = highlight_line(line, terms)
    assert HIGHLIGHT.format("thresholds") in marked
    assert HIGHLIGHT.format("De Minimis") in marked
    assert HIGHLIGHT.format("raised") not in marked
    assert "\\(800 USD\\)" in marked


def test_highlight_escapes_text_around_and_inside_matches():
    terms = query_terms("script")
    marked = highlight_line("<script>alert('x')</script>", terms)
    assert "<" not in marked.replace("\\<", "")
    assert HIGHLIGHT.format("script") in marked


def test_no_terms_gives_plain_escaped_text():
    assert highlight_line("a*b", frozenset()) == "a\\*b"


def test_paragraph_keeps_lines_and_bullets_without_list_markup():
    text = "In conclusion, the PTC:\n- took note of the presentations;\n  •  agreed to continue."
    markdown = paragraph_markdown(text)
    lines = markdown.split("  \n")
    assert unescape(lines[0]) == "In conclusion, the PTC:"
    assert lines[1].startswith("• took note") and lines[2].startswith("• agreed")
    assert "\n-" not in markdown


def test_paragraph_drops_blank_lines_and_indentation():
    assert paragraph_markdown("  first\n\n    second  ") == "first  \nsecond"


def test_highlight_matches_hyphenated_words_by_their_parts():
    marked = highlight_line("the E-Commerce Package", query_terms("commerce"))
    assert marked == "the " + HIGHLIGHT.format("E\\-Commerce") + " Package"
