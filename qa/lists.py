"""List answers: every matching conclusion point, presenter or sentence across the items a question covers, each cited."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable

from index.query import countries_in
from qa.answer import Statement
from qa.answer_type import offers
from qa.context import Context
from qa.decisions import Bullet, item_bullets, point_statement, relevant_items, topic_share
from qa.extractive import citation_of, doc_order, is_procedural, names_asked, reading_order, score_sentences, strip_marker
from qa.terms import token_set

if TYPE_CHECKING:
    from ingest.records import Paragraph

def scope(ctx: Context) -> list[tuple[str, str]]:
    """The items a list question covers: those it names (by number or title), in report order."""
    return list(ctx.query.items)


def report_items(ctx: Context) -> list[tuple[str, str]]:
    """Every agenda item, in printed order, of the report the best hit is from."""
    docs = doc_order(ctx)[:1]
    return [key for key in ctx.corpus.items if key[0] in docs and key[1]]


def is_report_wide(ctx: Context) -> bool:
    """Whether a question asks across the whole report: it names no item, and its topic is none or spread over the items.

    "Which documents did the PTC endorse?" has a topic ("document") that paragraphs of many items
    mention; "What did the PTC endorse on blockchain?" has one that one item holds. Words few
    paragraphs use ("throughout") name no item. Judged once per question: the pipeline routes a
    decision question by it and the list composer then reads the same judgement.
    """
    return ctx.once(_report_wide)


def _report_wide(ctx: Context) -> bool:
    if ctx.query.items or ctx.query.names_item:
        return False  # "under the update and reports item" names one, even when its title was not recognised
    terms = list(ctx.query.list_topic)  # stems: "PFCWG's" is already the PFCWG (index.text)
    if not terms:
        return True
    stats, names_topic = ctx.corpus.stats, ctx.settings.decisions.names_topic
    whole = _spread(ctx, lambda text: stats.coverage(terms, text) >= names_topic)
    if whole is not None:
        return whole  # the topic as a whole: "Time Release Study Guide" is one item's, "documents" many items'
    # No paragraph holds the whole topic ("documents ... throughout the meeting"): each word it uses must be spread.
    spread = [_spread(ctx, lambda text, t=t: t in token_set(text)) for t in terms]
    return any(spread) and not any(s is False for s in spread)


def _spread(ctx: Context, uses: Callable[[str], bool]) -> bool | None:
    """Whether the paragraphs that use something are spread over the report's items (None when fewer than two use it)."""
    counts = _item_counts(ctx, uses)
    if sum(counts.values()) < 2:
        return None  # one mention ("throughout") tells nothing about where the topic lives
    return _is_spread(ctx, counts)


def member_item(ctx: Context) -> bool:
    """Whether a country the question names is one item's: "the Serbian presentation" is not a report-wide question.

    The country's paragraphs (by name or adjective) in the best hit's report are not spread over its
    items (`_is_spread`), however spread the topic's other words are.
    """
    wanted = set(ctx.query.countries)
    if not wanted:
        return False
    counts = _item_counts(ctx, lambda text: bool(wanted & set(countries_in(text, ctx.query.language))))
    return bool(counts) and not _is_spread(ctx, counts)


def _item_counts(ctx: Context, uses: Callable[[str], bool]) -> dict[tuple[str, str], int]:
    """How many paragraphs of each item of the best hit's report use something (items using it only)."""
    counts: dict[tuple[str, str], int] = {}
    for key in report_items(ctx):
        for para in ctx.corpus.item_paragraphs(*key):
            if uses(para.text):
                counts[key] = counts.get(key, 0) + 1
    return counts


def _is_spread(ctx: Context, counts: dict[tuple[str, str], int]) -> bool:
    """Spread: at least `lists.spread_items` items use it and none holds `lists.concentration` of its paragraphs."""
    total = sum(counts.values())
    return len(counts) >= ctx.settings.lists.spread_items and max(counts.values(), default=0) < ctx.settings.lists.concentration * total


def _openings(bullet: Bullet) -> list[list[str]]:
    """The first two words of each clause of a conclusion point, lower-cased: where its acts are said."""
    clauses = re.split(r",\s*|;\s*|\s+and\s+", bullet.text)
    return [[w.lower() for w in re.findall(r"[\w-]+", clause)[:2]] for clause in clauses]


def _does(bullet: Bullet, acts: frozenset[str]) -> bool:
    """Whether a conclusion point does one of the asked acts: a clause of it opens with the act's verb.

    "discussed the draft outline ..., endorsed the proposed work" endorses; "took note of the
    report endorsed by the Council" does not.
    """
    return any(w.startswith(act) for opening in _openings(bullet) for w in opening for act in acts)


def _opened_by(opening: list[str], stems: Iterable[str]) -> frozenset[str]:
    """The stems some of a clause's opening words start with."""
    return frozenset(t for t in stems if any(w.startswith(t) for w in opening))


def _does_all(bullet: Bullet, act: frozenset[str]) -> bool:
    """Whether one clause of a conclusion point opens with every word of an act ("provided guidance on ...")."""
    return any(_opened_by(opening, act) == act for opening in _openings(bullet))


def _opening_acts(bullets: list[Bullet], terms: list[str]) -> frozenset[str]:
    """The topic's stems that open a clause of conclusion points together, when the question names no decision verb.

    "On which matters did the PTC provide guidance?" asks for the points that "provided guidance on ...":
    the act is the topic words the conclusions' clauses open with, a verb and its object ("provid" and
    "guidanc" over "provid" alone in "provided input"); none when no clause opens with two topic words
    (one alone is often the topic itself, "report", not an act of the body).
    """
    stems = {t for t in terms if len(t) >= 4}
    best: frozenset[str] = frozenset()
    for bullet in bullets:
        for opening in _openings(bullet):
            used = _opened_by(opening, stems)
            if len(used) > len(best):
                best = used
    return best if len(best) >= 2 else frozenset()


def _covered_bullets(ctx: Context) -> list[Bullet]:
    """The conclusion points of the items a decision list covers (named, the whole report, or the topic's).

    Judged once: the act of the list (`topic_act`) and its points (`decision_points`) read the same ones.
    """
    return ctx.once(_cover)


def _cover(ctx: Context) -> list[Bullet]:
    share = topic_share(ctx)
    wide = is_report_wide(ctx)
    items = scope(ctx) or (report_items(ctx) if wide else relevant_items(ctx, share, ctx.settings.decisions))
    return item_bullets(ctx, items, share if not wide else None)


def topic_act(ctx: Context) -> frozenset[str]:
    """The act a decision list asks for in its topic's words, when it names no decision verb (empty otherwise).

    "On which matters did the PTC provide guidance?": the conclusions' points open with "provided guidance",
    the report's own wording of the act (`_opening_acts`). Judged once: the list composer selects the points
    with it, and the pipeline reads it as the report recording what was asked.
    """
    return ctx.once(_topic_act)


def _topic_act(ctx: Context) -> frozenset[str]:
    if ctx.query.acts or not ctx.query.decision:
        return frozenset()
    return _opening_acts(_covered_bullets(ctx), list(ctx.query.list_topic))


def decision_points(ctx: Context) -> list[Statement]:
    """Every point of the covered items' conclusions that does what is asked ("took note of", "endorsed", ...)."""
    params = ctx.settings.decisions
    bullets = _covered_bullets(ctx)
    terms = list(ctx.query.list_topic)
    acts = ctx.query.acts
    opening = topic_act(ctx)
    if acts:
        chosen = [b for b in bullets if _does(b, acts)]
    elif opening:
        chosen = [b for b in bullets if _does_all(b, opening)]
    else:
        chosen = bullets
    if terms and not ctx.query.items:
        stats = ctx.corpus.stats
        chosen = [b for b in chosen if stats.coverage(terms, b.text) >= params.names_topic] or chosen
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
    if not items:
        # From the hits, a paragraph naming the topic somewhere is not enough: its speaker's line must name it.
        lines = [line for line in lines if share(line.text) >= ctx.settings.lists.topic_share]
    if ctx.query.wants:
        lines = [line for line in lines if offers(ctx.query.wants, line.text, ctx.query)]
    return [_naming_asked(ctx, line) for line in lines[: ctx.settings.lists.lines]]


def _naming_asked(ctx: Context, line: Statement) -> Statement:
    """A speaker's line, or the sentence of its paragraph naming the thing asked for when the line does not.

    "Which international bodies sent observers to the meeting?": the chair's report is the paragraph, its
    sentence "... including observers from the IMO and ICAO" the line. The paragraph is chosen by its
    speaker's line as before; only the quoted sentence changes.
    """
    if not ctx.query.asked or names_asked(ctx.query, line.text):
        return line
    sentences = [strip_marker(s) for s in ctx.index.sentences(line.citation.doc, line.citation.ref)]
    text = next((s for s in sentences if names_asked(ctx.query, s)), None)
    return Statement(text, line.citation, quote=text) if text else line


def _first_sentence(ctx: Context, para: "Paragraph") -> Statement:
    """The paragraph's first sentence that says more than procedure: who presented what, not "The Chair invited ..."."""
    sentences = [strip_marker(s) for s in ctx.index.sentences(para.doc, para.ref)] or [para.text]
    # Judged without the question's terms: "Secretariat" asked about does not make "The Chair invited the Secretariat ..." a line.
    text = next((s for s in sentences if not is_procedural(s, (), ctx.query.language)), sentences[0])
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
    if any(s.constrained for s in scored):
        scored = [s for s in scored if s.constrained]  # "What did China and Canada mention": their lines only
    scored = [s for s in scored if not (ctx.query.wants and not s.typed)]
    # "What three points did the WSC want added?": the sentences naming points, not every sentence naming the
    # WSC; each is an element of the list ("Another topic suggested ...", "... specific topics, for example, ...").
    # Within the items the question names, naming the thing listed is enough: the item is its topic.
    holding = [s for s in scored if names_asked(ctx.query, s.text) and (items or share(s.text) >= params.topic_share)]
    scored = [s for s in scored if share(s.text) >= params.topic_share]
    if holding:
        chosen = holding[: params.lines]
    else:
        best: dict = {}
        for cand in scored:
            best.setdefault(cand.paragraph.key, cand)  # each paragraph's best sentence on the topic
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
