"""Question to Answer: parse once, retrieve, compose by kind (decision, list, briefing, factoid), then judge answerability."""
from __future__ import annotations

from typing import Any, Callable

from index.query import normalise_query
from qa.answer import Answer, Statement, render, unique_citations
from qa.answerability import evidence, probability
from qa.briefing import briefing
from qa.context import Context
from qa.corpus import corpus_for
from qa.decisions import decision_answer
from qa.extractive import cover_parts, extract
from qa.language import analyse
from qa.lists import is_report_wide, list_answer, member_item, topic_act
from qa.llm import LLMError, llm_answer
from qa.multilingual import answer_multilingual
from qa.partial import abstain_answer, partial_answer, state_detail
from qa.question import clean_question
from qa.report_scope import scoped_filters
from settings import Settings

# Hits retrieved per hit kept, before copies of one text are dropped (distinct_texts).
DUPLICATE_SPARE = 3
DUPLICATE_SPARE_MAX = 192
# Answer composers by question kind; each falls back to plain extraction when it finds nothing.
COMPOSERS = {"decision": decision_answer, "list": list_answer, "briefing": briefing}


def prepare(text: str, index: Any, settings: Settings, k: int | None = None, filters: Any = None, language: str = "en") -> Context:
    """Parse a cleaned question once, encode it once and retrieve its hits.

    Args:
        text: the cleaned question.
        index: the loaded index.Index.
        settings: configuration.
        k: hits to retrieve (default settings.qa_search_k; never fewer).
        filters: index.Filters or None.
        language: the question's language.

    Returns:
        The question in flight.
    """
    query = index.parse(text, language)
    vector = index.query_vector(query)
    wanted = max(k or 0, settings.qa_search_k)
    hits = distinct_hits(lambda n: index.search(query, k=n, filters=filters, query_vector=vector), wanted)
    return Context(query, hits, index, corpus_for(index), vector, settings, filters)


def distinct_hits(search: Callable[[int], list], wanted: int) -> list:
    """`wanted` hits with distinct paragraph texts, asking `search(n)` for more while copies crowd them out.

    Spare hits let copies of one text (a report indexed under several ids) be dropped without leaving
    the composers fewer paragraphs to choose from.
    """
    asked = wanted * DUPLICATE_SPARE
    while True:
        hits = search(asked)
        kept = distinct_texts(hits, wanted)
        if len(kept) >= wanted or len(hits) < asked or asked >= wanted * DUPLICATE_SPARE_MAX:
            return kept
        asked *= 4


def distinct_texts(hits: list, k: int) -> list:
    """The first `k` hits whose paragraph texts differ: a copy of a higher-ranked paragraph's text is dropped.

    Without this, a text repeated across reports fills the hit list with one paragraph and crowds out
    the neighbouring paragraphs that answer the question.
    """
    seen: set[str] = set()
    kept = []
    for hit in hits:
        text = " ".join(hit.paragraph.text.split())
        if text in seen:
            continue
        seen.add(text)
        kept.append(hit)
        if len(kept) == k:
            break
    return kept


def compose(ctx: Context) -> tuple[list[Statement], str]:
    """The answer's statements and its mode, by the question's kind."""
    kind = ctx.query.kind
    if kind == "decision" and is_report_wide(ctx) and not member_item(ctx):
        # "What did the PTC agree to at this meeting?": every such point of every item; "... on the Serbian
        # presentation" names a Member whose part is one item's, however spread the topic's other words are
        kind = "list"
    composer = COMPOSERS.get(kind)
    if composer is not None:
        statements = within_filters(ctx, composer(ctx))
        if statements:
            return within_filters(ctx, cover_parts(ctx, statements)), kind
    return within_filters(ctx, cover_parts(ctx, state_detail(ctx, extract(ctx)))), "extractive"


def within_filters(ctx: Context, statements: list[Statement]) -> list[Statement]:
    """The statements whose cited paragraph the user's filters allow (all when there is no filter)."""
    return [s for s in statements if ctx.allows(s.citation.doc, s.citation.ref)]


def answer(question: str, index: Any, k: int = 10, filters: Any = None, settings: Settings | None = None) -> Answer:
    """Answer a question from the index, citing the paragraphs every sentence comes from.

    Args:
        question: the user's question (cut to settings.max_question_chars with a warning).
        index: a loaded index.Index.
        k: hits to return (at least settings.qa_search_k are retrieved to compose the answer).
        filters: index.Filters applied to retrieval (reports, sessions, items, decisions only); without a report,
            session or year filter, a session or year the question names keeps retrieval to that report.
        settings: configuration (entry points pass `load_settings()`); the defaults when None.

    Returns:
        The answer; `answerable` is False when the reports do not answer (mode "abstain", or
        "partial" when they discuss the topic but not the detail asked for).

    Raises:
        QuestionError: the question is empty.
    """
    settings = settings or Settings()
    text, warnings = clean_question(question, settings.max_question_chars)
    analysis = analyse(text)
    # A question naming a session or year is answered from that report, never silently from another.
    filters, missing, search_text = scoped_filters(text, index, filters)
    if analysis.language != "en":
        return answer_multilingual(text, analysis, index, max(k, settings.qa_search_k), filters, settings, warnings + ([missing] if missing else []))
    ctx = prepare(search_text, index, settings, k, filters)
    if missing:
        return abstain_answer(ctx, warnings + [missing])
    result = respond(ctx, warnings)
    result.question = normalise_query(text)  # the question as asked, not the text retrieved with
    return result


def structured_hits(hits: list, cited: list, by_rank: bool = False) -> list:
    """A list or briefing answer's hits: the paragraphs it cites first, then the rest as ranked.

    Such answers come from the item's structure, not from the retrieval order, so the ranking shown
    (and scored) leads with what the answer is made of. A briefing's cited paragraphs keep the answer's
    order (the item's conclusion first); a list's elements are peers, so with `by_rank` they go in
    retrieval order, the best-matching first (those retrieval did not find after them, in answer order).
    """
    from index.search import Hit

    ranked = {h.paragraph.key: h for h in hits}
    if by_rank:
        position = {h.paragraph.key: i for i, h in enumerate(hits)}
        cited = sorted(cited, key=lambda p: position.get(p.key, len(hits)))
    top = max((h.final for h in hits), default=0.0)
    lead = [ranked.get(p.key) or Hit(p, 0.0, 0.0, 0.0, top) for p in cited]
    keys = {p.key for p in cited}
    return lead + [h for h in hits if h.paragraph.key not in keys]


def respond(ctx: Context, warnings: list[str]) -> Answer:
    """Compose the answer for a prepared question, or abstain when the calibrated model finds it unanswered."""
    settings = ctx.settings
    if ctx.query.foreign_proceedings:
        # Only its own proceedings are out of reach: a foreign body merely named is a constraint (qa.answerability).
        body = ctx.query.foreign_bodies[0]
        return abstain_answer(ctx, warnings, f"The indexed reports do not record the proceedings of the {body}.")
    statements, mode = compose(ctx)
    signals = evidence(ctx, statements)
    model = settings.answerability
    answered = bool(statements) and probability(model, signals) >= model.threshold
    if not model.weights:  # no fitted model: the hard checks alone
        answered = bool(statements) and signals.values["type_present"] and signals.values["constraints"] >= 1.0
    if mode in ("list", "briefing") and ctx.query.items:
        answered = True  # the item the question names settles it: its structure is the answer
    if mode == "list" and topic_act(ctx):
        answered = True  # conclusion points open with the act asked ("provided guidance"): the report records them
    named = signals.values["points_name_topic"] >= settings.decisions.names_topic
    discussed = signals.values["topic_paragraphs"] >= settings.decisions.discussed_paragraphs
    if mode == "decision" and (named or discussed) and signals.values["constraints"] >= 1.0:
        # a conclusion point names the asked topic, or the discussion holds it: the report records the decision (or its absence)
        answered = True
    if not answered:
        # "does not state the date" only when the answer found lacks it, not when the model merely doubts it
        near_miss = signals.values["detail_filled"] < 1.0 or signals.values["constraints"] < 1.0
        return (partial_answer(ctx, warnings) if near_miss else None) or abstain_answer(ctx, warnings)
    if settings.llm_base_url:
        try:
            checked = llm_answer(ctx.query.text, ctx.hits, settings, ctx.corpus.report_names)
            statements, mode = checked.statements, "llm"
            warnings += [f"LLM answer: {line}" for line in checked.dropped]
        except LLMError as exc:
            warnings.append(f"LLM unavailable, extractive answer shown instead: {exc}")

    citations = unique_citations(statements)
    by_key = {p.key: p for p in (h.paragraph for h in ctx.hits)}
    sources = [by_key.get(c.key) or ctx.index.paragraph(c.doc, c.ref) for c in citations]
    hits = list(ctx.hits)
    if mode in ("list", "briefing"):
        hits = structured_hits(hits, [p for p in sources if p is not None], by_rank=mode == "list")
    return Answer(
        question=ctx.query.text,
        text=render(statements, ctx.corpus.report_names),
        citations=citations,
        hits=hits,
        answerable=True,
        mode=mode,
        warnings=warnings,
        statements=statements,
        sources=[p for p in sources if p is not None],
        report_names=ctx.corpus.report_names,
    )
