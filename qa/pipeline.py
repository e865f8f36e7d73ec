"""Question to Answer: retrieve, judge the evidence, then answer from decisions, sentences or an LLM."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from index.query import is_decision_question
from qa.abstain import abstain_answer, evidence
from qa.answer import Answer, Statement, render, unique_citations
from qa.corpus import Corpus, corpus_for
from qa.decisions import decision_answer
from qa.extractive import extract
from qa.language import analyse
from qa.llm import LLMError, llm_answer
from qa.multilingual import answer_multilingual
from qa.question import clean_question
from settings import Settings, load_settings


@dataclass(frozen=True)
class Retrieval:
    """What an answer is composed from: the ranked hits, the query vector and the per-index facts."""

    hits: list[Any]
    query_vector: np.ndarray
    corpus: Corpus


def retrieve(text: str, index: Any, k: int, filters: Any = None) -> Retrieval:
    """Search the index for a cleaned question.

    Args:
        text: the cleaned question.
        index: the loaded index.
        k: hits to retrieve.
        filters: index.Filters or None.

    Returns:
        The retrieval.
    """
    # One encode serves both the dense search and qa's sentence scores.
    query_vector = index.query_vector(text)
    hits = index.search(text, k=k, filters=filters, query_vector=query_vector)
    return Retrieval(hits, query_vector, corpus_for(index))


def answer(question: str, index: Any, k: int = 10, filters: Any = None, settings: Settings | None = None) -> Answer:
    """Answer a question from the index, citing the paragraphs every sentence comes from.

    Args:
        question: the user's question (cut to settings.max_question_chars with a warning).
        index: a loaded index.Index.
        k: hits to return (at least settings.qa_search_k are retrieved to compose the answer).
        filters: index.Filters applied to retrieval (reports, sessions, items, decisions only).
        settings: configuration; `load_settings()` when None.

    Returns:
        The answer; `answerable` is False when the evidence is too weak (the hits are then "related").

    Raises:
        QuestionError: the question is empty.
    """
    settings = settings or load_settings()
    text, warnings = clean_question(question, settings.max_question_chars)
    analysis = analyse(text)
    if analysis.language != "en":
        return answer_multilingual(text, analysis, index, max(k, settings.qa_search_k), filters, settings, warnings)
    found = retrieve(text, index, max(k, settings.qa_search_k), filters)
    hits, query_vector, corpus = found.hits, found.query_vector, found.corpus
    signals = evidence(text, hits, index, corpus, query_vector)
    if signals.score(settings.qa_evidence_coverage_weight) < settings.qa_abstain_threshold:
        return abstain_answer(text, hits, corpus.report_names, warnings)

    mode = "extractive"
    statements: list[Statement] = []
    if is_decision_question(text):
        statements = decision_answer(text, hits, index, corpus, query_vector)
        mode = "decision" if statements else mode
    if not statements:
        statements = extract(text, hits, index, corpus.stats, query_vector=query_vector)
    if not statements:
        return abstain_answer(text, hits, corpus.report_names, warnings)
    if settings.llm_base_url:
        try:
            checked = llm_answer(text, hits, settings, corpus.report_names)
            statements, mode = checked.statements, "llm"
            warnings += [f"LLM answer: {line}" for line in checked.dropped]
        except LLMError as exc:
            warnings.append(f"LLM unavailable, extractive answer shown instead: {exc}")

    citations = unique_citations(statements)
    by_key = {p.key: p for p in (h.paragraph for h in hits)}
    sources = [by_key.get(c.key) or index.paragraph(c.doc, c.ref) for c in citations]
    return Answer(
        question=text,
        text=render(statements, corpus.report_names),
        citations=citations,
        hits=hits,
        answerable=True,
        mode=mode,
        warnings=warnings,
        statements=statements,
        sources=[p for p in sources if p is not None],
        report_names=corpus.report_names,
    )
