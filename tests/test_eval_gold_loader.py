"""eval.gold.load_gold: reads the bundled set and refuses malformed files with one line naming file and line."""
from __future__ import annotations

import json

import pytest

from eval.gold import DEFAULT_GOLD, GoldError, load_gold

ROW = {
    "id": "q001", "question": "What was decided?", "type": "decision", "relevant": [2], "partial": [],
    "answer": "It took note.", "key_facts": ["took note"], "item": "I", "split": "dev",
}


def write(tmp_path, *rows) -> str:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return str(path)


def test_the_bundled_gold_set_loads_with_both_splits():
    questions = load_gold(DEFAULT_GOLD)
    assert len(questions) >= 60
    assert {q.split for q in questions} == {"dev", "holdout"}
    unanswerable = [q for q in questions if q.type == "unanswerable"]
    assert unanswerable and not any(q.answerable for q in unanswerable)


def test_a_valid_row_becomes_a_question_and_blank_lines_are_skipped(tmp_path):
    (question,) = load_gold(write(tmp_path, ROW, ""))
    assert question.relevant == (2,) and question.key_facts == ("took note",) and question.answerable


@pytest.mark.parametrize(
    "rows, message",
    [
        ([], "no questions"),
        (["[1, 2]"], "line 1: expected a JSON object"),
        ([{k: v for k, v in ROW.items() if k != "split"}], "line 1: missing field(s) split"),
        ([{**ROW, "type": "opinion"}], "type 'opinion' is not one of"),
        ([{**ROW, "split": "test"}], "split 'test'"),
        ([{**ROW, "relevant": ["2"]}], "'relevant' must be a list of paragraph numbers"),
        ([{**ROW, "relevant": []}], "'relevant' must be empty exactly for unanswerable"),
        ([{**ROW, "key_facts": [""]}], "'key_facts' must be a list of non-empty strings"),
        ([ROW, ROW], "line 2: id 'q001' repeats"),
    ],
)
def test_malformed_files_are_refused_with_file_and_line(tmp_path, rows, message):
    path = write(tmp_path, *rows) if rows else str(tmp_path / "empty.jsonl")
    if not rows:
        (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    with pytest.raises(GoldError) as info:
        load_gold(path)
    assert message in str(info.value) and str(path) in str(info.value)
    assert "\n" not in str(info.value)
