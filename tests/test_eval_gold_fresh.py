"""Validates the measurement-only gold set eval/gold/ptc_241_242_fresh.jsonl against its schema and the bundled report."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from eval.gold import ABSTAIN_TYPES, load_gold
from tests.test_eval_gold_v2 import shared_words

GOLD = Path(__file__).resolve().parent.parent / "eval" / "gold" / "ptc_241_242_fresh.jsonl"
# The brief the set was written to: 80 questions in these proportions.
COUNTS = {
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
}
MISSING_KINDS = {"amount", "number", "date", "year", "person", "country", "place", "name", "event"}
NUMERALS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI")


@pytest.fixture(scope="module")
def gold():
    """The fresh set read with the project's loader."""
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    """The raw JSON rows (for the fields the loader does not keep, such as `missing`)."""
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def report(bundled_report):
    """Printed paragraph number -> Paragraph of the bundled report."""
    return {p.number: p for p in bundled_report.paragraphs}


def test_counts_per_type(gold):
    assert Counter(q.type for q in gold) == COUNTS


def test_ids_run_f001_onwards_and_every_row_is_holdout(gold):
    # Measurement only: nothing may ever calibrate on this set, so no row is dev.
    assert [q.id for q in gold] == [f"f{n:03d}" for n in range(1, len(gold) + 1)]
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
