"""Questions in French or Spanish over the English reports: multilingual retrieval, their own abstention threshold, English quotes."""
from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.query import Query, normalise_query
from index.ranking import RankingConfig
from index.search import Hit
from index.windows import context_line
from qa.answer import Answer, Statement, render, unique_citations
from qa.answerability import evidence
from qa.context import Context
from qa.corpus import corpus_for
from qa.decisions import decision_answer
from qa.extractive import extract
from settings import MultilingualParams
from qa.language import Analysis, answer_note, not_answered
from qa.partial import abstain_answer


PARAMS = MultilingualParams()
_ENCODER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="e5-query")


@dataclass(frozen=True)
class MultilingualEvidence:
    """The signals behind a non-English question's evidence score."""

    dense: float  # best multilingual cosine between the question and a top paragraph
    sentence: float  # qa.answerability.Evidence.sentence of the English cues (index model, typed sentences)
    coverage: float  # best IDF-weighted share of the English cues' terms in a top paragraph

    def score(self, params: MultilingualParams = PARAMS) -> float:
        """One number to threshold against `params.abstain_threshold`."""
        return self.dense + params.sentence_weight * self.sentence + params.coverage_weight * self.coverage


def multilingual_search(
    question: str, analysis: Analysis, index: Any, k: int, filters: Any = None, params: MultilingualParams = PARAMS,
    cues: Query | None = None,
) -> tuple[list[Hit], np.ndarray, np.ndarray]:
    """Rank paragraphs for a French or Spanish question.

    Dense: multilingual-e5 on the question as asked, blended with the index's own model on the
    English cues; keyword: BM25 on the English cues; then the index's structure-aware step
    (conclusions first for decision questions, speakers first for "who presented").

    Args:
        question: the cleaned question.
        analysis: its language and English cues.
        index: the loaded index.Index.
        k: hits to return.
        filters: index.Filters or None.
        params: weights.
        cues: the English cues parsed once (`index.parse`); parsed here when None.

    Returns:
        (hits, the index model's vector of the English cues, multilingual cosine per paragraph).
    """
    from index.multilingual import multilingual_vectors

    vectors = multilingual_vectors(index)
    # The two models encode at once (both release the GIL): the answer waits for the slower, not the sum.
    pending = _ENCODER.submit(vectors.query_vector, question)
    cues = cues if cues is not None else index.parse(normalise_query(analysis.english))
    cue_vector = index.query_vector(cues)
    dense, keyword = index.raw_scores(cues, query_vector=cue_vector)
    e5 = vectors.scores(pending.result())
    blended = params.e5_weight * e5 + (1 - params.e5_weight) * dense
    config = RankingConfig(fusion="convex", dense_weight=params.dense_weight, weak_keyword=0.0)
    fused, final = index.rank(blended, keyword, index.mask(filters), cues, config)
    allowed = int(np.isfinite(final).sum())
    top = np.argsort(-final, kind="stable")[: min(k, allowed)]
    hits = [Hit(index.paragraphs[i], float(e5[i]), float(keyword[i]), float(fused[i]), float(final[i])) for i in top]
    return hits, cue_vector, e5


def multilingual_evidence(
    analysis: Analysis, hits: list[Hit], index: Any, corpus: Any, cue_vector: np.ndarray, params: MultilingualParams = PARAMS,
    settings: Any = None, cues: Query | None = None,
) -> MultilingualEvidence:
    """How strongly the top hits support a non-English question.

    Args:
        analysis: the question's language and English cues.
        hits: ranked hits from `multilingual_search` (their `dense` is the multilingual cosine).
        index: the loaded index (sentences and their vectors).
        corpus: qa.corpus.Corpus of the index.
        cue_vector: the index model's vector of the English cues.
        params: how many top hits count.
        settings: the answer's settings.Settings (the defaults when None), read by the English evidence.
        cues: the English cues parsed once (`index.parse`); parsed here when None.

    Returns:
        The signals.
    """
    from settings import Settings

    top = hits[: params.top_paragraphs]
    dense = max((h.dense for h in top), default=0.0)
    query = cues if cues is not None else index.parse(normalise_query(analysis.english))
    ctx = Context(query, top, index, corpus, cue_vector, settings or Settings())
    english = evidence(ctx, []).values
    return MultilingualEvidence(float(dense), float(english["sentence"]), float(english["coverage"]))


_DEFINITION = re.compile(r"^what (?:is|are|does mean|does) (?:the )?(\S+?)(?: mean| stand for)?\??$", re.IGNORECASE)


def asks_defined_acronym(cues: str, index: Any) -> bool:
    """Whether the English cues ask what an acronym means and the index's glossary defines it.

    "Que signifie PFCWG ?" -> "what does mean PFCWG?": the report spells the acronym out, so the
    answer is there even when the cues are too short for the evidence score to say so.
    """
    found = _DEFINITION.match(cues.strip())
    if not found:
        return False
    glossary = getattr(index, "glossary", None)
    long_forms = getattr(glossary, "long_forms", {}) or {}
    acronym = found.group(1).strip("?.,")
    return acronym in long_forms or acronym + "s" in long_forms


# Capitalised words every paragraph uses: they name no one in particular.
_GENERIC_NAMES = frozenset("PTC WCO Committee Secretariat Members Member Chairperson Secretary General Customs".split())
_YEAR = re.compile(r"(?:19|20)\d\d")


def unmentioned_names(cues: str, hits: list[Hit]) -> list[str]:
    """Names and years of the English cues that no top paragraph mentions ("Canada", "HS 2027").

    A question about a country, a body or a year the closest paragraphs never name is about
    something else than what they say, however similar their wording ("the de minimis threshold of
    Canada" against paragraphs on the United States, the EU and Norway). Consecutive names are
    alternatives ("United Kingdom UK"): one of them suffices.

    Args:
        cues: the English cues.
        hits: the top hits.

    Returns:
        The groups of names no hit mentions, each joined by spaces ([] when all are mentioned).
    """
    groups: list[list[str]] = []
    current: list[str] = []
    for token in cues.rstrip("?").split():
        word = token.strip("?,.;:()")
        if word and (word[0].isupper() or _YEAR.fullmatch(word)) and word not in _GENERIC_NAMES:
            current.append(word)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    if not groups:
        return []
    # "U.S." and "US" are one name; context lines carry item titles.
    texts = [f"{context_line(h.paragraph)}\n{h.paragraph.text}".replace(".", "") for h in hits]
    missing = []
    for group in groups:
        words = [part for w in group for part in re.split(r"[-/]", w.replace(".", "")) if part]  # "WCO-UPU"
        patterns = [re.compile(rf"(?<![\w-]){re.escape(w)}s?(?![\w-])", 0 if w.isupper() else re.IGNORECASE) for w in words]
        if not any(p.search(text) for p in patterns for text in texts):
            missing.append(" ".join(group))
    return missing


def answer_multilingual(
    question: str, analysis: Analysis, index: Any, k: int, filters: Any, settings: Any, warnings: list[str],
    params: MultilingualParams | None = None,
) -> Answer:
    """Answer a French or Spanish question by quoting the English report, citations as for English.

    Args:
        question: the cleaned question.
        analysis: its language and English cues (`qa.language.analyse`).
        index: the loaded index.Index.
        k: hits to retrieve.
        filters: index.Filters or None.
        settings: configuration (the LLM path is not used for these questions).
        warnings: warnings collected so far.
        params: weights and abstention threshold (default: settings.multilingual).

    Returns:
        The answer; its first warning says, in the question's language, that the quotes are from
        the English report.
    """
    params = params or settings.multilingual
    corpus = corpus_for(index)
    cues = normalise_query(analysis.english)
    query = index.parse(cues)  # once: retrieval, the evidence and the composers read it
    hits, cue_vector, _ = multilingual_search(question, analysis, index, k, filters, params, query)
    signals = multilingual_evidence(analysis, hits, index, corpus, cue_vector, params, settings, query)
    ctx = Context(query, hits, index, corpus, cue_vector, settings, filters)
    weak = signals.score(params) < params.abstain_threshold and not asks_defined_acronym(cues, index)
    if weak or unmentioned_names(cues, hits[: params.top_paragraphs]):
        return _abstain(question, analysis, ctx, warnings)
    mode = "extractive"
    statements: list[Statement] = []
    if ctx.query.decision:
        statements = decision_answer(ctx)
        mode = "decision" if statements else mode
    if not statements:
        statements = extract(ctx)
    if not statements:
        return _abstain(question, analysis, ctx, warnings)
    citations = unique_citations(statements)
    by_key = {h.paragraph.key: h.paragraph for h in hits}
    sources = [by_key.get(c.key) or index.paragraph(c.doc, c.ref) for c in citations]
    return Answer(
        question=question,
        text=render(statements, corpus.report_names),
        citations=citations,
        hits=hits,
        answerable=True,
        mode=mode,
        # Shown once wherever warnings are (app, Markdown "Note:", JSON), in the question's language.
        warnings=[answer_note(analysis.language), *warnings],
        statements=statements,
        sources=[p for p in sources if p is not None],
        report_names=corpus.report_names,
    )


def _abstain(question: str, analysis: Analysis, ctx: Context, warnings: list[str]) -> Answer:
    """qa's abstention, opened by the same sentence in the question's language."""
    answer = abstain_answer(ctx, warnings)
    answer.question = question
    local = not_answered(analysis.language)
    if local:
        answer.text = f"{local} {answer.text}"
    return answer
