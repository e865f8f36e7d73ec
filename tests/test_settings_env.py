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


def test_the_cli_runs_with_a_bad_timeout():
    run = subprocess.run(
        [sys.executable, "-m", "qa", "What was decided?", "--index", "/nonexistent-index"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PTC_LLM_TIMEOUT": "five", "HF_HUB_OFFLINE": "1"},
    )
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines()[0] == "settings: PTC_LLM_TIMEOUT='five' is not a positive number; using 30.0"
    assert run.returncode == 2 and run.stderr.splitlines()[1].startswith("qa: no index at /nonexistent-index")
