"""Answerability: the features of a question's evidence, its hard checks and the calibrated model's probability."""
from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Callable, Collection, Sequence

from index.query import content_terms, countries_in, ends_other_name, ordinal_pattern
from qa.answer import Statement
from qa.answer_type import holds, offers
from qa.context import Context
from qa.decisions import topic_share
from qa.extractive import sentence_tokens
from qa.terms import token_set
from settings import Answerability
from vocabulary import vocabulary

TOP_PARAGRAPHS = 5
FEATURES = (
    "sentence",  # best cosine between the question and a top sentence (holding the asked type, if any)
    "typed_gap",  # how much closer the best sentence of any kind is than the best one holding the asked type
    "coverage",  # best IDF-weighted share of the question's terms (or their acronym forms) in one top paragraph
    "answer_similarity",  # best cosine between the question and a cited sentence of the composed answer
    "answer_coverage",  # IDF-weighted share of the question's terms (or their acronym forms) in the cited sentences together
    "type_present",  # a cited sentence holds the asked type (1 when no type is asked)
    "constraints",  # share of the question's countries, years and body found where the answer cites
    "agreement",  # dense and keyword search agree on the best paragraph
    "topic_coverage",  # best IDF-weighted share of the topic's terms (or their acronym forms) in one top paragraph
    "topic_known",  # IDF-weighted share of the topic's terms found anywhere in the reports
    "points_name_topic",  # best share of the topic named by a quoted conclusion point (with its item's titles)
    "composed",  # the answer composer found something to say
    "detail_filled",  # a cited sentence states the detail asked for, strictly (an amount with its unit, a person's name; 1 when none is asked)
    "detail_sentence",  # best cosine between the question and a top sentence stating the asked detail strictly
    "focus_cited",  # the question's rarest term (the detail that sets it apart) is in the cited sentences
    "kind_decision",
    # The question asks for a detail (an amount, a date, a person ...): finer than the factoid kinds, which it
    # replaced along with the list and briefing kinds (an item's list or briefing is answered from its structure).
    "detail_asked",
)


# Measured with the features but not fed to the model: qa.pipeline's structural rules read them.
RULE_SIGNALS = ("topic_paragraphs",)  # how many top paragraphs hold the whole topic


# How each feature may move the probability when the model is fitted: evidence for an answer only raises it,
# the gap to an untyped sentence only lowers it, the kind flags either way. Without this, two near-copies
# (sentence, detail_sentence) take opposite weights that cancel on dev and extrapolate wildly on an unseen
# question ("What is the population of the capital of Australia?" answered with a Green Customs title).
SIGNS = {name: 1 for name in FEATURES} | {"typed_gap": -1, "kind_decision": 0, "detail_asked": 0}


@dataclass(frozen=True)
class Evidence:
    """The features of one question's evidence (named as in FEATURES)."""

    values: dict[str, float]

    def vector(self, names: Sequence[str] = FEATURES) -> list[float]:
        """The features in the given order."""
        return [float(self.values.get(name, 0.0)) for name in names]


def constraints_met(ctx: Context, statements: Sequence[Statement]) -> float:
    """Share of the question's constraints (countries, years, ordinals, bodies none of the reports is from) the cited text holds.

    A country or year counts as found when the cited paragraph or its sub-item's paragraphs name it
    ("the British pilots" are found in a sub-item that opens with "The United Kingdom's HMRC"); a foreign
    body only when the cited sentences name it or its acronym ("the Policy Commission (PC)"), as the
    paragraph around may name it about something else. A question asking for a foreign body's own
    proceedings meets none: the reports do not record them.
    """
    query = ctx.query
    wanted = [("country", c) for c in query.countries] + [("year", y) for y in query.years]
    wanted += [("ordinal", n) for n in dict.fromkeys(n for n, _ in query.ordinals)]
    wanted += [("body", b) for b in query.foreign_bodies]
    if not wanted:
        return 1.0
    if not statements or query.foreign_proceedings:
        return 0.0
    texts = []
    for s in statements:
        para = ctx.index.paragraph(s.citation.doc, s.citation.ref)
        if para is None:
            continue
        texts.append(para.text)
        texts += [p.text for p in ctx.corpus.item_paragraphs(para.doc, para.item) if p.subitem == para.subitem and p.heading == para.heading]
    text = " ".join(texts)
    quoted = " ".join(s.quote or s.text for s in statements)
    countries = set(countries_in(text, query.language))
    found = {
        "country": lambda v: v in countries,
        "year": lambda v: v in text,
        "ordinal": lambda v: ordinal_pattern(v).search(text) is not None,
        "body": lambda v: names_body(ctx, v, quoted),
    }
    met = sum(1 for kind, value in wanted if found[kind](value))
    return met / len(wanted)


def names_body(ctx: Context, body: str, text: str) -> bool:
    """Whether a text names a body by one of its names or their glossary acronyms ("Policy Commission", "PC").

    Not as the end of another organisation's name ("the World Shipping Council" names no Council).
    """
    names = {n for n, canonical in vocabulary(ctx.query.language).bodies.items() if canonical == body}
    glossary = getattr(ctx.index, "glossary", None)
    acronyms = {a for a, long in (glossary.long_forms.items() if glossary is not None else ()) if long.lower() in names}
    spelled = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    short = "|".join(re.escape(a) for a in sorted(acronyms, key=len, reverse=True))
    # An acronym keeps its case ("PC", not "pc").
    pattern = rf"(?<![\w-])(?:(?i:{spelled}){'|' + short if short else ''})(?![\w-])"
    return any(not ends_other_name(text, match.start()) for match in re.finditer(pattern, text))


# The ordinals a text may write in figures ("the 1st Meeting" answers "first meet"), as far as ordinal_pattern spells them.
ORDINALS = range(1, 13)
Reader = Callable[[str, Collection[str]], set[str]]


def glossary_pairs(ctx: Context) -> list[tuple[frozenset[str], frozenset[str]]]:
    """The stems of each acronym the question's glossary expansions pair with a long form, and of that long form."""
    query = ctx.query
    glossary = getattr(ctx.index, "glossary", None)
    added = set(query.expansions)
    if glossary is None or not added:
        return []
    return [
        (frozenset(content_terms(short, query.language)), frozenset(content_terms(long, query.language)))
        for short, long in glossary.long_forms.items()
        if short in added or long in added
    ]


def country_terms(ctx: Context) -> list[tuple[frozenset[str], str]]:
    """The stems of each way the question names one of its countries ("Turkish", "the United Kingdom"), with the country."""
    query = ctx.query
    if not query.countries:
        return []
    words = re.findall(r"[^\W_]+(?:[-.'’][^\W_]+)*", query.text)
    named = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i : i + size])
            found = countries_in(phrase, query.language)
            if len(found) == 1 and found[0] in query.countries and (stems := frozenset(content_terms(phrase, query.language))):
                named.append((stems, found[0]))
    return named


def term_reader(ctx: Context) -> Reader:
    """(text, its stems) -> the stems, plus the question's terms the text writes in another form.

    A text naming an acronym holds the words of its long form and a text spelling the long form holds the
    acronym, both ways ("the 1st Meeting of the PMMPT" holds "Performance Measurement Mechanism Project
    Team"), for the glossary forms the question was expanded with; a text naming a country holds the
    question's words for it ("Serbia" holds "Serbian"); a figure ordinal holds its word ("1st": "first").
    (A possessive needs no reading: index.text gives "PFCWG's" the token of "PFCWG".)
    """
    query = ctx.query
    pairs = glossary_pairs(ctx)
    countries = country_terms(ctx)
    ordinals = [(t, n) for t in query.terms for n in ORDINALS if ordinal_pattern(n).fullmatch(t)]

    def read(text: str, stems: Collection[str]) -> set[str]:
        present = set(stems)
        for short, long in pairs:
            if short and short <= present:
                present |= long
            elif long and long <= present:
                present |= short
        if countries:
            named = set(countries_in(text, query.language))
            present |= {t for stems_, country in countries if country in named for t in stems_}
        present |= {t for t, n in ordinals if t not in present and ordinal_pattern(n).search(text)}
        return present

    return read


def evidence(ctx: Context, statements: Sequence[Statement]) -> Evidence:
    """Measure the evidence for a question and for the answer composed from it.

    Args:
        ctx: the question in flight.
        statements: the composed answer (possibly empty).

    Returns:
        The features.
    """
    query = ctx.query
    terms = list(query.terms)
    read = term_reader(ctx)
    # A top paragraph's terms in any form, read once: coverage and the topic's share both need them.
    held = functools.cache(lambda text: read(text, token_set(text)))
    best_sentence = 0.0
    best_any = 0.0
    best_coverage = 0.0
    best_detail = 0.0
    asked = query.detail
    for hit in ctx.hits[:TOP_PARAGRAPHS]:
        sentences, dense = ctx.sentence_scores(hit.paragraph)
        for sentence, similarity in zip(sentences, dense):
            best_any = max(best_any, float(similarity))
            if not query.wants or offers(query.wants, sentence, query):
                best_sentence = max(best_sentence, float(similarity))
            if holds(asked, sentence, query):
                best_detail = max(best_detail, float(similarity))
        best_coverage = max(best_coverage, ctx.corpus.stats.share(terms, held(hit.paragraph.text)))
    quotes = [s.quote or s.text for s in statements]
    answer_similarity = 0.0
    if quotes:
        for s in statements:
            para = ctx.index.paragraph(s.citation.doc, s.citation.ref)
            if para is None:
                continue
            sentences, dense = ctx.sentence_scores(para)
            for sentence, similarity in zip(sentences, dense):
                if (s.quote or "") and (s.quote in sentence or sentence in (s.quote or "")):
                    answer_similarity = max(answer_similarity, float(similarity))
    tokens = set().union(*(read(q, sentence_tokens(q, terms)) for q in quotes)) if quotes else set()
    hits = list(ctx.hits[:TOP_PARAGRAPHS])
    agreement = 0.0
    if hits:
        by_dense = max(hits, key=lambda h: h.dense).paragraph.key
        by_keyword = max(hits, key=lambda h: h.keyword).paragraph.key
        agreement = float(by_dense == by_keyword)
    topic_terms = list(query.topic_terms)
    share = read_topic(ctx, held, topic_terms)
    hit_shares = [share(h.paragraph.text) for h in hits]
    values = {
        "topic_coverage": max(hit_shares, default=0.0),
        "topic_paragraphs": float(sum(1 for v in hit_shares if v >= 0.99)),
        "topic_known": ctx.corpus.stats.known(topic_terms),
        "points_name_topic": _points_name_topic(ctx, statements, share),
        "sentence": best_sentence,
        "typed_gap": best_any - best_sentence,
        "coverage": best_coverage,
        "answer_similarity": answer_similarity,
        "answer_coverage": ctx.corpus.stats.share(terms, tokens) if terms else 1.0,
        "type_present": 1.0 if not query.wants else float(any(offers(query.wants, q, query) for q in quotes)),
        "constraints": constraints_met(ctx, statements),
        "agreement": agreement,
        "composed": float(bool(statements)),
        "detail_filled": 1.0 if asked is None else float(any(holds(asked, q, query) for q in quotes)),
        "detail_sentence": best_detail,
        "focus_cited": float(bool(quotes) and focus_term(ctx) in tokens),
        "kind_decision": float(query.kind == "decision"),
        "detail_asked": float(asked is not None),
    }
    return Evidence(values)


def read_topic(ctx: Context, held: Callable[[str], set[str]], topic_terms: list[str]) -> Callable[[str], float]:
    """text -> how fully it names the topic: decisions.topic_share, or the share of the topic's terms the text holds in any form.

    Args:
        held: text -> the stems it holds in any form (`term_reader` applied to the text's own stems).
    """
    base = topic_share(ctx)
    stats = ctx.corpus.stats

    def share(text: str) -> float:
        value = base(text)
        if value >= 1.0 or not topic_terms:
            return value
        return max(value, stats.share(topic_terms, held(text)))

    return share


def focus_term(ctx: Context) -> str:
    """The question's rarest content term (highest IDF), the one that sets it apart from its neighbours ("" without terms)."""
    named = {t for name in list(ctx.query.countries) + list(ctx.query.years) for t in content_terms(name)}
    # The topic's words, not the question's verbs ("decide", "conclude"); a compound counts by its parts.
    terms = [t for t in ctx.query.topic_terms or ctx.query.terms if t not in named and not t.isdigit() and not re.search(r"[-/']", t)]
    return max(terms, key=ctx.corpus.stats.idf, default="")


def _points_name_topic(ctx: Context, statements: Sequence[Statement], share) -> float:
    """How fully the quoted conclusion points (read with their item and sub-item titles) name the topic (0 without points)."""
    best = 0.0
    for s in statements:
        if s.quote is None or s.text == s.quote:
            continue  # not a quoted conclusion point
        para = ctx.index.paragraph(s.citation.doc, s.citation.ref)
        if para is None:
            continue
        # A conclusion names its sub-items by their own words: read each point with its item's titles.
        titles = {para.item_title} | {p.subitem_title or "" for p in ctx.corpus.item_paragraphs(para.doc, para.item)}
        best = max([best, share(s.quote)] + [share(f"{t} {s.quote}") for t in titles])
    return best


def best_similarity(ev: Evidence) -> float:
    """The best cosine between the question and any top sentence, of any kind (sentence + typed_gap)."""
    return ev.values.get("sentence", 0.0) + ev.values.get("typed_gap", 0.0)


def probability(model: Answerability, ev: Evidence) -> float:
    """The model's probability that the question is answered by the composed answer (1 for an empty model).

    0 when a required feature (a hard check: the asked detail stated, the constraints met) is below 1, or
    when no top sentence is as similar to the question as `model.min_similarity`.
    """
    if any(ev.values.get(name, 0.0) < 1.0 for name in model.required):
        return 0.0
    if best_similarity(ev) < model.min_similarity:
        return 0.0
    if not model.weights:
        return 1.0
    x = ev.vector(model.features)
    z = model.bias + sum(w * (v - m) / (s or 1.0) for w, v, m, s in zip(model.weights, x, model.means, model.scales))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
