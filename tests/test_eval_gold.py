"""Validates the bundled gold set eval/gold/ptc_241_242.jsonl against its schema and the bundled report."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

GOLD = Path(__file__).resolve().parent.parent / "eval" / "gold" / "ptc_241_242.jsonl"
FIELDS = {"id", "question", "type", "relevant", "partial", "answer", "key_facts", "item", "split"}
MIN_PER_TYPE = {
    "decision": 20,
    "factual": 15,
    "paraphrase": 15,
    "acronym": 8,
    "who": 10,
    "multi": 8,
    "unanswerable": 14,
}
NUMERALS = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI"}
FIRST, LAST = 1, 154


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    """The gold questions, one dict per JSON line (blank lines are not allowed)."""
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def texts(bundled_report) -> dict[int, str]:
    """Printed paragraph number -> lower-cased clean text of the bundled report."""
    return {p.number: p.text.lower() for p in bundled_report.paragraphs}


def test_every_row_has_exactly_the_documented_fields_with_the_right_types(gold):
    for row in gold:
        assert set(row) == FIELDS, row.get("id")
        assert isinstance(row["id"], str) and re.fullmatch(r"q\d{3}", row["id"]), row["id"]
        assert isinstance(row["question"], str) and row["question"].strip(), row["id"]
        assert isinstance(row["answer"], str) and row["answer"].strip(), row["id"]
        assert row["type"] in MIN_PER_TYPE, row["id"]
        assert row["split"] in ("dev", "holdout"), row["id"]
        assert row["item"] is None or row["item"] in NUMERALS, row["id"]
        for name in ("relevant", "partial"):
            assert all(type(n) is int for n in row[name]), (row["id"], name)
            assert len(set(row[name])) == len(row[name]), (row["id"], name)
        assert all(isinstance(k, str) and k.strip() for k in row["key_facts"]), row["id"]


def test_ids_and_questions_are_unique(gold):
    ids = [row["id"] for row in gold]
    questions = [row["question"].strip().lower() for row in gold]
    assert len(set(ids)) == len(ids)
    assert len(set(questions)) == len(questions)


def test_size_and_minimum_count_per_type(gold):
    assert len(gold) >= 60
    counts = Counter(row["type"] for row in gold)
    for kind, minimum in MIN_PER_TYPE.items():
        assert counts[kind] >= minimum, (kind, counts[kind])


def test_both_splits_present_for_every_type(gold):
    splits = {(row["type"], row["split"]) for row in gold}
    for kind in MIN_PER_TYPE:
        assert (kind, "dev") in splits and (kind, "holdout") in splits, kind


def test_paragraph_numbers_are_in_range_and_relevant_is_disjoint_from_partial(gold):
    for row in gold:
        for n in row["relevant"] + row["partial"]:
            assert FIRST <= n <= LAST, (row["id"], n)
        assert not set(row["relevant"]) & set(row["partial"]), row["id"]


def test_unanswerable_questions_have_nothing_to_cite_and_others_do(gold):
    for row in gold:
        if row["type"] == "unanswerable":
            assert row["relevant"] == [] and row["key_facts"] == [], row["id"]
            assert row["item"] is None, row["id"]
        else:
            assert row["relevant"], row["id"]
            assert 1 <= len(row["key_facts"]) <= 3, row["id"]


def test_multi_questions_need_at_least_two_paragraphs(gold):
    for row in gold:
        if row["type"] == "multi":
            assert len(row["relevant"]) >= 2, row["id"]


def test_every_paragraph_number_exists_in_the_bundled_report(gold, texts):
    for row in gold:
        for n in row["relevant"] + row["partial"]:
            assert n in texts, (row["id"], n)


def test_every_key_fact_occurs_in_a_relevant_paragraph(gold, texts):
    missing = [
        (row["id"], fact)
        for row in gold
        for fact in row["key_facts"]
        if not any(fact.lower() in texts.get(n, "") for n in row["relevant"])
    ]
    assert missing == []


def test_decision_questions_cite_a_conclusion_paragraph(gold, bundled_report):
    decisions = {p.number for p in bundled_report.paragraphs if p.decision}
    for row in gold:
        if row["type"] == "decision":
            assert set(row["relevant"]) & decisions, row["id"]


def test_item_matches_the_agenda_item_of_every_relevant_paragraph(gold, bundled_report):
    item_of = {p.number: p.item for p in bundled_report.paragraphs}
    for row in gold:
        if row["item"] is not None:
            for n in row["relevant"]:
                assert item_of[n] == row["item"], (row["id"], n, item_of[n])


def test_split_holds_out_every_third_question_of_each_type(gold):
    seen: Counter = Counter()
    for row in gold:
        position = seen[row["type"]]
        seen[row["type"]] += 1
        expected = "holdout" if position % 3 == 2 else "dev"
        assert row["split"] == expected, row["id"]
