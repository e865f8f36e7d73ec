"""Tests for index.ann: exact below the threshold, IVF above it, settings restored after reading from disk."""
from __future__ import annotations

import faiss
import numpy as np
import pytest

from index.ann import FLAT_KIND, IVF_NPROBE, build_vector_index, configure_search, ivf_lists

DIM = 384
K = 10


def clustered(n: int, seed: int = 0, topics: int = 40) -> np.ndarray:
    """Unit vectors scattered around a few topic centroids, shaped like sentence embeddings."""
    rng = np.random.default_rng(seed)
    centroids = np.random.default_rng(1234).standard_normal((topics, DIM))
    points = centroids[rng.integers(0, topics, n)] * 0.12 + rng.standard_normal((n, DIM)) * 0.1
    return (points / np.linalg.norm(points, axis=1, keepdims=True)).astype(np.float32)


def exact_top_k(vectors: np.ndarray, queries: np.ndarray) -> np.ndarray:
    """Row ids of the K largest inner products per query, by brute force in numpy."""
    return np.argsort(-(queries @ vectors.T), axis=1)[:, :K]


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth)]))


def test_small_corpus_gets_exact_index_with_exact_results():
    vectors, queries = clustered(600), clustered(50, seed=1)

    index, kind = build_vector_index(vectors, exact_threshold=1000)

    assert kind == FLAT_KIND
    assert isinstance(index, faiss.IndexFlatIP)
    scores, ids = index.search(queries, K)
    np.testing.assert_array_equal(ids, exact_top_k(vectors, queries))
    np.testing.assert_allclose(scores[:, 0], np.max(queries @ vectors.T, axis=1), rtol=1e-5)


def test_threshold_is_the_largest_exact_size():
    vectors = clustered(301)

    assert build_vector_index(vectors[:300], exact_threshold=300)[1] == FLAT_KIND
    assert build_vector_index(vectors, exact_threshold=300)[1] == f"ivf-ip-{ivf_lists(301)}"


def test_list_count_grows_with_the_square_root_and_keeps_lists_trainable():
    assert ivf_lists(100_000) == 1024
    assert ivf_lists(1_000_000) == 4096
    assert ivf_lists(1000) == 1000 // 39


def test_large_corpus_gets_ivf_with_high_recall():
    vectors, queries = clustered(4000), clustered(200, seed=1)

    index, kind = build_vector_index(vectors, exact_threshold=1000)

    assert kind == f"ivf-ip-{ivf_lists(4000)}"
    assert isinstance(index, faiss.IndexIVFFlat)
    assert index.ntotal == len(vectors)
    scores, ids = index.search(queries, K)
    assert recall_at_k(ids, exact_top_k(vectors, queries)) >= 0.9
    # Scores are inner products (cosine), not L2 distances, so callers can fuse them as similarities.
    np.testing.assert_allclose(scores, np.take_along_axis(queries @ vectors.T, ids, axis=1), rtol=1e-4)


def test_ivf_survives_write_read_and_configure(tmp_path):
    vectors, queries = clustered(3000), clustered(100, seed=1)
    index, kind = build_vector_index(vectors, exact_threshold=1000)
    path = tmp_path / "vectors.faiss"
    faiss.write_index(index, str(path))

    loaded = faiss.read_index(str(path))
    loaded.nprobe = 1  # whatever was (or was not) persisted, configure_search must set it
    configure_search(loaded, kind)

    assert loaded.nprobe == min(IVF_NPROBE, loaded.nlist) > 1
    np.testing.assert_array_equal(loaded.search(queries, K)[1], index.search(queries, K)[1])
    assert recall_at_k(loaded.search(queries, K)[1], exact_top_k(vectors, queries)) >= 0.9


def test_flat_survives_write_read_and_configure(tmp_path):
    vectors, queries = clustered(200), clustered(20, seed=1)
    index, kind = build_vector_index(vectors)
    path = tmp_path / "vectors.faiss"
    faiss.write_index(index, str(path))

    loaded = faiss.read_index(str(path))
    configure_search(loaded, kind)

    np.testing.assert_array_equal(loaded.search(queries, K)[1], exact_top_k(vectors, queries))


def test_empty_corpus_gets_an_empty_exact_index():
    index, kind = build_vector_index(np.zeros((0, DIM), dtype=np.float32))

    assert kind == FLAT_KIND
    assert index.ntotal == 0 and index.d == DIM


@pytest.mark.parametrize(
    "vectors, message",
    [
        (np.ones((5, DIM), dtype=np.float32), "L2-normalised"),
        (np.full((5, DIM), np.nan, dtype=np.float32), "NaN"),
        (np.ones(DIM, dtype=np.float32), "2-D"),
    ],
)
def test_rejects_bad_vectors(vectors, message):
    with pytest.raises(ValueError, match=message):
        build_vector_index(vectors)


def test_configure_search_rejects_unknown_or_mismatched_kind():
    flat, _ = build_vector_index(clustered(50))

    with pytest.raises(ValueError, match="unknown vector index kind"):
        configure_search(flat, "ivf-pq")
    with pytest.raises(ValueError, match="not the recorded kind"):
        configure_search(flat, "ivf-ip-64")
    ivf, kind = build_vector_index(clustered(3000), exact_threshold=1000)
    with pytest.raises(ValueError, match="not the recorded kind"):
        configure_search(ivf, f"ivf-ip-{ivf.nlist * 2}")
