"""eval.summary, eval.report and eval.failures on hand-made results (no model needed)."""
from __future__ import annotations

import pytest

from eval.failures import failures, format_failures
from eval.gold import GoldQuestion
from eval.report import format_report, splits_table, table
from eval.run import EvalRun, QuestionResult
from eval.summary import recall_curve, summarise


def gold(qid: str, type_: str, relevant: tuple[int, ...], split: str = "dev", facts: tuple[str, ...] = ()) -> GoldQuestion:
    return GoldQuestion(qid, f"question {qid}?", type_, relevant, (9,), "a", facts, None, split)


def result(g: GoldQuestion, pipeline: list[int], bm25: list[int], answered: bool, cited: list[int], text: str, ms: float) -> QuestionResult:
    return QuestionResult(g, {"bm25": bm25, "pipeline": pipeline}, ms, text, cited, answered, "extractive")


RESULTS = [
    # Decision: pipeline puts ¶5 first, BM25 third; qa cites ¶5 and ¶9 (partial), one of two facts.
    result(gold("q1", "decision", (5,), facts=("noted", "endorsed")), [5, 1, 2], [1, 2, 5], True, [5, 9], "It noted it.", 10.0),
    # Factual: relevant {3, 4}; pipeline finds ¶3 at rank 2 only; qa abstains.
    result(gold("q2", "factual", (3, 4)), [1, 3, 2], [3, 4, 1], False, [], "The reports do not answer this question.", 30.0),
    # Unanswerable, correctly abstained.
    result(gold("q3", "unanswerable", ()), [1, 2], [2, 1], False, [], "The reports do not answer this question.", 20.0),
    # Holdout: an unanswerable question answered wrongly.
    result(gold("q4", "unanswerable", (), split="holdout"), [1], [1], True, [1], "Something [¶1].", 40.0),
]
RUN = EvalRun(RESULTS, ["bm25", "pipeline"], "R1", "fake 1")


def test_retrieval_rows_average_over_answerable_questions_only():
    dev = summarise(RUN)["splits"]["dev"]
    pipeline, bm25 = dev["retrieval"]["pipeline"], dev["retrieval"]["bm25"]
    assert pipeline["overall"]["n"] == 2
    assert pipeline["overall"]["recall@1"] == pytest.approx((1.0 + 0.0) / 2)
    assert pipeline["overall"]["recall@5"] == pytest.approx((1.0 + 0.5) / 2)
    assert pipeline["overall"]["mrr@10"] == pytest.approx((1.0 + 0.5) / 2)
    assert pipeline["overall"]["decision_hit@3"] == 1.0
    assert bm25["overall"]["mrr@10"] == pytest.approx((1 / 3 + 1.0) / 2)
    assert bm25["decision"]["recall@1"] == 0.0
    assert "unanswerable" not in pipeline


def test_answer_rows_score_citations_facts_abstention_and_latency():
    summary = summarise(RUN)
    dev, holdout = summary["splits"]["dev"]["answers"], summary["splits"]["holdout"]["answers"]
    overall = dev["overall"]
    assert overall["citation_precision"] == 1.0  # ¶9 is partial, so acceptable; q2 cited nothing
    assert overall["citation_recall"] == pytest.approx((1.0 + 0.0) / 2)
    assert overall["key_fact_recall"] == pytest.approx(0.5)  # q2 has no facts, so only q1 counts
    assert overall["abstention_accuracy"] == 1.0
    assert overall["answer_rate"] == 0.5
    assert overall["latency_p50_ms"] == 20.0
    assert holdout["overall"]["abstention_accuracy"] == 0.0
    assert holdout["overall"]["answer_rate"] is None


def test_splits_are_summarised_apart_and_all_questions_are_listed():
    summary = summarise(RUN, ["dev", "holdout"])
    assert summary["splits"]["dev"]["questions"] == 3
    assert summary["splits"]["holdout"]["questions"] == 1
    assert [q["id"] for q in summary["questions"]] == ["q1", "q2", "q3", "q4"]
    assert [q["id"] for q in summarise(RUN, ["holdout"])["questions"]] == ["q4"]


def test_recall_curve_rises_with_k():
    assert recall_curve(RESULTS, "pipeline", [1, 2, 3]) == [pytest.approx(0.5), pytest.approx(0.75), pytest.approx(0.75)]


def test_tables_align_their_columns():
    lines = table(["system", "R@5"], [["a long name", 0.5], ["b", None]]).splitlines()
    assert lines[0] == "system         R@5"
    assert lines[2] == "a long name  0.500"
    assert lines[3] == "b                -"
    assert len({len(line) for line in lines}) == 1


def test_the_report_shows_every_split_and_system():
    text = format_report(summarise(RUN), "heading")
    assert text.startswith("heading\n")
    assert "== dev: 3 questions (2 answerable) ==" in text
    assert "== holdout: 1 questions (0 answerable) ==" in text
    assert "BM25 over paragraphs" in text and "full pipeline (qa)" in text


def test_the_pipeline_headline_metrics_sit_side_by_side_with_their_gap():
    lines = splits_table(summarise(RUN)).splitlines()
    assert lines[0].split() == ["full", "pipeline", "dev", "holdout", "dev", "-", "holdout"]
    rows = {line[:25].strip(): line[25:].split() for line in lines[2:]}
    assert rows["abstains on unanswerable"] == ["1.000", "0.000", "1.000"]
    assert rows["answers answerable"] == ["0.500", "-", "-"]  # holdout has no answerable question
    assert rows["recall@5"] == ["0.750", "-", "-"] and rows["MRR@10"] == ["0.750", "-", "-"]
    only_dev = splits_table(summarise(RUN, ["dev"])).splitlines()
    assert only_dev[0].split() == ["full", "pipeline", "dev"]  # no gap column without both splits
    assert "Full pipeline by split" in format_report(summarise(RUN))


def test_failures_say_why_and_what_came_back():
    found = {f.id: f for f in failures(RESULTS)}
    assert set(found) == {"q1", "q2", "q4"}
    assert found["q1"].reasons == ("key facts 1/2",)
    assert found["q2"].reasons == ("missed ¶4 in top 5", "abstained")
    assert found["q4"].reasons == ("answered an unanswerable question",)
    text = format_failures(found.values())
    assert "q2 [dev, factual] question q2?" in text and "top 5: [1, 3, 2]" in text


def test_a_citation_outside_the_relevant_and_partial_paragraphs_is_a_failure():
    g = gold("q5", "factual", (5,), facts=("noted",))
    found = failures([result(g, [5], [5], True, [5, 9, 12], "It noted it.", 10.0)])  # ¶9 is partial, ¶12 is not
    assert [f.reasons for f in found] == [("cites ¶12 outside the gold paragraphs",)]
