"""Keyword tokenizer for BM25: lower-case words, keeping acronyms, codes and numbers whole."""
from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer

from vocabulary import STOPWORDS

# A token: letters/digits joined by "-", "/", "." or "'" inside it, with an optional trailing "+"
# ("SEED+"), so "GCAP-10", "API/PNR", "2022-2025", "U.S." and "e-commerce" stay whole.
_TOKEN = re.compile(r"[^\W_]+(?:[-/.'’][^\W_]+)*\+?")
_DIGIT = re.compile(r"\d")
# A document code with a language/version suffix: "pc0733ea" also matches "pc0733".
_DOC_CODE = re.compile(r"^([a-z]{1,4}\d{3,5})[a-z]{1,3}$")
# The maintained Snowball stemmer (PyStemmer, which bm25s also accepts) replaced a hand-written
# suffix stripper: it joins derived forms too ("abolishment", "abolished") and measured better on the
# dev gold set. A Stemmer object is not thread-safe (the app answers in several threads): one per thread.
_STEMMERS = threading.local()


@lru_cache(maxsize=65536)
def _stem_word(word: str) -> str:
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = Stemmer.Stemmer("english")
    return stemmer.stemWord(word)


def normalise(text: str) -> str:
    """Unicode-normalise text (NFKC) and unify dashes and apostrophes."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate(str.maketrans({"–": "-", "—": "-", "‑": "-", "’": "'", "‘": "'"}))


def stem(word: str) -> str:
    """The Snowball English stem of a lower-case word ("abolished" and "abolishment" -> "abolish").

    Codes and acronyms (anything with a digit or another character than a letter, or shorter than
    4 letters) are left alone.
    """
    if len(word) < 4 or _DIGIT.search(word) or not word.isalpha():
        return word
    return _stem_word(word)


def tokenize(text: str, stopwords: frozenset[str] = STOPWORDS) -> list[str]:
    """Keyword tokens of a text.

    Hyphenated and slashed compounds are kept whole and also split into their parts, so
    "e-commerce" matches "E-Commerce" and "commerce", "API/PNR" matches "PNR" and "SEED+" matches "SEED".

    Args:
        text: any text.
        stopwords: lower-case words to drop.

    Returns:
        Lower-case, stemmed tokens in order.
    """
    tokens: list[str] = []
    for match in _TOKEN.finditer(normalise(text)):
        raw = match.group(0).rstrip(".'")
        word = raw.lower()
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
