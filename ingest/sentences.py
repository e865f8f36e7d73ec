"""Split paragraph text into sentences without breaking at abbreviations, initials or list numbers."""
from __future__ import annotations

import re

# Lower-cased tokens (without their final dot) after which a dot does not end a sentence.
ABBREVIATIONS = frozenset(
    """
    doc docs e.g i.e etc cf vs no nos para paras art arts ref refs fig figs vol vols p pp ed eds
    mr mrs ms dr prof st jr sr co corp inc ltd approx incl dept govt min max sec secs
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m
    """.split()
)

# A candidate boundary: sentence-ending punctuation (with closing quotes/brackets) and whitespace.
_BOUNDARY = re.compile(r"""[.!?;]?[.!?]["'”’)\]]*\s+""")
# A bullet or a list marker opening a line: "- ", "• ", "* ", "1. ", "a) ", "(i) ".
_LIST_LINE = re.compile(r"^\s*(?:[-•*▪◦]|\(?[0-9]{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,5}\))\s+", re.IGNORECASE)
_ROMAN = re.compile(r"^[ivxlc]{1,6}$", re.IGNORECASE)
# Abbreviations that often close a sentence ("... entering the U.S. The number ...").
_FINAL_ABBREVIATIONS = frozenset("u.s u.k u.n e.u etc inc ltd corp co".split())
# Words that open a new sentence after such an abbreviation.
_STARTERS = frozenset(
    "the this that these those it its in on at as a an he she they we there then however moreover "
    "furthermore finally also after before during while when with for since".split()
)


def split_sentences(text: str) -> list[str]:
    """Split text into sentences.

    Bullets and numbered list lines each start a new sentence; a dot after an abbreviation
    ("Doc.", "e.g.", "U.S."), an initial ("J."), a list numeral ("i.", "2.") or a number
    ("1.5") does not end one, nor does a dot followed by a lower-case word.

    Args:
        text: paragraph text, possibly spanning several lines.

    Returns:
        The sentences in order, stripped, none empty.
    """
    sentences: list[str] = []
    for block in _blocks(text):
        sentences.extend(_split_block(block))
    return sentences


def _blocks(text: str) -> list[str]:
    """Lines joined into blocks; a bullet or list line starts a new block."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if _LIST_LINE.match(line) and current:
            blocks.append(" ".join(current))
            current = []
        current.append(line.strip())
    if current:
        blocks.append(" ".join(current))
    return blocks


def _split_block(block: str) -> list[str]:
    """Split one block of running text at the boundaries that are real sentence ends."""
    sentences: list[str] = []
    start = 0
    lead = len(block) - len(block.lstrip())  # where the block's first token starts
    for match in _BOUNDARY.finditer(block):
        end = match.end()
        if _is_sentence_end(block, match.start(), end, lead):
            piece = block[start:end].strip()
            if piece:
                sentences.append(piece)
            start = end
    tail = block[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


# Longer words are never abbreviations, initials or list numerals: looking further back or ahead
# than this would only make long texts slow (each boundary reads a bounded window, so splitting is linear).
_WINDOW = 64


def _is_sentence_end(block: str, punct_at: int, next_at: int, lead: int = 0) -> bool:
    """Whether the punctuation at `punct_at` ends a sentence, judging the word before and after."""
    if next_at >= len(block):
        return True
    following = block[next_at]
    # A sentence starts with a capital, a digit, a quote or a bracket; "e.g. the" continues.
    if following.islower():
        return False
    if block[punct_at] != ".":
        return True
    before = block[max(lead, punct_at - _WINDOW) : punct_at]
    tokens = before.split()
    raw = tokens[-1] if tokens else ""
    word = raw.lstrip("(\"'“‘[").lower()
    first_token = bool(raw) and punct_at - len(raw) == lead and len(word) == len(raw)
    if word in ABBREVIATIONS:
        ahead = block[next_at : next_at + _WINDOW].split(None, 1)
        next_word = ahead[0].strip(",;:").lower() if ahead else ""
        return word in _FINAL_ABBREVIATIONS and next_word in _STARTERS
    # Initials ("J.") and list numerals at the start of a block ("i.", "2.", "a.").
    if len(word) == 1 and word.isalpha():
        return False
    if "." in word and all(len(part) <= 2 for part in word.split(".")):
        return False  # dotted abbreviations like "U.S" or "e.g" not in the list
    if first_token:
        # The block's first token is a list numeral: "2." or "iv."
        if word.isdigit() or _ROMAN.match(word):
            return False
    return True
