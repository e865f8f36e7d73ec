"""Decision-aware answers: lead with what the report's body concluded on the relevant items, then the discussion behind it."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Sequence

import numpy as np

from index.text import tokenize
from qa.answer import Citation, Statement, body_named, decision_lead, decision_point
from qa.corpus import Corpus
from qa.extractive import ExtractiveParams, Scored, reading_order, score_sentences, strip_marker
from qa.terms import content_terms

# The decision wording of a question, removed to leave its topic ("decide on de minimis" -> "de minimis").
_DECISION_WORDS = re.compile(
    r"\b(decid\w*|decision\w*|agree\w*|endors\w*|conclu\w*|adopt\w*|approv\w*|took|take|taken|taking|"
    r"note|noted|outcomes?|resolv\w*|resolution|came|come|result\w*|happened|item|items|agenda|"
    r"final|finally|anything|ptc|committee|what|which|did|does|do|was|were|is|are|has|have)\b",
    re.IGNORECASE,
)
# The topic often follows a preposition: "decide on X", "agreed about X", "concluded regarding X".
_TOPIC = re.compile(
    r"\b(?:on|about|regarding|concerning|for|with regard to|in relation to|in respect of|of|under|to)\s+(?:the\s+)?(.+)$",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*In conclusion,?\s+the\s+[^:\n]{1,80}?\s*:\s*", re.IGNORECASE)


@dataclass(frozen=True)
class DecisionParams:
    """Knobs of decision answers (checked on the dev gold set)."""

    items: int = 2  # agenda items considered at most
    item_ratio: float = 0.6  # a second item must score this share of the first
    names_topic: float = 0.6  # IDF-weighted share of topic terms a bullet must contain to "name" it
    names_subitem: float = 0.45  # ... or share of an on-topic sub-item title's other terms ("the concept paper")
    bullets: int = 5  # decision bullets quoted at most (one paragraph: more bullets cost no citation)
    discussion: int = 3  # discussion sentences when the topic was discussed but no decision names it
    discussion_decided: int = 0  # ... otherwise (the decision is the answer; each citation must earn its place)


@dataclass(frozen=True)
class Bullet:
    """One point of a conclusion paragraph, with how well it matches the question."""

    text: str  # without the lead-in, marker and trailing "; and"
    paragraph: Any
    position: int  # order within the paragraph
    named: float  # share of the topic's terms it contains
    dense: float  # cosine with the question


def _trim(words: list[str]) -> list[str]:
    """Drop function words at both ends ("the", "was"); keep them inside ("women in trade")."""
    while words and not tokenize(words[0]):
        words.pop(0)
    while words and not tokenize(words[-1]):
        words.pop()
    return words


def topic_of(question: str) -> str:
    """The topic of a decision question, in the user's words, for saying "no decision on <topic>".

    Args:
        question: e.g. "What did the PTC decide on de minimis?".

    Returns:
        e.g. "de minimis"; "" when nothing but decision wording is left.
    """
    text = question.strip().rstrip("?.! ")
    residual = " ".join(_trim(_DECISION_WORDS.sub(" ", text).split()))
    wanted = len(content_terms(residual))
    for match in _TOPIC.finditer(text):
        tail = " ".join(_trim(_DECISION_WORDS.sub(" ", match.group(1)).split()))
        # A prepositional tail is the topic when it holds most of the question's content words.
        if tail and 2 * len(content_terms(tail)) >= wanted:
            return tail
    return residual


def topic_terms(question: str, index: Any) -> tuple[list[str], list[str]]:
    """The question's content terms without decision wording, and those its acronym expansion adds.

    Args:
        question: the cleaned question.
        index: the index (its `expand_query` adds acronyms and long forms).

    Returns:
        (terms, extra terms from the expansion).
    """
    residual = _DECISION_WORDS.sub(" ", question)
    terms = content_terms(residual)
    extra = [t for t in content_terms(index.expand_query(residual)) if t not in terms]
    return terms, extra


def naming_share(terms: list[str], extra: list[str], text: str, corpus: Corpus) -> float:
    """How fully a text names the topic: its share of the topic terms, or of their acronym forms."""
    share = corpus.stats.coverage(terms, text)
    return max(share, corpus.stats.coverage(extra, text)) if extra else share


def relevant_items(
    hits: Sequence[Any], params: DecisionParams, topic_share: Sequence[float] | None = None
) -> list[tuple[str, str]]:
    """The agenda items the hits point to, best first: rank-weighted votes, more for on-topic paragraphs.

    Args:
        hits: ranked hits.
        params: decision knobs.
        topic_share: per hit, the share of the topic it names (0..1); None counts every hit alike.

    Returns:
        (doc, item) pairs, at most `params.items`.
    """
    votes: dict[tuple[str, str], float] = {}
    for rank, hit in enumerate(hits):
        key = (hit.paragraph.doc, hit.paragraph.item)
        weight = 1.0 if topic_share is None else 0.5 + topic_share[rank]
        votes[key] = votes.get(key, 0.0) + weight / (1.0 + rank)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked:
        return []
    best = ranked[0][1]
    return [key for key, vote in ranked[: params.items] if vote >= params.item_ratio * best]


def subitem_namer(items: list[tuple[str, str]], corpus: Corpus, share: Any, params: DecisionParams) -> Any:
    """A scorer for conclusion points that name a sub-item whose title names the topic.

    Conclusions refer to a sub-item by its own words ("the concept paper"), not by its topic
    ("blockchain"): a point naming "Outline of a concept paper on the use of blockchain" is a
    decision on blockchain.

    Args:
        items: the relevant (doc, item) pairs.
        corpus: per-index facts.
        share: text -> share of the topic it names.
        params: decision knobs (`names_topic`, `names_subitem`).

    Returns:
        text -> `params.names_topic` when the text names an on-topic sub-item, else 0.
    """
    names_topic = params.names_topic
    titles = {
        p.subitem_title
        for doc, item in items
        for p in corpus.item_paragraphs(doc, item)
        if p.subitem_title and ";" not in p.subitem_title and share(p.subitem_title) >= names_topic
    }
    own_terms = [[t for t in content_terms(title) if share(t) < names_topic] for title in titles]
    own_terms = [terms for terms in own_terms if terms]
    def names(text: str) -> float:
        best = max((corpus.stats.coverage(terms, text) for terms in own_terms), default=0.0)
        return names_topic if best >= params.names_subitem else 0.0

    return names


def bullets_of(para: Any, index: Any, query_vector: np.ndarray, share: Any, names_subitem: Any = None) -> list[Bullet]:
    """The points of a conclusion paragraph, scored against the question.

    Args:
        para: a decision paragraph.
        index: the index (its `sentences` and `sentence_vectors`).
        query_vector: the question's vector.
        share: text -> share of the topic it names.
        names_subitem: text -> how far it names an on-topic sub-item (see `subitem_namer`).

    Returns:
        The bullets in printed order.
    """
    sentences = index.sentences(para.doc, para.ref)
    vectors = index.sentence_vectors(para.doc, para.ref)
    # When the topic is the agenda item itself, every point of its conclusion is a decision on it.
    titled = share(f"{para.item_title} {para.subitem_title or ''}")
    out: list[Bullet] = []
    for i, sentence in enumerate(sentences):
        text = strip_marker(_LEAD.sub("", sentence))
        text = text.rstrip(";,. ").removesuffix("; and").removesuffix(" and").rstrip(";, ")
        if len(text.split()) >= 2:
            dense = float(vectors[i] @ query_vector) if len(vectors) == len(sentences) else 0.0
            named = max(share(text), titled, names_subitem(text) if names_subitem else 0.0)
            out.append(Bullet(text, para, i, named, dense))
    return out


def decision_answer(
    question: str,
    hits: Sequence[Any],
    index: Any,
    corpus: Corpus,
    query_vector: np.ndarray,
    params: DecisionParams | None = None,
    extractive: ExtractiveParams | None = None,
) -> list[Statement]:
    """Answer a decision question: the conclusion points that name the topic, then the discussion.

    When the topic is discussed under an item but no point of the item's conclusion names it, the
    answer says so plainly, quotes what the conclusion did decide, and cites the discussion.

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
    terms, extra = topic_terms(question, index)

    def share(text: str) -> float:
        return naming_share(terms, extra, text, corpus) if terms else 1.0

    items = relevant_items(hits, params, [share(h.paragraph.text) for h in hits])
    names_subitem = subitem_namer(items, corpus, share, params) if terms else None
    bullets = [
        b
        for doc, item in items
        for para in corpus.item_decisions(doc, item)
        for b in bullets_of(para, index, query_vector, share, names_subitem)
    ]
    if not bullets:
        return []
    naming = [b for b in bullets if b.named >= params.names_topic]
    ranked, on_topic = _discussion(question, hits, index, corpus, query_vector, items, share, params.names_topic, extractive)
    home = (ranked[0].paragraph.doc, ranked[0].paragraph.item) if on_topic else None
    statements: list[Statement] = []
    limit = params.discussion_decided
    if naming:
        chosen = sorted(naming, key=lambda b: -(b.named + b.dense))[: params.bullets]
    elif terms and home in items:
        # Discussed, never decided: say so, then what the item's conclusion did decide, in printed order.
        chosen = [b for b in bullets if (b.paragraph.doc, b.paragraph.item) == home][: params.bullets]
        first = chosen[0].paragraph
        statements.append(
            Statement(
                f"T{body_named(first.text)[1:]} took no decision on {topic_of(question) or 'this topic'}: no point of its conclusion "
                f"on Item {first.item} ({first.item_title}) names it.",
                Citation.of(first),
            )
        )
        limit = params.discussion
    else:
        chosen = sorted(bullets, key=lambda b: -b.dense)[: params.bullets]
    chosen.sort(key=lambda b: (b.paragraph.doc, b.paragraph.number, b.position))
    # Off-topic discussion would only add citations; on-topic discussion backs the decision up.
    discussion = reading_order(ranked[:limit] if on_topic else [], list(dict.fromkeys(h.paragraph.doc for h in hits)))
    return (
        statements
        + [decision_point(b.text, Citation.of(b.paragraph), decision_lead(b.paragraph.text)) for b in chosen]
        + [Statement(s.text, Citation.of(s.paragraph), quote=s.text) for s in discussion]
    )


def _discussion(
    question: str,
    hits: Sequence[Any],
    index: Any,
    corpus: Corpus,
    query_vector: np.ndarray,
    items: list[tuple[str, str]],
    share: Any,
    names_topic: float,
    extractive: ExtractiveParams | None,
) -> tuple[list[Scored], bool]:
    """The discussion behind a decision: the best sentence of each of the items' other paragraphs,
    best first, those that name the topic before the others.

    Returns:
        (one sentence per paragraph, best first; whether the first ones name the topic).
    """
    rank = {h.paragraph.key: r for r, h in enumerate(hits)}
    candidates = [p for doc, item in items for p in corpus.item_paragraphs(doc, item) if not p.decision]
    # Retrieved paragraphs first (by rank), then the rest of the items in printed order.
    candidates.sort(key=lambda p: (rank.get(p.key, len(rank)), p.doc, p.number))
    knobs = replace(extractive or ExtractiveParams(), paragraphs=len(candidates))
    scored = score_sentences(question, query_vector, candidates, index, corpus.stats, knobs)
    on_topic = [s for s in scored if share(s.text) >= names_topic]
    best: dict[tuple[str, int], Scored] = {}
    for cand in on_topic or scored:
        best.setdefault(cand.paragraph.key, cand)  # one sentence per paragraph: breadth over the discussion
    return list(best.values()), bool(on_topic)
