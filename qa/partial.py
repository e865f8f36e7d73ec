"""Answers short of one: a sentence stating the asked detail, the near miss ("does not state ..."), the abstention."""
from __future__ import annotations

import re
from typing import Sequence

from index.query import Query, content_terms, countries_in, ordinal_pattern
from qa.answer import Answer, Citation, Statement, cite_label
from qa.answer_type import holds, type_label
from qa.answerability import TOP_PARAGRAPHS, constraints_met
from qa.context import Context
from qa.extractive import Scored, to_statement
from qa.terms import token_set
from vocabulary import vocabulary

NOT_ANSWERED = "The reports do not answer this question."
PARTIAL_COVERAGE = 0.4  # a near miss: the best paragraph holds this share of the topic, not the detail


def state_detail(ctx: Context, statements: list[Statement]) -> list[Statement]:
    """The composed answer, or a sentence stating the asked detail when the answer's sentences do not.

    "How many attended the workshop?" composed from the sentence that names the workshop and its dates
    holds no count; a sentence of a top paragraph holding one ("Some 105 participants ...") answers
    instead, if it is about as close to the question as the best sentence (within settings'
    answerability.detail_margin) and its paragraph meets the question's constraints.

    Args:
        ctx: the question in flight.
        statements: the composed answer.

    Returns:
        The statements to answer with.
    """
    asked = ctx.query.detail
    if asked is None or not statements or any(holds(asked, s.quote or s.text, ctx.query) for s in statements):
        return statements
    best = 0.0
    candidates = []
    for hit in ctx.hits[:TOP_PARAGRAPHS]:
        sentences, dense = ctx.sentence_scores(hit.paragraph)
        for position, (sentence, similarity) in enumerate(zip(sentences, dense)):
            best = max(best, float(similarity))
            if holds(asked, sentence, ctx.query):
                candidates.append(Scored(hit.paragraph, position, sentence, float(similarity), float(similarity), True, 0.0))
    for candidate in sorted(candidates, key=lambda c: -c.dense):
        if candidate.dense < best - ctx.settings.answerability.detail_margin:
            break
        statement = to_statement(candidate)
        if constraints_met(ctx, [statement]) >= 1.0:
            return [statement]
    return statements


def _related(ctx: Context) -> str:
    """"¶38 (Item V E-Commerce); ..." for the three best hits."""
    names = ctx.corpus.report_names
    related = []
    for hit in ctx.hits[:3]:
        p = hit.paragraph
        label = f"¶{p.number}" if len(names) <= 1 else f"{names.get(p.doc, p.doc)} ¶{p.number}"
        related.append(f"{label} (Item {p.item} {p.item_title})" if p.item else label)
    return "; ".join(related)


def abstain_answer(ctx: Context, warnings: list[str], note: str = "") -> Answer:
    """The answer when the reports do not answer: no citations, the closest paragraphs as related.

    Args:
        ctx: the question in flight.
        warnings: warnings collected so far.
        note: a sentence saying why (e.g. the body asked about is not one whose reports are indexed).

    Returns:
        An Answer with answerable=False and mode "abstain".
    """
    text = NOT_ANSWERED + (f" {note}" if note else "")
    related = _related(ctx)
    if related:
        text += f" Closest related paragraphs: {related}."
    return Answer(
        question=ctx.query.text,
        text=text,
        citations=[],
        hits=list(ctx.hits),
        answerable=False,
        mode="abstain",
        warnings=list(warnings),
        report_names=ctx.corpus.report_names,
    )


def _without(phrase: str, name: str) -> str:
    """A phrase without a country or year it names, and the preposition that introduces it ("the threshold in the UK")."""
    pattern = rf"\s*\b(?:(?:in|of|for|by|from)\s+(?:the\s+)?)?{re.escape(name)}(?:['’]s)?(?![\w-])"
    return re.sub(r"\s+", " ", re.sub(pattern, " ", phrase, flags=re.IGNORECASE)).strip()


def topic_phrase(query: Query, text: str, missing: Sequence[str] = ()) -> str:
    """The question's noun phrase naming what a paragraph discusses, for a near miss ("" when none does).

    A phrase of `Query.phrases`, or a part of one its joining words delimit, whose words the paragraph
    all holds once the countries and years it does not name are left out ("the 2021 Women at Borders
    workshop" -> "the Women at Borders workshop"); the longest, and the topic rather than an actor that
    names a country ("the Canadian Government"). Phrases of question words or discussants only
    ("Members", "the PTC", "observers") name no topic.

    Args:
        query: the question.
        text: the paragraph's text.
        missing: the question's countries and years the paragraph does not name.
    """
    present = token_set(text)
    discussants = vocabulary(query.language).discussants
    best, best_key = "", None
    for position, whole in enumerate(query.phrases):
        for name in missing:
            whole = _without(whole, name)
        for phrase in _parts(whole, query.language):
            stems = token_set(phrase)
            topical = [w for w in phrase.split() if not discussants.fullmatch(w)]
            if not content_terms(" ".join(topical), query.language) or not stems <= present:
                continue
            key = (not countries_in(phrase, query.language), len(stems), -position)
            if best_key is None or key > best_key:
                best, best_key = phrase, key
    return best


def _parts(phrase: str, language: str) -> list[str]:
    """A phrase and the shorter phrases its joining words delimit, longest first.

    "the WCO delegation to the Kigali conference" -> it, "the WCO delegation", "the Kigali conference".
    """
    vocab = vocabulary(language)
    words = phrase.split()
    # Not inside a name ("Women at Borders", "Climate Change and Customs Workshop").
    cuts = [
        i for i, w in enumerate(words)
        if w.lower() in vocab.phrase_joins and 0 < i < len(words) - 1 and not (words[i - 1][:1].isupper() and words[i + 1][:1].isupper())
    ]
    starts = [0] + [c + 1 for c in cuts]
    ends = cuts + [len(words)]
    parts = [" ".join(words[starts[a] : ends[b]]) for a in range(len(starts)) for b in range(a, len(ends))]
    return sorted(dict.fromkeys(p for p in parts if p), key=lambda p: -len(p.split()))


def counted_phrase(query: Query, topic: str = "") -> str:
    """" of <what is counted>" for a count question's near miss ("the number of counterfeit seizures"), else "".

    The question's noun phrase holding the counted word (Query.measured), without its determiner or "number
    of"; nothing when the discussed topic names it already.
    """
    if query.detail != "count" or not query.measured:
        return ""
    head = query.measured[0]
    for phrase in query.phrases:
        if head not in phrase.lower().split():
            continue
        counted = re.sub(r"^(?:(?:the|a|an)\s+)?(?:total\s+)?(?:number\s+of\s+)?", "", phrase, flags=re.IGNORECASE)
        return "" if not counted or counted.lower() in topic.lower() else f" of {counted}"
    return ""


def partial_answer(ctx: Context, warnings: list[str]) -> Answer | None:
    """A near miss: the report discusses the topic but does not state what is asked (an amount, a date, a country ...).

    Returns:
        "The report discusses <topic> [¶N] but does not state the figure." (answerable=False, mode
        "partial", citing ¶N), or None when no top paragraph discusses the topic.
    """
    query = ctx.query
    # The constraints (countries, years, "its third meeting") are what may be missing, not the topic.
    constraints = list(query.countries) + list(query.years) + [phrase for _, phrase in query.ordinals]
    named = {t for name in constraints for t in content_terms(name)}
    topic_terms = [t for t in (query.topic_terms or query.terms) if t not in named]
    if not ctx.hits or not topic_terms:
        return None
    para = ctx.hits[0].paragraph
    if ctx.corpus.stats.coverage(topic_terms, para.text) < PARTIAL_COVERAGE:
        return None
    missing = [c for c in query.countries if c not in countries_in(para.text, query.language)]
    missing += [y for y in query.years if y not in para.text]
    series = [phrase for n, phrase in query.ordinals if not ordinal_pattern(n).search(para.text)]
    if missing:
        gap = f"does not state it for {', '.join(missing)}"
    elif series:
        gap = f"does not mention {' or '.join('the ' + phrase for phrase in series)}"
    citation = Citation.of(para)
    topic = topic_phrase(query, para.text, missing) or "this topic"
    if not missing and not series:
        gap = f"does not state {type_label(query.detail or query.wants)}{counted_phrase(query, topic)}"
    statement = Statement(f"The report discusses {topic} but {gap}.", citation)
    names = ctx.corpus.report_names
    return Answer(
        question=query.text,
        text=f"The report discusses {topic} {cite_label(citation, names)} but {gap}.",
        citations=[citation],
        hits=list(ctx.hits),
        answerable=False,
        mode="partial",
        warnings=list(warnings),
        statements=[statement],
        sources=[para],
        report_names=names,
    )
