"""Whether a sentence holds the kind of answer a question wants: a number, a date, a person, a country, a place, a name."""
from __future__ import annotations

import re

from index.query import Query, countries_in
from vocabulary import ACTOR_NOUNS, COUNT_KIN, MONTHS, OFFICE_WORDS, QUANTITY_NOUNS, vocabulary

# Number words past ten, spelt out ("sixteen", "seventy", "a thousand"): each states a count as digits do.
_NUMBER_WORDS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion"
)
_NUMBER = re.compile(rf"\b\d[\d,.]*\s*%?|\b(one|{_NUMBER_WORDS}|half|dozen|double|twice|triple)\b", re.IGNORECASE)
_YEAR = re.compile(r"^(1[89]|20)\d{2}$")
_DOC_CODE = re.compile(r"\b[A-Z]{1,4}\d{3,5}[A-Za-z]{0,3}\b")
# A date as reports and people write it: a year, a month (in full, or shortened next to a day: "12 Oct.", "Sept. 5"),
# a day's number ("12/10/2023"), a weekday, a season, a quarter, or a time told from the meeting ("the previous day",
# "at its next session", "later this year", "twice a year"; not "during the intersession", a period that dates nothing).
_SHORT_MONTHS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_DATE = re.compile(
    rf"\b(1[89]|20)\d{{2}}\b|\b(?:{MONTHS})\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_SHORT_MONTHS})\b\.?|\b(?:{_SHORT_MONTHS})\.?\s+\d{{1,2}}\b|"
    r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\bQ[1-4]\b|(?i:"
    r"\b(?:spring|summer|autumn|winter|(?:first|second|third|fourth|last|final) quarter|yesterday|tomorrow|"
    r"annually|biannually)\b|"
    r"\b(?:next|last|previous|following|coming|upcoming|forthcoming|preceding|same|later this|earlier this)\s+"
    r"(?:(?:[A-Z][\w/-]*|plenary|formal|regular|annual)\s+)?(?:day|week|month|year|meeting|session|sitting)s?\b|"
    r"\bthis (?:week|month|year)\b|"
    r"\b(?:once|twice|\w+ times) (?:a|per|each) (?:day|week|month|year)\b|\b(?:end|beginning|start|middle) of (?:the|this|next|that) (?:week|month|year)\b)"
)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'&.-]*[A-Za-z]")
# Honorifics before a name ("Ms Ana Souza", "H.E. Mr Okafor", "Professor Lee").
_TITLE = re.compile(r"\b(?:Mr|Ms|Mrs|Mx|Dr|Prof|Professor|Sir|Dame|Mme|Mlle|Messrs)\.?\s+[A-ZÀ-ÖØ-Þ]|\bH\.\s?E\.\s+[A-ZÀ-ÖØ-Þ]")
# "Kristie B. McKinney", "Ricardo Treviño Chapa", "Brendan O'Hearn": two to four capitalised words.
# Also "José Müller-Weiß", "Ricardo de la Cruz", "K. B. McKinney": letters of any Latin script, particles, initials.
_UPPER, _LOWER = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ’'"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
_PARTICLE = r"(?:de|da|del|della|di|do|dos|du|van|von|der|den|la|le|bin|binti|ibn|al|el)"
_FULL_NAME = re.compile(
    rf"\b(?:[{_UPPER}]\.\s?){{0,2}}{_NAME_WORD}(?:\s+[{_UPPER}]\.)?(?:\s+(?:{_PARTICLE}\s+){{0,2}}(?:[{_UPPER}][{_LOWER}]*['’])?{_NAME_WORD}){{1,3}}|"
    rf"\b(?:[{_UPPER}]\.\s?){{1,2}}{_NAME_WORD}"
)


def _numbers(sentence: str) -> bool:
    """A count, amount or share, not a year, a document code, a day of a month, a reference or an ordinal."""
    text = _NO_FIGURE.sub(" ", _DOC_CODE.sub(" ", sentence))
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
        return _numbers(sentence) or _lists_countries(sentence, query)
    if wants == "date":
        return bool(_DATE.search(sentence))
    new_countries = [c for c in countries_in(sentence, query.language) if c not in query.countries]
    if wants == "country":
        return bool(new_countries)
    if wants == "person":
        return bool(_TITLE.search(sentence)) or any(_is_person(m.group(0), query) for m in _FULL_NAME.finditer(sentence))
    if wants == "place":
        # a topical sentence naming a country stays a candidate: the strict check (holds) then tells an answer
        # from a near miss ("does not state where") rather than an off-topic sentence with a venue being chosen
        return bool(new_countries) or _place(sentence, query)
    if wants == "name":
        if query.kind == "who" and not query.parts and query.language == "en":
            # one question asking who acts; a part of a joined question ("Who presented X, and what was
            # decided?") leaves the other part's sentence free of it
            return bool(new_countries) or _actor(sentence, query)
        return bool(new_countries) or bool(_names(sentence, query))
    return False


def _actor(sentence: str, query: Query) -> bool:
    """Whether a sentence names someone who acts, outside quotes: a person, an acronym or a name ending in an actor noun.

    "Who paid for the workshop?" is answered by "with funding from the Canadian Government", not by
    "they had established the “Regional Community of Women at Borders”"; "Who offered to help draft the
    guidelines?" by "the World Shipping Council (WSC) also expressed ...", not by "the Secretariat had
    prepared a draft outline ... of the Green Customs Action Plan" (a plan, and a generic body).
    """
    text = _QUOTED.sub(" ", sentence)
    if _person(text, query):
        return True
    asked = query.text.lower()
    generic = vocabulary(query.language).generic_capitals
    for match in _TITLE_RUN.finditer(text):
        words = match.group(0).split()
        own = [w for w in words if w[:1].isupper() and w.lower() not in generic and w.lower() not in asked]
        # the name's head: its last word, or one its "of"/"for" part follows ("International Chamber of Commerce")
        heads = [words[-1]] + [w for w, nxt in zip(words, words[1:]) if nxt in ("of", "for")]
        if own and any(h.lower() in ACTOR_NOUNS for h in heads):
            return True
    for match in _CAPITALISED.finditer(_DOC_CODE.sub(" ", text)):
        word = match.group(0).rstrip(".")
        low = word.lower()
        if _ACRONYM.match(word) and low not in generic and low not in query.words and not re.search(rf"\b{re.escape(low)}\b", asked):
            return True
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


_CODES = (
    r"USD|EUR|GBP|CHF|JPY|CNY|CAD|AUD|NZD|HKD|SGD|NOK|SEK|DKK|INR|BRL|MXN|ZAR|KRW|RUB|TRY|THB|KES|NGN|BWP|SDR|XDR|AED|SAR|EGP|"
    r"IDR|MYR|PKR|VND|UAH|PLN|CZK|HUF|RON|KZT|GHS|UGX|TZS|RWF|XOF|XAF|MAD|TND|COP|PEN|CLP|ARS|Rs\.?|R\$|RM|US\$|\$|€|£|¥"
)
_MONEY_WORDS = (
    r"euros?|dollars?|cents?|francs?|pounds?|yen|yuan|renminbi|rand|pesos?|rupees?|rupiah|ringgit|baht|kroner|krona|kronor|pula|"
    r"dirhams?|dinars?|riyals?|rials?|shillings?|naira|cedis?|lira|reais|kwacha|zloty|forint|hryvnias?|tenge|soles"
)
_CURRENCY = (
    rf"{_CODES}|{_MONEY_WORDS}|"
    r"per ?cent|percent|%|million|billion|thousand|tonnes?|tons?|kg|kilos?|kilograms?|litres?|liters?|TEUs?"
)
_MONEY = re.compile(rf"(?:{_CODES})\s?\d[\d,.]*|\d[\d,.]*\s?(?:million|billion|thousand)?\s?(?:{_CODES}|{_MONEY_WORDS})(?![a-z])", re.I)
# A value written without its currency or unit, told by the noun or verb it goes with: "a threshold of 150",
# "the fee stood at 20", "raised to 800", "below 300". A following plural noun makes it a count ("up to 12 partners").
_VALUE_NOUNS = (
    r"threshold|ceiling|limit|value|amount|sum|total|price|cost|fee|charge|levy|duty|duties|tax|tariff|rate|budget|grant|funding|"
    r"contribution|donation|payment|fine|penalty|revenue|figure|level|volume|weight|quantity"
)
_VALUE = re.compile(
    rf"\b(?:(?:{_VALUE_NOUNS})s?(?:\s+\w+)?\s+(?:of|at|to|from|was|is|were|are|stood at|amounted to|totall?ed|reached|came to|of up to)|"
    r"(?:set|fixed|capped|pegged|raised|lowered|increased|reduced|cut|rose|fell|dropped|changed|amounting|amounted|totalling|totaling)\s+(?:at|to|by|from)|"
    # "below 150", "up to 800"; "over" and "more than" count as often as they measure, so only before a pause
    r"below|under|above|exceeding|not exceeding|up to|(?:over|less than|more than)(?=\s+\d(?:[\d,.]*\d)?(?:\s*$|\s*[;:)]|[.,](?!\d)|\s+(?:for|in|per|and|or|to|from|at|on|is|was|were|are|will|would|had|has)\b)))"
    r"\s+(?:about|around|some|approximately|roughly|nearly|almost|just|only|over|under|below|above|up to|more than|less than)?\s*"
    r"(\d[\d,.]*)(?:\s*(?:million|billion|thousand|bn|m|k))?(?![\d,.]*\s+(?!(?:is|was|has|applies|remains|means|holds|stands|includes|covers|exists)\b)[a-z]+s\b)",
    re.I,
)


def _values(text: str, query: Query) -> list[re.Match[str]]:
    """Numbers their noun or verb makes values ("a threshold of 150"), not a year or the question's own figure (group 1: the number)."""
    return [m for m in _VALUE.finditer(text) if not _YEAR.match(m.group(1).rstrip(".,")) and m.group(1).rstrip(".,") not in query.given]


def _value(sentence: str, query: Query) -> bool:
    """A number its noun or verb makes a value ("a threshold of 150"), not a year, a date, a reference or the question's own figure."""
    return bool(_values(_NOT_COUNT.sub(" ", _DOC_CODE.sub(" ", sentence)), query))


_AMOUNT = re.compile(rf"(?:{_CURRENCY})\s?\d[\d,.]*|\d[\d,.]*\s?(?:{_CURRENCY})(?![a-z])", re.I)
_SMALL_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten"
_SMALL = rf"\d+|{_SMALL_WORDS}"
# A share in any of its forms: "85 per cent", "two-thirds", "half", "a minority", "one in five", "3 out of 10 Members".
_SHARE = re.compile(
    r"\d[\d,.]*\s?(?:%|per ?cent\b|percent(?:age points?)?\b)|"
    rf"\b(?:(?:one|a|two|three|four|five|six|seven|eight|nine)[ -](?:third|quarter|fifth|sixth|eighth|tenth)s?|half|majority|minority)\b|"
    rf"\b(?:{_SMALL})\s+(?:in|out of)\s+(?:every\s+)?(?:\d{{1,3}}(?![\d,.])|{_SMALL_WORDS}|a hundred|hundred)\b",
    re.I,
)
# A length of time, or of a code or text ("how long is the tariff code?" -- "10-digit").
_DURATION = re.compile(
    rf"\b(?:\d[\d,.]*|one|{_NUMBER_WORDS}|several|a few|a couple of)[\s-]+"
    r"(?:hours?|days?|weeks?|months?|years?|decades?|fortnights?|minutes?|seconds?|digits?|characters?|pages?|words?)\b|"
    r"\b(?:a|an|half an?)\s+(?:hour|day|week|fortnight|month|year|decade)\b|\bdecades\b", re.I,
)
# "from 2019 to 2023", "until the end of 2025", "between March and June": a span given by its ends.
_SPAN = re.compile(
    rf"\b(?:from|between)\s+(?:\d{{1,2}}\s+)?(?:(?:19|20)\d\d|{MONTHS})\b.{{0,30}}?\b(?:to|and|until|till|through)\s+(?:\d{{1,2}}\s+)?(?:(?:19|20)\d\d|{MONTHS})\b|"
    rf"\b(?:until|till|through|up to)\s+(?:the end of\s+)?(?:(?:19|20)\d\d|{MONTHS})\b"
)
# Numbers that state no figure: a day of a month, a reference ("Article 7", "Doc. PC0733", "paragraph 12"), an ordinal.
_NOT_A_FIGURE = (
    rf"\b\d{{1,2}}(?:\s*(?:-|–|to|and)\s*\d{{1,2}})?\s+(?:{MONTHS})\b|\b(?:{MONTHS})\s+\d{{1,2}}\b|"
    # a reference, alone or in a list ("actions 7 and 9", "Articles 7.8 to 7.10")
    r"\b(?:Articles?|Sections?|Annex(?:es)?|Items?|Chapters?|Parts?|Rules?|Standards?|paragraphs?|Doc\.?|No\.|Recommendations?|Resolutions?|"
    r"Phases?|Versions?|Levels?|Tiers?|Pillars?|Headings?|Subheadings?|Actions?|Goals?|Principles?|Categor(?:y|ies)|Type|Steps?|Modules?)\s+"
    r"[\dIVX][\w./-]*(?:\s*(?:,|and|or|to|-|–)\s*[\dIVX][\w./-]*)*|\b\d+(?:st|nd|rd|th)\b|¶\s*\d+"
)
_NO_FIGURE = re.compile(_NOT_A_FIGURE, re.IGNORECASE)
# Numbers that are no count: those, and a length of time.
_NOT_COUNT = re.compile(
    rf"{_NOT_A_FIGURE}|"
    # a length of time ("the coming three days") counts days, not what is asked for ("how many days" asks a duration)
    r"\b[\w,.]+[\s-]+(?:hours?|days?|weeks?|months?|years?|minutes?)\b",
    re.IGNORECASE,
)
# Countries a sentence lists that tell "how many countries" as well as a number would.
_LISTED = 3
_COUNTS_COUNTRIES = re.compile(
    r"\b(?:how many|number of)\s+(?:[\w'’-]+\s+){0,2}?(?:countries|members|administrations|economies|nations|delegations|states)\b", re.I
)
# "one" is left out: "one delegate", "one of the" name no count.
_WORD_COUNT = re.compile(rf"\b(?:{_NUMBER_WORDS}|dozens?|hundreds|thousands|millions)\b", re.I)
_LANGUAGES = re.compile(r"\b(?:English|French|Spanish|Arabic|Russian|Chinese|Portuguese|German|Japanese|Korean)\b")
# Where in a document: "set out in Annex II", "in an Annex to the Summary Report".
_IN_DOCUMENT = re.compile(r"\b(?:in|at)\s+(?:an?\s+|the\s+)?(?:Annex|Appendix|Attachment|Chapter|Section|Part)\b")
_AT_SEAT = re.compile(r"\b(?:at|in)\s+(?:the\s+|its\s+)?(?:[A-Z][\w-]*\s+)?(?i:headquarters|premises|HQ)\b")
_CITY_COUNTRY = re.compile(r"\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?),\s+((?:the\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})")
_HOSTED_BY = re.compile(r"\bhosted\s+by\s+(?:the\s+)?((?:Government\s+of\s+)?[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,2})")
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
        if _is_person(_without_office(match.group(0)), query):
            return True
    return False


def _without_office(name: str) -> str:
    """A name without the office before it: "Director General Kunio Mikuriya" -> "Kunio Mikuriya" ("World Shipping" stays)."""
    words = name.split()
    while len(words) > 2 and words[0].lower() in OFFICE_WORDS:
        words.pop(0)
    return " ".join(words)


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
    return _lists_countries(sentence, query)


def _lists_countries(sentence: str, query: Query) -> bool:
    """Whether a sentence answers "how many countries" by naming them ("Burundi, Rwanda, Uganda and Kenya took part")."""
    if not _COUNTS_COUNTRIES.search(query.text):
        return False
    return len([c for c in countries_in(sentence, query.language) if c not in query.countries]) >= _LISTED


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
        month; a person a title and name or a personal name; a year one the question does not name. A count,
        share, amount or date must also be of what the question asks about (`tied`).
    """
    if wanted is None:
        return True
    # A multi-part question's date is answered by its part's sentence, which often names the event only by
    # reference ("..., and when will it be launched?" -- "It would be launched on ..."): there the strict check
    # does not demand the event's words beside the date; sentence choice still prefers the date that has them.
    return _states(wanted, sentence, query) and (wanted in _DATES and len(query.parts) > 1 or tied(wanted, sentence, query))


def _states(wanted: str, sentence: str, query: Query) -> bool:
    """Whether a sentence states a value of the asked kind, whatever it is of."""
    if wanted == "number":
        return _numbers(sentence)
    if wanted in ("money", "fee"):
        return any(m.group(0).strip() not in query.text for m in _MONEY.finditer(sentence)) or _value(sentence, query)
    if wanted == "amount":
        return any(m.group(0).strip() not in query.text for m in _AMOUNT.finditer(_DOC_CODE.sub(" ", sentence))) or _value(sentence, query)
    if wanted == "share":
        return bool(_SHARE.search(sentence))
    if wanted == "duration":
        # "since 2019" says how long as well as a length does
        return bool(_DURATION.search(sentence) or _SPAN.search(sentence) or re.search(rf"\bsince (?:(?:19|20)\d\d|{MONTHS})\b", sentence))
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
        return _place(sentence, query)
    return offers(wanted, sentence, query)


def _place(sentence: str, query: Query) -> bool:
    """Where: "in/at <Name>" that is no organisation or month, a part of a document, "City, Country", "hosted by" a country."""
    asked = query.text.lower()
    places = [m.group(1) for m in _IN_PLACE.finditer(sentence) if m.group(0).split()[0] in ("in", "at")]
    # "Which city hosted ...?" (Query.map_place): "in Annex II" is a place in a document, no answer.
    in_document = bool(_IN_DOCUMENT.search(sentence)) and not query.map_place
    if any(_place_name(p, asked, query) for p in places) or in_document or _AT_SEAT.search(sentence):
        return True
    # "Tokyo, Japan, hosted ...", "hosted by Chile": a city named with its country, or a host country
    hosts = [
        m.group(1) for m in _CITY_COUNTRY.finditer(sentence)
        if countries_in(m.group(2), query.language) and not countries_in(m.group(1), query.language)
        # a sentence's opening word before a comma is a connective ("Furthermore, Japan ...") unless a comma closes the pair
        and (sentence[: m.start()].strip(" -–\"“(") or sentence[m.end() :].lstrip().startswith(","))
    ]
    hosts += list(countries_in(" ".join(m.group(1) for m in _HOSTED_BY.finditer(sentence)), query.language))
    return any(_place_name(h, asked, query) for h in hosts)


# What a value is of: a count, share, amount or date answers only when the thing the question asks about
# (Query.measured) is tied to it in the sentence, so "85% of the total number of shipments" does not answer
# "how many seizures", nor "in 2017, Botswana had introduced a new system" "in which year did Botswana
# conclude its reform".
_TIED_DETAILS = frozenset({"count", "share", "amount", "money", "fee", "date", "year"})
_DATES = frozenset({"date", "year"})
_SUFFIX = re.compile(r"(?:ations?|ments?|ings?|ions?|ures?|ers?|ants?|ents?|ies|ied|es|ed|s|e|y)$")
# What ends a clause inside a sentence: its value is about what that clause names.
_CLAUSE_BREAK = re.compile(r";|\s\((?:[ivx]{1,4}|[a-h]|\d{1,2})\)\s")
_SCALE = frozenset("million billion thousand hundred dozen bn".split())
_OPENS = frozenset("of the these those all its their our such each".split())


def _root(word: str) -> str:
    """A word without its inflection or common suffix, for matching ("meeting" and "meet", "taxes" and "tax")."""
    low = word.lower().strip(".’'()[]“”\"")
    if len(low) <= 4:
        return low.rstrip("s") if len(low) > 3 else low
    root = _SUFFIX.sub("", low)
    return root if len(root) >= 3 else low


def same_word(a: str, b: str) -> bool:
    """Whether two words are one word in another form ("concluded"/"conclude", "finalization"/"finalized", "CEOs"/"CEO")."""
    x, y = _root(a), _root(b)
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3


def _alternatives(query: Query) -> list[str]:
    """The asked thing's words, with the general words a report states the same count or sum with."""
    words = list(query.measured)
    for general, kin in COUNT_KIN:
        if any(_root(w) in {_root(g) for g in general} for w in query.measured):
            words += sorted(kin)
    return words


def _names_any(words: list[str], asked: list[str]) -> bool:
    """Whether any of the words is one of the asked words in some form."""
    return any(same_word(w, a) for w in words for a in asked)


def _clause(sentence: str, start: int, end: int) -> str:
    """The part of a sentence a value stands in, between semicolons or list numerals ("(ii) ..."); a colon or a dash
    opens what the words before it are about, so it ends nothing."""
    before = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, start)]
    after = _CLAUSE_BREAK.search(sentence, end)
    return sentence[before[-1] if before else 0 : after.start() if after else len(sentence)]


def _words(text: str) -> list[str]:
    return re.findall(r"[\w’'/&.-]+", text)


def _counted(sentence: str, end: int, language: str, share: bool) -> list[str]:
    """The words naming what a value counts, right after it: "nine private sector partners", "two million of these shipments".

    A share names it after "of" only ("85% of the total number of shipments"); a count after its scale
    word ("1.6 billion declarations items"). [] when the value is followed by no such phrase ("rose to 30% by 2030").
    """
    stopwords = vocabulary(language).stopwords | {"per", "a", "an"}
    found: list[str] = []
    hopping = False
    for raw in re.findall(r"\S+", sentence[end : end + 160]):
        word = raw.strip("()[]“”\"-")
        closes = bool(re.search(r"[,;:]$", word)) or (word.endswith(".") and not re.search(r"[A-Z]\.$", word))
        low = word.rstrip(",;:.").lower()
        if not low:
            break
        if not found and low in _SCALE and not share:
            continue
        if low == "of" and (not found or found[-1] in QUANTITY_NOUNS):
            hopping = True  # "of these shipments", "the total number of shipments"
            continue
        if hopping and low in _OPENS:
            continue
        if share and not found and not hopping:
            break
        if low in stopwords:
            break
        found.append(low)
        hopping = False
        if closes or len(found) >= 4:
            break
    return found


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """The text with each match replaced by spaces of its length (positions kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _value_spans(wanted: str, sentence: str, query: Query) -> list[tuple[int, int]]:
    """Where the sentence states a value of the wanted kind (a count, share, amount, date or year)."""
    if wanted == "count":
        text = _blank(_NOT_COUNT, _blank(_DOC_CODE, sentence))
        spans = []
        for match in _NUMBER.finditer(text):
            token = match.group(0).strip().rstrip(".,")
            if token.endswith("%") or re.match(r"\s*(?:per ?cent|percent)\b", text[match.end() :], re.I):
                continue  # a share, not a count
            if _YEAR.match(token) or token.lower() in query.given:
                continue
            if token[:1].isdigit() or _WORD_COUNT.fullmatch(token):
                spans.append(match.span())
        return spans
    if wanted == "share":
        return [m.span() for m in _SHARE.finditer(sentence)]
    if wanted in ("amount", "money", "fee"):
        pattern = _AMOUNT if wanted == "amount" else _MONEY
        text = _blank(_DOC_CODE, sentence)
        spans = [m.span() for m in pattern.finditer(text) if m.group(0).strip() not in query.text]
        value_text = _blank(_NOT_COUNT, text)
        return spans + [m.span(1) for m in _values(value_text, query)]
    if wanted == "year":
        return [m.span() for m in re.finditer(r"\b(?:19|20)\d{2}\b", sentence) if m.group(0) not in query.text]
    if wanted == "date":
        return [m.span() for m in _DATE.finditer(sentence)]
    return []


def tied(wanted: str | None, sentence: str, query: Query) -> bool:
    """Whether a value of the wanted kind in the sentence is OF the thing the question asks about (Query.measured).

    A count is tied when the words right after it name the counted thing ("four marketplaces"), or, with
    no such words, when its clause does ("the number of participants reached 300"); a share by the words
    after its "of" ("90% of all countries"), else by its clause; an amount or a date by its clause
    ("legislative reform had been concluded with the new Customs Act in 2019"). Words match in any
    inflection, an acronym by its long form (the glossary's), and a general word by its kin ("people"
    and "participants", "Members" and "countries"). True when the question names nothing to tie to.

    Args:
        wanted: Query.detail.
        sentence: a candidate sentence.
        query: the question.
    """
    if wanted not in _TIED_DETAILS or not query.measured:
        return True
    asked = _alternatives(query)
    for start, end in _value_spans(wanted, sentence, query):
        if wanted in ("count", "share"):
            named = _counted(sentence, end, query.language, share=wanted == "share")
            if named:
                if _names_any(named, asked):
                    return True
                continue
        if _names_any(_words(_clause(sentence, start, end)), asked):
            return True
    return wanted == "count" and _lists_countries(sentence, query)
