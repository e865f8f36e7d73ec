"""Tests of settings' environment overrides: numbers are read, and a bad number is one warning line and the default."""
from __future__ import annotations

import subprocess
import sys

import pytest

from settings import PROJECT_ROOT, Settings, load_settings


def test_numbers_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("PTC_LLM_TIMEOUT", " 2.5 ")
    monkeypatch.setenv("PTC_LLM_MAX_REPLY_BYTES", "1000")
    settings = load_settings()
    assert settings.llm_timeout_s == 2.5 and settings.llm_max_reply_bytes == 1000


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf", "1e999", "5 s"])
@pytest.mark.parametrize("name, field", [("PTC_LLM_TIMEOUT", "llm_timeout_s"), ("PTC_LLM_MAX_REPLY_BYTES", "llm_max_reply_bytes"), ("PTC_MAX_UPLOAD_MB", "max_upload_mb")])
def test_a_bad_number_warns_in_one_line_and_keeps_the_default(monkeypatch, capsys, name, field, value):
    monkeypatch.setenv(name, value)
    settings = load_settings()
    assert getattr(settings, field) == getattr(Settings(), field)
    err = capsys.readouterr().err
    assert err.startswith(f"settings: {name}=") and err.count("\n") == 1


@pytest.mark.parametrize("raw, expected", [("", 600.0), ("5", 5.0), ("0.5", 0.5), ("-3", 600.0), ("soon", 600.0)])
def test_lock_timeout_setting(monkeypatch, raw, expected):
    monkeypatch.setenv("PTC_LOCK_TIMEOUT", raw)
    assert load_settings().lock_timeout_s == expected


@pytest.mark.parametrize("name, field, raw, expected", [
    ("PTC_MAX_TEXT_MB", "max_text_mb", "1", 1), ("PTC_MODEL", "model", "/models/other", "/models/other"),
])
def test_values_library_functions_take_are_read_once_here(monkeypatch, name, field, raw, expected):
    monkeypatch.setenv(name, raw)
    assert getattr(load_settings(), field) == expected


@pytest.mark.parametrize("raw, expected", [("", True), ("1", True), ("0", False), (" 0 ", False)])
def test_warming_the_multilingual_vectors_is_a_setting(monkeypatch, raw, expected):
    monkeypatch.setenv("PTC_WARM_MULTILINGUAL", raw)
    assert load_settings().warm_multilingual is expected


def test_library_defaults_are_the_settings_defaults():
    # Library functions default to Settings' values without reading the environment; entry points pass load_settings().
    import inspect

    from index import Index, update_index
    from index.lock import writer_lock
    from ingest import read_report

    defaults = Settings()
    assert inspect.signature(read_report).parameters["max_text_mb"].default == defaults.max_text_mb
    assert inspect.signature(writer_lock).parameters["timeout_s"].default == defaults.lock_timeout_s
    assert inspect.signature(update_index).parameters["lock_timeout_s"].default == defaults.lock_timeout_s
    assert inspect.signature(update_index).parameters["model"].default == defaults.model
    assert inspect.signature(Index.load).parameters["model"].default == defaults.model
    # The ranking's tuned values are part of the one config; Index.load(ranking=None) means these defaults.
    from index import RankingConfig

    assert inspect.signature(Index.load).parameters["ranking"].default is None
    assert RankingConfig is type(defaults.ranking) and defaults.ranking == RankingConfig()


def test_only_entry_points_read_the_environment():
    # Every load_settings() call sits in a command's main (or its argument parsing), never in a library function.
    import ast

    callers = set()
    for path in PROJECT_ROOT.glob("*/*.py"):
        if path.parts[-2] in ("tests", "benchmarks"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(func):
                    if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "load_settings":
                        callers.add(f"{path.relative_to(PROJECT_ROOT)}:{func.name}")
    assert callers <= {
        "eval/__main__.py:main", "eval/calibrate_multilingual.py:main", "eval/retrieval_report.py:main",
        "eval/tune_retrieval.py:main", "eval/gold_script.py:script_setup", "index/__main__.py:main",
        "index/multilingual.py:main", "ingest/__main__.py:main", "qa/__main__.py:main",
    }, callers


def test_no_module_but_settings_reads_a_ptc_variable():
    readers = [
        f"{path.relative_to(PROJECT_ROOT)}:{number}"
        for path in [*PROJECT_ROOT.glob("*.py"), *PROJECT_ROOT.glob("*/*.py")]
        if path.parts[-2] not in ("tests", "benchmarks") and path.name != "settings.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ("environ" in line or "getenv" in line) and "PTC_" in line
    ]
    assert readers == []


def test_the_cli_runs_with_a_bad_timeout():
    run = subprocess.run(
        [sys.executable, "-m", "qa", "What was decided?", "--index", "/nonexistent-index"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PTC_LLM_TIMEOUT": "five", "HF_HUB_OFFLINE": "1"},
    )
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[0] == "settings: PTC_LLM_TIMEOUT='five' is not a positive number; using 30.0"
    assert run.returncode == 2 and run.stderr.splitlines()[1].startswith("qa: no index at /nonexistent-index")


def test_the_decision_model_file_missing_or_bad(tmp_path):
    from settings import DecisionFrames, load_decision_frames, write_fitted_model

    assert load_decision_frames(tmp_path / "absent.json") == DecisionFrames()  # the rules alone
    bad = tmp_path / "decision_frames.json"
    bad.write_text('{"weights": [0.1]}', encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_decision_frames(bad)
    assert str(info.value).startswith(f"{bad}: not a decision-question model") and "\n" not in str(info.value)
    frames = DecisionFrames(model="m", threshold=0.6, bias=0.1, weights=(0.5, -0.5))
    write_fitted_model(bad, frames)
    assert load_decision_frames(bad) == frames
