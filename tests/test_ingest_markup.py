"""Markdown/HTML markup stripped from a line, with its structure kept as flags."""
from __future__ import annotations

import pytest

from ingest.markup import clean_inline, parse_line


@pytest.mark.parametrize(
    ("raw", "text", "heading", "bullet", "bold"),
    [
        ("## ITEM I – OPENING", "ITEM I – OPENING", True, False, False),
        ("- **Presentation by Norway**", "Presentation by Norway", False, True, True),
        ("#### **• Presentation by Serbia**", "Presentation by Serbia", True, True, True),
        ("- 6. In conclusion, the PTC:**", "6. In conclusion, the PTC:", False, True, False),
        ("**134. In conclusion, the PTC:**", "134. In conclusion, the PTC:", False, False, True),
        ("- a. **Report from the 88<sup>th</sup> Session**", "a. Report from the 88th Session", False, True, False),
        ("*(For information only)*", "(For information only)", False, False, False),
        ("    1. Chile’s programme", "1. Chile’s programme", False, False, False),
        ("• took note of the report;", "took note of the report;", False, True, False),
    ],
)
def test_parse_line(raw, text, heading, bullet, bold):
    marked = parse_line(raw)
    assert (marked.text, marked.heading, marked.bullet, marked.bold) == (text, heading, bullet, bold)


def test_clean_inline_removes_html_links_and_escapes():
    assert clean_inline("241<sup>st</sup>/242<sup>nd</sup>  Sessions") == "241st/242nd Sessions"
    assert clean_inline("<p><b>Opening</b> <i>(To take note)</i></p>") == "Opening (To take note)"
    assert clean_inline("see [the guide](http://x/y) \\* and &amp; 2*3") == "see the guide * and & 2*3"
    assert parse_line("    1. Chile").indent == 4
