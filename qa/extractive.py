"""Extractive answers: the sentences of the top paragraphs that best answer the question, each cited."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from index.query import Query, countries_in
from index.text import tokenize
from qa.answer import Citation, Statement, decision_lead, decision_point
from qa.answer_type import offers
from qa.context import Context
from qa.terms import token_set
from settings import ExtractiveParams
from vocabulary import vocabulary

if TYPE_CHECKING:
    from ingest.records import Paragraph

# A bullet marker or list numeral opening a sentence ("- ", "• ", "a. "): not part of the quote.
_MARKER = re.compile(r"^\s*(?:[-•*▪◦]|\(?[0-9]{1,3}[.)]|\([ivx]{1,5}\))\s+")
# Document references ("PC0726Ea", "PC0726"): procedure too.
_DOC_REF = re.compile(r"^[a-z]{1,4}\d{3,5}[a-z]{0,3}$")
_PROCEDURE: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its paragraph, position and score."""

    paragraph: "Paragraph"
    position: int  # sentence index within the paragraph
    text: str
    score: float
    dense: float = 0.0  # cosine with the question
    typed: bool = False  # holds the type of answer asked for
    constrained: float = 0.0  # share of the question's countries and years it names


def strip_marker(sentence: str) -> str:
    """A sentence without its leading bullet marker or list numeral."""
    return _MARKER.sub("", sentence, count=1).strip()


def procedure_words(language: str = "en") -> frozenset[str]:
    """The stems of the language's meeting-procedure words."""
    if language not in _PROCEDURE:
        vocab = vocabulary(language)
        _PROCEDURE[language] = frozenset(tokenize(" ".join(vocab.procedure), vocab.all_stopwords))
    return _PROCEDURE[language]


def is_procedural(sentence: str, terms: Sequence[str] = (), language: str = "en") -> bool:
    """Whether a sentence is meeting procedure only and shares no content term with the question.

    Args:
        sentence: a candidate sentence.
        terms: the question's content stems (a sentence using one of them is never procedure only).
        language: the sentence's language.

    Returns:
        True for sentences such as "The Chairperson invited the Secretariat to introduce Doc. PC0726Ea.".
    """
    tokens = token_set(sentence) - vocabulary(language).all_stopwords
    if tokens & set(terms):
        return False
    procedure = procedure_words(language)
    return all(t in procedure or _DOC_REF.match(t) for t in tokens)


def constraint_share(query: "Query", text: str) -> float:
    """Share of the question's countries and years a sentence names ("What did Thailand present?" wants Thailand's line)."""
    wanted = list(query.countries) + list(query.years)
    named = set(countries_in(text, query.language)) if query.countries else set()
    return sum(1 for w in wanted if w in named or w in text) / len(wanted) if wanted else 0.0


def sentence_tokens(text: str, terms: Sequence[str]) -> set[str]:
    """A sentence's stems, plus the question's long stems it extends ("abolish" meets "abolishment")."""
    tokens = token_set(text)
    return tokens | {t for t in terms if len(t) >= 5 and any(w.startswith(t) for w in tokens)}


def score_sentences(ctx: Context, paragraphs: Sequence["Paragraph"], params: ExtractiveParams | None = None) -> list[Scored]:
    """Score every sentence of the given paragraphs against the question.

    Args:
        ctx: the question in flight.
        paragraphs: the paragraphs, most relevant first (earlier ones get a small rank bonus).
        params: selection knobs (default: the settings').

    Returns:
        All candidate sentences with scores, best first.
    """
    params = params or ctx.settings.extractive
    query = ctx.query
    terms = list(query.terms)
    scored: list[Scored] = []
    for rank, para in enumerate(paragraphs):
        sentences, dense = ctx.sentence_scores(para)
        prior = params.rank_weight / (1.0 + rank)
        for position, sentence in enumerate(sentences):
            text = strip_marker(sentence)
            if len(text.split()) < params.min_words or text.endswith(":"):
                continue  # lead-ins ("In conclusion, the PTC:") say nothing alone
            score = float(dense[position]) + params.keyword_weight * ctx.corpus.stats.share(terms, sentence_tokens(text, terms)) + prior
            typed = bool(query.wants) and offers(query.wants, text, query)
            if typed:
                score += params.type_weight
            constrained = constraint_share(query, text) if query.countries or query.years else 0.0
            score += params.constraint_weight * constrained
            share = ctx.corpus.stats.share(terms, sentence_tokens(text, terms))
            if query.wants and share >= 0.99:
                score += params.complete_weight  # "which country abolished ...": the sentence that says "abolish"
            if is_procedural(text, terms, query.language):
                score -= params.procedure_penalty
            scored.append(Scored(para, position, text, score, float(dense[position]), typed, constrained))
    scored.sort(key=lambda s: -s.score)
    return scored


def select(scored: list[Scored], params: ExtractiveParams) -> list[Scored]:
    """The best sentences: near the best one (closer still for other paragraphs), capped overall and per paragraph.

    Args:
        scored: candidates, best first.
        params: selection knobs.

    Returns:
        The chosen sentences, best first.
    """
    if not scored:
        return []
    best = scored[0].score
    top = scored[0].paragraph.key
    chosen: list[Scored] = []
    per_para: dict = {}
    for cand in scored:
        if len(chosen) >= params.sentences or cand.score < best - params.margin:
            break
        key = cand.paragraph.key
        if per_para.get(key, 0) >= params.per_paragraph:
            continue
        if key != top and cand.score < best - params.margin_other:
            continue  # each other paragraph is one more citation: it must score close to the best
        per_para[key] = per_para.get(key, 0) + 1
        chosen.append(cand)
    return chosen


def reading_order(chosen: list[Scored], doc_order: Sequence[str]) -> list[Scored]:
    """Decisions first, then report order, paragraph order, sentence order.

    Args:
        chosen: the selected sentences.
        doc_order: report ids in the order to present them.

    Returns:
        The sentences in answer order.
    """
    rank = {doc: i for i, doc in enumerate(doc_order)}
    return sorted(
        chosen,
        key=lambda s: (not s.paragraph.decision, rank.get(s.paragraph.doc, len(rank)), s.paragraph.number, s.position),
    )


def citation_of(para: "Paragraph") -> Citation:
    """The citation of a paragraph (its label kept)."""
    return Citation.of(para)


def to_statement(sentence: Scored) -> Statement:
    """A cited statement; a conclusion's point is introduced by the conclusion's own lead and quoted.

    Args:
        sentence: a selected sentence.

    Returns:
        The statement; its `quote` is the verbatim sentence.
    """
    para = sentence.paragraph
    lead = decision_lead(para.text) if para.decision else ""
    if lead and not sentence.text.startswith(lead):
        bullet = sentence.text.rstrip(";,. ").removesuffix("; and").removesuffix(" and")
        return decision_point(bullet, citation_of(para), lead)
    return Statement(sentence.text, citation_of(para), quote=sentence.text)


def doc_order(ctx: Context) -> list[str]:
    """Report ids in the order their first hit was ranked."""
    return list(dict.fromkeys(h.paragraph.doc for h in ctx.hits))


def extract(ctx: Context, scored: list[Scored] | None = None) -> list[Statement]:
    """The extractive answer to a question as cited statements.

    When the question wants a type of answer (a number, a date, a country, ...), only sentences
    holding one are kept, so that a topical sentence without the asked detail is never the answer.

    Args:
        ctx: the question in flight.
        scored: the candidates when the caller scored them already.

    Returns:
        Cited statements in answer order; empty when no sentence qualifies.
    """
    params = ctx.settings.extractive
    if scored is None:
        scored = score_sentences(ctx, [h.paragraph for h in ctx.hits[: params.paragraphs]], params)
    if ctx.query.wants:
        scored = [s for s in scored if s.typed]
    if any(s.constrained for s in scored):
        scored = [s for s in scored if s.constrained]  # Thailand's line, not its neighbours'
    return [to_statement(s) for s in reading_order(select(scored, params), doc_order(ctx))]
