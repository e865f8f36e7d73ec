"""Report text as safe Streamlit Markdown: every markup character escaped, query terms highlighted."""
from __future__ import annotations

import re
import string

from index.text import tokenize
from qa.terms import content_terms

# Every ASCII punctuation character may be backslash-escaped in CommonMark, so escaping all of them
# turns Markdown, Streamlit directives (":red[...]"), LaTeX ("$") and raw HTML ("<b>") into plain text.
_ESCAPES = str.maketrans({c: "\\" + c for c in string.punctuation})
_WORD = re.compile(r"[^\W_]+(?:[-/'’][^\W_]+)*")
_BULLET = re.compile(r"^\s*[-•*–▪◦]\s+")
HIGHLIGHT = ":orange-background[{}]"


def escape(text: str) -> str:
    """Escape one line of untrusted text so Streamlit's Markdown shows it literally.

    Args:
        text: text from a report, a file name or a question.

    Returns:
        The text with every ASCII punctuation character backslash-escaped.
    """
    return text.translate(_ESCAPES)


def query_terms(question: str) -> frozenset[str]:
    """The question's content stems: the words worth highlighting in a paragraph.

    Args:
        question: the user's question ("" gives no terms).

    Returns:
        Keyword tokens as qa and the index compare them ("thresholds" -> "threshold"), without stopwords.
    """
    return frozenset(content_terms(question))


def highlight_line(line: str, terms: frozenset[str]) -> str:
    """One line of text, escaped, with the words that match `terms` highlighted.

    Args:
        line: raw text (no Markdown meaning is kept).
        terms: tokens from `query_terms`; a word matches when any of its tokens is one
            (so "E-Commerce" matches "commerce").

    Returns:
        Safe Markdown.
    """
    spans: list[list[int]] = []
    for match in _WORD.finditer(line):
        if terms.isdisjoint(tokenize(match.group(0), frozenset())):
            continue
        if spans and not line[spans[-1][1] : match.start()].strip():
            spans[-1][1] = match.end()  # one mark over "de minimis", not two
        else:
            spans.append([match.start(), match.end()])
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(escape(line[last:start]))
        parts.append(HIGHLIGHT.format(escape(line[start:end])))
        last = end
    parts.append(escape(line[last:]))
    return "".join(parts)


def paragraph_markdown(text: str, terms: frozenset[str] = frozenset()) -> str:
    """A paragraph's text as safe Markdown, keeping its line breaks and bullets.

    Args:
        text: the paragraph's clean text (bullets on their own lines).
        terms: stems to highlight (from `query_terms`).

    Returns:
        Markdown whose lines are hard-broken, with bullets shown as "•".
    """
    lines = []
    for raw in text.splitlines():
        bullet = _BULLET.match(raw)
        body = raw[bullet.end() :] if bullet else raw.strip()
        if body:
            lines.append(("• " if bullet else "") + highlight_line(body, terms))
    return "  \n".join(lines)
