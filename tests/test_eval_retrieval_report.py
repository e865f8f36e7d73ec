"""eval.retrieval_report: one row per ranking stage, the baselines those of `python -m eval`, and one-line errors."""
from __future__ import annotations

import json

import pytest

from eval.gold import DEFAULT_GOLD, load_gold
from eval.retrieval_report import STAGES, main, table
from eval.run import LABELS


@pytest.fixture
def small_gold(tmp_path):
    """The first dev and holdout questions of the bundled set (decision ones included)."""
    rows = [json.loads(line) for line in DEFAULT_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    picked = [r for r in rows if r["split"] == "dev"][:6] + [r for r in rows if r["split"] == "holdout"][:4]
    picked += [r for r in rows if r["type"] == "decision" and r not in picked][:4]
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in picked), encoding="utf-8")
    return path


@pytest.fixture
def shared_model(monkeypatch, embedder):
    """Make the script reuse the session's model instead of loading its own."""
    import index

    monkeypatch.setattr(index, "load_embedder", lambda model: embedder)


def test_plain_rrf_is_the_textbook_k_and_the_tuned_k_has_its_own_row():
    assert STAGES[LABELS["rrf"]].rrf_k == 60.0
    tuned = [name for name in STAGES if name.startswith("RRF k=")]
    assert len(tuned) == 1 and STAGES[tuned[0]].rrf_k != 60.0


def test_table_has_a_row_per_stage(small_gold, bundled_index_dir, shared_model, capsys):
    assert main(["--gold", str(small_gold), "--index", str(bundled_index_dir)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if line.startswith("| ") and "stage" not in line]
    assert [row.split(" | ")[0][2:] for row in rows] == list(STAGES)
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")[1:]]
        assert len(cells) == 8 and all(0.0 <= float(c) <= 1.0 for c in cells)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--index", "{tmp}/missing"], "no index at"),
        (["--gold", "{tmp}/bad.jsonl", "--index", "{tmp}/missing"], "bad.jsonl: line 1: not valid JSON"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    (tmp_path / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main([a.format(tmp=tmp_path) for a in args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("eval.retrieval_report: ")
    assert message in err and err.count("\n") == 1


def test_an_empty_column_prints_a_dash(bundled_index):
    dev_only = [q for q in load_gold() if q.split == "dev" and q.type == "factual"][:3]  # no holdout, no decisions
    row = table(bundled_index, dev_only, {"plain": STAGES[LABELS["rrf"]]}).splitlines()[2]
    cells = [c.strip() for c in row.strip("|").split("|")[1:]]
    assert cells[2:] == ["-"] * 6 and all(c != "-" for c in cells[:2])
