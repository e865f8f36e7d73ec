"""The question understood once (Query): kind, topic, the agenda item it names, constraints and body; index and qa read it."""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Sequence

from index.phrases import bare_verb, measured, noun_phrases
from index.text import normalise, tokenize
from vocabulary import ADMINISTRATION_ALIASES, CASED_COUNTRY_ALIASES, Vocabulary, vocabulary

KINDS = ("decision", "list", "briefing", "who", "date", "number", "where", "yesno", "open")
# Kinds that ask for a name, a date, a count or several things: never routed to a decision by the learned classifier.
TYPED_KINDS = ("who", "date", "number", "list", "briefing")

_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ITEM_REF = re.compile(
    r"\b(?:agenda\s+)?item\s+([ivxlc]{1,7}|\d{1,2})\b(?:\s*[\(\.]?\s*([a-h])(?![\w-])\)?)?|\bsub-?item\s+\(?([a-h])\)?\s+(?:of|under)\s+(?:agenda\s+)?item\s+([ivxlc]{1,7}|\d{1,2})\b",
    re.IGNORECASE,
)
# A question's opening words ("How many", "What share of", "Which country"): not its topic.
_OPENER = re.compile(
    r"^\W*(?:how (?:many|much|long|often|big|large|old|far)|what (?:share|percentage|proportion|number|size|amount) of|"
    r"(?:(?:in|at|on|from|for|by|with|since|until) )?(?:what|which) (?:date|year|day|month|time|country|countries|nation|city|town|place|venue|location|"
    r"member|members|organi[sz]ation)|how|what|which|who|whom|whose|when|where|why)\b"
    r"(?:['’]s\b)?",  # "Which country's Customs ...", "what's the budget": the possessive or contraction goes with it
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# An acronym as written in a question ("SCCP", "U.S.", "IoT"): two capitals or more.
_ACRONYM = re.compile(r"\b(?:[A-Za-z]*[A-Z][A-Za-z+]*[A-Z][A-Za-z+]*|(?:[A-Z]\.){2,})")
# "under the ... item", "sub-item b": the question names an agenda item, even by a title not recognised.
_NAMES_ITEM = re.compile(r"\b(?:sub-?)?items?\b", re.IGNORECASE)
_WORDS = re.compile(r"[^\W_]+(?:[-/.'’][^\W_]+)*\.?")
# "..., and how did delegates react?": a second question joined to the first.
_CLAUSE_JOIN = re.compile(
    r"(?:,\s*|\s+)and\s+(?=(?:what|how|why|where|when|who|whom|whose|which|did|does|do|is|are|was|were|has|have|had|will|would|can|could)\b)",
    re.IGNORECASE,
)
# "... recommend on X and on Y": the same preposition opens a second topic.
_TOPIC_JOIN = re.compile(r"\s+and\s+(on|about|regarding|concerning)\s+", re.IGNORECASE)
# A named party: a capitalised name ("the Secretary General", "the EU", "Director of Compliance") or a discussant word.
_PARTY = r"(?:(?:the|an?|other|some|several)\s+)?(?:[A-Z][\w.'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w.'’-]*){0,3}|[a-z]+)"
_TITLE_AND = re.compile(r"\s+and\s+([A-Z][\w.'’-]*)(?![\w-])")
_OF_NAME = re.compile(r"\s(?:of|for)\s+[A-Z][\w.'’-]*$")
_COORDINATION = re.compile(rf"(?<![\w-])({_PARTY})((?:\s*,\s*{_PARTY})*),?\s+and\s+({_PARTY})(?![\w-])")
_TITLES = re.compile(r"\b(?:secretary|director|deputy|minister|commissioner|president)\b", re.IGNORECASE)
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth")
# "its fourth meeting", "the 24th Conference": an ordinal naming which one of a series, not "first raised" or a session.
_ORDINAL_Q = re.compile(
    rf"\b(?:the|its|their|his|her|a)\s+({'|'.join(_ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))\b"
    # not "the 241st/242nd Sessions", "the first and second", "the first time", "their first five years";
    # nor a hyphenated compound ("the second-in-command", "a third-party", "the 21st-century"): a word, no series
    r"(?!-|\s*/|\s+(?:and|or)\b|\s+sessions?\b|\s+time\b|\s+(?:\d|two|three|four|five|six|seven|eight|nine|ten|few)\w*\b)",
    re.IGNORECASE,
)
# A word written as a name: capitalised, not first in its sentence ("Which delegation raised Operation Kestrel?").
_NAME_WORD = re.compile(r"(?<![.?!:;]\s)(?<![.?!:;])(?<!^)\b[A-Z][\w'.-]*", re.M)
_ROMAN_NUMERAL = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")  # "item XIII" numbers, not names
_NAME_POSSESSIVE = re.compile(r"'s$")



def normalise_query(question: str) -> str:
    """A question with Unicode, whitespace and quotes normalised (wording otherwise unchanged)."""
    return re.sub(r"\s+", " ", normalise(question)).strip()


def roman(numeral: str) -> str:
    """An item numeral as printed in the reports: "5" -> "V", "v" -> "V"."""
    if not numeral.isdigit():
        return numeral.upper()
    n, out = int(numeral), ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


@dataclass(frozen=True)
class Section:
    """A titled part of a report a question can name: an agenda item, a sub-item or a presentation heading."""

    doc: str
    item: str
    subitem: str | None
    title: str
    terms: tuple[str, ...]


class Catalogue:
    """What a question can name in the indexed reports: item, sub-item and heading titles, acronyms, bodies."""

    def __init__(
        self,
        paragraphs: Sequence,
        expansions=None,
        bodies: Iterable[str] = ("PTC", "Committee"),
        language: str = "en",
        term_stats: tuple[dict[str, int], int] | None = None,
    ) -> None:
        """Collect the sections and term rarity.

        Args:
            paragraphs: every indexed Paragraph.
            expansions: question -> glossary terms to add (index.glossary.Glossary.expansions), or None.
            bodies: canonical names of the bodies whose reports are indexed ("PTC", "Council", ...).
            language: the reports' language (for its stop words).
            term_stats: (stem -> paragraphs whose text holds it, paragraphs) when counted already
                (`Index.text_term_stats`, stored at ingest); counted here when None.
        """
        vocab = vocabulary(language)
        stop = vocab.all_stopwords
        if term_stats is None:
            counts: Counter[str] = Counter()
            for p in paragraphs:
                counts.update(set(tokenize(p.text)))
            term_stats = (dict(counts), len(paragraphs))
        self.n_docs = max(1, term_stats[1])
        self.doc_freq = term_stats[0]
        self.expansions = expansions
        self.bodies = frozenset(bodies)
        seen: dict[tuple, Section] = {}
        for p in paragraphs:
            for sub, title in ((None, p.item_title), (p.subitem, p.subitem_title), (p.subitem, p.heading)):
                if title and (p.doc, p.item, sub, title) not in seen:
                    terms = tuple(dict.fromkeys(t for t in tokenize(title, stop) if len(t) > 1))
                    if terms:
                        seen[(p.doc, p.item, sub, title)] = Section(p.doc, p.item, sub, title, terms)
        self.sections = list(seen.values())
        self.items = tuple(dict.fromkeys((p.doc, p.item) for p in paragraphs if p.item))
        # Titles repeat across reports (recurring items, copies): a question scores each distinct title
        # once, and only titles sharing a word with it, instead of every section of every report.
        self._titles: dict[tuple[str, ...], list[int]] = {}
        for position, section in enumerate(self.sections):
            self._titles.setdefault(section.terms, []).append(position)
        self._titles_with: dict[str, list[tuple[str, ...]]] = {}
        for title in self._titles:
            for term in title:
                self._titles_with.setdefault(term, []).append(title)

    def idf(self, term: str) -> float:
        """Inverse document frequency of a stem over the paragraphs (unseen: highest)."""
        return math.log((self.n_docs + 1) / (self.doc_freq.get(term, 0) + 0.5))

    def share(self, terms: Iterable[str], present: set[str]) -> float:
        """IDF-weighted share of `terms` found in `present` (0 when `terms` is empty)."""
        terms = list(terms)
        total = sum(self.idf(t) for t in terms)
        return sum(self.idf(t) for t in terms if t in present) / total if total else 0.0

    def named_sections(self, terms: set[str], topic: Sequence[str]) -> list[tuple[float, Section]]:
        """Sections whose title the question names: most of the title's words are in it, and they are most of its topic.

        Args:
            terms: the question's content stems (with glossary expansions).
            topic: the question's topic stems.

        Returns:
            (score, section) pairs, best first.
        """
        found = []
        # A title sharing no word with the question has a title share of 0.
        candidates = dict.fromkeys(title for term in terms for title in self._titles_with.get(term, ()))
        for title in candidates:
            title_share = self.share(title, terms)
            topic_share = self.share(topic, set(title)) if topic else 0.0
            if title_share >= 0.6 and topic_share >= 0.5:
                found += [(title_share * topic_share, position) for position in self._titles[title]]
        found.sort(key=lambda pair: (-pair[0], pair[1]))  # best first, then in catalogue order as before
        return [(score, self.sections[position]) for score, position in found]


@dataclass(frozen=True)
class Query:
    """A question parsed once: what it asks for, about what, within which limits.

    kind: one of KINDS. wants: the type the answer sentence must hold ("number", "date", "person",
    "country", "place", "name" or None). detail: the detail asked for, finer than `wants` ("money",
    "amount", "count", "share", "duration", "date", "year", "person", "place", "language", "country",
    "name" or None): "How much money ..." asks for a sum of money, "Which Australian official ..." for a
    person. items/subitems: agenda items and sub-items the question names
    ((doc, numeral) and (doc, numeral, label)), best first; `explicit` when named by number ("item V").
    """

    text: str
    language: str = "en"
    kind: str = "open"
    wants: str | None = None
    detail: str | None = None
    # What the detail is of, lower-case as written ("How many online marketplaces ..." -> ("marketplaces",)):
    # a value in a sentence answers only when one of these is tied to it (index.phrases.measured).
    measured: tuple[str, ...] = ()
    decision: bool = False
    speaker: bool = False
    map_place: bool = False  # asks for a city, town or venue ("Which city hosted ...?"): "in Annex II" is no answer
    floor: bool = False  # asks what participants from the floor did ("Did anybody speak up ...?", "Were delegates keen ...?")
    topic: str = ""
    terms: tuple[str, ...] = ()
    topic_terms: tuple[str, ...] = ()
    expansions: tuple[str, ...] = ()
    expansion_terms: tuple[str, ...] = ()  # the stems of the glossary forms it adds, in order, without repeats
    # The thesaurus wordings it uses, each as (its stems, the stems of each report term for it):
    # "trusted traders" -> (("trust", "trader"), (("author", "econom", "operator"), ("aeo",), ...)).
    thesaurus: tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...] = ()
    # The stems those report terms add (none the question or its glossary forms already hold), in order.
    synonym_terms: tuple[str, ...] = ()
    # Each wording's first report term as written ("authorized economic operator"): what the dense side may read.
    synonym_phrases: tuple[tuple[tuple[str, ...], str], ...] = ()
    items: tuple[tuple[str, str], ...] = ()
    subitems: tuple[tuple[str, str, str], ...] = ()
    explicit: bool = False
    years: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    sessions: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # the questions it joins ("..., and what did the PTC agree?") or parties it compares; () for one
    body: str | None = None
    foreign_bodies: tuple[str, ...] = ()  # bodies it names that none of the indexed reports is from ("Policy Commission")
    # It asks for a foreign body's own proceedings: the body acts ("What did the Enforcement Committee decide ...")
    # or its sessions are asked about. The reports do not record them; a foreign body merely named ("the
    # dialogue between the Policy Commission and the PSCG") is a constraint the cited text must meet.
    foreign_proceedings: bool = False
    # Ordinals naming one of a series, with what they name: "its fourth meeting" -> ((4, "fourth meeting"),).
    ordinals: tuple[tuple[int, str], ...] = ()
    # Five-letter prefixes of the acts the question names ("What did the SBI note ..." -> {"note"}).
    acts: frozenset[str] = frozenset()
    # The topic's stems without its list wording ("every", "each", "all the ..."): what a list question lists.
    list_topic: tuple[str, ...] = ()
    names_item: bool = False  # uses the word "item" or "sub-item" ("under the update and reports item"), recognised or not
    # The glossary long forms a definition question asks for ("What does SCCP mean?"); () for other questions.
    defines: tuple[str, ...] = ()
    # The question's own words, lower-case: a name or a number it already gives is no answer. `words` as
    # written ("u.s.", "tfa"); `given` its numbers as written and its letter runs ("350", "nok", "two").
    words: frozenset[str] = frozenset()
    given: frozenset[str] = frozenset()
    # Its noun phrases as written, each with its determiner ("the Women at Borders workshop"): how an answer names its topic.
    phrases: tuple[str, ...] = ()
    # The stem of the thing an open or list question asks for, when its first noun phrase names it ("What
    # effects did the scheme have?" -> effect): answered by the sentence about the effects, not by the one
    # that best repeats the scheme's name. () for typed, decision and briefing questions (their own rules).
    asked: tuple[str, ...] = ()
    # Stems of the words it writes as names ("Operation Kestrel" -> operation, kestrel): a rare one held by one
    # paragraph is strong keyword evidence (index.ranking).
    names: tuple[str, ...] = ()

    @property
    def expanded(self) -> str:
        """The text search scores: the question with glossary acronyms and long forms added."""
        return self.text if not self.expansions else f"{self.text} ({'; '.join(self.expansions)})"

    @property
    def foreign_body(self) -> bool:
        """It names a body none of the indexed reports is from."""
        return bool(self.foreign_bodies)


def report_bodies(reports: Iterable) -> tuple[str, ...]:
    """Canonical names of the bodies whose reports are indexed, from their committee and short names (and "Committee")."""
    table = vocabulary("en").bodies
    names = ["Committee"]
    for meta in reports:
        for name in (getattr(meta, "committee", ""), (getattr(meta, "short_name", "") or "").split(" ")[0]):
            canonical = table.get(name.lower().strip())
            if canonical:
                names.append(canonical)
    return tuple(dict.fromkeys(names))


def content_terms(text: str, language: str = "en") -> list[str]:
    """Stemmed keyword tokens without stop words or question words, in order, without repeats."""
    stop = vocabulary(language).all_stopwords
    return list(dict.fromkeys(t for t in tokenize(text, stop) if len(t) > 1))


@lru_cache(maxsize=8)
def _thesaurus_first(language: str) -> dict[tuple[str, ...], str]:
    """A wording's stems -> the first report term the thesaurus gives for it, as written."""
    first: dict[tuple[str, ...], str] = {}
    for wording, terms in vocabulary(language).thesaurus.items():
        key = tuple(tokenize(wording))
        if key and terms:
            first.setdefault(key, terms[0])
    return first


@lru_cache(maxsize=8)
def _thesaurus_stems(language: str) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The language's thesaurus as stems: a wording's stems -> the stems of each term for it."""
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for wording, terms in vocabulary(language).thesaurus.items():
        key = tuple(tokenize(wording))
        stems = tuple(dict.fromkeys(t for t in (tuple(tokenize(term)) for term in terms) if t and t != key))
        if key and stems:
            table[key] = tuple(dict.fromkeys(table.get(key, ()) + stems))
    return table


def thesaurus_matches(text: str, language: str = "en") -> tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
    """The thesaurus wordings a text uses, longest first and not overlapping, with the report terms for each.

    Args:
        text: a question.
        language: its language.

    Returns:
        (wording stems, (term stems, ...)) pairs in the order the text uses them.
    """
    table = _thesaurus_stems(language)
    if not table:
        return ()
    longest = max(len(key) for key in table)
    stems = tokenize(text)
    found, start = [], 0
    while start < len(stems):
        for size in range(min(longest, len(stems) - start), 0, -1):
            key = tuple(stems[start : start + size])
            if key in table:
                found.append((key, table[key]))
                start += size
                break
        else:
            start += 1
    return tuple(found)


@lru_cache(maxsize=16384)
def countries_in(text: str, language: str = "en") -> tuple[str, ...]:
    """Countries a text names, by name, alias or adjective ("Norwegian Customs" -> Norway), in order.

    Args:
        text: any text.
        language: its language.

    Returns:
        Country names without repeats (cached: report sentences are checked for every question).
    """
    table = vocabulary(language).countries
    words = [re.sub(r"['’]s$", "", m.group(0)) for m in _WORDS.finditer(normalise(text))]
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in (4, 3, 2, 1):
            surface = " ".join(words[i : i + size])
            key = surface.lower().rstrip(".") if surface.lower() != "u.s." else "u.s."
            if key in table and (key not in CASED_COUNTRY_ALIASES or surface.rstrip(".").isupper() or surface == "U.S."):
                if surface[:1].isupper():
                    found.append(table[key])
                    i += size
                    break
        else:
            i += 1
    return tuple(dict.fromkeys(found))


_ADMINISTRATION = re.compile(rf"\b(?:{'|'.join(a.upper() for a in sorted(ADMINISTRATION_ALIASES))})\b")


def question_countries(text: str, language: str = "en") -> tuple[str, ...]:
    """The countries a question names as a constraint: by name, alias or adjective, not by an administration's initials.

    "How did CBP's talk close?" names the talk by its speaker; an answer need not name the United States
    (an answer sentence naming "CBP" does name it: `countries_in`).
    """
    return countries_in(_ADMINISTRATION.sub(" ", text), language)


def _ordinal_number(word: str) -> int:
    word = word.lower()
    return _ORDINAL_WORDS.index(word) + 1 if word in _ORDINAL_WORDS else int(re.match(r"\d+", word).group(0))


def _ordinals(text: str) -> tuple[tuple[int, str], ...]:
    """Each ordinal naming one of a series with what it names: "its fourth meeting" -> (4, "fourth meeting")."""
    out = []
    for m in _ORDINAL_Q.finditer(text):
        named = re.match(r"\s+([A-Z][\w/’'-]*(?:\s+[A-Z][\w/’'-]*)*|[a-z]+)", text[m.end():])
        out.append((_ordinal_number(m.group(1)), f"{m.group(1)} {named.group(1)}" if named else m.group(1)))
    return tuple(out)


@lru_cache(maxsize=64)
def ordinal_pattern(n: int) -> re.Pattern[str]:
    """A pattern finding ordinal n in a text, written either way ("fourth", "4th")."""
    forms = [rf"{n}(?:st|nd|rd|th)"] + ([_ORDINAL_WORDS[n - 1]] if n <= len(_ORDINAL_WORDS) else [])
    return re.compile(rf"\b(?:{'|'.join(forms)})\b", re.IGNORECASE)


def _bodies(text: str, vocab: Vocabulary) -> list[str]:
    """Bodies a question names, longest name first ("the Enforcement Committee", not "Committee").

    A body's name ending another organisation's name ("the World Shipping Council", "the API/PNR Contact
    Committee": a capitalised word before it) names that organisation, not the body.
    """
    masked = text
    found = []
    for name in sorted(vocab.bodies, key=len, reverse=True):
        pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)
        for match in pattern.finditer(masked):
            if not ends_other_name(masked, match.start()):
                found.append(vocab.bodies[name])
            masked = masked[: match.start()] + " " * len(match.group(0)) + masked[match.end() :]
    return list(dict.fromkeys(found))


# A word of another organisation's name: capitalised, not an acronym ("WCO Council" is the Council).
_NAME_PART = re.compile(r"[A-Z][a-z][\w/’'-]*")
# Capitalised words that open a sentence before a body's name ("The Council", "Both Council and ...").
_OPENERS = frozenset({"The", "This", "That", "Its", "Their", "Both", "Each", "Every"})


def ends_other_name(text: str, start: int) -> bool:
    """Whether a body's name found at `start` ends another organisation's name ("the World Shipping Council",
    "the API/PNR Contact Committee"): a capitalised word right before it, not the text's first word nor a
    sentence opener ("The Council")."""
    before = re.search(r"(\S+)\s+$", text[:start])
    return bool(before and before.start() > 0 and _NAME_PART.fullmatch(before.group(1)) and before.group(1) not in _OPENERS)


# What a body's own record holds: its sessions and meetings ("the Council's last session", "the 89th Session of the Policy Commission").
_PROCEEDINGS = r"sessions?|meetings?|sittings?|proceedings|agenda|minutes|deliberations?"


def _own_proceedings(text: str, vocab: Vocabulary, bodies: Sequence[str]) -> bool:
    """Whether a question asks for the proceedings of one of `bodies`: it acts in the question, or its sessions are asked about."""
    names = "|".join(re.escape(n) for n, canonical in sorted(vocab.bodies.items(), key=lambda nc: -len(nc[0])) if canonical in bodies)
    if not names:
        return False
    named = rf"(?<![\w-])(?:{names})(?![\w-])"
    # the body as the subject of an act, not its possessive ("the Policy Commission's request" names it)
    acts = re.search(rf"{named}(?!['’]s\b)(?:\W+\w+){{0,3}}?\W+(?:{vocab.body_acts.pattern})", text, re.IGNORECASE)
    sessions = re.search(rf"{named}(?:['’]s)?(?:\W+\w+)?\W+(?:{_PROCEEDINGS})\b|\b(?:{_PROCEEDINGS}) of the (?:[\w-]+ ){{0,2}}?{named}", text, re.IGNORECASE)
    return bool(acts or sessions)


# Events that reach conclusions of their own ("the recommendations of the workshop").
_GATHERING = re.compile(r"\b(?:workshop|conference|seminar|webinar|symposium)s?\b", re.IGNORECASE)


def _asks_decision(text: str, vocab: Vocabulary, bodies: list[str]) -> bool:
    """Whether a question asks what a body decided, in any phrasing, rather than what a speaker said."""
    outcome = vocab.outcome.search(text)
    body_names = "|".join(re.escape(n) for n in vocab.bodies)
    body_act = re.search(rf"\b(?:{body_names})\b(?:\W+\w+){{0,3}}?\W+(?:{vocab.body_acts.pattern})", text, re.IGNORECASE)
    if not (outcome or (bodies and body_act)):
        return False
    if not body_act and (vocab.person_q.match(text) or vocab.country_q.match(text) or vocab.org_q.match(text)):
        return False  # "Who presented the results of ...?" asks for a name
    first = min(m.start() for m in (outcome, body_act) if m)
    if not body_act and vocab.person_q.search(text[:first].split(",")[-1].strip()):
        return False  # "In the e-commerce item, who decides the threshold?" asks for a name too
    if not bodies and _GATHERING.search(text):
        return False  # "What did the workshop conclude?": the event's own conclusions, not a body's decision
    speaker = vocab.discussants.search(text[:first])
    # "What did delegates agree about ..." is discussion; "What did the PTC and delegates agree" is not asked that way.
    return not (speaker and not bodies)


def learned_may_decide(text: str, vocab: Vocabulary, bodies: Sequence[str]) -> bool:
    """Whether the learned classifier may take a question the rules do not for a decision question.

    Not when it asks for a name, a date, a count, a list or a briefing (TYPED_KINDS), nor when a
    discussant, no body, is named ("What did delegates say about ...?" asks what was said).
    """
    if _kind(text, vocab, False)[0] in TYPED_KINDS:
        return False
    return bool(bodies) or not vocab.discussants.search(text)


def _kind(text: str, vocab: Vocabulary, decision: bool) -> tuple[str, str | None]:
    """The question's kind and the answer type it wants."""
    if vocab.briefing.search(text):
        return "briefing", None
    plural = vocab.plurals.search(text)
    if (vocab.listing.search(text) or plural) and not vocab.quantity_q.search(text):
        wants = "country" if re.search(r"\b(members|countries|delegations|administrations|economies)\b", text, re.I) else None
        return "list", wants
    # "When was it endorsed?" and "How many items did the PTC adopt?" ask for a date or a count.
    if vocab.date_q.search(text):
        return "date", "date"
    if vocab.number_q.search(text):
        return "number", "number"
    if decision:
        return "decision", None
    if vocab.where_q.search(text):
        return "where", "place"
    if vocab.country_q.search(text):
        return "who", "country"
    if vocab.person_q.search(text) or vocab.org_q.search(text):
        return "who", "name"
    if vocab.yesno.search(text):
        return "yesno", None
    return "open", None


# The detail of an answer type when no detail wording matched; "date" is left out, as "when" inside a clause asks no date.
_WANTS_DETAIL = {"number": "count", "place": "place", "country": "country", "name": "name"}


def _detail(text: str, vocab: Vocabulary, kind: str, wants: str | None) -> str | None:
    """The detail a question asks for; None when it asks none, and for decision, briefing and yes/no questions."""
    if kind in ("decision", "briefing", "yesno"):
        return None
    for name, pattern in vocab.detail_q:
        if pattern.search(text):
            return "money" if name == "amount" and vocab.money_q.search(text) else name
    return _WANTS_DETAIL.get(wants or "")


def _is_party(phrase: str, vocab: Vocabulary, language: str) -> bool:
    """Whether a conjunct names someone who speaks or acts: a country, a discussant or an office holder."""
    return bool(countries_in(phrase, language) or vocab.discussants.fullmatch(phrase.split()[-1]) or _TITLES.search(phrase))


def _party_parts(clause: str, vocab: Vocabulary, language: str) -> list[str]:
    """A clause once per party it coordinates ("What did the US and the EU propose?" -> one question per party)."""
    for match in _COORDINATION.finditer(clause):
        conjuncts = [match.group(1)] + re.split(r"\s*,\s*", match.group(2).strip(" ,")) + [match.group(3)]
        conjuncts = [c for c in conjuncts if c]
        end = match.end()
        # "the Director of Compliance and Facilitation": a title's "of X and Y" is one name, not a third party
        joined = _TITLE_AND.match(clause, end)
        if joined and _OF_NAME.search(conjuncts[-1]):
            conjuncts[-1] += " and " + joined.group(1)
            end = joined.end()
        if len(conjuncts) >= 2 and all(_is_party(c, vocab, language) for c in conjuncts):
            return [clause[: match.start()] + c + clause[end:] for c in conjuncts]
    return [clause]


# Endings of nouns, not of bare verbs: "the gender and inclusiveness presentations" joins two nouns.
_NOUN_ENDING = re.compile(r"(?:ness|tion|sion|ment|ity|ance|ence|ship|ism|ist|ery|ogy|ics)$")


def _verb_parts(clause: str, vocab: Vocabulary) -> list[str]:
    """A do-question once per verb it joins ("How does X ease costs and encourage women?" -> one question per verb).

    The subject after the auxiliary is a name or a determiner and one noun; the verb follows it. The
    second verb comes right after "and", is bare like the first and takes an object (a determiner or a
    content word follows it). Not a second verb: a plural or a participle ("costs and fees"), a noun by
    its ending ("inclusiveness"), the second term of "between ... and ...".
    """
    words = clause.split()
    lower = [w.lower().strip(",;:") for w in words]
    aux = next((i for i in range(min(len(words), 4)) if lower[i] in vocab.do_auxiliaries), None)
    if aux is None or aux + 2 >= len(words):
        return [clause]
    verb = aux + 1
    if lower[verb] in vocab.determiners:
        verb += 1 if words[verb + 1][:1].isupper() else 2
    while verb < len(words) and words[verb][:1].isupper():
        verb += 1  # "Türkiye", "the EU", "U.S. CBP"

    def bare(k: int) -> bool:
        w = lower[k]
        plural = w.endswith("s") and not w.endswith(("ss", "us"))
        return words[k][:1].islower() and w not in vocab.all_stopwords and not plural and not w.endswith(("ed", "ing")) and not _NOUN_ENDING.search(w)

    if verb >= len(words) - 3 or not bare(verb):
        return [clause]
    stop, dets = vocab.all_stopwords, vocab.determiners
    for i in range(verb + 2, len(words) - 2):
        if lower[i] != "and" or "between" in lower[verb:i] or not bare(i + 1):
            continue
        after = lower[i + 2]
        if after in dets or (after not in stop and words[i + 2][:1].islower() and not after.endswith(("ing", "ed"))):
            return [" ".join(words[:i]).rstrip(","), " ".join(words[:verb] + words[i + 1 :])]
    return [clause]


def question_parts(text: str, language: str = "en") -> tuple[str, ...]:
    """The questions a question joins, each a question of its own; () when it asks one thing.

    "What did the Secretariat report, and how did delegates react?" gives its two clauses; "... on X
    and on Y" gives the shared opening once with each topic; "How do the US and the EU differ?" gives
    the clause once per party (countries, discussants, office holders).

    Args:
        text: the normalised question.
        language: its language.

    Returns:
        Two or more parts, or () for a single question.
    """
    vocab = vocabulary(language)
    body = text.rstrip(" ?.!")
    clauses = [c.strip(" ,;") for c in _CLAUSE_JOIN.split(body) if c.strip(" ,;")]
    topical: list[str] = []
    for clause in clauses:
        pieces = _TOPIC_JOIN.split(clause)
        head = pieces[0]
        topical.append(head)
        for prep, rest in zip(pieces[1::2], pieces[2::2]):
            cut = head.lower().rfind(f" {prep.lower()} ")
            topical.append((head[:cut] if cut >= 0 else head) + f" {prep} {rest}")
    parts = [p for clause in topical for verb_part in _verb_parts(clause, vocab) for p in _party_parts(verb_part, vocab, language)]
    return tuple(parts) if len(parts) >= 2 else ()


def _strip_wording(pattern: re.Pattern[str], text: str) -> str:
    """`text` without the question wording `pattern` finds, except inside a hyphenated compound
    ("data-sharing", "take-aways") or a name written with a capital ("Delivery Duty Paid")."""

    def cut(match: re.Match[str]) -> str:
        start, end = match.span()
        compound = text[start - 1 : start] == "-" or text[end : end + 1] == "-"
        name = start > 0 and match.group(0)[:1].isupper()
        return match.group(0) if compound or name else " "

    return pattern.sub(cut, text)


# Subjects that name no topic: pronouns and placeholder nouns ("Where did things end up with ...").
_PLACEHOLDERS = frozenset(
    "it they them he she we you one things thing anything something everything anyone anybody someone somebody everyone people".split()
)
# Words after "how" that ask a quantity or manner of the phrase that follows ("how many meetings"): not an asked noun.
_HOW_WORDS = frozenset("many much long often big large old far soon".split())
_HAVE = frozenset({"has", "have", "had"})


def _scaffold_free(text: str, vocab: Vocabulary) -> tuple[str, str]:
    """A wh-question without its scaffolding: the bare noun it asks for, and the verb of a subject that names no topic.

    "What position did the committee take on X" -> X: "position" is what is asked, "the committee take
    on" who acts and how. The subject stays when it names something ("What effects did the scheme have"
    -> "the scheme have"); a noun asked with its modifiers stays ("What national procedures for ...").
    A typed subject question drops its verb too ("Which city hosted X" -> X). Yes/no and why questions
    are left whole: their verb is what they ask about.

    Returns:
        (the text to read the topic from, the bare asked noun dropped or "").
    """
    lead = vocab.leading.match(text).group(0)
    words = text[len(lead):].split()
    if len(words) < 3 or words[0].lower() not in ("what", "which", "how", "where", "who"):
        return text, ""
    lower = [w.lower().strip(",;:") for w in words]
    auxiliaries = vocab.do_auxiliaries | _HAVE
    aux = next((i for i in range(1, min(len(words), 5)) if lower[i] in auxiliaries), None)
    if aux is None:
        return _subject_question(text, lead, words, lower, vocab)
    asked = words[1:aux]
    if asked and (lower[1] in _HOW_WORDS or lower[0] == "how" or any(w[:1].isupper() for w in asked)):
        return text, ""  # "how many meetings did ...", a named thing: not a bare asked noun
    bare = len(asked) == 1
    verb = bare_verb(words, [w.lower() for w in words], aux + 1, vocab)
    if verb is None or verb <= aux:
        return text, ""
    subject = lower[aux + 1 : verb]
    if subject and all(w in vocab.determiners for w in subject) or not subject and lower[0] not in ("what", "which", "who"):
        return text, ""  # "the fourth WCO ...", "How will input be ...": no verb read with confidence
    stop, bodies = vocab.all_stopwords, vocab.bodies
    idle = all(w in stop or w in _PLACEHOLDERS or w in bodies or re.sub(r"['’]s$", "", w) in bodies or vocab.discussants.fullmatch(w) for w in subject)
    kept = [] if bare else asked
    rest = words[verb + 1 :] if idle else words[aux + 1 :]
    return lead + " ".join(kept + rest), words[1] if bare else ""


def _subject_question(text: str, lead: str, words: list[str], lower: list[str], vocab: Vocabulary) -> tuple[str, str]:
    """A typed subject question without its asked noun and verb ("Which city hosted X" -> X, "Who paid for X" -> X)."""
    start = 2 if lower[0] in ("which", "what") else 1 if lower[0] == "who" else 0
    if not start or len(words) <= start + 1 or (start == 2 and words[1][:1].isupper()):
        return text, ""
    verb = lower[start]
    if not (verb in vocab.verbs or (len(verb) > 4 and verb.endswith("ed"))):
        return text, ""
    return lead + " ".join(words[start + 1 :]), words[1] if start == 2 else ""


def _topic(text: str, vocab: Vocabulary, kind: str) -> str:
    """The question's topic in the user's words: what is left without question, decision and body wording.

    A list question keeps its asked noun and verb ("Which countries joined ..."): they say what it lists.
    """
    cut = _ITEM_REF.sub(" ", text.rstrip("?.! "))
    if kind != "list":
        cut, _ = _scaffold_free(cut, vocab)
    lead = vocab.leading.match(cut).group(0)  # "Under the e-commerce item, what share of ...": the opener follows it
    cut = lead + _OPENER.sub(" ", cut[len(lead) :])
    for pattern in (vocab.briefing, vocab.decision_words, vocab.speaking):
        cut = _strip_wording(pattern, cut)
    if kind == "decision":
        # "the group's plea to keep its work going": what was asked and that it goes on is the decision, not its topic
        cut = _strip_wording(vocab.decision_filler, cut)
    for name in sorted(vocab.bodies, key=len, reverse=True):
        cut = re.sub(rf"(?<![\w-]){re.escape(name)}(?:['’]s)?(?![\w-])", " ", cut, flags=re.IGNORECASE)
    words = cut.split()
    drop = vocab.all_stopwords | {"item", "items", "sub-item", "happened", "came", "under", "anything"}
    while words and words[0].lower().strip(",;:") in drop:
        words.pop(0)
    while words and words[-1].lower().strip(",;:") in drop:
        words.pop()
    return " ".join(words).strip(" ,;:")


def _list_topic(text: str, topic_terms: Sequence[str], vocab: Vocabulary, language: str) -> tuple[str, ...]:
    """The topic's stems without those of the question's list wording ("Which documents did ... all the documents")."""
    dropped = {t for match in vocab.listing.finditer(text) for t in content_terms(match.group(0), language)}
    return tuple(t for t in topic_terms if t not in dropped)


def _defines(text: str, terms: Sequence[str], expansions: tuple[str, ...], vocab: Vocabulary) -> tuple[str, ...]:
    """The long forms a definition question asks for ("What does SCCP mean?", "What is the GCAP?"), else ().

    A question is one when, besides the acronyms it uses (with a glossary long form), at most one
    content word is left that is not a definition word: "What is DDP in Indonesia's e-commerce
    scheme?" asks about the scheme, not what DDP stands for.
    """
    if not expansions:
        return ()
    acronyms = {a.replace(".", "").lower() for a in _ACRONYM.findall(text)}
    definition = _definition_stems(vocab.language)
    rest = [t for t in terms if t not in acronyms and t not in definition]
    return expansions if acronyms and len(rest) <= 1 else ()


@lru_cache(maxsize=8)
def _definition_stems(language: str) -> frozenset[str]:
    return frozenset(tokenize(" ".join(sorted(vocabulary(language).definition))))


# Whether a question asks for a decision, given (text, catalogue, language): index.decision_frame.DecisionClassifier.decides.
Decider = Callable[[str, "Catalogue | None", str], bool]


def written_names(text: str) -> list[str]:
    """Keyword stems of the words a text writes as names: capitalised, not first in a sentence, not a roman numeral.

    Args:
        text: a question.

    Returns:
        Stems in order, without repeats ("Which delegation raised Operation Kestrel?" -> operation, kestrel).
    """
    words = [_NAME_POSSESSIVE.sub("", m.group(0).rstrip(".'")) for m in _NAME_WORD.finditer(normalise(text).strip())]
    return list(dict.fromkeys(t for w in words if w and not _ROMAN_NUMERAL.match(w) for t in tokenize(w) if len(t) > 1))



def _asked(kind: str, wants: str | None, decision: bool, phrases: Sequence[str], vocab: Vocabulary, language: str) -> tuple[str, ...]:
    """The head of the first noun phrase of an open or list question, as one stem (see `Query.asked`).

    The head is the word before the phrase's first joining word ("national procedures for containers" ->
    "procedures"), when the phrase is common nouns, not a name, and not who speaks ("delegates").
    """
    if kind not in ("open", "list") or wants or decision or not phrases:
        return ()
    words = phrases[0].split()
    cut = next((i for i, w in enumerate(words) if w.lower() in vocab.phrase_joins), len(words))
    head = words[:cut]
    if not head or any(w[:1].isupper() for w in head) or vocab.discussants.fullmatch(head[-1].lower()):
        return ()
    return tuple(content_terms(head[-1], language))[:1]


def parse_query(question: str, catalogue: Catalogue | None = None, language: str = "en", decider: Decider | None = None) -> Query:
    """Understand a question once: its kind, topic, named items, constraints and body.

    Args:
        question: the user's question.
        catalogue: what the indexed reports name (item titles, acronyms, bodies); None knows no items.
        language: the question's language ("en").
        decider: the learned decision-question classifier (`Index.parse` passes it), asked about the
            questions the hand-written rules neither take for a decision nor give a typed kind; None:
            the rules alone.

    Returns:
        The Query.
    """
    vocab = vocabulary(language)
    text = normalise_query(question)
    bodies = _bodies(text, vocab)
    decision = _asks_decision(text, vocab, bodies)
    if decider is not None and not decision and learned_may_decide(text, vocab, bodies):
        decision = decider(text, catalogue, language)
    kind, wants = _kind(text, vocab, decision)
    topic = _topic(text, vocab, kind)
    terms = content_terms(text, language)
    topic_terms = content_terms(topic, language)
    expansions = tuple(catalogue.expansions(text)) if catalogue and catalogue.expansions else ()
    expansion_terms = tuple(dict.fromkeys(t for e in expansions for t in content_terms(e, language)))
    thesaurus = thesaurus_matches(text, language)
    held = set(terms) | set(expansion_terms) | set(tokenize(text))
    synonym_terms = tuple(dict.fromkeys(t for _, alternatives in thesaurus for alt in alternatives for t in alt if t not in held))
    items: list[tuple[str, str]] = []
    subitems: list[tuple[str, str, str]] = []
    explicit = False
    known_items = catalogue.items if catalogue else ()
    for match in _ITEM_REF.finditer(text):
        numeral = roman(match.group(1) or match.group(4))
        letter = (match.group(2) or match.group(3) or "").lower()
        for doc, item in known_items:
            if item == numeral:
                items.append((doc, item))
                if letter:
                    subitems.append((doc, item, letter))
        explicit = explicit or bool(known_items)
    if catalogue and not items:
        present = set(terms) | set(expansion_terms)
        named = catalogue.named_sections(present, topic_terms)
        # A question naming an item's own title is about the whole item, not the sub-items it also matches.
        whole = bool(named) and named[0][1].subitem is None
        for _, section in named:
            items.append((section.doc, section.item))
            if section.subitem and not whole:
                subitems.append((section.doc, section.item, section.subitem))
    if kind == "decision" and explicit and not topic_terms and re.match(r"^\W*what\b", text, re.I):
        kind = "list"  # "What did the PTC take note of under item III?": every such point of the item's conclusion
    speaker = kind in ("who", "list") and bool(vocab.speaking.search(text)) and not decision
    own = catalogue.bodies if catalogue else frozenset({"PTC", "Committee"})
    foreign = [b for b in bodies if b != "Committee" and b not in own]
    phrases = noun_phrases(text, vocab)
    detail = _detail(text, vocab, kind, wants)
    return Query(
        text=text,
        language=language,
        kind=kind,
        wants=wants,
        detail=detail,
        measured=measured(text, detail, vocab, expansions),
        decision=decision,
        speaker=speaker,
        map_place=bool(vocab.map_place_q.search(text)),
        floor=bool(vocab.floor_q.search(text)),
        topic=topic,
        terms=tuple(terms),
        topic_terms=tuple(topic_terms),
        expansions=expansions,
        expansion_terms=expansion_terms,
        thesaurus=thesaurus,
        synonym_terms=synonym_terms,
        synonym_phrases=tuple((w, _thesaurus_first(language).get(w, "")) for w, _ in thesaurus),
        items=tuple(dict.fromkeys(items)),
        subitems=tuple(dict.fromkeys(subitems)),
        explicit=explicit,
        years=tuple(dict.fromkeys(_YEAR.findall(text))),
        countries=question_countries(text, language),
        bodies=tuple(bodies),
        sessions=tuple(dict.fromkeys(vocab.session.findall(text))),
        parts=question_parts(text, language),
        body=bodies[0] if bodies else None,
        foreign_bodies=tuple(foreign),
        foreign_proceedings=_own_proceedings(text, vocab, foreign),
        ordinals=_ordinals(text),
        acts=frozenset(w.lower()[:5] for w in vocab.decision_words.findall(text)) - vocab.no_act,
        list_topic=_list_topic(text, topic_terms, vocab, language),
        names_item=bool(_NAMES_ITEM.search(text)),
        defines=_defines(text, terms, expansions, vocab),
        words=frozenset(w.lower() for w in re.findall(r"[\w’'&.-]+", text)),
        given=frozenset(re.findall(r"\d[\d,.]*", text)) | {w.lower() for w in re.findall(r"[A-Za-z]+", text)},
        phrases=phrases,
        asked=_asked(kind, wants, decision, phrases, vocab, language),
        names=tuple(written_names(text)),
    )
