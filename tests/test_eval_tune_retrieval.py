"""Tests for the ranking tuner's grid and its choice by cross-validation (synthetic scores, no index)."""
import numpy as np
import pytest

from eval.gold import GoldQuestion
from eval.tune_retrieval import best_config, cross_validate, folds, grid
from settings import RankingConfig


def _question(qid: str, kind: str) -> GoldQuestion:
    return GoldQuestion(qid, "q?", kind, (1,), (), "", (), None, "dev")


def test_grid_starts_with_the_current_config_and_tries_the_rare_name_credit_on_and_off():
    base = RankingConfig()
    configs = grid(base)
    assert configs[0] == base and len(configs) == len(set(configs))
    assert any(c.rare_share == 0.0 for c in configs) and any(not c.rare_names for c in configs)
    assert {c.rare_floor for c in configs if c.rare_share} >= {0.7, 0.8, 0.9}


def test_the_choice_keeps_the_current_config_on_ties_and_each_fold_is_scored_with_the_others_choice():
    questions = [_question(f"q{i:03d}", "factual") for i in range(10)]
    scores = np.zeros((3, 10, 2))
    scores[1] = scores[0]  # a tie with the current config
    scores[2, :8] = 1.0  # better on folds 0-2 only (questions 0-7), as rows i and i+5 share a fold
    assert best_config(scores[:, :2]) == 2 and best_config(scores[:2]) == 0
    held, chosen = cross_validate(scores, folds(questions))
    assert len(chosen) == 5 and all(c in (0, 2) for c in chosen)
    assert held[8].sum() == 0 and held[0].sum() == 2  # question 8's fold chose config 2, which fails it


@pytest.mark.parametrize("option, value, message", [
    ("--fit-before", "x1", "--fit-before x1: no dev row has this id"),
    ("--unseen-from", "x1", "--fit-before x1: no dev row has this id"),
    ("--fit-first", "0", "--fit-first 0: the dev split has "),
])
def test_the_first_later_row_is_checked_before_any_configuration_runs(tmp_path, monkeypatch, capsys, option, value, message):
    from eval import tune_retrieval

    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(
        f'{{"id": "q{i}", "question": "What was decided?", "type": "decision", "relevant": [3], "partial": [], "answer": "a", "key_facts": [], "item": null, "split": "dev"}}\n' for i in (1, 2)
    ), encoding="utf-8")
    monkeypatch.setattr("eval.session.open_index", lambda *a, **k: object())
    monkeypatch.setattr(tune_retrieval, "pipeline_scores", lambda *a, **k: pytest.fail("scored before the option was checked"))
    assert tune_retrieval.main(["--gold", str(gold), "--index", "unused", option, value]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tune_retrieval: {message}") and err.count("\n") == 1
