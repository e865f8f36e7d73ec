"""Question input checks: control characters and emoji removed, empty questions refused, over-long ones cut with a warning."""
from __future__ import annotations

import re
import unicodedata


class QuestionError(ValueError):
    """A question qa cannot answer as given (e.g. empty); the message is one line."""


# Control, format, private-use, unassigned and surrogate characters, and symbols such as emoji
# ("So"), carry no words; variation selectors, skin tones and enclosing marks only dress emoji up.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "So", "Me"})
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f\U0001f3fb-\U0001f3ff\U000e0100-\U000e01ef]")
# A run of end punctuation ("?!?!?!", "??", "!!!"): one mark says as much ("..." is kept).
_END_RUN = re.compile(r"[?!.？！。]{2,}$")


def _drop_non_text(text: str) -> str:
    """Remove characters that are not text; whitespace controls (tab, newline) become spaces."""
    text = _VARIATION_SELECTORS.sub("", text)
    return "".join(
        " " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES
    )


def _one_end_mark(run: re.Match[str]) -> str:
    """"?!?!" -> "?", "!!!" -> "!", "..." unchanged."""
    marks = run.group(0)
    if "?" in marks or "？" in marks:
        return "?"
    if "!" in marks or "！" in marks:
        return "!"
    return marks


def clean_question(question: str, max_chars: int) -> tuple[str, list[str]]:
    """Normalise a question, refuse empty questions and cut over-long ones.

    Control characters (NUL included), emoji and other symbols are removed, whitespace is
    collapsed and a run of end punctuation ("?!?!?!") becomes one mark, so that decoration does
    not change the answer and nothing unprintable is echoed back.

    Args:
        question: the user's question.
        max_chars: the longest question kept (settings.max_question_chars).

    Returns:
        The cleaned question and any warnings (one per line).

    Raises:
        QuestionError: the question is empty, or holds nothing but whitespace, symbols or control characters.
    """
    text = " ".join(_drop_non_text(question or "").split())
    text = _END_RUN.sub(_one_end_mark, text)
    if not text:
        raise QuestionError("question is empty: ask something, e.g. \"What did the PTC decide on de minimis?\"")
    if len(text) <= max_chars:
        return text, []
    return text[:max_chars].rstrip(), [f"question cut to {max_chars} characters (it had {len(text)})"]
