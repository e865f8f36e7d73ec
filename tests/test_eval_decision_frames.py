"""Tests for eval.decision_frames: question frames, labels, and the grouped cross-validation on a small gold fixture."""
import json
from dataclasses import replace

import numpy as np
import pytest

from eval import decision_frames as df
from settings import DecisionFrames, load_decision_frames


def test_labels_follow_the_type_and_the_relevant_paragraphs():
    decisions = {20, 36}
    row = lambda kind, relevant: {"type": kind, "relevant": relevant}  # noqa: E731
    assert df.label(row("decision", [20]), decisions) == 1
    assert df.label(row("list", [20, 36]), decisions) == 1  # "What did the PTC take note of under ...?"
    assert df.label(row("list", [20, 40]), decisions) == 0  # a list of presentations, not of decision points
    assert df.label(row("paraphrase", [36]), decisions) == 1
    assert df.label(row("who", [20]), decisions) == 0  # a name asked, whatever paragraph holds it
    assert df.label(row("near_miss", []), decisions) == 0
    assert df.label(row("unanswerable", []), decisions) is None
    assert df.label(row("briefing", [20]), decisions) is None


def _examples(y, regex, typed=None):
    n = len(y)
    typed = np.zeros(n, bool) if typed is None else np.array(typed)
    return df.Examples(np.zeros((n, 2)), np.array(y), np.array(regex), typed, ["f"] * n, ["t"] * n, ["q"] * n)


def test_rates_threshold_and_combinations():
    y = np.array([1, 1, 0, 0, 0])
    said = np.array([True, False, True, False, False])
    assert df.rates(said, y) == df.Rates(0.5, 1 / 3, 2)
    p = np.array([0.9, 0.8, 0.3, 0.2, 0.1])
    t = df.choose_threshold(p, _examples(y, [False] * 5), "classifier")
    assert 0.3 < t < 0.8
    # OR-ed with the rules, a question the rules take stays a decision whatever the classifier says.
    ex = _examples([1, 0, 0], [True, False, False], typed=[False, True, False])
    p = np.array([0.1, 0.9, 0.9])
    assert df.verdicts(p, ex, "or", 0.5).tolist() == [True, True, True]
    assert df.verdicts(p, ex, "classifier", 0.5).tolist() == [False, True, True]
    # Gated: a typed question (who, when, how many) keeps the rules' verdict.
    assert df.verdicts(p, ex, "or-gated", 0.5).tolist() == [True, False, True]


def _gold_row(n, question, kind, relevant, split="dev"):
    return {"id": f"t{n:03d}", "question": question, "type": kind, "relevant": relevant, "partial": [],
            "answer": "a", "key_facts": [], "item": None, "split": split}


DECISIONS = [
    "What did the PTC decide about the passenger facilitation working group?",
    "What was agreed on the GNC review?",
    "What did the Committee conclude on e-commerce?",
    "Did the PTC endorse the Customs-Port guidelines?",
    "What position did the Committee take on green customs?",
    "How did the PTC respond to the data model report?",
]
FACTS = [
    "Who presented the de minimis study?",
    "How many countries answered the e-commerce survey?",
    "Which country spoke about plastic waste?",
    "What does AEO stand for?",
    "When was the transit guide first issued?",
    "What example did Norway give of low-value parcels?",
]


@pytest.fixture
def small_gold(tmp_path, bundled_index):
    decision = next(p.number for p in bundled_index.paragraphs if p.decision)
    other = next(p.number for p in bundled_index.paragraphs if not p.decision)
    rows = [_gold_row(i, q, "decision", [decision]) for i, q in enumerate(DECISIONS)]
    rows += [_gold_row(10 + i, q, "factual", [other]) for i, q in enumerate(FACTS)]
    rows.append(_gold_row(90, "What did the PTC decide on the holdout question?", "decision", [decision], split="holdout"))
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    generic = tmp_path / "generic.jsonl"
    generic.write_text("".join(json.dumps({"frame": f, "decision": d}) + "\n" for f, d in (
        ("What did the committee decide on X?", True), ("What action was taken on X?", True),
        ("Who presented X?", False), ("How many X were reported?", False))), encoding="utf-8")
    probe = tmp_path / "probe.jsonl"
    probe.write_text("".join(json.dumps({"question": q, "decision": d, "source": "fresh"}) + "\n" for q, d in (
        ("What did the committee make of the e-waste pilot?", True), ("Which Members described their pilots?", False))), encoding="utf-8")
    return gold, generic, probe


def test_dev_examples_read_dev_rows_only(small_gold, bundled_index):
    from eval.gold_script import load_gold

    gold, _, _ = small_gold
    rows = load_gold(gold)  # every split, as a careless caller would pass them
    dev, ids = df.dev_examples(rows, bundled_index)
    assert "t090" not in ids
    assert len(dev.y) == len(DECISIONS) + len(FACTS) and int(dev.y.sum()) == len(DECISIONS)
    assert not any("holdout" in q for q in dev.questions)
    assert dev.x.shape == (len(dev.y), bundled_index.embedder.dim)
    # The rules' verdict is the one Query.decision carries.
    assert dev.regex[: len(DECISIONS)].all() and not dev.regex[len(DECISIONS):].any()


def test_grouped_folds_keep_a_frame_in_one_fold(small_gold, bundled_index):
    gold, _, _ = small_gold
    from eval.gold_script import load_gold

    dev, _ = df.dev_examples(load_gold(gold, "dev"), bundled_index)
    dev = replace(dev, frames=["same"] * 2 + dev.frames[2:])
    for _, test in df.folds(dev, 3, seed=0):
        assert (0 in test) == (1 in test)


def test_cross_validation_runs_on_a_small_gold_file(small_gold, bundled_index, monkeypatch, capsys):
    gold, generic, probe = small_gold
    monkeypatch.setattr("qa.__main__.load_index", lambda *a, **k: bundled_index)
    out_file = gold.with_name("decision_frames.json")
    code = df.main(["--gold", str(gold), "--index", "unused", "--generic", str(generic), "--probe", str(probe), "--folds", "3", "--repeats", "1",
                    "--fit-before", "t013", "--write", "--out", str(out_file)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"dev {len(DECISIONS) + len(FACTS)} labelled questions ({len(DECISIONS)} ask for a decision), 4 generic frames" in out
    for name in ("rules alone", "rules or classifier", "rules feature classifier", "classifier alone"):
        line = next(line for line in out.splitlines() if line.strip().startswith(name))
        assert "recall" in line and "false-decision" in line
    assert "rules alone              recall 1.000  false-decision 0.000" in out
    assert "best in CV:" in out and "probe 2 fresh questions" in out and "[fresh] classifier" in out
    assert "unseen dev rows from t013: 3 (0 ask for a decision), models fitted on the 9 earlier rows" in out
    # The rules make no error on this fixture: nothing to gain, so the written model is empty (the rules alone).
    assert "no weights, the rules alone" in out and load_decision_frames(out_file) == DecisionFrames()


@pytest.mark.parametrize("option", ["--fit-before", "--unseen-from"])
def test_an_id_of_no_dev_row_is_one_line_before_any_fitting(small_gold, bundled_index, monkeypatch, capsys, option):
    gold, generic, _ = small_gold
    monkeypatch.setattr("qa.__main__.load_index", lambda *a, **k: bundled_index)
    with pytest.raises(SystemExit) as exit_info:
        df.main(["--gold", str(gold), "--index", "unused", "--generic", str(generic), "--probe", "", option, "t090"])  # t090: a holdout row
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == "decision_frames: --fit-before t090: no dev row has this id\n" and "labelled questions" not in captured.out


def test_too_few_questions_is_one_line(small_gold, bundled_index, monkeypatch, capsys, tmp_path):
    gold, generic, _ = small_gold
    rows = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()]
    one_kind = tmp_path / "decisions.jsonl"
    one_kind.write_text("".join(json.dumps(r) + "\n" for r in rows if r["type"] == "decision"), encoding="utf-8")
    monkeypatch.setattr("qa.__main__.load_index", lambda *a, **k: bundled_index)
    with pytest.raises(SystemExit) as exit_info:
        df.main(["--gold", str(one_kind), "--index", "unused", "--generic", str(generic), "--probe", ""])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.strip() == "decision_frames: cross-validation needs at least two decision and two other labelled dev questions"
