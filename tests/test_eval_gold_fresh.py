"""Validates the measurement-only gold sets eval/gold/ptc_241_242_fresh*.jsonl against their schema and the bundled report."""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from eval.gold import ABSTAIN_TYPES, load_gold
from tests.test_eval_gold_v2 import shared_words

GOLD_DIR = Path(__file__).resolve().parent.parent / "eval" / "gold"
MISSING_KINDS = {"amount", "number", "date", "year", "person", "country", "place", "name", "event"}
# The mix of the 100-question sets (fresh2 onwards): weighted towards the kinds that fail on unseen wording.
HUNDRED = {
    "decision": 12,
    "factual": 12,
    "paraphrase": 10,
    "acronym": 6,
    "who": 10,
    "multi": 8,
    "list": 8,
    "briefing": 6,
    "unanswerable": 10,
    "near_miss": 18,
}
NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI")


@dataclass(frozen=True)
class FreshSet:
    """One measurement-only set and the brief it was written to."""

    path: Path
    prefix: str  # ids run <prefix>001, <prefix>002, ...
    counts: dict[str, int]  # questions per type
    missing_at_least: dict[str, int] = field(default_factory=dict)  # near_miss rows per `missing` kind
    every_item: bool = False  # every agenda item I-XVI holds a relevant paragraph of some question
    decide_at_most: int | None = None  # decision questions that may use the word "decide"


SETS = {
    "fresh": FreshSet(
        path=GOLD_DIR / "ptc_241_242_fresh.jsonl",
        prefix="f",
        counts={
            "decision": 10,
            "factual": 10,
            "paraphrase": 8,
            "acronym": 6,
            "who": 8,
            "multi": 6,
            "list": 6,
            "briefing": 4,
            "unanswerable": 8,
            "near_miss": 14,
        },
    ),
    "fresh2": FreshSet(
        path=GOLD_DIR / "ptc_241_242_fresh2.jsonl",
        prefix="g",
        counts=HUNDRED,
        missing_at_least={"person": 2, "place": 2, "event": 2, "name": 2},
        every_item=True,
        decide_at_most=3,  # decisions asked mostly without the word the rules were first fitted on
    ),
    "fresh3": FreshSet(
        path=GOLD_DIR / "ptc_241_242_fresh3.jsonl",
        prefix="h",
        counts=HUNDRED,
        missing_at_least=dict.fromkeys(sorted(MISSING_KINDS), 2),  # two near misses for every kind of absent detail
        every_item=True,
        decide_at_most=1,
    ),
    "fresh4": FreshSet(
        path=GOLD_DIR / "ptc_241_242_fresh4.jsonl",
        prefix="i",
        counts=HUNDRED,
        missing_at_least=dict.fromkeys(sorted(MISSING_KINDS), 2),
        every_item=True,
        decide_at_most=1,
    ),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def fresh(request) -> FreshSet:
    """Each measurement-only set in turn."""
    return SETS[request.param]


@pytest.fixture(scope="module")
def gold(fresh):
    """The set read with the project's loader."""
    return load_gold(fresh.path)


def _rows(fresh: FreshSet) -> list[dict]:
    """The raw JSON rows of a set (for the fields the loader does not keep, such as `missing`)."""
    return [json.loads(line) for line in fresh.path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def rows(fresh) -> list[dict]:
    """The raw JSON rows of each set in turn."""
    return _rows(fresh)


@pytest.fixture(scope="module")
def report(bundled_report):
    """Printed paragraph number -> Paragraph of the bundled report."""
    return {p.number: p for p in bundled_report.paragraphs}


def test_counts_per_type(gold, fresh):
    assert Counter(q.type for q in gold) == fresh.counts


def test_ids_run_from_001_and_every_row_is_holdout(gold, fresh):
    # Measurement only: nothing may ever calibrate on this set, so no row is dev.
    assert [q.id for q in gold] == [f"{fresh.prefix}{n:03d}" for n in range(1, len(gold) + 1)]
    assert {q.split for q in gold} == {"holdout"}


def test_questions_are_unique(gold):
    questions = [re.sub(r"\W+", " ", q.question.lower()).strip() for q in gold]
    assert [q for q, n in Counter(questions).items() if n > 1] == []


def test_paragraph_numbers_exist_and_relevant_never_overlaps_partial(gold, report):
    for q in gold:
        assert set(q.relevant) <= set(report), (q.id, set(q.relevant) - set(report))
        assert set(q.partial) <= set(report), (q.id, set(q.partial) - set(report))
        assert not set(q.relevant) & set(q.partial), q.id


def test_key_facts_are_literal_substrings_of_a_relevant_paragraph(gold, report):
    for q in gold:
        texts = [report[n].text.lower() for n in q.relevant]
        for fact in q.key_facts:
            assert any(fact.lower() in t for t in texts), (q.id, fact)


def test_answerable_rows_have_key_facts_and_abstaining_rows_have_none(gold):
    for q in gold:
        if q.type in ABSTAIN_TYPES:
            assert q.relevant == () and q.key_facts == () and q.item is None, q.id
        else:
            assert q.relevant and 1 <= len(q.key_facts) <= (8 if q.type in ("list", "briefing") else 3), q.id


def test_item_is_the_agenda_item_of_every_relevant_paragraph(gold, report):
    for q in gold:
        items = {report[n].item for n in q.relevant}
        assert q.item is None or q.item in NUMERALS, q.id
        if q.item is not None:
            assert items == {q.item}, (q.id, items)
        if q.type in ("decision", "briefing"):
            assert q.item is not None, q.id


def test_decisions_cite_a_conclusion_paragraph(gold, report):
    for q in gold:
        if q.type == "decision":
            assert any(report[n].decision for n in q.relevant), q.id


def test_near_miss_rows_name_the_missing_detail_and_only_they_do(rows):
    for row in rows:
        assert ("missing" in row) == (row["type"] == "near_miss"), row["id"]
        if row["type"] == "near_miss":
            assert row["missing"] in MISSING_KINDS, row["id"]
            assert row["partial"], row["id"]


def test_paraphrases_share_no_content_word_with_their_paragraphs(gold, report):
    # Same rule as the v2 set: the wording nobody tuned for must not reuse the paragraph's words.
    for q in gold:
        if q.type == "paraphrase":
            assert shared_words(q.question, [report[n].text for n in q.relevant]) == [], q.id


@pytest.mark.parametrize("name", [n for n in sorted(SETS) if SETS[n].missing_at_least])
def test_near_misses_spread_over_the_missing_kinds_the_brief_asks_for(name):
    kinds = Counter(q["missing"] for q in _rows(SETS[name]) if q["type"] == "near_miss")
    short = {k: kinds[k] for k, n in SETS[name].missing_at_least.items() if kinds[k] < n}
    assert short == {}, kinds


@pytest.mark.parametrize("name", [n for n in sorted(SETS) if SETS[n].every_item])
def test_relevant_paragraphs_cover_every_agenda_item(name, report):
    cited = {report[n].item for q in load_gold(SETS[name].path) for n in q.relevant}
    assert set(NUMERALS) - cited == set()


@pytest.mark.parametrize("name", [n for n in sorted(SETS) if SETS[n].decide_at_most is not None])
def test_decision_questions_mostly_avoid_the_word_decide(name):
    questions = [q for q in load_gold(SETS[name].path) if q.type == "decision"]
    decide = [q.id for q in questions if re.search(r"\bdecid", q.question.lower())]
    assert len(decide) <= SETS[name].decide_at_most, decide
