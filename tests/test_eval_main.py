"""`python -m eval`: JSON on a small gold file against the session index, and one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from eval.__main__ import main
from eval.gold import DEFAULT_GOLD
from eval.metrics import mrr_at_k, recall_at_k
from settings import PROJECT_ROOT

# One dev and one holdout question of several types, an unanswerable pair included.
PICK = ("q001", "q003", "q028", "q030", "q068", "q100", "q110", "q112")


@pytest.fixture
def small_gold(tmp_path):
    """A gold file with the PICK questions of the bundled set."""
    lines = [line for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if json.loads(line)["id"] in PICK]
    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def shared_model(monkeypatch, embedder):
    """Make the CLI reuse the session's model instead of loading its own."""
    import index

    monkeypatch.setattr(index, "load_embedder", lambda model: embedder)


def test_json_reports_every_system_per_split_and_agrees_with_its_own_rankings(small_gold, bundled_index_dir, shared_model, tmp_path, capsys):
    # An empty --reports folder: the splitter cannot find the raw file and is left out with a note
    # (the notebook test runs it); everything else is measured.
    status = main(["--gold", str(small_gold), "--index", str(bundled_index_dir), "--reports", str(tmp_path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert status == 0
    assert out["systems"] == ["bm25", "dense", "rrf", "pipeline"]
    assert any("splitter left out" in note for note in out["notes"])
    assert set(out["splits"]) == {"dev", "holdout"}
    assert [q["id"] for q in out["questions"]] == list(PICK)
    for split, answerable in (("dev", 4), ("holdout", 2)):
        part = out["splits"][split]
        assert part["questions"] == len([q for q in out["questions"] if q["split"] == split])
        for system in out["systems"]:
            row = part["retrieval"][system]["overall"]
            assert row["n"] == answerable
            # The summary is the mean of the per-question rankings it lists.
            records = [q for q in out["questions"] if q["split"] == split and q["relevant"]]
            assert row["recall@5"] == pytest.approx(sum(recall_at_k(q["rankings"][system], q["relevant"], 5) for q in records) / answerable)
            assert row["mrr@10"] == pytest.approx(sum(mrr_at_k(q["rankings"][system], q["relevant"], 10) for q in records) / answerable)
        answers = part["answers"]["overall"]
        assert answers["latency_p50_ms"] > 0
        assert answers["abstention_accuracy"] in (0.0, 1.0)  # one unanswerable question per split
    for record in out["questions"]:
        assert len(record["rankings"]["pipeline"]) == 10
        assert record["answer"]


def test_limit_and_split_choose_the_questions(small_gold, bundled_index_dir, shared_model, tmp_path, capsys):
    status = main(["--gold", str(small_gold), "--index", str(bundled_index_dir), "--reports", str(tmp_path),
                   "--split", "holdout", "--limit", "4", "--failures"])
    text = capsys.readouterr().out
    assert status == 0
    assert "== holdout: 2 questions (2 answerable) ==" in text
    assert "== dev" not in text
    assert "\nFailures (holdout)\n" in text
    listed = text.split("Failures (holdout)")[1]
    assert "[dev," not in listed and ("No failures." in listed or "[holdout," in listed)
    assert "full pipeline (qa)" in text and "plain RRF (BM25 + dense, k=60)" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["--index", "{tmp}/missing"], "no index at"),
        (["--gold", "{tmp}/bad.jsonl", "--index", "{tmp}"], "bad.jsonl: line 1: not valid JSON"),
        (["--gold", "{tmp}/nothing.jsonl", "--index", "{tmp}"], "nothing.jsonl: cannot read gold file"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path, args, message):
    (tmp_path / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    proc = subprocess.run([sys.executable, "-m", "eval", *argv], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("eval: ") and message in lines[0], proc.stderr
