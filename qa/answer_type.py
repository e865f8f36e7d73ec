"""Whether a sentence holds the kind of answer a question wants: a number, a date, a person, a country, a place, a name."""
from __future__ import annotations

import re

from index.query import Query, countries_in
from vocabulary import vocabulary

_NUMBER = re.compile(
    r"\b\d[\d,.]*\s*%?|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|hundred|thousand|million|billion|half|dozen|double|twice|triple)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(1[89]|20)\d{2}$")
_DOC_CODE = re.compile(r"\b[A-Z]{1,4}\d{3,5}[A-Za-z]{0,3}\b")
_DATE = re.compile(
    r"\b(1[89]|20)\d{2}\b|\b(January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"\b(next|last) (week|month|year|meeting|session)\b"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'&.-]*[A-Za-z]")
_TITLE = re.compile(r"\b(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+[A-Z]")
# "Kristie B. McKinney", "Ricardo Treviño Chapa", "Brendan O'Hearn": two to four capitalised words.
_FULL_NAME = re.compile(r"\b[A-Z][a-zñéá’']+(?:\s+[A-Z]\.)?(?:\s+(?:[A-Z][a-zñéá]*['’])?[A-Z][a-zñéá'’]+){1,3}")
_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


def _numbers(sentence: str) -> bool:
    """A count, amount or share, not a year or a document code."""
    text = _DOC_CODE.sub(" ", sentence)
    for match in _NUMBER.finditer(text):
        token = match.group(0).strip().rstrip(".,")
        if not _YEAR.match(token):
            return True
    return False


def _names(sentence: str, query: Query) -> list[str]:
    """Capitalised names in a sentence that the question does not use and that name someone in particular."""
    generic = vocabulary(query.language).generic_capitals
    asked = {w.lower() for w in re.findall(r"[\w’'&.-]+", query.text)}
    names = _CAPITALISED.findall(sentence)
    if names and sentence.startswith(names[0]) and names[0].lower() in generic:
        names = names[1:]
    return [n for n in names if n.lower() not in asked and n.lower() not in generic]


def _is_person(name: str, query: Query) -> bool:
    """Whether capitalised words read as a person's name: no title noun, generic word or country among them."""
    vocab = vocabulary(query.language)
    words = [w.strip(".’'").lower() for w in name.split()]
    asked = query.text.lower()
    if any(w in vocab.title_nouns or w in vocab.generic_capitals or w in vocab.countries for w in words):
        return False
    return name.lower() not in asked


def _is_place(name: str, asked: str, query: Query) -> bool:
    """Whether "in/at <Name>" names a place the question does not: not a month, a title noun or a generic word."""
    vocab = vocabulary(query.language)
    first = name.split()[0].lower()
    return name.lower() not in asked and first not in vocab.title_nouns and first not in vocab.generic_capitals


def offers(wants: str | None, sentence: str, query: Query) -> bool:
    """Whether a sentence holds an answer of the wanted type (one the question does not already give).

    Args:
        wants: Query.wants ("number", "date", "person", "country", "place", "name") or None.
        sentence: a candidate sentence.
        query: the question.

    Returns:
        True when the sentence has what is asked for: "Norwegian Customs presented" names a country.
    """
    if wants == "number":
        return _numbers(sentence)
    if wants == "date":
        return bool(_DATE.search(sentence))
    new_countries = [c for c in countries_in(sentence, query.language) if c not in query.countries]
    if wants == "country":
        return bool(new_countries)
    if wants == "person":
        return bool(_TITLE.search(sentence)) or any(_is_person(m.group(0), query) for m in _FULL_NAME.finditer(sentence))
    if wants == "place":
        asked = query.text.lower()
        return bool(new_countries) or any(_is_place(m.group(1), asked, query) for m in _PLACE.finditer(sentence))
    if wants == "name":
        return bool(new_countries) or bool(_names(sentence, query))
    return False


def type_label(wants: str | None) -> str:
    """How a near-miss answer names what the report does not state ("the amount", "the date", ...)."""
    return {
        "number": "the figure",
        "date": "the date",
        "person": "who",
        "country": "which country",
        "place": "where",
        "name": "who",
    }.get(wants or "", "the detail asked for")
