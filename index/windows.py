"""The texts embedded for a paragraph: its context plus its text, in overlapping windows when long."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ingest.records import Paragraph


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


@dataclass(frozen=True)
class Window:
    """One text to embed for a paragraph and where its sentences sit in it."""

    text: str
    spans: tuple[tuple[int, int, int], ...]  # (sentence index, start, end) character offsets in `text`


def embedding_windows(
    paragraph: Paragraph, sentences: list[str], model: TokenCounter, overlap: int = 1
) -> list[Window]:
    """The texts to embed for a paragraph, each within the model's input limit.

    A paragraph that fits is one text: its context line, then its sentences. A longer one is cut
    at sentence boundaries into windows that share `overlap` sentences with the previous window,
    each starting with the context line; a single sentence longer than the limit is cut at word
    boundaries. No word is ever dropped.

    Args:
        paragraph: the paragraph.
        sentences: its sentences (`split_sentences(paragraph.text)`), together covering its words.
        model: gives `max_tokens` and `count_tokens`.
        overlap: sentences repeated from the end of one window at the start of the next.

    Returns:
        One or more windows; every sentence appears in at least one.
    """
    context = _capped(context_line(paragraph), model)
    prefix = f"{context}: " if context else ""
    pieces = [(i, sentence) for i, sentence in enumerate(sentences)]
    whole = _window(prefix, pieces)
    if model.count_tokens(whole.text) <= model.max_tokens:
        return [whole]
    pieces = _pieces_within(pieces, prefix, model)
    windows: list[Window] = []
    start = 0
    while start < len(pieces):
        end = start + 1
        while end < len(pieces) and model.count_tokens(_window(prefix, pieces[start : end + 1]).text) <= model.max_tokens:
            end += 1
        windows.append(_window(prefix, pieces[start:end]))
        if end >= len(pieces):
            break
        # Step back `overlap` pieces, but always move forward.
        start = max(start + 1, end - overlap)
    return windows


def _capped(context: str, model: TokenCounter, share: int = 4) -> str:
    """The context line cut to a `share`-th of the model's input limit, words kept from its start.

    Titles are a few words; a runaway title (an agenda parsed wrongly) would otherwise fill every
    window and leave room for one word of text each, multiplying the windows to embed.
    """
    limit = model.max_tokens // share
    if not context or model.count_tokens(context) <= limit:
        return context
    words = context.split()
    low, high = 0, min(len(words), limit)
    while low < high:  # the most words that fit: more words never make fewer tokens
        middle = (low + high + 1) // 2
        if model.count_tokens(" ".join(words[:middle])) <= limit:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low])


def _window(prefix: str, pieces: list[tuple[int, str]]) -> Window:
    """Join (sentence index, text) pieces after the prefix, recording each piece's span."""
    text, spans = prefix, []
    for index, piece in pieces:
        if text and not text.endswith(" "):
            text += " "
        spans.append((index, len(text), len(text) + len(piece)))
        text += piece
    return Window(text, tuple(spans))


def _pieces_within(pieces: list[tuple[int, str]], prefix: str, model: TokenCounter) -> list[tuple[int, str]]:
    """Sentences, with any that cannot fit in one window (with the prefix) cut into word runs."""
    result: list[tuple[int, str]] = []
    for index, sentence in pieces:
        if model.count_tokens(prefix + sentence) <= model.max_tokens:
            result.append((index, sentence))
            continue
        words = sentence.split()
        start = 0
        while start < len(words):
            # The longest run from `start` that fits (at least one word): a binary search, since
            # more words never make fewer tokens; word by word made long sentences quadratic.
            # Every word is at least one token, so a run never holds more than max_tokens words.
            low, high = start + 1, min(len(words), start + model.max_tokens)
            while low < high:
                middle = (low + high + 1) // 2
                if model.count_tokens(prefix + " ".join(words[start:middle])) <= model.max_tokens:
                    low = middle
                else:
                    high = middle - 1
            result.append((index, " ".join(words[start:low])))
            start = low
    return result
