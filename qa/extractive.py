"""Extractive answers: the sentences of the top paragraphs that best answer the question, each cited."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from index.query import Query, content_terms, countries_in
from index.ranking import best_distinct
from index.speakers import subject, takes_floor
from index.text import tokenize
from qa.answer import Citation, Statement, decision_lead, decision_point
from qa.answer_type import offers, tied
from qa.context import Context
from qa.terms import token_set
from settings import ExtractiveParams
from vocabulary import vocabulary

if TYPE_CHECKING:
    from ingest.records import Paragraph

# A bullet marker or list numeral opening a sentence ("- ", "• ", "a. "): not part of the quote.
_MARKER = re.compile(r"^\s*(?:[-•*▪◦]|\(?[0-9]{1,3}[.)]|\([ivx]{1,5}\))\s+")
# A sentence that spells out what the one before it announced: "These included ...", "The first was ...",
# "Other proposed solutions included ...".
_ELABORATES = re.compile(r"^(?:(?:These|Those|Such)\b|The\s+(?:first|second|third|fourth|fifth|latter|former)\b|Other\b)")
# "The list of those data elements included ...": an opening that points back at what the sentence before named.
_POINTS_BACK = re.compile(r"^(?:[\w-]+\s+){1,3}(?:these|those)\s+([\w-]+)")
# A series "The first ..." opens, and its later members.
_SERIES_FIRST = re.compile(r"^The\s+first\b")
_SERIES_NEXT = re.compile(r"^The\s+(?:second|third|fourth|fifth|last)\b")
# Document references ("PC0726Ea", "PC0726"): procedure too.
_DOC_REF = re.compile(r"^[a-z]{1,4}\d{3,5}[a-z]{0,3}$")
_PROCEDURE: dict[str, frozenset[str]] = {}


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its paragraph, position and score."""

    paragraph: "Paragraph"
    position: int  # sentence index within the paragraph
    text: str
    score: float
    dense: float = 0.0  # cosine with the question
    typed: bool = False  # holds the type of answer asked for
    constrained: float = 0.0  # share of the question's countries and years it names
    complete: bool = False  # a typed question's sentence holding every question term
    tied: bool = False  # its value is of the thing the question counts, measures or dates (qa.answer_type.tied)


def strip_marker(sentence: str) -> str:
    """A sentence without its leading bullet marker or list numeral."""
    return _MARKER.sub("", sentence, count=1).strip()


def procedure_words(language: str = "en") -> frozenset[str]:
    """The stems of the language's meeting-procedure words."""
    if language not in _PROCEDURE:
        vocab = vocabulary(language)
        _PROCEDURE[language] = frozenset(tokenize(" ".join(vocab.procedure), vocab.all_stopwords))
    return _PROCEDURE[language]


def is_procedural(sentence: str, terms: Sequence[str] = (), language: str = "en") -> bool:
    """Whether a sentence is meeting procedure only and shares no content term with the question.

    Args:
        sentence: a candidate sentence.
        terms: the question's content stems (a sentence using one of them is never procedure only).
        language: the sentence's language.

    Returns:
        True for sentences such as "The Chairperson invited the Secretariat to introduce Doc. PC0726Ea.".
    """
    tokens = token_set(sentence) - vocabulary(language).all_stopwords
    if tokens & set(terms):
        return False
    procedure = procedure_words(language)
    return all(t in procedure or _DOC_REF.match(t) for t in tokens)


def constraint_share(query: "Query", text: str, context: str = "") -> float:
    """Share of the question's countries and years a sentence names ("What did Thailand present?" wants Thailand's line).

    Args:
        query: the question.
        text: a candidate sentence.
        context: what the sentence's section says of itself (`section_context`): a country or year named
            there is named by every sentence of the section ("Presentation by Indonesia" is Indonesia's).

    Returns:
        The share, 0 to 1 (of the best-met part when each part names its own country).
    """
    named = set(countries_in(text, query.language)) | set(countries_in(context, query.language)) if query.countries else set()

    def share(countries: Sequence[str]) -> float:
        wanted = list(countries) + list(query.years)
        return sum(1 for w in wanted if w in named or w in text or w in context) / len(wanted) if wanted else 0.0

    # "What did Norway and Indonesia tell ...?" asks each country apart: a sentence meets a part by
    # naming that part's country, so a roster naming them all ("presentations by ..., Norway and
    # Indonesia") does not outweigh each country's own statement.
    per_part = [countries_in(part, query.language) for part in query.parts]
    if len(per_part) > 1 and all(per_part):
        return max(share(countries) for countries in per_part)
    return share(query.countries)


def section_context(ctx: Context, para: "Paragraph") -> str:
    """What a paragraph's section says of itself: its heading, its sub-item's title and the sentence introducing its presenter.

    A presentation's later paragraphs rarely repeat who speaks: "The analyses of the effects of the DDP
    scheme revealed ..." sits under "Presentation by Indonesia", "It was found that ..." after "The United
    Kingdom's HMRC presented ...". The presenter is the first sentence of the section's first paragraph
    when that paragraph introduces a speaker (`Corpus.speakers`). Conclusions have no section context, and
    a question wanting a typed answer (a date, a name, a number) reads none: its value must be the country's
    own, stated where the country is named.
    """
    if para.decision:
        return ""
    parts = [para.heading or "", para.subitem_title or ""]
    section = next((run for run in ctx.corpus.sections(para.doc, para.item) if any(p.key == para.key for p in run)), [])
    if section and section[0].key in ctx.corpus.speakers:
        parts += ctx.index.sentences(section[0].doc, section[0].ref)[:1]
    return " ".join(p for p in parts if p)


def defines(text: str, long_forms: Sequence[str]) -> bool:
    """Whether a sentence spells out one of the long forms (the sentence that introduces the acronym)."""
    folded = text.casefold()
    return any(long.casefold() in folded for long in long_forms)


def names_asked(query: Query, text: str) -> bool:
    """Whether a sentence holds the thing an open or list question asks for (`Query.asked`: "What effects ..." -> the effects)."""
    return bool(query.asked) and set(query.asked) <= sentence_tokens(text, query.asked)


def sentence_tokens(text: str, terms: Sequence[str]) -> set[str]:
    """A sentence's stems, plus the question's long stems it extends ("abolish" meets "abolishment")."""
    tokens = token_set(text)
    return tokens | {t for t in terms if len(t) >= 5 and any(w.startswith(t) for w in tokens)}


def does_act(sentence: str, acts: frozenset[str]) -> bool:
    """Whether a sentence uses one of the asked acts' verbs ("The SBI noted with appreciation ...")."""
    return any(w.startswith(act) for w in re.findall(r"[\w-]+", sentence.lower()) for act in acts)


def score_sentences(ctx: Context, paragraphs: Sequence["Paragraph"], params: ExtractiveParams | None = None) -> list[Scored]:
    """Score every sentence of the given paragraphs against the question.

    Args:
        ctx: the question in flight.
        paragraphs: the paragraphs, most relevant first (earlier ones get a small rank bonus).
        params: selection knobs (default: the settings').

    Returns:
        All candidate sentences with scores, best first.
    """
    params = params or ctx.settings.extractive
    query = ctx.query
    terms = list(query.terms)
    long_forms = query.defines
    acts = query.acts
    scored: list[Scored] = []
    for rank, para in enumerate(paragraphs):
        sentences, dense = ctx.sentence_scores(para)
        prior = params.rank_weight / (1.0 + rank)
        context = section_context(ctx, para) if (query.countries or query.years) and not query.wants else ""
        for position, sentence in enumerate(sentences):
            text = strip_marker(sentence)
            if len(text.split()) < params.min_words or text.endswith(":"):
                continue  # lead-ins ("In conclusion, the PTC:") say nothing alone
            score = float(dense[position]) + params.keyword_weight * ctx.corpus.stats.share(terms, sentence_tokens(text, terms)) + prior
            typed = bool(query.wants) and offers(query.wants, text, query)
            if typed:
                score += params.type_weight
            constrained = constraint_share(query, text, context) if query.countries or query.years else 0.0
            score += params.constraint_weight * constrained
            if names_asked(query, text):
                score += params.asked_weight  # "What effects ...": the sentence about the effects
            if acts and does_act(text, acts):
                score += params.constraint_weight  # "What did the SBI note ...": the sentence that notes, not its neighbour that emphasizes
            share = ctx.corpus.stats.share(terms, sentence_tokens(text, terms))
            complete = bool(query.wants) and share >= 0.99
            if complete:
                score += params.complete_weight  # "which country abolished ...": the sentence that says "abolish"
            floor = params.floor_weight and query.floor and query.kind == "yesno" and takes_floor(text, floor=vocabulary(query.language).floor)
            if floor:
                score += params.floor_weight  # "Did anybody speak up ...?": what the floor said, or that it said nothing
            elif is_procedural(text, terms, query.language):
                score -= params.procedure_penalty
            if long_forms and defines(text, long_forms):
                score += params.definition_weight  # "What does SCCP mean?": the sentence spelling it out
            # the value is of what is asked: "four marketplaces", not "nine private sector partners"
            of_asked = typed and tied(query.detail, text, query)
            scored.append(Scored(para, position, text, score, float(dense[position]), typed, constrained, complete, of_asked))
    scored.sort(key=lambda s: -s.score)
    return scored


def select(scored: list[Scored], params: ExtractiveParams) -> list[Scored]:
    """The best sentences: near the best one (closer still for other paragraphs), capped overall and per paragraph.

    Args:
        scored: candidates, best first.
        params: selection knobs.

    Returns:
        The chosen sentences, best first.
    """
    if not scored:
        return []
    best = scored[0].score
    top = scored[0].paragraph.key
    chosen: list[Scored] = []
    per_para: dict = {}
    for cand in scored:
        if len(chosen) >= params.sentences or cand.score < best - params.margin:
            break
        key = cand.paragraph.key
        if per_para.get(key, 0) >= params.per_paragraph:
            continue
        if key != top and cand.score < best - params.margin_other:
            continue  # each other paragraph is one more citation: it must score close to the best
        if key != top and scored[0].complete and not cand.complete:
            continue  # the best sentence states the whole asked fact: another paragraph's must too, not just its topic
        per_para[key] = per_para.get(key, 0) + 1
        chosen.append(cand)
    return chosen


def reading_order(chosen: list[Scored], doc_order: Sequence[str]) -> list[Scored]:
    """Decisions first, then report order, paragraph order, sentence order.

    Args:
        chosen: the selected sentences.
        doc_order: report ids in the order to present them.

    Returns:
        The sentences in answer order.
    """
    rank = {doc: i for i, doc in enumerate(doc_order)}
    return sorted(
        chosen,
        key=lambda s: (not s.paragraph.decision, rank.get(s.paragraph.doc, len(rank)), s.paragraph.number, s.position),
    )


def elaborations(ctx: Context, chosen: Sequence[Scored]) -> list[Scored]:
    """The chosen sentences, each followed by the sentences of its paragraph that spell out what it announces.

    "Delegates shared information on national procedures." names what was asked; the next sentence,
    "These included advance notice of arrival, ...", holds it. A sentence opening "These", "Such",
    "The first" or "Other ... included" right after a chosen one is quoted after it (and, after "The
    first ...", the series' later members: "The second workstream was ..."), up to
    `extractive.elaborations` per sentence. Conclusion points stand alone and get none.

    Args:
        ctx: the question in flight.
        chosen: the selected sentences, in answer order.

    Returns:
        The sentences in answer order, without repeats.
    """
    limit = ctx.settings.extractive.elaborations
    taken = {(s.paragraph.key, s.position) for s in chosen}
    out: list[Scored] = []
    for cand in chosen:
        out.append(cand)
        para = cand.paragraph
        if para.decision or not limit:
            continue
        sentences = ctx.index.sentences(para.doc, para.ref)
        added: list[int] = []
        position = cand.position + 1
        while position < len(sentences) and len(added) < limit and spells_out(strip_marker(sentences[position]), sentences[position - 1]):
            added.append(position)
            position += 1
        if added and _SERIES_FIRST.match(strip_marker(sentences[added[-1]])):
            added += [i for i in range(position, len(sentences)) if _SERIES_NEXT.match(strip_marker(sentences[i]))][: limit - len(added)]
        for i in added:
            if (para.key, i) not in taken:
                taken.add((para.key, i))
                out.append(Scored(para, i, strip_marker(sentences[i]), cand.score, cand.dense))
    return out


def _spelled_out_after(ctx: Context, sentence: Scored) -> bool:
    """Whether the sentence after a chosen one in its paragraph spells it out ("The first was ...")."""
    sentences = ctx.index.sentences(sentence.paragraph.doc, sentence.paragraph.ref)
    after = sentence.position + 1
    return after < len(sentences) and spells_out(strip_marker(sentences[after]), sentences[sentence.position])


def spelled_out_next(ctx: Context, chosen: Sequence[Scored]) -> list[Scored]:
    """The sentence of the next paragraph that names the thing asked for, when the chosen sentences do not.

    A presentation announces in one paragraph and spells out in the next: "What benefits did the system
    bring?" is answered by "Benefits for the region were ...", printed after the paragraph that best
    matches the system's description. Only for open and list questions whose asked thing (`Query.asked`)
    no chosen sentence names and that spell out no list of their own (`elaborations`), and only the
    paragraph right after the best sentence's, in the same item, sub-item and heading.

    Args:
        ctx: the question in flight.
        chosen: the selected sentences.

    Returns:
        The next paragraph's best sentence naming the asked thing, or nothing.
    """
    query = ctx.query
    if not query.asked or not chosen or any(names_asked(query, s.text) for s in chosen):
        return []
    if any(_spelled_out_after(ctx, s) for s in chosen):
        return []  # the chosen sentences announce and spell out a list of their own ("two workstreams ... The first was ...")
    best = max(chosen, key=lambda s: s.score).paragraph
    after = follow_ups(ctx, [best])
    if not after or (after[0].subitem, after[0].heading) != (best.subitem, best.heading):
        return []
    naming = [s for s in score_sentences(ctx, after) if names_asked(query, s.text)]
    return naming[:1]


def spells_out(sentence: str, before: str) -> bool:
    """Whether a sentence spells out what the one before it announced.

    "These included ...", "Such lanes ...", "The first was ...", "Other measures ..." open as such; so does
    a sentence pointing back with "these"/"those" at a word the one before used ("The list of those data
    elements included ..." after "... the most beneficial data elements").
    """
    if _ELABORATES.match(sentence):
        return True
    back = _POINTS_BACK.match(sentence)
    return bool(back) and bool(token_set(back.group(1)) & token_set(before))


def citation_of(para: "Paragraph") -> Citation:
    """The citation of a paragraph (its label kept)."""
    return Citation.of(para)


def to_statement(sentence: Scored) -> Statement:
    """A cited statement; a conclusion's point is introduced by the conclusion's own lead and quoted.

    Args:
        sentence: a selected sentence.

    Returns:
        The statement; its `quote` is the verbatim sentence.
    """
    para = sentence.paragraph
    lead = decision_lead(para.text) if para.decision else ""
    if lead and not sentence.text.startswith(lead):
        bullet = sentence.text.rstrip(";,. ").removesuffix("; and").removesuffix(" and")
        return decision_point(bullet, citation_of(para), lead)
    return Statement(sentence.text, citation_of(para), quote=sentence.text)


def doc_order(ctx: Context) -> list[str]:
    """Report ids in the order their first hit was ranked."""
    return list(dict.fromkeys(h.paragraph.doc for h in ctx.hits))


def extract(ctx: Context, scored: list[Scored] | None = None) -> list[Statement]:
    """The extractive answer to a question as cited statements.

    When the question wants a type of answer (a number, a date, a country, ...), only sentences
    holding one are kept, so that a topical sentence without the asked detail is never the answer;
    among them, those whose value is of the asked thing, when any is.

    Args:
        ctx: the question in flight.
        scored: the candidates when the caller scored them already.

    Returns:
        Cited statements in answer order; empty when no sentence qualifies.
    """
    params = ctx.settings.extractive
    if scored is None:
        scored = score_sentences(ctx, [h.paragraph for h in ctx.hits[: params.paragraphs]], params)
    if ctx.query.wants:
        scored = [s for s in scored if s.typed]
        # A value of the asked thing beats a value of something else; without one, the typed sentences stay
        # candidates (a multi-part answer may still find it for its part), and the strict check judges the answer.
        scored = [s for s in scored if s.tied] or scored
    long_forms = ctx.query.defines
    spelled = [s for s in scored if long_forms and defines(s.text, long_forms)]
    if spelled:
        # What the acronym stands for is the answer; "at U.S. CBP" only says where it is used.
        scored = spelled
    elif any(s.constrained for s in scored):
        scored = [s for s in scored if s.constrained]  # Thailand's line, not its neighbours'
    naming = [s for s in scored if names_asked(ctx.query, s.text)]
    if naming and scored[0] not in naming and naming[0].score >= scored[0].score - params.margin_other:
        # "Which solutions did ...": the sentences naming the solutions, not the presentation's
        # opening that scores as high on the question's other words.
        scored = naming
    chosen = reading_order(select(scored, params), doc_order(ctx))
    chosen += spelled_out_next(ctx, chosen)
    if ctx.query.wants and chosen:
        # A factoid leads with the sentence that answers it best ("Norwegian Customs ... abolishment"),
        # not with an earlier paragraph's near miss.
        best = max(chosen, key=lambda s: s.score)
        return [to_statement(s) for s in elaborations(ctx, [best] + [s for s in chosen if s is not best])]
    return [to_statement(s) for s in reading_order(elaborations(ctx, chosen), doc_order(ctx))]



def part_candidates(
    ctx: Context, part: str, vector: np.ndarray, own: Sequence[str], paragraphs: Sequence["Paragraph"], params: ExtractiveParams, actors: bool = False
) -> dict[tuple, Scored]:
    """Every sentence of the given paragraphs scored as an answer to one part of a question.

    Dense similarity with the part leads (its words are few); the part's terms, the terms no other
    part has ("observer" in "delegates and an observer"), the countries it names and the paragraph's
    rank add to it.

    Args:
        ctx: the question in flight.
        part: one of `Query.parts`.
        vector: the part's unit vector.
        own: the part's stems that no other part holds.
        paragraphs: candidate paragraphs, best ranked first.
        params: selection knobs.
        actors: the parts differ only in who acts (`coordinates_parties`): a paragraph whose first sentence's
            subject holds the part's own words gains `part_actor_weight`.

    Returns:
        (paragraph key, sentence position) -> scored sentence.
    """
    language = ctx.query.language
    terms = content_terms(part, language)
    parties = countries_in(part, language)
    found: dict[tuple, Scored] = {}
    for rank, para in enumerate(paragraphs):
        sentences = ctx.index.sentences(para.doc, para.ref)
        vectors = ctx.index.sentence_vectors(para.doc, para.ref)
        # The country a part names is named by its presentation's heading or presenter too (`section_context`).
        around = set(countries_in(section_context(ctx, para), language)) if parties and not ctx.query.wants else set()
        dense = vectors @ vector if len(vectors) == len(sentences) else np.zeros(len(sentences), dtype=np.float32)
        # Who acts in the paragraph: "What did the Secretary General say?" is the paragraph he opens, not the one thanking him.
        actor = params.part_actor_weight * ctx.corpus.stats.share(own, token_set(subject(sentences[0]))) if actors and own and sentences else 0.0
        for position, sentence in enumerate(sentences):
            text = strip_marker(sentence)
            if len(text.split()) < params.min_words or text.endswith(":") or is_procedural(text, terms, language):
                continue
            tokens = sentence_tokens(text, terms)
            score = float(dense[position]) + params.keyword_weight * ctx.corpus.stats.share(terms, tokens)
            score += params.part_own_weight * ctx.corpus.stats.share(own, tokens) + params.rank_weight / (1.0 + rank) + actor
            named = set(countries_in(text, language)) | around if parties else set()
            constrained = sum(1 for c in parties if c in named) / len(parties) if parties else 0.0
            score += params.constraint_weight * constrained
            found[(para.key, position)] = Scored(para, position, text, score, float(dense[position]), False, constrained)
    return found


def follow_ups(ctx: Context, paragraphs: Sequence["Paragraph"]) -> list["Paragraph"]:
    """The discussion paragraph printed right after each given one in its item: where replies and reactions stand."""
    found = []
    for para in paragraphs:
        siblings = ctx.corpus.item_paragraphs(para.doc, para.item)
        at = next((i for i, p in enumerate(siblings) if p.key == para.key), None)
        if at is not None and at + 1 < len(siblings) and not siblings[at + 1].decision:
            found.append(siblings[at + 1])
    return found


def _same_text(a: str, b: str) -> bool:
    """Whether two quotes are one sentence (a conclusion's point is quoted without its trailing "; and")."""
    def bare(t: str) -> str:
        return " ".join(t.split()).rstrip(";,. ").removesuffix("; and").removesuffix(" and").rstrip(";,. ")
    x, y = bare(a), bare(b)
    return bool(x) and bool(y) and (x == y or x in y or y in x)


# A later part pointing back at what the first asks about: "..., and where were they held?", "what did it set up?".
_BACK_REFERENCE = re.compile(r"\b(?:it|its|they|them|their|theirs)\b", re.IGNORECASE)


def coordinates_parties(parts: Sequence[str]) -> bool:
    """Whether parts are one question asked of several parties: they differ only in a short phrase inside them.

    "What did the Secretary General and the Director of ... say at the close?" gives parts that share their
    opening and their ending; "What did X report, and how did delegates react?" gives parts that share neither.
    """
    words = [p.split() for p in parts]
    shortest = min(len(w) for w in words)
    head = next((i for i in range(shortest) if len({tuple(w[: i + 1]) for w in words}) > 1), shortest)
    tail = next((i for i in range(shortest - head) if len({tuple(w[len(w) - i - 1 :]) for w in words}) > 1), shortest - head)
    return head >= 1 and tail >= 1 and all(len(w) - head - tail <= _PARTY_WORDS for w in words)


# Words a party's name takes at most ("the Director of Compliance and Facilitation").
_PARTY_WORDS = 6


def _asks_detail(part: str, language: str) -> bool:
    """Whether a part asks a place, a date or a number ("where were they held", "when did it start")."""
    vocab = vocabulary(language)
    return any(p.search(part) for p in (vocab.where_q, vocab.date_q, vocab.number_q))


def cover_parts(ctx: Context, statements: list[Statement]) -> list[Statement]:
    """A multi-part question's answer with a sentence added for each part the answer leaves out.

    "What did the Secretariat report, and how did delegates react?" and "How do the US and the EU
    differ?" need a sentence, and a citation, for every part; the composer answered the whole. Each
    part is scored over the top hits, the cited paragraphs and the paragraph after the best hit (all
    within the agenda items of the answer and of the best hit) and the hits naming the part's country;
    each part gets a paragraph of its own (`assign_parts`), and a part whose sentence the answer lacks
    gets its best sentences there (up to `part_sentences`). Each part is encoded once
    (single-threaded: a batch spreads over threads that other work is using).

    Args:
        ctx: the question in flight (`ctx.query.parts` holds two or more parts, else nothing changes).
        statements: the composed answer.

    Returns:
        The statements, then one statement per uncovered part, in part order.
    """
    parts = ctx.query.parts
    if len(parts) < 2 or not statements:
        return statements
    params = ctx.settings.extractive
    cited = [ctx.index.paragraph(c.doc, c.ref) for c in dict.fromkeys(s.citation for s in statements)]
    pool = [h.paragraph for h in ctx.hits[: params.part_paragraphs]] + [p for p in cited if p is not None]
    pool = list({p.key: p for p in pool + follow_ups(ctx, pool[: params.part_follow_ups])}.values())
    # The parts ask about one matter: their sentences come from the agenda items of the answer and of the best hit.
    home = {(p.doc, p.item) for p in cited + [h.paragraph for h in ctx.hits[:1]] if p is not None}
    pool = [p for p in pool if (p.doc, p.item) in home]
    # The items the question names hold its parts' answers, however low retrieval ranks them ("How was item XIII
    # introduced, and ...?"): every paragraph of theirs competes, after the ranked ones (rank_weight).
    ranked = {p.key for p in pool}
    pool += [p for doc, item in ctx.query.items for p in ctx.corpus.item_paragraphs(doc, item) if p.key not in ranked]
    terms = [set(content_terms(part, ctx.query.language)) for part in parts]
    actors = coordinates_parties(parts)
    scored = []
    for i, part in enumerate(parts):
        own = sorted(terms[i] - set().union(*(t for j, t in enumerate(terms) if j != i)))
        # A part naming a country also searches every hit that names it, however low it ranks.
        parties = set(countries_in(part, ctx.query.language))
        named = [h.paragraph for h in ctx.hits if parties & set(countries_in(h.paragraph.text, ctx.query.language))] if parties else []
        candidates = list({p.key: p for p in pool + named}.values())
        if i and _BACK_REFERENCE.search(part) and _asks_detail(part, ctx.query.language):
            # "..., and where were they held?" asks a place, date or count of what the answer found: its paragraphs and
            # the replies after them. ("which events did it join?" asks something new of its subject: not this.)
            found = [p for p in cited if p is not None]
            candidates = [p for p in list({p.key: p for p in found + follow_ups(ctx, found)}.values()) if (p.doc, p.item) in home] or candidates
        # The whole question's vector joins the part's: "how did they react" names nothing by itself.
        vector = ctx.index.encode_query(part) + params.part_context * ctx.vector
        scored.append(part_candidates(ctx, part, vector / max(float(np.linalg.norm(vector)), 1e-9), own, candidates, params, actors))
    # Each part gets a paragraph of its own; a part whose sentence there the answer quotes is answered already.
    quoted = {key for table in scored for key, cand in table.items() if any(_same_text(cand.text, s.quote or s.text) for s in statements)}
    added: list[Statement] = []
    # A typed question ("How many took part, and how many on site?") asks for values one sentence may hold together.
    apart = params.part_choices if not ctx.query.wants else 1
    for table, (key, best) in zip([t for t in scored if t], assign_parts(scored, apart)):
        if key in quoted:
            continue
        # The part's best sentences of its paragraph, in printed order: a part's answer often spans two.
        same = sorted((c for k, c in table.items() if k[0] == key[0] and k not in quoted), key=lambda c: -c.score)
        # A further sentence names the part's country as its best does ("What did Norway ...": Norway's lines only).
        chosen = [c for c in same[: params.part_sentences] if c.score >= best.score - params.part_margin and c.constrained >= best.constrained]
        quoted.update((c.paragraph.key, c.position) for c in chosen)
        added += [to_statement(c) for c in sorted(chosen, key=lambda c: c.position)]
    return statements + added


def assign_parts(tables: Sequence[dict[tuple, Scored]], choices: int) -> list[tuple[tuple, Scored]]:
    """One sentence per part, each part's from a paragraph of its own when the candidates allow it.

    The parts of "What did X report, and how did delegates react?" ask different things, and the report
    says different things in different paragraphs; scored alone, both parts often pick the same
    sentence (the whole question's context leans on it), and the second part goes unanswered. Among
    each part's `choices` best sentences, the combination with the highest total score whose
    sentences come from distinct paragraphs is taken (`index.ranking.best_distinct`), preferring one whose
    paragraphs come in the parts' order; without one, each part's best.

    Args:
        tables: per part, (paragraph key, position) -> scored sentence.
        choices: candidates considered per part.

    Returns:
        (key, sentence) per part that has candidates, in part order.
    """
    ranked = []
    for table in tables:
        per_paragraph: dict = {}
        for key, cand in sorted(table.items(), key=lambda pair: -pair[1].score):
            per_paragraph.setdefault(key[0], (key, cand))  # a paragraph competes with its best sentence for the part
        if per_paragraph:
            ranked.append(list(per_paragraph.values())[:choices])

    # Reports record what happened in order, and a question's parts follow it ("what did X report, and how
    # did delegates react?"): combinations whose paragraphs come in the parts' order are preferred.
    def in_order(combo: tuple[tuple[tuple, Scored], ...]) -> bool:
        return all(_printed(a[1].paragraph) <= _printed(b[1].paragraph) for a, b in zip(combo, combo[1:]))

    for keep in (in_order, None):
        best = best_distinct(ranked, key=lambda option: option[0][0], score=lambda option: option[1].score, keep=keep)
        if best is not None:
            return list(best)
    return [r[0] for r in ranked]


def _printed(para: "Paragraph") -> tuple[str, int]:
    """Where a paragraph is printed: report, then number."""
    return (para.doc, para.number)
