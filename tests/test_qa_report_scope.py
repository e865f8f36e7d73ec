"""Questions naming a session or year are answered from that report: qa.answer on an index of the 6 UNFCCC reports in tests/data/real/."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.report_match_questions import HOLDOUT, QUESTIONS, SBI58, SBI60

REAL = Path(__file__).resolve().parent / "data" / "real"


@pytest.fixture(scope="module")
def unfccc_index(tmp_path_factory, embedder):
    """An index of the six UNFCCC SBI/SBSTA text reports (sessions 44, 47, 58, 58, 60, 60), built once for this module."""
    from index import Index, update_index

    index_dir = tmp_path_factory.mktemp("unfccc") / "index"
    update_index(sorted(REAL.glob("UNFCCC_*.txt")), index_dir, embedder=embedder, progress=False)
    return Index.load(index_dir, embedder=embedder)


@pytest.fixture(scope="module")
def answers(unfccc_index):
    """Each corpus question's answer, computed once."""
    from qa.pipeline import answer

    return {q: answer(q, unfccc_index) for q, _, _ in QUESTIONS + HOLDOUT}


def _labels(answer) -> set[str]:
    return {c.label or f"¶{c.paragraph}" for c in answer.citations}


@pytest.mark.parametrize(("question", "doc", "labels"), QUESTIONS + HOLDOUT, ids=[q[:50] for q, _, _ in QUESTIONS + HOLDOUT])
def test_cites_only_the_named_report(answers, question: str, doc: str, labels: tuple[str, ...]) -> None:
    result = answers[question]
    assert result.citations, result.text
    assert {c.doc for c in result.citations} == {doc}
    assert result.question == question  # the question as asked, not the narrowed text retrieved with


def test_cites_the_answering_paragraph(answers) -> None:
    # Measured: 13 of 13 tuned questions, since a sentence doing the asked act ("note", "welcome") is
    # preferred (11 of 13 before; ¶104 for ¶105 and ¶35 for ¶33 were its misses). Held-out: 5 of 6 before
    # the retrieval branch's final ranking (BM25 weight 1.5, the complete-question lift dropped; both chosen
    # by CV on the PTC dev questions), 4 of 6 since.
    def right(questions) -> int:
        return sum(1 for q, _, labels in questions if not labels or set(labels) & _labels(answers[q]))

    assert right(QUESTIONS) >= 13
    assert right(HOLDOUT) >= 4


@pytest.mark.parametrize(
    "question",
    ["What did the SBI conclude on capacity-building at its forty-third session?", "At SBSTA 59, what did the SBSTA note on the research dialogue?",
     "In 2019, what did the SBI conclude on the Adaptation Fund?"],
)
def test_session_no_report_has_abstains_with_a_note(unfccc_index, question: str) -> None:
    from qa.pipeline import answer

    result = answer(question, unfccc_index)
    assert not result.answerable and result.mode == "abstain" and not result.citations
    note = [w for w in result.warnings if w.startswith("None of the indexed reports is from")]
    assert len(note) == 1 and note[0] not in result.text  # said once, as the warning


def test_explicit_report_filter_wins(unfccc_index) -> None:
    from index.search import Filters
    from qa.pipeline import answer

    result = answer("What did the SBI conclude on capacity-building at its fifty-eighth session?", unfccc_index, filters=Filters(docs=frozenset({SBI60})))
    assert result.citations and {c.doc for c in result.citations} == {SBI60}


def test_question_naming_no_session_is_not_narrowed(unfccc_index) -> None:
    from qa.pipeline import answer

    result = answer("What did the SBI note with appreciation about the Durban Forum on capacity-building?", unfccc_index)
    assert not any(w.startswith("None of the indexed reports") for w in result.warnings)
    assert SBI58 in {h.paragraph.doc for h in result.hits} and SBI60 in {h.paragraph.doc for h in result.hits}
