"""Tests for settings' fitted models: answerability.json and decision_frames.json read strictly, named in one line when bad, written back unchanged."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

import settings
from settings import (
    ANSWERABILITY_FILE, DECISION_FRAMES_FILE, DecisionFrames, SettingsError, load_answerability, load_decision_frames, write_fitted_model,
)

CALIBRATE = "re-run `python -m eval.calibrate --write`"


@pytest.mark.parametrize("shipped, load", [(ANSWERABILITY_FILE, load_answerability), (DECISION_FRAMES_FILE, load_decision_frames)])
def test_the_shipped_model_files_are_written_back_byte_for_byte(tmp_path, shipped, load):
    model = load()
    assert model != type(model)()  # the shipped files hold fitted models, not the empty defaults
    copy = tmp_path / shipped.name
    write_fitted_model(copy, model)
    assert copy.read_bytes() == shipped.read_bytes()
    assert load(copy) == model


def _shipped() -> dict:
    return json.loads(ANSWERABILITY_FILE.read_text(encoding="utf-8"))


def _with(**changes) -> str:
    data = _shipped()
    for key, value in changes.items():
        if value is None:
            del data[key]
        else:
            data[key] = value
    return json.dumps(data)


BAD_FILES = [
    ('{\n  "features": [\n    "sentence",', "invalid JSON: EOF while parsing a value at line 3 column 15"),
    ("[]", "input should be an object"),
    (_with(weights=[0.1, "0.5"] + _shipped()["weights"][2:]), "weights.1: input should be a valid number"),
    (_with(bias=True), "bias: input should be a valid number"),
    (_with(features=["sentence", 3]), "features.1: input should be a valid string"),
    (_with(min_similarity=None), "min_similarity: field required"),  # a missing field is not silently the default
    (_with(treshold=0.5), "treshold: extra inputs are not permitted"),  # nor is a misspelt one
    (_with(bias="x", threshold="y"), "bias: input should be a valid number (and 1 more)"),
]


@pytest.mark.parametrize("text, problem", BAD_FILES)
def test_a_corrupt_or_wrongly_typed_file_is_one_line_naming_the_file_and_the_field(tmp_path, text, problem):
    bad = tmp_path / "answerability.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_answerability(bad)
    assert str(info.value) == f"{bad}: not an answerability model: {problem}; {CALIBRATE}"


def test_a_wrongly_typed_decision_model_names_its_own_command(tmp_path):
    bad = tmp_path / "decision_frames.json"
    write_fitted_model(bad, DecisionFrames(model="m", threshold=0.5, bias=0.0, weights=(0.1, 0.2)))
    bad.write_text(bad.read_text(encoding="utf-8").replace('"m"', "7"), encoding="utf-8")
    with pytest.raises(SettingsError) as info:
        load_decision_frames(bad)
    assert str(info.value) == f"{bad}: not a decision-question model: model: input should be a valid string; re-run `python -m eval.decision_frames --write`"


def test_fields_are_named_not_placed():
    with pytest.raises(TypeError):
        DecisionFrames("m", 0.5)  # the file's order is not the old positional order: keywords only
    assert replace(DecisionFrames(), model="x").model == "x"


@pytest.mark.parametrize("constant, load, what", [
    ("ANSWERABILITY_FILE", "load_answerability", "an answerability model"),
    ("DECISION_FRAMES_FILE", "load_decision_frames", "a decision-question model"),
])
def test_the_cli_names_a_bad_model_file_in_one_line(tmp_path, monkeypatch, capsys, constant, load, what):
    from qa.__main__ import main

    bad = tmp_path / "model.json"
    bad.write_text('{"bias": "high"', encoding="utf-8")
    monkeypatch.setattr(settings, constant, bad)  # the default path, read when settings are loaded
    with pytest.raises(SettingsError):
        getattr(settings, load)()
    assert main(["What was decided?", "--index", str(tmp_path / "no-index")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"qa: {bad}: not {what}: invalid JSON: ") and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("command", ["ingest", "index"])
def test_ingest_and_index_name_a_bad_model_file_in_one_line(tmp_path, monkeypatch, capsys, command):
    import importlib

    bad = tmp_path / "model.json"
    bad.write_text('{"bias": "high"', encoding="utf-8")
    monkeypatch.setattr(settings, "ANSWERABILITY_FILE", bad)
    main = importlib.import_module(f"{command}.__main__").main
    argv = [str(tmp_path / "report.md"), "--index", str(tmp_path / "idx")] if command == "ingest" else ["search", "de minimis", "--index", str(tmp_path / "idx")]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"error: {bad}: not an answerability model: invalid JSON: ") and err.count("\n") == 1
    assert not (tmp_path / "idx").exists()
