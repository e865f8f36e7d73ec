"""Honest abstention: how strong the evidence for a question is, and the answer when it is too weak."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from qa.answer import Answer
from qa.answer_type import expected_type, offers
from qa.corpus import Corpus
from qa.terms import content_terms

NOT_ANSWERED = "The reports do not answer this question."


@dataclass(frozen=True)
class Evidence:
    """The signals behind the evidence score (printed by `python -m qa.calibrate -v`)."""

    sentence: float  # best cosine between the question and a top sentence offering the answer kind asked for
    coverage: float  # best IDF-weighted share of the question's terms found in one top paragraph

    def score(self, coverage_weight: float) -> float:
        """One number to threshold: sentence similarity plus weighted term coverage.

        Args:
            coverage_weight: settings.qa_evidence_coverage_weight (calibrated with the threshold).
        """
        return self.sentence + coverage_weight * self.coverage


TOP_PARAGRAPHS = 5


def evidence(question: str, hits: Sequence[Any], index: Any, corpus: Corpus, query_vector: np.ndarray) -> Evidence:
    """Measure the evidence the top hits give for a question.

    A question asking for a number, a date or a name is only as well supported as the best
    sentence that offers one: a similar sentence without the kind of answer asked for is what
    near-miss questions ("How many countries acceded to the Istanbul Convention?") find.

    Args:
        question: the cleaned question.
        hits: ranked hits.
        index: the index (its `sentences` and `sentence_vectors`).
        corpus: per-index facts (term statistics).
        query_vector: the question's unit vector.

    Returns:
        The signals.
    """
    terms = content_terms(question)
    kind = expected_type(question)
    best_sentence = 0.0
    best_coverage = 0.0
    for hit in hits[:TOP_PARAGRAPHS]:
        para = hit.paragraph
        sentences = index.sentences(para.doc, para.ref)
        vectors = index.sentence_vectors(para.doc, para.ref)
        if len(vectors) == len(sentences):
            for sentence, similarity in zip(sentences, vectors @ query_vector):
                if kind is None or offers(kind, sentence, question):
                    best_sentence = max(best_sentence, float(similarity))
        best_coverage = max(best_coverage, corpus.stats.coverage(terms, para.text))
    return Evidence(best_sentence, best_coverage)


def abstain_answer(question: str, hits: Sequence[Any], report_names: dict[str, str], warnings: list[str]) -> Answer:
    """The answer when the reports do not answer: no citations, the closest paragraphs as related.

    Args:
        question: the cleaned question.
        hits: ranked hits (kept as the related paragraphs).
        report_names: report id -> short name.
        warnings: warnings collected so far.

    Returns:
        An Answer with answerable=False and mode "abstain".
    """
    related = []
    for hit in hits[:3]:
        p = hit.paragraph
        name = report_names.get(p.doc, p.doc)
        label = p.ref if len(report_names) <= 1 else f"{name} {p.ref}"
        related.append(f"{label} (Item {p.item} {p.item_title})" if p.item else label)
    text = NOT_ANSWERED
    if related:
        text += " Closest related paragraphs: " + "; ".join(related) + "."
    return Answer(
        question=question,
        text=text,
        citations=[],
        hits=list(hits),
        answerable=False,
        mode="abstain",
        warnings=list(warnings),
        report_names=report_names,
    )
