"""Answerability: the features of a question's evidence, the calibrated model over them, and the answers when it is too weak."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from index.query import content_terms, countries_in
from qa.answer import Answer, Citation, Statement, cite_label
from qa.answer_type import detail, holds, offers, type_label
from qa.context import Context
from qa.decisions import topic_share
from qa.extractive import Scored, sentence_tokens, to_statement
from qa.terms import token_set
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
    "detail_filled",  # a cited sentence states the detail asked for, strictly (an amount with its unit, a person's name; 1 when none is asked)
    "detail_sentence",  # best cosine between the question and a top sentence stating the asked detail strictly
    "focus_cited",  # the question's rarest term (the detail that sets it apart) is in the cited sentences
    "kind_decision",
    # The question asks for a detail (an amount, a date, a person ...): finer than the factoid kinds, which it
    # replaced along with the list and briefing kinds (an item's list or briefing is answered from its structure).
    "detail_asked",
)


@dataclass(frozen=True)
class Evidence:
    """The features of one question's evidence (named as in FEATURES)."""

    values: dict[str, float]

    def vector(self, names: Sequence[str] = FEATURES) -> list[float]:
        """The features in the given order."""
        return [float(self.values.get(name, 0.0)) for name in names]


_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth")
# "its fourth meeting", "the 24th Conference": an ordinal naming which one of a series, not "first raised" or a session.
_ORDINAL_Q = re.compile(
    rf"\b(?:the|its|their|his|her|a)\s+({'|'.join(_ORDINAL_WORDS)}|\d+(?:st|nd|rd|th))\b"
    # not "the 241st/242nd Sessions", "the first and second", "the first time", "their first five years"
    r"(?!\s*/|\s+(?:and|or)\b|\s+sessions?\b|\s+time\b|\s+(?:\d|two|three|four|five|six|seven|eight|nine|ten|few)\w*\b)",
    re.IGNORECASE,
)


def _ordinal_number(word: str) -> int:
    word = word.lower()
    return _ORDINAL_WORDS.index(word) + 1 if word in _ORDINAL_WORDS else int(re.match(r"\d+", word).group(0))


class _OrdinalForms(dict):
    """Ordinal number -> a pattern for it written either way ("fourth", "4th")."""

    def __missing__(self, n: int) -> re.Pattern[str]:
        forms = [rf"{n}(?:st|nd|rd|th)"] + ([_ORDINAL_WORDS[n - 1]] if n <= len(_ORDINAL_WORDS) else [])
        self[n] = re.compile(rf"\b(?:{'|'.join(forms)})\b", re.IGNORECASE)
        return self[n]


_ORDINAL_FORMS = _OrdinalForms()


def ordinal_phrases(question: str) -> list[tuple[int, str]]:
    """Each ordinal naming one of a series with what it names: "its fourth meeting" -> (4, "fourth meeting")."""
    out = []
    for m in _ORDINAL_Q.finditer(question):
        named = re.match(r"\s+([A-Z][\w/’'-]*(?:\s+[A-Z][\w/’'-]*)*|[a-z]+)", question[m.end():])
        out.append((_ordinal_number(m.group(1)), f"{m.group(1)} {named.group(1)}" if named else m.group(1)))
    return out


def ordinals(question: str) -> list[int]:
    """The ordinals a question uses to name one of a series ("its fourth meeting" -> [4]); not adverbs or sessions."""
    return list(dict.fromkeys(_ordinal_number(m.group(1)) for m in _ORDINAL_Q.finditer(question)))


def constraints_met(ctx: Context, statements: Sequence[Statement]) -> float:
    """Share of the question's constraints (countries, years, ordinals, a body none of the reports is from) the cited text holds.

    A country or year counts as found when the cited paragraph or its sub-item's paragraphs name it
    ("the British pilots" are found in a sub-item that opens with "The United Kingdom's HMRC").
    """
    query = ctx.query
    wanted = [("country", c) for c in query.countries] + [("year", y) for y in query.years]
    wanted += [("ordinal", o) for o in ordinals(query.text)]
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
    found = {"country": lambda v: v in countries, "year": lambda v: v in text, "ordinal": lambda v: _ORDINAL_FORMS[v].search(text) is not None}
    met = sum(1 for kind, value in wanted if found[kind](value))
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
    best_detail = 0.0
    asked = detail(query)
    for hit in ctx.hits[:TOP_PARAGRAPHS]:
        sentences, dense = ctx.sentence_scores(hit.paragraph)
        for sentence, similarity in zip(sentences, dense):
            best_any = max(best_any, float(similarity))
            if not query.wants or offers(query.wants, sentence, query):
                best_sentence = max(best_sentence, float(similarity))
            if holds(asked, sentence, query):
                best_detail = max(best_detail, float(similarity))
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
        "detail_filled": 1.0 if asked is None else float(any(holds(asked, q, query) for q in quotes)),
        "detail_sentence": best_detail,
        "focus_cited": float(bool(quotes) and focus_term(ctx) in tokens),
        "kind_decision": float(query.kind == "decision"),
        "detail_asked": float(asked is not None),
    }
    return Evidence(values)


def state_detail(ctx: Context, statements: list[Statement]) -> list[Statement]:
    """The composed answer, or a sentence stating the asked detail when the answer's sentences do not.

    "How many attended the workshop?" composed from the sentence that names the workshop and its dates
    holds no count; a sentence of a top paragraph holding one ("Some 105 participants ...") answers
    instead, if it is about as close to the question as the best sentence (within settings'
    answerability.detail_margin) and its paragraph meets the question's constraints.

    Args:
        ctx: the question in flight.
        statements: the composed answer.

    Returns:
        The statements to answer with.
    """
    asked = detail(ctx.query)
    if asked is None or not statements or any(holds(asked, s.quote or s.text, ctx.query) for s in statements):
        return statements
    best = 0.0
    candidates = []
    for hit in ctx.hits[:TOP_PARAGRAPHS]:
        sentences, dense = ctx.sentence_scores(hit.paragraph)
        for position, (sentence, similarity) in enumerate(zip(sentences, dense)):
            best = max(best, float(similarity))
            if holds(asked, sentence, ctx.query):
                candidates.append(Scored(hit.paragraph, position, sentence, float(similarity), float(similarity), True, 0.0))
    for candidate in sorted(candidates, key=lambda c: -c.dense):
        if candidate.dense < best - ctx.settings.answerability.detail_margin:
            break
        statement = to_statement(candidate)
        if constraints_met(ctx, [statement]) >= 1.0:
            return [statement]
    return statements


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


def probability(model: Answerability, ev: Evidence) -> float:
    """The model's probability that the question is answered by the composed answer (1 for an empty model).

    0 when a required feature (a hard check: the asked detail stated, the constraints met) is below 1.
    """
    if any(ev.values.get(name, 0.0) < 1.0 for name in model.required):
        return 0.0
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


# Words a topic phrase may hold between its content words ("Women at Borders", "certificates of origin").
_INNER = frozenset("of at and on for the in to".split())
# Words after which a noun phrase starts ("the", "its", "for" ...).
_OPENERS = frozenset("the a an its their his her for on of about to with under from by".split())


def topic_phrase(question: str, text: str) -> str:
    """The longest noun phrase of the question whose words the paragraph holds: the topic a near miss discusses.

    "How much money did the Canadian Government give for the Women at Borders workshop?" over a paragraph
    on that workshop -> "the Women at Borders workshop" ("" when no phrase of the question is there).
    """
    present = token_set(text)
    words = re.findall(r"[\w’'/&.-]+", question.rstrip("?.! "))
    best: tuple[int, int, int] = (0, 0, 0)
    for start, word in enumerate(words):
        previous = words[start - 1].lower() if start else ""
        if not (previous in _OPENERS or word[:1].isupper() and start) or word.lower() in _INNER:
            continue  # a phrase starts after "the", "for" ... or at a name, not at a verb ("did ... second to")
        end = start
        content = 0
        for position in range(start, len(words)):
            token = words[position].lower()
            if token in _INNER:
                continue
            stems = token_set(words[position])
            if not stems or not stems <= present:
                break
            end, content = position + 1, content + 1
        if content > best[0]:
            best = (content, start, end)
    if not best[0]:
        return ""
    _, start, end = best
    while end - start > 1 and (words[end - 1].lower() in _INNER or re.fullmatch(r"[a-z]+ed", words[end - 1])):
        end -= 1  # "the Workshop held" ends at the Workshop
    phrase = " ".join(words[start:end])
    return f"the {phrase}" if start and words[start - 1].lower() == "the" else phrase


def partial_answer(ctx: Context, warnings: list[str]) -> Answer | None:
    """A near miss: the report discusses the topic but does not state what is asked (an amount, a date, a country ...).

    Returns:
        "The report discusses <topic> [¶N] but does not state the figure." (answerable=False, mode
        "partial", citing ¶N), or None when no top paragraph discusses the topic.
    """
    query = ctx.query
    # The constraints (countries, years, "its third meeting") are what may be missing, not the topic.
    constraints = list(query.countries) + list(query.years) + [phrase for _, phrase in ordinal_phrases(query.text)]
    named = {t for name in constraints for t in content_terms(name)}
    topic_terms = [t for t in (query.topic_terms or query.terms) if t not in named]
    if not ctx.hits or not topic_terms:
        return None
    para = ctx.hits[0].paragraph
    if ctx.corpus.stats.coverage(topic_terms, para.text) < PARTIAL_COVERAGE:
        return None
    missing = [c for c in query.countries if c not in countries_in(para.text, query.language)]
    missing += [y for y in query.years if y not in para.text]
    series = [phrase for n, phrase in ordinal_phrases(query.text) if not _ORDINAL_FORMS[n].search(para.text)]
    if missing:
        gap = f"does not state it for {', '.join(missing)}"
    elif series:
        gap = f"does not mention {' or '.join('the ' + phrase for phrase in series)}"
    else:
        gap = f"does not state {type_label(detail(query) or query.wants)}"
    citation = Citation.of(para)
    question, topic = query.text, query.topic
    for name in list(query.countries) + list(query.years):
        # what is asked of a country or year the paragraph does not name is the topic without it
        pattern = rf"\s*\b(?:in|of|for|by|from)?\s*(?:the\s+)?{re.escape(name)}(?:['’]s)?\b"
        question = re.sub(pattern, " ", question, flags=re.IGNORECASE)
        topic = re.sub(pattern, "", topic).strip(" ,")
    topic = topic_phrase(question, para.text) or topic
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
