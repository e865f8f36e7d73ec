"""Briefings: an item's (or topic's) conclusion points first, then one cited line per sub-item or presentation."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

import numpy as np

from index.query import countries_in

from qa.answer import Answer, Statement, render, unique_citations
from qa.context import Context
from qa.corpus import corpus_for
from qa.decisions import item_bullets, point_statement, topic_share
from qa.extractive import citation_of, is_procedural, section_context, strip_marker
from settings import Settings
from vocabulary import MONTHS, UPCOMING

if TYPE_CHECKING:
    from ingest.records import Paragraph

_MIN_WORDS = 6  # a shorter opening ("No comments were made.") says nothing of the section
# A calendar date: a month with its year or its day ("June 2024", "23 to 25 April"), not a year alone.
_DATED = re.compile(rf"\b(?:{MONTHS})\s+(?:19|20)\d{{2}}\b|\b\d{{1,2}}\s+(?:{MONTHS})\b")


def briefed_items(ctx: Context) -> list[tuple[str, str]]:
    """The items to brief on: those the question names, else the item of the best hit."""
    if ctx.query.items:
        return [ctx.query.items[0]] if not ctx.query.explicit else list(ctx.query.items)
    return [(h.paragraph.doc, h.paragraph.item) for h in ctx.hits[:1]]


def section_line(ctx: Context, section: Sequence["Paragraph"]) -> Statement | None:
    """One line for a sub-item or presentation: who presented what, else its first substantive sentence."""
    speakers = [p for p in section if p.key in ctx.corpus.speakers]
    for para in speakers + [p for p in section if p not in speakers]:
        for sentence in ctx.index.sentences(para.doc, para.ref) or [para.text]:
            text = strip_marker(sentence)
            if len(text.split()) >= _MIN_WORDS and not is_procedural(text, (), ctx.query.language):
                return Statement(text, citation_of(para), quote=text)
    return None


def central_line(ctx: Context, para: "Paragraph") -> Statement | None:
    """A paragraph's most central substantive sentence (closest to the mean of its sentences): what it is about."""
    sentences = ctx.index.sentences(para.doc, para.ref) or [para.text]
    vectors = ctx.index.sentence_vectors(para.doc, para.ref)
    if len(vectors) != len(sentences):
        return section_line(ctx, [para])
    centre = vectors.mean(axis=0)
    best: tuple[float, str] | None = None
    for sentence, vector in zip(sentences, vectors):
        text = strip_marker(sentence)
        if len(text.split()) >= _MIN_WORDS and not is_procedural(text, (), ctx.query.language):
            score = float(vector @ centre)
            if best is None or score > best[0]:
                best = (score, text)
    return Statement(best[1], citation_of(para), quote=best[1]) if best else None


def upcoming_line(ctx: Context, para: "Paragraph") -> Statement | None:
    """A paragraph's first sentence dating what comes next ("the next meeting was scheduled for 23 to 25 April 2024").

    A delegate preparing the next meeting wants its dates; a briefing's one or two lines per paragraph
    (who spoke, what it was about) rarely hold them.
    """
    for sentence in ctx.index.sentences(para.doc, para.ref) or [para.text]:
        text = strip_marker(sentence)
        if UPCOMING.search(text) and _DATED.search(text):
            return Statement(text, citation_of(para), quote=text)
    return None


def with_upcoming(ctx: Context, statements: list[Statement]) -> list[Statement]:
    """The statements with each cited discussion paragraph's upcoming-dates line after its last line (no new citation)."""
    out = list(statements)
    for key in dict.fromkeys(s.citation.key for s in statements):
        para = ctx.index.paragraph(*key)
        line = upcoming_line(ctx, para) if para is not None and not para.decision else None
        if line is None or any(s.text == line.text for s in out):
            continue
        last = max(i for i, s in enumerate(out) if s.citation.key == key)
        out.insert(last + 1, line)
    return out


def country_sections(ctx: Context, sections: list[list["Paragraph"]]) -> list[list["Paragraph"]]:
    """The sections presenting a country the question names ("Norway's presentation"), when only some do; else all.

    A section presents a country when what it says of itself (`qa.extractive.section_context`: heading,
    sub-item title, presenter) names it ("Presentation by Norway", "Norwegian Customs presented ...").
    """
    wanted = set(ctx.query.countries)
    if not wanted:
        return sections

    def presents(section: list["Paragraph"]) -> bool:
        return bool(wanted & set(countries_in(section_context(ctx, section[0]), ctx.query.language)))

    own = [section for section in sections if presents(section)]
    return own or sections


def topic_subitem(ctx: Context, doc: str, item: str) -> set[str]:
    """The one sub-item whose title names the question's topic when the item's own title does not, else none.

    "Catch me up on the e-commerce fulfilment guidelines discussion" is about sub-item e ("Outline of a
    new WCO tool “E-Commerce Fulfilment ...”"), not the whole E-Commerce item; "Brief me on e-commerce"
    names the item itself.
    """
    paragraphs = ctx.corpus.item_paragraphs(doc, item)
    share, limit = topic_share(ctx), ctx.settings.decisions.names_topic
    if not ctx.query.topic_terms or not paragraphs or share(paragraphs[0].item_title or "") >= limit:
        return set()
    titled = {p.subitem for p in paragraphs if p.subitem and p.subitem_title and share(p.subitem_title) >= limit}
    return titled if len(titled) == 1 else set()


def briefing(ctx: Context) -> list[Statement]:
    """Brief on an item or a topic: every point of its conclusion, then one line per sub-item or presentation
    (per paragraph when the item's discussion is one run).

    A question naming a sub-item ("Brief me on blockchain") is briefed on that sub-item: the
    conclusion points that name its topic, then its own lines; one naming a country ("Norway's
    presentation") on the sections presenting it, when only some do. A single section so chosen gets
    a line per paragraph. A question naming no sub-item is briefed on the one whose title names its topic,
    when the item's title does not.

    Args:
        ctx: the question in flight.

    Returns:
        Cited statements (empty when no item is found).
    """
    statements: list[Statement] = []
    named_subitems = {(d, i, s) for d, i, s in ctx.query.subitems}
    for doc, item in briefed_items(ctx):
        narrow = {s for d, i, s in named_subitems if (d, i) == (doc, item)}
        if not narrow and not ctx.query.countries:
            narrow = topic_subitem(ctx, doc, item)
        bullets = item_bullets(ctx, [(doc, item)], topic_share(ctx))
        if narrow:
            bullets = [b for b in bullets if b.named >= ctx.settings.decisions.names_topic] or bullets
        sections = ctx.corpus.sections(doc, item)
        if narrow:
            sections = [section for section in sections if section[0].subitem in narrow]
        elif len(own := country_sections(ctx, sections)) < len(sections):
            # "Norway's presentation": its sections, and the conclusion points naming Norway
            sections, wanted = own, set(ctx.query.countries)
            bullets = [b for b in bullets if wanted & set(countries_in(b.text, ctx.query.language))] or bullets
        if len(sections) == 1:
            # An item discussed in one run (no sub-items or presentations), or the one sub-item or
            # presentation asked about: one line per paragraph of it.
            sections = [[para] for para in sections[0]]
        statements += [point_statement(b) for b in bullets]
        for section in sections:
            lines = [section_line(ctx, section)]
            if len(section) == 1:  # a paragraph of its own: its opening (who spoke) and its most central sentence
                lines.append(central_line(ctx, section[0]))
            for line in dict.fromkeys(line for line in lines if line is not None):
                statements.append(line)
    return with_upcoming(ctx, statements)


def brief_item(index, doc: str, item: str, settings: Settings) -> Answer:
    """A briefing on one agenda item, without a question (the app's "Brief me on this item").

    Args:
        index: the loaded index.
        doc: report id.
        item: agenda item numeral.
        settings: configuration.

    Returns:
        The Answer (mode "briefing"); not answerable when the item has no paragraphs.
    """
    from index.query import Query

    corpus = corpus_for(index)
    paragraphs = corpus.item_paragraphs(doc, item)
    title = paragraphs[0].item_title if paragraphs else ""
    query = Query(text=f"Brief me on item {item} {title}".strip(), kind="briefing", items=((doc, item),), explicit=True)
    dim = index.sentence_vectors(doc, paragraphs[0].ref).shape[1] if paragraphs else 1
    ctx = Context(query, [], index, corpus, np.zeros(dim, dtype=np.float32), settings)
    statements = briefing(ctx)
    citations = unique_citations(statements)
    by_key = {p.key: p for p in paragraphs}
    return Answer(
        question=query.text,
        text=render(statements, corpus.report_names),
        citations=citations,
        hits=[],
        answerable=bool(statements),
        mode="briefing",
        statements=statements,
        sources=[by_key[c.key] for c in citations if c.key in by_key],
        report_names=corpus.report_names,
    )
