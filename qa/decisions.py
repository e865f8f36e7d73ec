"""Decision-aware answers: lead with what the PTC concluded on the relevant items, then the discussion behind it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from qa.answer import Citation, Statement
from qa.corpus import Corpus
from qa.extractive import DECISION_LEAD, ExtractiveParams, Scored, reading_order, score_sentences, strip_marker
from index.text import tokenize
from qa.terms import content_terms

# The decision wording of a question, removed to leave its topic ("decide on de minimis" -> "de minimis").
_DECISION_WORDS = re.compile(
    r"\b(decid\w*|decision\w*|agree\w*|endors\w*|conclu\w*|adopt\w*|approv\w*|took|take|taken|taking|"
    r"note|noted|outcomes?|resolv\w*|resolution|came|come|result\w*|happened|item|items|agenda|"
    r"final|finally|ptc|committee)\b",
    re.IGNORECASE,
)
# The topic usually follows a preposition: "decide on X", "agreed about X", "concluded regarding X".
_TOPIC = re.compile(
    r"\b(?:on|about|regarding|concerning|for|with regard to|in relation to|in respect of|of|under|to)\s+(?:the\s+)?(.+)$",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*In conclusion,?\s+the PTC\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DecisionParams:
    """Knobs of decision answers (checked on the dev gold set)."""

    items: int = 2  # agenda items considered at most
    item_ratio: float = 0.6  # a second item must score this share of the first
    names_topic: float = 0.6  # IDF-weighted share of topic terms a bullet must contain to "name" it
    bullets: int = 3  # decision bullets quoted at most
    discussion: int = 3  # discussion sentences at most


def topic_of(question: str) -> str:
    """The topic of a decision question, as the user wrote it.

    Args:
        question: e.g. "What did the PTC decide on de minimis?".

    Returns:
        e.g. "de minimis"; "" when nothing but decision wording is left.
    """
    text = question.strip().rstrip("?.! ")
    tail = text
    for match in _TOPIC.finditer(text):
        candidate = _DECISION_WORDS.sub(" ", match.group(1))
        if content_terms(candidate):
            tail = match.group(1)
            break
    tail = _DECISION_WORDS.sub(" ", tail)
    words = tail.split()
    # Trim function words at the ends ("the", "was"), keep them inside ("women in trade").
    while words and not tokenize(words[0]):
        words.pop(0)
    while words and not tokenize(words[-1]):
        words.pop()
    return " ".join(words)


def relevant_items(hits: Sequence[Any], params: DecisionParams) -> list[tuple[str, str]]:
    """The agenda items the hits point to, best first (rank-weighted votes).

    Args:
        hits: ranked hits.
        params: decision knobs.

    Returns:
        (doc, item) pairs, at most `params.items`.
    """
    votes: dict[tuple[str, str], float] = {}
    for rank, hit in enumerate(hits):
        key = (hit.paragraph.doc, hit.paragraph.item)
        votes[key] = votes.get(key, 0.0) + 1.0 / (1.0 + rank)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked:
        return []
    best = ranked[0][1]
    return [key for key, vote in ranked[: params.items] if vote >= params.item_ratio * best]


def bullets_of(para: Any, index: Any) -> list[tuple[str, np.ndarray | None]]:
    """The decision bullets of a conclusion paragraph with their sentence vectors.

    Args:
        para: a decision paragraph.
        index: the index (its `sentences` and `sentence_vectors`).

    Returns:
        (bullet text without lead-in or marker, vector or None) pairs.
    """
    sentences = index.sentences(para.doc, para.number)
    vectors = index.sentence_vectors(para.doc, para.number)
    out: list[tuple[str, np.ndarray | None]] = []
    for i, sentence in enumerate(sentences):
        bullet = strip_marker(_LEAD.sub("", sentence))
        bullet = bullet.rstrip(";,. ").removesuffix("; and").removesuffix(" and").rstrip(";, ")
        if len(bullet.split()) >= 2:
            out.append((bullet, vectors[i] if len(vectors) == len(sentences) else None))
    return out


def bullet_statement(bullet: str, para: Any) -> Statement:
    """A quoted decision bullet: `In conclusion, the PTC: “endorsed …”.` cited to its paragraph."""
    return Statement(f"{DECISION_LEAD}: “{bullet}”.", Citation(para.doc, para.number), quote=bullet)


def decision_answer(
    question: str,
    hits: Sequence[Any],
    index: Any,
    corpus: Corpus,
    query_vector: np.ndarray,
    params: DecisionParams | None = None,
    extractive: ExtractiveParams | None = None,
) -> list[Statement]:
    """Answer a decision question: matching decision bullets first, then the discussion behind them.

    When the topic is discussed but no bullet of the items' conclusions names it, the answer says
    so plainly, quotes what the conclusion did decide, and cites where the topic was discussed.

    Args:
        question: the cleaned question.
        hits: ranked hits.
        index: the index.
        corpus: per-index facts.
        query_vector: the question's vector.
        params: decision knobs.
        extractive: sentence-selection knobs for the discussion part.

    Returns:
        Cited statements; empty when the relevant items have no decision paragraph.
    """
    params = params or DecisionParams()
    extractive = extractive or ExtractiveParams()
    topic = topic_of(question)
    topic_terms = content_terms(topic)
    items = relevant_items(hits, params)
    conclusions = [p for doc, item in items for p in corpus.item_decisions(doc, item)]
    if not conclusions:
        return []
    scored_bullets = []
    for para in conclusions:
        for bullet, vector in bullets_of(para, index):
            named = corpus.stats.coverage(topic_terms, bullet) if topic_terms else 1.0
            dense = float(vector @ query_vector) if vector is not None else 0.0
            scored_bullets.append((named, dense, bullet, para))
    naming = [b for b in scored_bullets if b[0] >= params.names_topic]
    chosen = naming or scored_bullets
    chosen = sorted(chosen, key=lambda b: -(b[0] + b[1]))[: params.bullets]
    # Quote bullets in printed order within their paragraph.
    order = {(id(b[3]), b[2]): i for i, b in enumerate(scored_bullets)}
    chosen.sort(key=lambda b: order[(id(b[3]), b[2])])

    discussion = _discussion(question, topic_terms, hits, index, corpus, query_vector, items, extractive, params)
    statements: list[Statement] = []
    if not naming and topic_terms and discussion:
        first = chosen[0][3]
        statements.append(
            Statement(
                f"The PTC took no decision on {topic}: no point of its conclusion on Item {first.item} "
                f"({first.item_title}) names it.",
                Citation(first.doc, first.number),
            )
        )
    statements += [bullet_statement(bullet, para) for _, _, bullet, para in chosen]
    return statements + discussion


def _discussion(
    question: str,
    topic_terms: list[str],
    hits: Sequence[Any],
    index: Any,
    corpus: Corpus,
    query_vector: np.ndarray,
    items: list[tuple[str, str]],
    extractive: ExtractiveParams,
    params: DecisionParams,
) -> list[Statement]:
    """The discussion sentences behind a decision: from non-decision hits of the relevant items,
    preferring sentences that mention the topic."""
    wanted = set(items)
    discussion_hits = [
        h for h in hits if not h.paragraph.decision and (h.paragraph.doc, h.paragraph.item) in wanted
    ]
    widened = ExtractiveParams(**{**extractive.__dict__, "paragraphs": max(extractive.paragraphs, 8)})
    scored = score_sentences(question, query_vector, discussion_hits, index, corpus.stats, widened)
    if topic_terms:
        on_topic = [s for s in scored if corpus.stats.coverage(topic_terms, s.text) >= params.names_topic]
        scored = on_topic or scored
    chosen: list[Scored] = []
    seen: set[tuple[str, int]] = set()
    for cand in scored:
        key = (cand.paragraph.doc, cand.paragraph.number)
        if key in seen:
            continue  # one sentence per paragraph: breadth over the discussion
        seen.add(key)
        chosen.append(cand)
        if len(chosen) >= params.discussion:
            break
    doc_order = list(dict.fromkeys(h.paragraph.doc for h in hits))
    return [Statement(s.text, Citation(s.paragraph.doc, s.paragraph.number), quote=s.text) for s in reading_order(chosen, doc_order)]
