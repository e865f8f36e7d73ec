"""List answers: every matching conclusion point, presenter or sentence across the items a question covers, each cited."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Statement
from qa.answer_type import offers
from qa.context import Context
from qa.decisions import Bullet, item_bullets, point_statement, relevant_items, topic_share
from qa.extractive import citation_of, doc_order, reading_order, score_sentences, strip_marker
from vocabulary import vocabulary

if TYPE_CHECKING:
    from ingest.records import Paragraph

# Decision wording that names no particular act ("decision", "outcome") filters nothing.
_NO_VERB = frozenset({"decis", "outco", "concl", "resul", "came", "come", "happe", "final", "anyth", "take", "took", "taken", "takin"})


def scope(ctx: Context) -> list[tuple[str, str]]:
    """The items a list question covers: those it names (by number or title), in report order."""
    return list(ctx.query.items)


def asked_acts(ctx: Context) -> set[str]:
    """Five-letter prefixes of the acts a question lists ("took note" -> "note", "endorsed" -> "endor")."""
    words = vocabulary(ctx.query.language).decision_words.findall(ctx.query.text)
    prefixes = {w.lower()[:5] for w in words}
    return {p for p in prefixes if p not in _NO_VERB}


def _does(bullet: Bullet, acts: set[str]) -> bool:
    """Whether a conclusion point opens with one of the asked acts."""
    opening = [w.lower() for w in re.findall(r"[\w-]+", bullet.text)[:6]]
    return any(w.startswith(act) for w in opening for act in acts)


def decision_points(ctx: Context) -> list[Statement]:
    """Every point of the covered items' conclusions that does what is asked ("took note of", "endorsed", ...)."""
    params = ctx.settings.decisions
    share = topic_share(ctx)
    items = scope(ctx) or relevant_items(ctx, share, params)
    bullets = item_bullets(ctx, items, share)
    acts = asked_acts(ctx)
    chosen = [b for b in bullets if _does(b, acts)] if acts else bullets
    if ctx.query.topic_terms and not ctx.query.items:
        chosen = [b for b in chosen if b.named >= params.names_topic] or chosen
    return [point_statement(b) for b in chosen[: ctx.settings.lists.lines]]


def speaker_lines(ctx: Context) -> list[Statement]:
    """One cited line per paragraph that introduces a speaker, across the covered items (or the hits)."""
    corpus = ctx.corpus
    items = scope(ctx)
    if items:
        # The first speaker of each sub-item or presentation: who presented, not who replied.
        paragraphs = [
            first
            for doc, item in items
            for section in corpus.sections(doc, item)
            for first in [p for p in section if p.key in corpus.speakers][:1]
        ]
    else:
        share = topic_share(ctx)
        hits = [h.paragraph for h in ctx.hits[: ctx.settings.lists.paragraphs]]
        paragraphs = [p for p in hits if p.key in corpus.speakers and share(p.text) >= ctx.settings.lists.topic_share]
        paragraphs.sort(key=lambda p: (p.doc, p.number))
    lines = [_first_sentence(ctx, p) for p in paragraphs]
    if ctx.query.wants:
        lines = [line for line in lines if offers(ctx.query.wants, line.text, ctx.query)]
    return lines[: ctx.settings.lists.lines]


def _first_sentence(ctx: Context, para: "Paragraph") -> Statement:
    sentences = ctx.index.sentences(para.doc, para.ref) or [para.text]
    text = strip_marker(sentences[0])
    return Statement(text, citation_of(para), quote=text)


def topic_lines(ctx: Context) -> list[Statement]:
    """The best sentence of each covered paragraph that names the topic (and holds the asked type), in reading order."""
    params = ctx.settings.lists
    share = topic_share(ctx)
    items = scope(ctx)
    if items:
        paragraphs = [p for doc, item in items for p in ctx.corpus.item_paragraphs(doc, item)]
    else:
        paragraphs = [h.paragraph for h in ctx.hits[: params.paragraphs]]
    scored = score_sentences(ctx, paragraphs)
    best: dict = {}
    for cand in scored:
        if share(cand.text) < params.topic_share or (ctx.query.wants and not cand.typed):
            continue
        best.setdefault(cand.paragraph.key, cand)
    chosen = sorted(best.values(), key=lambda s: -s.score)[: params.lines]
    return [Statement(s.text, citation_of(s.paragraph), quote=s.text) for s in reading_order(chosen, doc_order(ctx))]


def list_answer(ctx: Context) -> list[Statement]:
    """Answer a list question: conclusion points, presenters, or on-topic sentences, all of them, each cited.

    Args:
        ctx: the question in flight.

    Returns:
        Cited statements (empty when nothing matches).
    """
    if ctx.query.decision:
        points = decision_points(ctx)
        if ctx.query.speaker or not points:
            return points + speaker_lines(ctx)
        return points
    if ctx.query.speaker:
        return speaker_lines(ctx) or topic_lines(ctx)
    return topic_lines(ctx)
