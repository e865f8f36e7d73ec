"""Tests of the `python -m qa` command line: text, --json, --batch, filters and one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

import qa.__main__ as cli
from settings import PROJECT_ROOT


@pytest.fixture()
def use_bundled(monkeypatch, bundled_index):
    """The CLI with the session's index instead of loading one (and its model) again."""
    loaded = []
    monkeypatch.setattr(cli, "load_index", lambda index_dir, model, ranking=None: loaded.append(index_dir) or bundled_index)
    return loaded


def test_default_output_is_the_answer_then_the_cited_paragraphs(use_bundled, capsys, tmp_path):
    assert cli.main(["What did the PTC decide on de minimis?", "--index", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert use_bundled == [tmp_path]
    assert "The PTC took no decision on de minimis" in out
    assert "### Cited paragraphs" in out
    assert "**PTC 241/242 ¶68 — Item V E-Commerce — e. Outline of a new WCO tool" in out


def test_json_is_one_object_with_at_least_k_hits(use_bundled, capsys):
    assert cli.main(["How many transactions went through the Section 321 Data Pilot?", "--json", "-k", "12"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"question", "answer", "answerable", "citations", "hits"} <= set(data)
    assert len(data["hits"]) >= 12 and data["answerable"] is True


def test_item_and_decisions_only_filters(use_bundled, capsys):
    assert cli.main(["What was agreed?", "--json", "--item", "VI", "--decisions-only"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and all(h["item"] == "VI" and h["decision"] for h in hits)


def test_batch_answers_each_line_in_order(use_bundled, capsys, tmp_path):
    questions = ["What did the PTC decide on de minimis?", "", "What is the WCO budget for 2025?", "What does PFCWG stand for?"]
    batch = tmp_path / "questions.txt"
    batch.write_text("\n".join(questions) + "\n", encoding="utf-8")
    assert cli.main(["--batch", str(batch)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["question"] for line in lines] == [q for q in questions if q]
    assert [line["answerable"] for line in lines] == [True, False, True]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["  "], "qa: question is empty"),
        (["--batch", "missing.txt"], "qa: missing.txt: cannot read batch file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, message, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert cli.main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1


def test_missing_index_names_the_command_that_builds_one(tmp_path):
    index_dir = tmp_path / "nowhere"
    run = subprocess.run(
        [sys.executable, "-m", "qa", "What was decided?", "--index", str(index_dir)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.strip() == f"qa: no index at {index_dir}: build one with `python -m ingest data/reports --index {index_dir}`"


def test_question_and_batch_together_are_refused(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["question", "--batch", "file.txt"])
    assert exit_.value.code == 2


def test_the_index_ranks_with_the_settings_ranking(monkeypatch, capsys, bundled_index_dir, embedder):
    # qa's load path hands settings.ranking to the index it loads (nothing deep inside reads settings).
    from dataclasses import replace

    from index import RankingConfig
    from settings import Settings

    monkeypatch.setattr("index.search.lazy_embedder", lambda model: embedder)
    ranking = RankingConfig(fusion="keyword", rrf_k=7.0)
    monkeypatch.setattr(cli, "load_settings", lambda: replace(Settings(), ranking=ranking))
    real_load, loaded = cli.load_index, []
    monkeypatch.setattr(cli, "load_index", lambda *args, **kwargs: loaded.append(real_load(*args, **kwargs)) or loaded[-1])
    assert cli.main(["What did the PTC decide on de minimis?", "--json", "--index", str(bundled_index_dir)]) == 0
    assert [index.ranking for index in loaded] == [ranking] and ranking != RankingConfig()
    assert real_load(bundled_index_dir, Settings().model).ranking == RankingConfig()  # defaults when none is passed
