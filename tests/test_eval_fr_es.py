"""Tests for the French and Spanish gold set (eval/gold/ptc_241_242_fr_es.jsonl) and its scores on the holdout split."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from eval.gold import DEFAULT_GOLD, FIRST_GOLD, PROJECT_ROOT, load_gold
from qa.language import detect_language

FR_ES = PROJECT_ROOT / "eval" / "gold" / "ptc_241_242_fr_es.jsonl"


@pytest.fixture(scope="module")
def questions():
    return load_gold(FR_ES)


def test_sizes_and_holdout_share(questions):
    by_language = Counter(q.language for q in questions)
    assert by_language["fr"] >= 60 and by_language["es"] >= 30
    for language in ("fr", "es"):
        mine = [q for q in questions if q.language == language]
        holdout = [q for q in mine if q.split == "holdout"]
        assert len(holdout) / len(mine) >= 0.25
        for split in ("dev", "holdout"):
            assert any(q.type == "unanswerable" for q in mine if q.split == split), (language, split)
        assert {q.type for q in mine} >= {"decision", "factual", "paraphrase", "acronym", "who", "multi", "unanswerable"}


def test_translations_keep_their_source_answers_and_never_cross_splits(questions):
    english = {q.id: q for q in load_gold(FIRST_GOLD)}
    rows = [json.loads(line) for line in FR_ES.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row, question in zip(rows, questions):
        source = row["source"]
        if source is None:
            assert question.type == "unanswerable"
            continue
        assert english[source].relevant == question.relevant and english[source].type == question.type
        # Holdout translations come from English holdout questions only, so nothing tuned on dev leaks in.
        assert english[source].split == question.split, question.id


def test_every_question_is_detected_in_its_language(questions):
    assert [q.id for q in questions if detect_language(q.question) != q.language] == []
    assert [q.id for q in load_gold(DEFAULT_GOLD) if detect_language(q.question) != "en"] == []


def test_relevant_paragraphs_exist_in_the_report(questions, bundled_report):
    numbers = {p.number for p in bundled_report.paragraphs}
    for q in questions:
        assert set(q.relevant) <= numbers and set(q.partial) <= numbers, q.id


def test_tables_per_language(questions):
    from eval.report import format_report
    from eval.run import EvalRun, QuestionResult
    from eval.summary import summarise_by_language

    english = load_gold(FIRST_GOLD)[:3]
    chosen = english + [q for q in questions if q.language == "fr"][:3] + [q for q in questions if q.language == "es"][:2]
    results = [QuestionResult(q, {"pipeline": list(q.relevant) or [1]}, 10.0, "text", list(q.relevant), q.answerable, "extractive")
               for q in chosen]
    run = EvalRun(results=results, systems=["pipeline"], doc="PC0737E", model="m")
    parts = summarise_by_language(run, ("dev", "holdout"))
    assert list(parts) == ["en", "fr", "es"]
    assert parts["fr"]["questions"] == 3 and parts["es"]["questions"] == 2
    assert parts["fr"]["splits"]["dev"]["retrieval"]["pipeline"]["overall"]["hit@5"] == 1.0
    text = format_report(parts["es"], "Language es (2 questions)")
    assert text.startswith("Language es (2 questions)")
