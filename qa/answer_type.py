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
    asked = query.words
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


def type_label(wanted: str | None) -> str:
    """How a near-miss answer names what the report does not state ("the amount", "the date", ...).

    Args:
        wanted: a Query.detail or Query.wants value.
    """
    return {
        "amount": "the amount",
        "money": "the amount",
        "number": "the figure",
        "count": "the number",
        "share": "the share",
        "duration": "how long",
        "date": "the date",
        "year": "the year",
        "person": "who",
        "country": "which country",
        "place": "where",
        "language": "the languages",
        "name": "who",
        "proper_name": "the name",
        "title": "the title",
        "fee": "the fee",
    }.get(wanted or "", "the detail asked for")


_CODES = r"USD|EUR|GBP|CHF|JPY|CNY|CAD|AUD|NZD|HKD|SGD|NOK|SEK|DKK|INR|BRL|MXN|ZAR|KRW|RUB|TRY|THB|KES|NGN|BWP|US\$|\$|€|£|¥"
_MONEY_WORDS = r"euros?|dollars?|francs?|pounds?|yen|yuan|rand|pesos?|rupees?|kroner|krona|pula"
_CURRENCY = (
    rf"{_CODES}|{_MONEY_WORDS}|"
    r"per ?cent|percent|%|million|billion|thousand|tonnes?|tons?|kg|kilos?|kilograms?|litres?|liters?|TEUs?"
)
_MONEY = re.compile(rf"(?:{_CODES})\s?\d[\d,.]*|\d[\d,.]*\s?(?:million|billion|thousand)?\s?(?:{_CODES}|{_MONEY_WORDS})(?![a-z])", re.I)
_AMOUNT = re.compile(rf"(?:{_CURRENCY})\s?\d[\d,.]*|\d[\d,.]*\s?(?:{_CURRENCY})(?![a-z])", re.I)
_SHARE = re.compile(r"\d[\d,.]*\s?(?:%|per ?cent\b|percent\b)|\b(?:(?:one|a|two|three)[ -](?:third|quarter|fifth|tenth)s?|half|majority)\b", re.I)
# A length of time, or of a code or text ("how long is the tariff code?" -- "10-digit").
_DURATION = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|a few)[\s-]+"
    r"(?:hours?|days?|weeks?|months?|years?|minutes?|digits?|characters?|pages?|words?)\b", re.I,
)
_MONTHS = r"January|February|March|April|May|June|July|August|September|October|November|December"
# Numbers that are no count: a day of a month, a reference ("Article 7", "Doc. PC0733", "paragraph 12"), an ordinal.
_NOT_COUNT = re.compile(
    rf"\b\d{{1,2}}(?:\s*(?:-|–|to|and)\s*\d{{1,2}})?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}\b|"
    r"\b(?:Article|Articles|Section|Annex|Item|Chapter|Part|Rule|Standard|paragraph|paragraphs|Doc\.?|No\.|Recommendation|Resolution|"
    r"Phase|Version|Level|Tier|Pillar|Heading|Subheading)\s+[\dIVX][\w.,/-]*|\b\d+(?:st|nd|rd|th)\b|¶\s*\d+|"
    # a length of time ("the coming three days") counts days, not what is asked for ("how many days" asks a duration)
    r"\b[\w,.]+[\s-]+(?:hours?|days?|weeks?|months?|years?|minutes?)\b",
    re.IGNORECASE,
)
# "one" is left out: "one delegate", "one of the" name no count.
_WORD_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozens?|"
    r"hundreds|thousands|millions)\b", re.I,
)
_LANGUAGES = re.compile(r"\b(?:English|French|Spanish|Arabic|Russian|Chinese|Portuguese|German|Japanese|Korean)\b")
# Where in a document: "set out in Annex II", "in an Annex to the Summary Report".
_IN_DOCUMENT = re.compile(r"\b(?:in|at)\s+(?:an?\s+|the\s+)?(?:Annex|Appendix|Attachment|Chapter|Section|Part)\b")
_IN_PLACE = re.compile(r"\b(?:in|at|to|from)\s+(?:the\s+)?([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)")


def _place_name(name: str, asked: str, query: Query) -> bool:
    """Whether "in/at <Name>" names a place: no organisation or title word among its words ("in the Canadian Government" does not)."""
    vocab = vocabulary(query.language)
    words = [w.strip(".’'").lower() for w in name.split()]
    if any(w in vocab.title_nouns or w in vocab.generic_capitals for w in words):
        return False
    return _is_place(name, asked, query)


# Quoted titles and themes ("“Embracing the Digital Age”") hold capitalised words that name no one.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _person(sentence: str, query: Query) -> bool:
    """A title and a name ("Ms Ana Souza"), or a personal name that is not a place ("in Ha Noi", "Ha Noi, Vietnam") or a quoted title."""
    text = _QUOTED.sub(" ", sentence)
    if _TITLE.search(text):
        return True
    for match in _FULL_NAME.finditer(text):
        before, after = text[: match.start()].rstrip(), text[match.end() :]
        if re.search(r"\b(?:in|at|to|from)$", before) or countries_in(after.lstrip(", ")[:40], query.language)[:1] and after.startswith(","):
            continue  # "held in Ha Noi, Vietnam"
        if _is_person(match.group(0), query):
            return True
    return False


def _count(sentence: str, query: Query) -> bool:
    """A number that counts something: not a year, a day of a month, a reference, an ordinal or a number the question gives."""
    text = _NOT_COUNT.sub(" ", _DOC_CODE.sub(" ", sentence))
    asked = query.given
    for match in _NUMBER.finditer(text):
        token = match.group(0).strip().rstrip(".,%")
        if _YEAR.match(token) or token.lower() in asked:
            continue
        if token[:1].isdigit() or _WORD_COUNT.fullmatch(token):
            return True
    return False


def _quotes_new_title(sentence: str, asked: str) -> bool:
    """Whether a sentence quotes a title (over four characters) that the question (lower-cased) does not give."""
    return any(len(q) > 4 and q.strip("“”\"").lower() not in asked for q in _QUOTED.findall(sentence))


_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9&-]*[A-Z][A-Z0-9&-]*$")


def _proper_name(sentence: str, query: Query) -> bool:
    """A name of its own: a quoted title, or a capitalised word that is not the question's, generic, a title noun or a country.

    "a private sector association" and "the Single Window platform" name nothing in particular; "CARGO-X",
    "the Tradelens platform" or "“Borders Without Paper”" do. A capitalised first word of the sentence
    counts only as an acronym, as any word is capitalised there.
    """
    asked = query.text.lower()
    if _quotes_new_title(sentence, asked):
        return True
    vocab = vocabulary(query.language)
    for match in _CAPITALISED.finditer(sentence):
        word = match.group(0).rstrip(".")
        low = word.lower()
        # whole words only: a short acronym inside a question's word ("TI" in "time") is still new
        if low in query.words or re.search(rf"\b{re.escape(low)}\b", asked) or low in vocab.generic_capitals or low in vocab.title_nouns:
            continue
        if countries_in(word, query.language):
            continue  # "Japanese", "Norway": a country is not the name of a platform or a firm
        if not sentence[: match.start()].strip(" \"“(0123456789.") and not _ACRONYM.match(word):
            continue
        return True
    return False


# Two or more capitalised words, joined by the small words titles use ("Guide to Coordinated Border Management").
_TITLE_RUN = re.compile(r"\b[A-Z][\w’'-]+(?:\s+(?:(?:on|of|for|and|the|to|in|a)\s+)*[A-Z][\w’'-]+)+")


def _title(sentence: str, query: Query) -> bool:
    """A quoted title, or a run of two or more capitalised words the question does not give ("Guide to Coordinated Border Management")."""
    asked = query.text.lower()
    if _quotes_new_title(sentence, asked):
        return True
    generic = vocabulary(query.language).generic_capitals
    for match in _TITLE_RUN.finditer(sentence):
        content = [w for w in match.group(0).split() if w[:1].isupper()]
        if any(w.lower() not in asked and w.lower() not in generic and not countries_in(w, query.language) for w in content):
            return True
    return False


def holds(wanted: str | None, sentence: str, query: Query) -> bool:
    """Whether a sentence states the detail asked for (Query.detail), strictly: a near miss holds only the topic.

    Args:
        wanted: Query.detail ("amount", "count", ...) or None.
        sentence: a cited sentence.
        query: the question.

    Returns:
        True when the sentence fills the asked slot (always True when no detail is asked): an amount needs a
        number with a currency, unit or scale word; a place an "in/at <Name>" that is not an organisation or a
        month; a person a title and name or a personal name; a year one the question does not name.
    """
    if wanted is None:
        return True
    if wanted == "number":
        return _numbers(sentence)
    if wanted in ("money", "fee"):
        return any(m.group(0).strip() not in query.text for m in _MONEY.finditer(sentence))
    if wanted == "amount":
        return any(m.group(0).strip() not in query.text for m in _AMOUNT.finditer(_DOC_CODE.sub(" ", sentence)))
    if wanted == "share":
        return bool(_SHARE.search(sentence))
    if wanted == "duration":
        # "since 2019" says how long as well as a length does
        return bool(_DURATION.search(sentence) or re.search(rf"\bsince (?:(?:19|20)\d\d|{_MONTHS})\b", sentence))
    if wanted == "count":
        return _count(sentence, query)
    if wanted == "year":
        return any(m.group(0) not in query.text for m in re.finditer(r"\b(?:19|20)\d{2}\b", sentence))
    if wanted == "date":
        return bool(_DATE.search(sentence))
    if wanted == "language":
        return bool(_LANGUAGES.search(sentence))
    if wanted == "person":
        return _person(sentence, query)
    if wanted == "proper_name":
        return _proper_name(sentence, query)
    if wanted == "title":
        return _title(sentence, query)
    if wanted == "place":
        asked = query.text.lower()
        places = [m.group(1) for m in _IN_PLACE.finditer(sentence) if m.group(0).split()[0] in ("in", "at")]
        return any(_place_name(p, asked, query) for p in places) or bool(_IN_DOCUMENT.search(sentence))
    return offers(wanted, sentence, query)
