"""The texts embedded for a paragraph: its context plus its text, in overlapping windows when long."""
from __future__ import annotations

from typing import Protocol

from ingest.records import Paragraph
from ingest.sentences import split_sentences


class TokenCounter(Protocol):
    """What windowing needs from a model: its input limit and a word-piece counter."""

    max_tokens: int

    def count_tokens(self, text: str) -> int:
        """Word pieces the model reads for `text`, special tokens included."""


def context_line(paragraph: Paragraph) -> str:
    """Where a paragraph sits: item title, sub-item title and heading, so "the e-commerce item" finds it.

    Args:
        paragraph: the paragraph.

    Returns:
        e.g. "E-Commerce – Fair and Efficient Revenue Collection – Presentation by Norway" ("" when none).
    """
    parts = [paragraph.item_title, paragraph.subitem_title, paragraph.heading]
    seen: list[str] = []
    for part in parts:
        if part and part.strip() and part.strip() not in seen:
            seen.append(part.strip())
    return " – ".join(seen)


def embedding_windows(paragraph: Paragraph, model: TokenCounter, overlap: int = 1) -> list[str]:
    """The texts to embed for a paragraph, each within the model's input limit.

    A paragraph that fits is one text: its context line, then its text. A longer one is cut at
    sentence boundaries into windows that share `overlap` sentences with the previous window,
    each starting with the context line; a single sentence longer than the limit is cut at
    word boundaries. No word is ever dropped.

    Args:
        paragraph: the paragraph.
        model: gives `max_tokens` and `count_tokens`.
        overlap: sentences repeated from the end of one window at the start of the next.

    Returns:
        One or more texts.
    """
    context = context_line(paragraph)
    prefix = f"{context}: " if context else ""
    whole = prefix + paragraph.text
    if model.count_tokens(whole) <= model.max_tokens:
        return [whole]
    budget = model.max_tokens
    pieces = _pieces_within(split_sentences(paragraph.text) or [paragraph.text], prefix, model)
    windows: list[str] = []
    start = 0
    while start < len(pieces):
        end = start + 1
        while end < len(pieces) and model.count_tokens(prefix + " ".join(pieces[start : end + 1])) <= budget:
            end += 1
        windows.append(prefix + " ".join(pieces[start:end]))
        if end >= len(pieces):
            break
        # Step back `overlap` sentences, but always move forward.
        start = max(start + 1, end - overlap)
    return windows


def _pieces_within(sentences: list[str], prefix: str, model: TokenCounter) -> list[str]:
    """Sentences, with any that cannot fit in one window (with the prefix) cut into word runs."""
    pieces: list[str] = []
    for sentence in sentences:
        if model.count_tokens(prefix + sentence) <= model.max_tokens:
            pieces.append(sentence)
            continue
        words = sentence.split()
        run: list[str] = []
        for word in words:
            if run and model.count_tokens(prefix + " ".join(run + [word])) > model.max_tokens:
                pieces.append(" ".join(run))
                run = []
            run.append(word)
        if run:
            pieces.append(" ".join(run))
    return pieces
