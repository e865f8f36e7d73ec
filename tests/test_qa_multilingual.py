"""Tests for qa.multilingual: French and Spanish questions answered from the English bundled report."""
from __future__ import annotations

import pytest

from qa import answer
from qa.language import answer_note, not_answered


@pytest.fixture(scope="module")
def index(bundled_index):
    """The session's bundled index with its multilingual vectors built (once per session)."""
    from index.multilingual import multilingual_vectors

    multilingual_vectors(bundled_index)
    return bundled_index


def test_french_decision_question_quotes_the_conclusion(index):
    result = answer("Qu'a décidé le CTP au sujet du seuil de minimis ?", index)
    assert result.answerable and result.mode == "decision"
    assert result.warnings == [answer_note("fr")]  # said once, in French
    assert answer_note("fr") not in result.text
    assert result.to_markdown().count(answer_note("fr")) == 1
    assert 68 in [c.paragraph for c in result.citations]
    assert "took note, with thanks" in result.text  # the English report's words, quoted


def test_french_who_question_cites_the_presentation(index):
    result = answer("Qui a présenté les projets pilotes de données des États-Unis ?", index)
    assert result.answerable and result.warnings == [answer_note("fr")]
    assert result.hits[0].paragraph.number == 38
    assert 38 in [c.paragraph for c in result.citations]


def test_spanish_decision_question(index):
    result = answer("¿Qué decidió el CTP sobre la actualización de la Guía del estudio del tiempo de despacho?", index)
    assert result.answerable and result.warnings == [answer_note("es")]
    assert 149 in [c.paragraph for c in result.citations]


def test_unanswerable_french_question_abstains_in_french(index):
    result = answer("Quel est le budget de l'OMD pour 2025 ?", index)
    assert not result.answerable and result.mode == "abstain" and not result.citations
    assert result.text.startswith(not_answered("fr"))


def test_english_questions_keep_their_path(index):
    result = answer("What did the PTC decide on de minimis?", index)
    assert result.answerable and 68 in [c.paragraph for c in result.citations]
    assert answer_note("fr") not in result.to_markdown() and not result.warnings


def test_filters_apply_to_french_questions(index):
    from index import Filters

    result = answer("Qu'a décidé le CTP au sujet des douanes vertes ?", index, filters=Filters(items=frozenset({"VI"})))
    assert result.hits and all(h.paragraph.item == "VI" for h in result.hits)


def test_unmentioned_names_are_alternatives_within_a_group():
    from types import SimpleNamespace

    from qa.multilingual import unmentioned_names

    def hit(text: str):
        para = SimpleNamespace(text=text, item_title="E-Commerce", subitem_title="", heading="")
        return SimpleNamespace(paragraph=para)

    hits = [hit("The U.S. de minimis threshold is USD 800."), hit("Norway taxes all goods from 2024.")]
    assert unmentioned_names("what threshold de minimis United States US?", hits) == []
    assert unmentioned_names("what threshold de minimis Canada?", hits) == ["Canada"]
    assert unmentioned_names("what did decided PTC HS 2027?", hits) == ["HS 2027"]
    assert unmentioned_names("when Norway 2024 PTC?", hits) == []  # generic names (PTC) never count


def test_calibration_picks_the_threshold_that_separates_dev():
    from eval.calibrate_multilingual import Signals, choose, rates

    rows = [Signals(True, "dev", 0.85, 0.6, False, False), Signals(True, "dev", 0.83, 0.5, False, False),
            Signals(False, "dev", 0.80, 0.3, False, False), Signals(False, "dev", 0.86, 0.6, False, True),
            Signals(True, "dev", 0.70, 0.1, True, False)]
    weight, threshold = choose(rows, min_answered=1.0)
    assert rates(rows, weight, threshold) == (1.0, 1.0)
    assert 0.80 + weight * 0.3 < threshold <= 0.83 + weight * 0.5


def test_french_question_during_the_background_build_waits_for_it_then_answers(index, embedder, monkeypatch):
    """The app's warm-up: a question asked while the vectors are being built waits for that build."""
    import threading

    import index.multilingual as multilingual
    from index import Index

    fresh = Index.load(index.index_dir, embedder=embedder)  # not built in this process yet
    real = multilingual.shared_model()
    release, calls = threading.Event(), []

    def slow_model():
        calls.append(1)
        assert release.wait(30)
        return real

    monkeypatch.setattr(multilingual, "shared_model", slow_model)
    builder = multilingual.build_in_background(fresh)
    results = []
    asker = threading.Thread(target=lambda: results.append(answer("Qu'a décidé le CTP au sujet du seuil de minimis ?", fresh)))
    asker.start()
    asker.join(0.5)
    assert asker.is_alive() and not results  # waiting for the build
    release.set()
    builder.join(60)
    asker.join(60)
    assert len(calls) == 1  # one build, shared
    assert results and results[0].answerable and 68 in [c.paragraph for c in results[0].citations]
    assert multilingual.loaded_vectors(fresh).embedded == 0  # the index's cache was read, not re-embedded


def test_the_non_english_knobs_come_from_settings(index):
    from dataclasses import replace

    from settings import Settings

    question = "Qui a présenté les projets pilotes de données des États-Unis ?"
    strict = replace(Settings(), multilingual=replace(Settings().multilingual, abstain_threshold=5.0))  # no score reaches it
    assert answer(question, index, settings=Settings()).answerable
    result = answer(question, index, settings=strict)
    assert not result.answerable and result.text.startswith(not_answered("fr"))
