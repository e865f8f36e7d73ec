"""Tests of eval.gold_script: checked gold rows for the qa scripts and one-line errors before the index loads."""
from __future__ import annotations

import pytest

from eval.gold import DEFAULT_GOLD, GoldError
from eval.gold_script import load_gold, script_setup


def test_rows_carry_the_gold_fields_and_splits_partition_them():
    rows = load_gold(DEFAULT_GOLD)
    dev, holdout = load_gold(DEFAULT_GOLD, "dev"), load_gold(DEFAULT_GOLD, "holdout")
    assert len(dev) + len(holdout) == len(rows) and dev and holdout
    assert {r["split"] for r in dev} == {"dev"}
    first = rows[0]
    assert isinstance(first["question"], str) and first["type"] and isinstance(first["relevant"], tuple)


def test_a_malformed_gold_file_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "q1"}\n', encoding="utf-8")
    with pytest.raises(GoldError, match=r"bad\.jsonl: line 1: missing field"):
        load_gold(bad)


def test_script_setup_stops_on_a_bad_gold_file_before_loading_the_index(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        script_setup("python -m eval.calibrate", None, ["--gold", str(bad), "--index", str(tmp_path / "missing")])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("eval.calibrate: ") and "bad.jsonl: line 1: not valid JSON" in err and err.count("\n") == 1


def test_script_setup_names_the_missing_index(tmp_path, capsys):
    with pytest.raises(SystemExit):
        script_setup("python -m eval.bench", None, ["--index", str(tmp_path / "missing")])
    assert "no index at" in capsys.readouterr().err
