"""Tests of `python -m qa` input limits: bounded --batch reading and --item checked against the index."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace

import pytest

import qa.__main__ as cli
from settings import PROJECT_ROOT, load_settings


@pytest.fixture()
def use_bundled(monkeypatch, bundled_index):
    """The CLI with the session's index instead of loading one (and its model) again."""
    monkeypatch.setattr(cli, "load_index", lambda index_dir, model, ranking=None: bundled_index)


@pytest.fixture()
def small_limits(monkeypatch):
    """Batch limits small enough to reach with a tiny file."""
    monkeypatch.setattr(cli, "load_settings", lambda: replace(load_settings(), batch_max_line_chars=50, batch_max_lines=3))


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    return captured.err.strip()


@pytest.mark.parametrize(
    "content, message",
    [
        ("What was decided?\n" + "x" * 51 + "\n", "line 2 is longer than 50 characters"),
        ("x" * 500, "line 1 is longer than 50 characters"),
        ("a?\nb?\nc?\nd?\n", "more than 3 lines"),
        (b"What was decided?\n\xff\xfe broken\n", "line 2 is not UTF-8 text"),
    ],
    ids=["long-line", "no-newline", "too-many-lines", "not-utf8"],
)
def test_batch_over_a_limit_is_one_line_and_answers_nothing(small_limits, capsys, tmp_path, content, message):
    batch = tmp_path / "batch.txt"
    batch.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert cli.main(["--batch", str(batch)]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"qa: {batch}: ") and message in err


@pytest.mark.parametrize("newline, last", [("\n", "\n"), ("\r\n", "\r\n"), ("\n", "")])
def test_batch_at_the_limits_is_read(tmp_path, newline, last):
    batch = tmp_path / "b.txt"
    batch.write_bytes((newline.join(["x" * 50, "", "What was decided?"]) + last).encode())
    assert list(cli.read_batch(batch, 50, 3)) == ["x" * 50, "What was decided?"]


# The child reports its own peak from /proc (VmHWM belongs to its address space): getrusage's
# ru_maxrss survives fork and exec, so it would report this test session's own peak.
_PEAK_OF_QA = """
import re, runpy, sys
sys.argv = ["qa", "--batch", "/dev/zero", "--index", "/nonexistent-index"]
try:
    runpy.run_module("qa", run_name="__main__")
finally:
    status = open("/proc/self/status").read()
    print("peak_kb=" + re.search(r"VmHWM:\\s*(\\d+)", status).group(1), file=sys.stderr)
"""


def test_dev_zero_is_refused_in_one_line_with_bounded_memory():
    run = subprocess.run([sys.executable, "-c", _PEAK_OF_QA], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60)
    *lines, peak = run.stderr.strip().splitlines()
    assert run.returncode == 2 and run.stdout == ""
    assert lines == ["qa: /dev/zero: line 1 is longer than 5000 characters (one question per line)"]
    peak_mb = int(peak.removeprefix("peak_kb=")) / 1024
    assert peak_mb < 1024, peak_mb


def test_batch_lines_of_nothing_but_symbols_are_skipped(use_bundled, capsys, tmp_path):
    batch = tmp_path / "batch.txt"
    batch.write_text("🤔🤔\nWhat did the PTC decide on de minimis?!?!\n\x00\n", encoding="utf-8")
    assert cli.main(["--batch", str(batch)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == ["What did the PTC decide on de minimis?"]
    assert lines[0]["mode"] == "decision"


@pytest.mark.parametrize("item", ["ZZZ", "XCIX", "' OR 1=1"])
def test_unknown_item_is_named_with_the_known_ones(use_bundled, capsys, item):
    assert cli.main(["What was decided?", "--item", item]) == 2
    err = one_line_error(capsys)
    assert err.startswith(f"qa: unknown agenda item {item!r} (--item): the indexed reports have items I, II, III")
    assert "V, VI" in err and "do not answer" not in err


def test_item_is_matched_regardless_of_case(use_bundled, capsys):
    assert cli.main(["What was agreed?", "--json", "--item", "vi", "--decisions-only"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and all(h["item"] == "VI" for h in hits)
