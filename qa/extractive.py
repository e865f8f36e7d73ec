"""Extractive answers: the sentences of the top paragraphs that best answer the question, each cited."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from index.text import tokenize
from qa.answer import Citation, Statement, decision_lead, decision_point
from qa.answer_type import expected_type, offers
from qa.terms import STOPWORDS, TermStats, content_terms

# A bullet marker or list numeral opening a sentence ("- ", "• ", "a. "): not part of the quote.
_MARKER = re.compile(r"^\s*(?:[-•*▪◦]|\(?[0-9]{1,3}[.)]|\([ivx]{1,5}\))\s+")
# Words of meeting procedure: a sentence made only of these ("The Chairperson invited the Secretariat to
# introduce Doc. PC0726Ea.", "No comments were made") only sits in a relevant paragraph, it answers nothing.
_PROCEDURE = frozenset(
    tokenize(
        """
        chair chairperson chairman vice secretariat secretary general director deputy delegation representative
        invite invited invites introduce introduced introduces introduction present presented presents presentation
        doc document documents agenda item items sub-item sub-items comment comments made make remark remarks
        floor take took taken give gave given open opened thank thanked thanks welcome welcomed question questions
        note noted notes then subsequently further accordingly
        """,
        STOPWORDS,
    )
)
# Document references ("PC0726Ea", "PC0726"): procedure too.
_DOC_REF = re.compile(r"^[a-z]{1,4}\d{3,5}[a-z]{0,3}$")


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its paragraph, position and score."""

    paragraph: Any  # ingest.records.Paragraph
    position: int  # sentence index within the paragraph
    text: str
    score: float


@dataclass(frozen=True)
class ExtractiveParams:
    """Knobs of sentence selection (defaults chosen by a grid search on the dev gold set: key facts vs citation precision)."""

    paragraphs: int = 5  # top hits whose sentences compete
    sentences: int = 6  # sentences in an answer at most
    per_paragraph: int = 5  # sentences from one paragraph at most
    keyword_weight: float = 0.2  # weight of IDF-weighted question-term coverage
    rank_weight: float = 0.15  # bonus for a paragraph's retrieval rank (1/(1+rank))
    margin: float = 1.0  # keep sentences of the best paragraph scoring within this of the best
    margin_other: float = 0.03  # other paragraphs' sentences must be this close: each one is a citation
    type_weight: float = 0.3  # bonus for a sentence offering the kind of answer asked for (number, date, name)
    min_words: int = 4  # shorter sentences are headings or fragments, not answers
    procedure_penalty: float = 1.0  # for a sentence of meeting procedure only, sharing no term with the question


def strip_marker(sentence: str) -> str:
    """A sentence without its leading bullet marker or list numeral."""
    return _MARKER.sub("", sentence, count=1).strip()


def is_procedural(sentence: str, terms: Sequence[str] = ()) -> bool:
    """Whether a sentence is meeting procedure only and shares no content term with the question.

    Args:
        sentence: a candidate sentence.
        terms: the question's content stems (a sentence using one of them is never procedure only).

    Returns:
        True for sentences such as "The Chairperson invited the Secretariat to introduce Doc. PC0726Ea.".
    """
    tokens = set(tokenize(sentence, STOPWORDS))
    if tokens & set(terms):
        return False
    return all(t in _PROCEDURE or _DOC_REF.match(t) for t in tokens)


def score_sentences(
    question: str,
    query_vector: np.ndarray,
    paragraphs: Sequence[Any],
    index: Any,
    stats: TermStats,
    params: ExtractiveParams,
) -> list[Scored]:
    """Score every sentence of the given paragraphs against the question.

    Args:
        question: the cleaned question.
        query_vector: the question's unit vector (`index.query_vector`).
        paragraphs: the paragraphs, most relevant first (earlier ones get a small rank bonus).
        index: the index (its `sentences` and `sentence_vectors`).
        stats: corpus term statistics.
        params: selection knobs.

    Returns:
        All candidate sentences with scores, best first.
    """
    terms = content_terms(question)
    kind = expected_type(question)
    scored: list[Scored] = []
    for rank, para in enumerate(paragraphs):
        sentences = index.sentences(para.doc, para.ref)
        if not sentences:
            continue
        vectors = index.sentence_vectors(para.doc, para.ref)
        dense = vectors @ query_vector if len(vectors) == len(sentences) else np.zeros(len(sentences))
        prior = params.rank_weight / (1.0 + rank)
        for position, sentence in enumerate(sentences):
            text = strip_marker(sentence)
            if len(text.split()) < params.min_words or text.endswith(":"):
                continue  # lead-ins ("In conclusion, the PTC:") say nothing alone
            tokens = set(tokenize(text))
            # "abolish" should meet "abolishment": the stemmer is light, so long stems also match as prefixes.
            tokens |= {t for t in terms if len(t) >= 5 and any(w.startswith(t) for w in tokens)}
            score = float(dense[position]) + params.keyword_weight * stats.share(terms, tokens) + prior
            if kind and offers(kind, text, question):
                score += params.type_weight
            if is_procedural(text, terms):
                score -= params.procedure_penalty
            scored.append(Scored(para, position, text, score))
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
    per_para: dict[tuple[str, int], int] = {}
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


def to_statement(sentence: Scored) -> Statement:
    """A cited statement; a conclusion's bullet is introduced by the conclusion's own lead ("In conclusion, the PTC") and quoted.

    Args:
        sentence: a selected sentence.

    Returns:
        The statement; its `quote` is the verbatim sentence.
    """
    para = sentence.paragraph
    citation = Citation.of(para)
    lead = decision_lead(para.text) if para.decision else ""
    if lead and not sentence.text.startswith(lead):
        bullet = sentence.text.rstrip(";,. ").removesuffix("; and").removesuffix(" and")
        return decision_point(bullet, citation, lead)
    return Statement(sentence.text, citation, quote=sentence.text)


def extract(
    question: str,
    hits: Sequence[Any],
    index: Any,
    stats: TermStats,
    params: ExtractiveParams | None = None,
    query_vector: np.ndarray | None = None,
) -> list[Statement]:
    """The extractive answer to a question as cited statements.

    Args:
        question: the cleaned question.
        hits: ranked hits from `index.search`.
        index: the index.
        stats: corpus term statistics.
        params: selection knobs (defaults when None).
        query_vector: the question's vector, when the caller already has it.

    Returns:
        Cited statements in answer order; empty when the hits have no usable sentences.
    """
    params = params or ExtractiveParams()
    if query_vector is None:
        query_vector = index.encode_query(question)
    paragraphs = [h.paragraph for h in hits[: params.paragraphs]]
    scored = score_sentences(question, query_vector, paragraphs, index, stats, params)
    doc_order = list(dict.fromkeys(h.paragraph.doc for h in hits))
    return [to_statement(s) for s in reading_order(select(scored, params), doc_order)]
