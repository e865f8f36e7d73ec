"""Question input checks: empty questions are refused, over-long ones are cut with a warning."""
from __future__ import annotations


class QuestionError(ValueError):
    """A question qa cannot answer as given (e.g. empty); the message is one line."""


def clean_question(question: str, max_chars: int) -> tuple[str, list[str]]:
    """Normalise whitespace, refuse empty questions and cut over-long ones.

    Args:
        question: the user's question.
        max_chars: the longest question kept (settings.max_question_chars).

    Returns:
        The cleaned question and any warnings (one per line).

    Raises:
        QuestionError: the question is empty or only whitespace.
    """
    text = " ".join((question or "").split())
    if not text:
        raise QuestionError("question is empty: ask something, e.g. \"What did the PTC decide on de minimis?\"")
    if len(text) <= max_chars:
        return text, []
    return text[:max_chars].rstrip(), [f"question cut to {max_chars} characters (it had {len(text)})"]
