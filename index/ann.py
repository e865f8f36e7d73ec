"""Choose, build and tune the FAISS vector index: exact inner product when small, HNSW when large."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import faiss
import numpy as np

# Up to this many vectors an exact scan answers a single query in about 4 ms on 2 cores
# (benchmarks/faiss_scale.py); above it HNSW is faster at recall@10 >= 0.95.
EXACT_THRESHOLD = 50_000
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 64
HNSW_EF_SEARCH = 128

FLAT_KIND = "flat-ip"
HNSW_KIND_PREFIX = "hnsw-ip-M"

# Stored vectors must be unit length for inner product to equal cosine similarity.
_NORM_TOLERANCE = 1e-3


def available_cores() -> int:
    """Number of CPU cores this process may run on.

    Returns:
        The size of the CPU affinity set (falls back to os.cpu_count()).
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def faiss_threads(n: int) -> Iterator[None]:
    """Run a block with FAISS using `n` OpenMP threads, restoring the previous count after.

    Args:
        n: Thread count for the block.
    """
    previous = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(previous)


def _checked(vectors: np.ndarray) -> np.ndarray:
    """Validate and return `vectors` as a contiguous float32 (n, dim) array of unit rows."""
    array = np.ascontiguousarray(vectors, dtype=np.float32)
    if array.ndim != 2 or array.shape[1] == 0:
        raise ValueError(f"vectors must be a 2-D (n, dim) array, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError("vectors contain NaN or infinite values")
    norms = np.linalg.norm(array, axis=1)
    if len(norms) and np.abs(norms - 1.0).max() > _NORM_TOLERANCE:
        raise ValueError("vectors must be L2-normalised (inner product is used as cosine similarity)")
    return array


def build_vector_index(
    vectors: np.ndarray, exact_threshold: int = EXACT_THRESHOLD
) -> tuple[faiss.Index, str]:
    """Build an inner-product index over unit vectors: exact when small, HNSW above the threshold.

    Row i of `vectors` gets FAISS id i. The returned index is ready to search (search-time
    parameters set, see `configure_search`).

    Args:
        vectors: (n, dim) float32 array of L2-normalised rows; n may be 0.
        exact_threshold: Largest n that gets an exact `IndexFlatIP`.

    Returns:
        The index and its kind, e.g. "flat-ip" or "hnsw-ip-M32", to record in the manifest
        and pass to `configure_search` after `faiss.read_index`.

    Raises:
        ValueError: If `vectors` is not a finite 2-D array of unit rows.
    """
    array = _checked(vectors)
    n, dim = array.shape
    if n <= exact_threshold:
        index: faiss.Index = faiss.IndexFlatIP(dim)
        kind = FLAT_KIND
    else:
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        kind = f"{HNSW_KIND_PREFIX}{HNSW_M}"
    # Graph construction parallelises well, so use every core while building.
    with faiss_threads(available_cores()):
        index.add(array)
    configure_search(index, kind)
    return index, kind


def configure_search(index: faiss.Index, kind: str) -> None:
    """Set search-time parameters for an index of `kind` (call after `faiss.read_index`).

    Also sets FAISS to one OpenMP thread for the process: one query at a time is 2-4x
    faster single-threaded on 2 cores (thread start-up costs more than the split saves).

    Args:
        index: An index returned by `build_vector_index` or read back from disk.
        kind: The kind string `build_vector_index` returned for it.

    Raises:
        ValueError: If `kind` is unknown or does not match the index's type.
    """
    if kind == FLAT_KIND:
        expected: type = faiss.IndexFlatIP
    elif kind.startswith(HNSW_KIND_PREFIX):
        expected = faiss.IndexHNSWFlat
    else:
        raise ValueError(f"unknown vector index kind {kind!r}")
    if not isinstance(index, expected) or index.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise ValueError(f"vector index is a {type(index).__name__}, not the recorded kind {kind!r}")
    if expected is faiss.IndexHNSWFlat:
        index.hnsw.efSearch = HNSW_EF_SEARCH
    faiss.omp_set_num_threads(1)
