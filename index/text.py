"""Keyword tokenizer for BM25: lower-case words, keeping acronyms, codes and numbers whole."""
from __future__ import annotations

import re
import unicodedata

from vocabulary import STOPWORDS

# Bump whenever `tokenize` gives other tokens for some text: the keyword index stores tokens, so an
# index written by another version is refused at load and rebuilt by `python -m ingest` (index.store).
# 2: a possessive is its noun ("Norway's" -> "norway").
TOKENIZER_VERSION = 2

# A token: letters/digits joined by "-", "/", "." or "'" inside it, with an optional trailing "+"
# ("SEED+"), so "GCAP-10", "API/PNR", "2022-2025", "U.S." and "e-commerce" stay whole.
_TOKEN = re.compile(r"[^\W_]+(?:[-/.'’][^\W_]+)*\+?")
_DIGIT = re.compile(r"\d")
# An English possessive (or "it's"-style contraction) after its noun, also inside a compound ("PTC's/WCO's");
# the plural "Members'" loses its apostrophe as any trailing one does. French elision ("l'OMD",
# "d'Ivoire") has no "'s" and stays whole.
_POSSESSIVE = re.compile(r"(?<=[^\W_])'s(?=[-/+]|$)")
# A document code with a language/version suffix: "pc0733ea" also matches "pc0733".
_DOC_CODE = re.compile(r"^([a-z]{1,4}\d{3,5})[a-z]{1,3}$")


def normalise(text: str) -> str:
    """Unicode-normalise text (NFKC) and unify dashes and apostrophes."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate(str.maketrans({"–": "-", "—": "-", "‑": "-", "’": "'", "‘": "'", "ʼ": "'"}))


def stem(word: str) -> str:
    """A light English suffix stripper: plurals and common verb endings only.

    Codes and acronyms (anything with a digit or shorter than 4 letters) are left alone.
    """
    if len(word) < 4 or _DIGIT.search(word) or not word.isalpha():
        return word
    for suffix, replacement in (("ies", "y"), ("sses", "ss"), ("ss", "ss"), ("us", "us"), ("is", "is")):
        if word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    if word.endswith("s"):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokenize(text: str, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """Keyword tokens of a text.

    Hyphenated and slashed compounds are kept whole and also split into their parts, so
    "e-commerce" matches "E-Commerce" and "commerce", "API/PNR" matches "PNR" and "SEED+" matches "SEED".
    A possessive is its noun: "Norway's", "PFCWG’s" and "Members'" give "norway", "pfcwg" and "member".

    Args:
        text: any text.
        stopwords: lower-case words to drop.

    Returns:
        Lower-case, lightly stemmed tokens in order.
    """
    tokens: list[str] = []
    for match in _TOKEN.finditer(normalise(text)):
        word = _POSSESSIVE.sub("", match.group(0).lower()).rstrip(".'")
        if not word or word in stopwords:
            continue
        if "." in word and not _DIGIT.search(word):
            word = word.replace(".", "")  # "U.S." and "US" are the same token
        tokens.append(stem(word))
        code = _DOC_CODE.match(word)
        if code:
            tokens.append(code.group(1))
        parts = [p for p in re.split(r"[-/+]", word) if p and p not in stopwords]
        if len(parts) > 1 or (parts and parts[0] != word):
            tokens.extend(stem(p) for p in parts)
    return tokens
