"""Answers short of one: a sentence stating the asked detail, the near miss ("does not state ..."), the abstention."""
from __future__ import annotations

import re

from index.query import content_terms, countries_in, ordinal_pattern
from qa.answer import Answer, Citation, Statement, cite_label
from qa.answer_type import holds, type_label
from qa.answerability import TOP_PARAGRAPHS, constraints_met
from qa.context import Context
from qa.extractive import Scored, to_statement
from qa.terms import token_set

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


# Words a topic phrase may hold between its content words ("Women at Borders", "certificates of origin").
_INNER = frozenset("of at and on for the in to".split())
# Words after which a noun phrase starts ("the", "its", "for" ...).
_OPENERS = frozenset("the a an its their his her for on of about to with under from by".split())


def topic_phrase(question: str, text: str) -> str:
    """The longest noun phrase of the question whose words the paragraph holds: the topic a near miss discusses.

    "How much money did the Canadian Government give for the Women at Borders workshop?" over a paragraph
    on that workshop -> "the Women at Borders workshop" ("" when no phrase of the question is there).
    """
    present = token_set(text)
    words = re.findall(r"[\w’'/&.-]+", question.rstrip("?.! "))
    best: tuple[int, int, int] = (0, 0, 0)
    for start, word in enumerate(words):
        previous = words[start - 1].lower() if start else ""
        if not (previous in _OPENERS or word[:1].isupper() and start) or word.lower() in _INNER:
            continue  # a phrase starts after "the", "for" ... or at a name, not at a verb ("did ... second to")
        end = start
        content = 0
        for position in range(start, len(words)):
            token = words[position].lower()
            if token in _INNER:
                continue
            stems = token_set(words[position])
            if not stems or not stems <= present:
                break
            end, content = position + 1, content + 1
        if content > best[0]:
            best = (content, start, end)
    if not best[0]:
        return ""
    _, start, end = best
    while end - start > 1 and (words[end - 1].lower() in _INNER or re.fullmatch(r"[a-z]+ed", words[end - 1])):
        end -= 1  # "the Workshop held" ends at the Workshop
    phrase = " ".join(words[start:end])
    return f"the {phrase}" if start and words[start - 1].lower() == "the" else phrase


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
    else:
        gap = f"does not state {type_label(query.detail or query.wants)}"
    citation = Citation.of(para)
    question, topic = query.text, query.topic
    for name in list(query.countries) + list(query.years):
        # what is asked of a country or year the paragraph does not name is the topic without it
        pattern = rf"\s*\b(?:in|of|for|by|from)?\s*(?:the\s+)?{re.escape(name)}(?:['’]s)?\b"
        question = re.sub(pattern, " ", question, flags=re.IGNORECASE)
        topic = re.sub(pattern, "", topic).strip(" ,")
    topic = topic_phrase(question, para.text) or topic
    topic = topic or "this topic"
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
