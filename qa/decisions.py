"""Decision answers: lead with what the body concluded on the item the question is about, then the discussion behind it."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from qa.answer import Statement, body_named, decision_lead, decision_point
from qa.context import Context
from qa.extractive import Scored, citation_of, doc_order, reading_order, score_sentences, strip_marker
from qa.terms import content_terms
from settings import DecisionParams

if TYPE_CHECKING:
    from ingest.records import Paragraph

Share = Callable[[str], float]


@dataclass(frozen=True)
class Bullet:
    """One point of a conclusion paragraph, with how well it matches the question."""

    text: str  # without the lead-in, marker and trailing "; and"
    paragraph: "Paragraph"
    position: int  # order within the paragraph
    named: float  # share of the topic's terms it contains
    dense: float  # cosine with the question
    lead: str  # the conclusion's own opening, e.g. "In conclusion, the Council" ("" when it prints none)


def topic_terms(ctx: Context) -> tuple[list[str], list[str]]:
    """The topic's content terms, and those its acronym expansion adds."""
    terms = list(ctx.query.topic_terms)
    return terms, [t for t in ctx.query.expansion_terms if t not in terms]


def topic_share(ctx: Context) -> Share:
    """text -> how fully it names the question's topic (its share of the topic terms, or of their acronym forms)."""
    terms, extra = topic_terms(ctx)
    stats = ctx.corpus.stats

    def share(text: str) -> float:
        if not terms:
            return 1.0
        value = stats.coverage(terms, text)
        return max(value, stats.coverage(extra, text)) if extra else value

    return share


def voted_items(ctx: Context, share: Share, params: DecisionParams) -> list[tuple[str, str]]:
    """The agenda items the hits point to, best first: rank-weighted votes, more for on-topic paragraphs."""
    votes: dict[tuple[str, str], float] = {}
    for rank, hit in enumerate(ctx.hits):
        key = (hit.paragraph.doc, hit.paragraph.item)
        votes[key] = votes.get(key, 0.0) + (0.5 + share(hit.paragraph.text)) / (1.0 + rank)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if not ranked:
        return []
    best = ranked[0][1]
    return [key for key, vote in ranked[: params.items] if vote >= params.item_ratio * best]


def relevant_items(ctx: Context, share: Share, params: DecisionParams) -> list[tuple[str, str]]:
    """The items a decision question is about: those it names by number, by title when retrieval agrees, else the hits' vote."""
    query = ctx.query
    with_decisions = [item for item in query.items if ctx.corpus.item_decisions(*item)]
    if query.explicit:
        return with_decisions[: params.items]
    top = {(h.paragraph.doc, h.paragraph.item) for h in ctx.hits[: params.named_item_hits]}
    named = [item for item in with_decisions if item in top]
    return named[:1] or voted_items(ctx, share, params)


def subitem_namer(ctx: Context, items: list[tuple[str, str]], share: Share, params: DecisionParams) -> Share:
    """A scorer for conclusion points that name a sub-item whose title names the topic.

    Conclusions refer to a sub-item by its own words ("the concept paper"), not by its topic
    ("blockchain"): a point naming "Outline of a concept paper on the use of blockchain" is a
    decision on blockchain.
    """
    titles = {
        p.subitem_title
        for doc, item in items
        for p in ctx.corpus.item_paragraphs(doc, item)
        if p.subitem_title and ";" not in p.subitem_title and share(p.subitem_title) >= params.names_topic
    }
    own_terms = [[t for t in content_terms(title) if share(t) < params.names_topic] for title in titles]
    own_terms = [terms for terms in own_terms if terms]

    def names(text: str) -> float:
        best = max((ctx.corpus.stats.coverage(terms, text) for terms in own_terms), default=0.0)
        return params.names_topic if best >= params.names_subitem else 0.0

    return names


# "the GNC-related instruments and tools (namely, the “GNC Handbook”, the ... flyer ...)": a discussion spelling
# out what a phrase stands for; a conclusion point naming the phrase names each thing it lists. The marker is
# found first and the phrase read back from it: a pattern that starts the phrase anywhere backtracks over every
# paragraph of the item for each conclusion point.
_SPELLING_OUT = re.compile(r"\((?:namely|i\.e\.|that is),?\s+([^()]{3,400})\)", re.IGNORECASE)
_PHRASE_END = re.compile(r"[().;:]")
_PHRASE_CHARS = 120


def spelled_out(ctx: Context, para: "Paragraph") -> list[tuple[list[str], str]]:
    """What the discussion of a conclusion's item spells out: (the last content terms of the phrase, the things it lists)."""
    found = []
    for other in ctx.corpus.item_paragraphs(para.doc, para.item):
        if other.decision:
            continue
        for match in _SPELLING_OUT.finditer(other.text):
            # The phrase: what precedes the parenthesis back to the clause's last bracket or stop, at most 120 characters.
            phrase = _PHRASE_END.split(other.text[max(0, match.start() - _PHRASE_CHARS) : match.start()])[-1]
            head = content_terms(phrase)[-3:] if len(phrase.strip()) >= 3 else []
            if head:
                found.append((head, match.group(1)))
    return found


def bullets_of(ctx: Context, para: "Paragraph", share: Share, names_subitem: Share | None = None) -> list[Bullet]:
    """The points of a conclusion paragraph, scored against the question, in printed order."""
    sentences, dense = ctx.sentence_scores(para)
    lead = decision_lead(para.text)
    # When the topic is the agenda item itself, every point of its conclusion is a decision on it.
    titled = share(f"{para.item_title} {para.subitem_title or ''}")
    spelled = spelled_out(ctx, para)
    out: list[Bullet] = []
    for i, sentence in enumerate(sentences):
        opening = decision_lead(sentence)
        text = strip_marker(sentence[len(opening) :].lstrip(" :") if opening else sentence)
        text = text.rstrip(";,. ").removesuffix("; and").removesuffix(" and").rstrip(";, ")
        if len(text.split()) >= 2:
            held = set(content_terms(text))
            listed = " ".join(things for head, things in spelled if set(head) <= held)
            named = max(share(f"{text} {listed}" if listed else text), titled, names_subitem(text) if names_subitem else 0.0)
            out.append(Bullet(text, para, i, named, float(dense[i]), lead))
    return out


def item_bullets(ctx: Context, items: list[tuple[str, str]], share: Share | None = None, names_subitem: Share | None = None) -> list[Bullet]:
    """Every point of the conclusions of the given items, in printed order."""
    share = share or (lambda text: 1.0)
    return [b for doc, item in items for para in ctx.corpus.item_decisions(doc, item) for b in bullets_of(ctx, para, share, names_subitem)]


def point_statement(bullet: Bullet) -> Statement:
    """A conclusion point as a quoted, cited statement."""
    return decision_point(bullet.text, citation_of(bullet.paragraph), bullet.lead)


def decision_answer(ctx: Context) -> list[Statement]:
    """Answer a decision question: the conclusion points that name the topic, then the discussion.

    When the topic is discussed under an item but no point of the item's conclusion names it, the
    answer says so plainly, quotes what the conclusion did decide, and cites the discussion.

    Args:
        ctx: the question in flight.

    Returns:
        Cited statements; empty when the relevant items have no conclusion.
    """
    params = ctx.settings.decisions
    terms, _ = topic_terms(ctx)
    share = topic_share(ctx)
    items = relevant_items(ctx, share, params)
    names_subitem = subitem_namer(ctx, items, share, params) if terms else None
    bullets = item_bullets(ctx, items, share, names_subitem)
    if not bullets:
        return []
    naming = [b for b in bullets if b.named >= params.names_topic]
    ranked, on_topic = _discussion(ctx, items, share, params.names_topic)
    home = (ranked[0].paragraph.doc, ranked[0].paragraph.item) if on_topic else None
    statements: list[Statement] = []
    limit = params.discussion_decided
    if naming:
        # Every point of one conclusion that names the topic: more of them cost no citation.
        one_paragraph = len({b.paragraph.key for b in naming}) == 1
        chosen = sorted(naming, key=lambda b: -(b.named + b.dense))[: None if one_paragraph else params.bullets]
    elif terms and home in items:
        # Discussed, never decided: say so, then what the item's conclusion did decide, in printed order.
        chosen = [b for b in bullets if (b.paragraph.doc, b.paragraph.item) == home][: params.bullets]
        first = chosen[0].paragraph
        topic = ctx.query.topic or "this topic"
        statements.append(
            Statement(
                f"T{body_named(first.text)[1:]} took no decision on {topic}: no point of its conclusion "
                f"on Item {first.item} ({first.item_title}) names it.",
                citation_of(first),
            )
        )
        limit = params.discussion
    else:
        chosen = sorted(bullets, key=lambda b: -b.dense)[: params.bullets]
    chosen.sort(key=lambda b: (b.paragraph.doc, b.paragraph.number, b.position))
    # Off-topic discussion would only add citations; on-topic discussion backs the decision up.
    discussion = reading_order(ranked[:limit] if on_topic else [], doc_order(ctx))
    return (
        statements
        + [point_statement(b) for b in chosen]
        + [Statement(s.text, citation_of(s.paragraph), quote=s.text) for s in discussion]
    )


def _discussion(ctx: Context, items: list[tuple[str, str]], share: Share, names_topic: float) -> tuple[list[Scored], bool]:
    """The discussion behind a decision: the best sentence of each of the items' other paragraphs,
    best first, those that name the topic before the others.

    Returns:
        (one sentence per paragraph, best first; whether the first ones name the topic).
    """
    rank = {h.paragraph.key: r for r, h in enumerate(ctx.hits)}
    candidates = [p for doc, item in items for p in ctx.corpus.item_paragraphs(doc, item) if not p.decision]
    # Retrieved paragraphs first (by rank), then the rest of the items in printed order.
    candidates.sort(key=lambda p: (rank.get(p.key, len(rank)), p.doc, p.number))
    knobs = replace(ctx.settings.extractive, paragraphs=len(candidates))
    scored = score_sentences(ctx, candidates, knobs)
    on_topic = [s for s in scored if share(s.text) >= names_topic]
    best: dict = {}
    for cand in on_topic or scored:
        best.setdefault(cand.paragraph.key, cand)  # one sentence per paragraph: breadth over the discussion
    return list(best.values()), bool(on_topic)
