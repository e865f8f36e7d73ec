"""Answerability: the features of a question's evidence, the calibrated model over them, and the answers when it is too weak."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from index.query import content_terms, countries_in
from qa.answer import Answer, Citation, Statement, cite_label
from qa.answer_type import offers, type_label
from qa.context import Context
from qa.decisions import topic_share
from qa.extractive import sentence_tokens
from settings import Answerability

NOT_ANSWERED = "The reports do not answer this question."
TOP_PARAGRAPHS = 5
PARTIAL_COVERAGE = 0.4  # a near miss: the best paragraph holds this share of the topic, not the detail
FEATURES = (
    "sentence",  # best cosine between the question and a top sentence (holding the asked type, if any)
    "typed_gap",  # how much closer the best sentence of any kind is than the best one holding the asked type
    "coverage",  # best IDF-weighted share of the question's terms in one top paragraph
    "answer_similarity",  # best cosine between the question and a cited sentence of the composed answer
    "answer_coverage",  # IDF-weighted share of the question's terms in the cited sentences together
    "type_present",  # a cited sentence holds the asked type (1 when no type is asked)
    "constraints",  # share of the question's countries, years and body found where the answer cites
    "agreement",  # dense and keyword search agree on the best paragraph
    "topic_coverage",  # best IDF-weighted share of the topic's terms (or their acronym forms) in one top paragraph
    "topic_known",  # IDF-weighted share of the topic's terms found anywhere in the reports
    "points_name_topic",  # best share of the topic named by a quoted conclusion point (with its item's titles)
    "composed",  # the answer composer found something to say
    "kind_decision",
    "kind_list",
    "kind_briefing",
    "kind_factoid",
)


@dataclass(frozen=True)
class Evidence:
    """The features of one question's evidence (named as in FEATURES)."""

    values: dict[str, float]

    def vector(self, names: Sequence[str] = FEATURES) -> list[float]:
        """The features in the given order."""
        return [float(self.values.get(name, 0.0)) for name in names]


def constraints_met(ctx: Context, statements: Sequence[Statement]) -> float:
    """Share of the question's constraints (countries, years, a body none of the reports is from) the cited text holds.

    A country or year counts as found when the cited paragraph or its sub-item's paragraphs name it
    ("the British pilots" are found in a sub-item that opens with "The United Kingdom's HMRC").
    """
    query = ctx.query
    wanted = [("country", c) for c in query.countries] + [("year", y) for y in query.years]
    if not wanted and not query.foreign_body:
        return 1.0
    if not statements:
        return 0.0
    texts = []
    for s in statements:
        para = ctx.index.paragraph(s.citation.doc, s.citation.ref)
        if para is None:
            continue
        texts.append(para.text)
        texts += [p.text for p in ctx.corpus.item_paragraphs(para.doc, para.item) if p.subitem == para.subitem and p.heading == para.heading]
    text = " ".join(texts)
    countries = set(countries_in(text, query.language))
    met = sum(1 for kind, value in wanted if (value in countries if kind == "country" else value in text))
    total = len(wanted) + (1 if query.foreign_body else 0)
    return met / total


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
    best_sentence = 0.0
    best_any = 0.0
    best_coverage = 0.0
    for hit in ctx.hits[:TOP_PARAGRAPHS]:
        sentences, dense = ctx.sentence_scores(hit.paragraph)
        for sentence, similarity in zip(sentences, dense):
            best_any = max(best_any, float(similarity))
            if not query.wants or offers(query.wants, sentence, query):
                best_sentence = max(best_sentence, float(similarity))
        best_coverage = max(best_coverage, ctx.corpus.stats.coverage(terms, hit.paragraph.text))
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
    tokens = set().union(*(sentence_tokens(q, terms) for q in quotes)) if quotes else set()
    hits = list(ctx.hits[:TOP_PARAGRAPHS])
    agreement = 0.0
    if hits:
        by_dense = max(hits, key=lambda h: h.dense).paragraph.key
        by_keyword = max(hits, key=lambda h: h.keyword).paragraph.key
        agreement = float(by_dense == by_keyword)
    share = topic_share(ctx)
    topic_terms = list(query.topic_terms)
    values = {
        "topic_coverage": max((share(h.paragraph.text) for h in hits), default=0.0),
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
        "kind_decision": float(query.kind == "decision"),
        "kind_list": float(query.kind == "list"),
        "kind_briefing": float(query.kind == "briefing"),
        "kind_factoid": float(query.kind in ("who", "date", "number", "where")),
    }
    return Evidence(values)


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


def probability(model: Answerability, ev: Evidence) -> float:
    """The model's probability that the question is answered by the composed answer (1 for an empty model)."""
    if not model.weights:
        return 1.0
    x = ev.vector(model.features)
    z = model.bias + sum(w * (v - m) / (s or 1.0) for w, v, m, s in zip(model.weights, x, model.means, model.scales))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def _related(ctx: Context) -> str:
    """"¶38 (Item V E-Commerce); ..." for the three best hits."""
    names = ctx.corpus.report_names
    related = []
    for hit in ctx.hits[:3]:
        p = hit.paragraph
        label = f"¶{p.number}" if len(names) <= 1 else f"{names.get(p.doc, p.doc)} ¶{p.number}"
        related.append(f"{label} (Item {p.item} {p.item_title})" if p.item else label)
    return "; ".join(related)


def abstain_answer(ctx: Context, warnings: list[str], note: str = "") -> Answer:
    """The answer when the reports do not answer: no citations, the closest paragraphs as related.

    Args:
        ctx: the question in flight.
        warnings: warnings collected so far.
        note: a sentence saying why (e.g. the body asked about is not one whose reports are indexed).

    Returns:
        An Answer with answerable=False and mode "abstain".
    """
    text = NOT_ANSWERED + (f" {note}" if note else "")
    related = _related(ctx)
    if related:
        text += f" Closest related paragraphs: {related}."
    return Answer(
        question=ctx.query.text,
        text=text,
        citations=[],
        hits=list(ctx.hits),
        answerable=False,
        mode="abstain",
        warnings=list(warnings),
        report_names=ctx.corpus.report_names,
    )


def partial_answer(ctx: Context, warnings: list[str]) -> Answer | None:
    """A near miss: the report discusses the topic but does not state what is asked (an amount, a date, a country ...).

    Returns:
        "The report discusses <topic> [¶N] but does not state the figure." (answerable=False, mode
        "partial", citing ¶N), or None when no top paragraph discusses the topic.
    """
    query = ctx.query
    named = {t for name in list(query.countries) + list(query.years) for t in content_terms(name)}
    topic_terms = [t for t in (query.topic_terms or query.terms) if t not in named]
    if not ctx.hits or not topic_terms:
        return None
    para = ctx.hits[0].paragraph
    if ctx.corpus.stats.coverage(topic_terms, para.text) < PARTIAL_COVERAGE:
        return None
    missing = [c for c in query.countries if c not in countries_in(para.text, query.language)]
    missing += [y for y in query.years if y not in para.text]
    if missing:
        gap = f"does not state it for {', '.join(missing)}"
    else:
        gap = f"does not state {type_label(query.wants)}"
    citation = Citation.of(para)
    topic = query.topic
    for name in list(query.countries) + list(query.years):
        topic = re.sub(rf"\s*\b(?:in|of|for|by|from)?\s*(?:the\s+)?{re.escape(name)}\b", "", topic).strip(" ,")
    topic = topic or "this topic"
    statement = Statement(f"The report discusses {topic} but {gap}.", citation)
    names = ctx.corpus.report_names
    return Answer(
        question=query.text,
        text=f"The report discusses {topic} {cite_label(citation, names)} but {gap}.",
        citations=[citation],
        hits=list(ctx.hits),
        answerable=False,
        mode="partial",
        warnings=list(warnings),
        statements=[statement],
        sources=[para],
        report_names=names,
    )
