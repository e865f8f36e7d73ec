"""Strip Markdown and HTML markup from one line, keeping what it said about structure."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+")
_BULLET = re.compile(r"^(?:[-*+•–▪◦●]\s+|•\s*)")
_BOLD = re.compile(r"\*\*|__")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_SUP = re.compile(r"<\s*(sup|sub)\s*>\s*(.*?)\s*<\s*/\s*\1\s*>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ITALIC_STAR = re.compile(r"(?<![\\\w])\*(?=\S)|(?<=\S)(?<!\\)\*(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009]+")


@dataclass(frozen=True)
class MarkedLine:
    """A source line without markup, plus the structure the markup showed."""

    text: str  # clean text: no markdown, HTML, bullet marker or heading hashes
    heading: bool  # a Markdown heading (#...)
    bullet: bool  # started with a list marker (-, *, •)
    bold: bool  # the whole content was bold
    indent: int  # leading spaces of the raw line


def clean_inline(text: str) -> str:
    """Remove inline markup (bold, italics, links, HTML tags, <sup>) and fold whitespace.

    Args:
        text: a fragment of Markdown or HTML.

    Returns:
        Plain text with single spaces; "241<sup>st</sup>" becomes "241st".
    """
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _SUP.sub(r"\2", text)
    text = _TAG.sub(" ", text)
    text = _BOLD.sub("", text)
    text = _ITALIC_STAR.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def parse_line(raw: str) -> MarkedLine:
    """Split a raw Markdown/plain line into clean text and structural flags.

    Args:
        raw: one source line.

    Returns:
        The `MarkedLine`; bullet markers inside headings ("#### **• Presentation ...**") count as bullets.
    """
    expanded = raw.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    body = raw.strip()
    heading = False
    match = _HEADING.match(body)
    if match:
        heading = True
        body = body[match.end():].strip()
    bullet, body = _take_bullet(body)
    bold = _is_all_bold(body)
    body = clean_inline(body)
    if not bullet:
        # "**• Presentation by Serbia**": the marker sits inside the bold markup.
        bullet, body = _take_bullet(body)
    return MarkedLine(text=body, heading=heading, bullet=bullet, bold=bold, indent=indent)


def _take_bullet(body: str) -> tuple[bool, str]:
    match = _BULLET.match(body)
    if match and not body.startswith("**"):
        return True, body[match.end():].strip()
    return False, body


def _is_all_bold(body: str) -> bool:
    stripped = body.strip()
    if not (stripped.startswith(("**", "__")) and stripped.endswith(("**", "__")) and len(stripped) > 4):
        return False
    inner = stripped[2:-2]
    return "**" not in inner and "__" not in inner
