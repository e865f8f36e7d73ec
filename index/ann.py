"""Choose, build and tune the FAISS vector index: exact inner product when small, IVF when large."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import faiss
import numpy as np

# Up to this many vectors an exact scan answers one query in about 4 ms on 2 cores; above it
# IVF is faster at recall@10 >= 0.95 (benchmarks/faiss_scale.py, README "Scale benchmark").
EXACT_THRESHOLD = 50_000
# Lists probed per query: 64 of 4096 at 1M scans ~1.6% of the vectors, recall@10 ~1.0 in the
# benchmark; the margin over 16-32 (already >= 0.99 there) is for real data's fuzzier topics.
IVF_NPROBE = 64
# k-means wants >= 39 training points per list; 64 per list trains well without scanning all n.
_TRAIN_POINTS_PER_LIST = 64
_MIN_POINTS_PER_LIST = 39
_TRAIN_SEED = 1234

FLAT_KIND = "flat-ip"
IVF_KIND_PREFIX = "ivf-ip-"

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


def ivf_lists(n: int) -> int:
    """Number of IVF lists for `n` vectors: a power of two near 4*sqrt(n), >= 39 vectors per list.

    Args:
        n: Number of vectors (at least 39).

    Returns:
        The list count (1024 at 100k, 4096 at 1M).
    """
    target = 2 ** round(np.log2(4 * np.sqrt(n)))
    return max(1, min(target, n // _MIN_POINTS_PER_LIST))


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


def _build_ivf(array: np.ndarray) -> tuple[faiss.Index, str]:
    """Train an IVF-flat inner-product index on a random sample of `array`, then add all of it."""
    n, dim = array.shape
    nlist = ivf_lists(n)
    index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
    # A random sample, not the first rows: rows arrive report by report, so a prefix is one topic.
    rng = np.random.default_rng(_TRAIN_SEED)
    sample = np.sort(rng.choice(n, size=min(n, _TRAIN_POINTS_PER_LIST * nlist), replace=False))
    index.train(array[sample])
    index.add(array)
    return index, f"{IVF_KIND_PREFIX}{nlist}"


def build_vector_index(
    vectors: np.ndarray, exact_threshold: int = EXACT_THRESHOLD
) -> tuple[faiss.Index, str]:
    """Build an inner-product index over unit vectors: exact when small, IVF above the threshold.

    Row i of `vectors` gets FAISS id i; scores are inner products (cosine similarity). The
    returned index is ready to search (search-time parameters set, see `configure_search`).

    Args:
        vectors: (n, dim) float32 array of L2-normalised rows; n may be 0.
        exact_threshold: Largest n that gets an exact `IndexFlatIP` (at least 38).

    Returns:
        The index and its kind, "flat-ip" or e.g. "ivf-ip-4096", to record in the manifest and
        pass to `configure_search` after `faiss.read_index`.

    Raises:
        ValueError: If `vectors` is not a finite 2-D array of unit rows.
    """
    array = _checked(vectors)
    n, dim = array.shape
    # k-means and list assignment parallelise well, so building uses every core.
    with faiss_threads(available_cores()):
        if n <= max(exact_threshold, _MIN_POINTS_PER_LIST - 1):
            index: faiss.Index = faiss.IndexFlatIP(dim)
            index.add(array)
            kind = FLAT_KIND
        else:
            index, kind = _build_ivf(array)
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
        ValueError: If `kind` is unknown or does not match the index.
    """
    if kind == FLAT_KIND:
        matches = isinstance(index, faiss.IndexFlatIP)
    elif kind.startswith(IVF_KIND_PREFIX) and kind[len(IVF_KIND_PREFIX):].isdigit():
        nlist = int(kind[len(IVF_KIND_PREFIX):])
        matches = isinstance(index, faiss.IndexIVFFlat) and index.nlist == nlist
    else:
        raise ValueError(f"unknown vector index kind {kind!r}")
    if not matches or index.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise ValueError(f"vector index ({type(index).__name__}) is not the recorded kind {kind!r}")
    if isinstance(index, faiss.IndexIVFFlat):
        index.nprobe = min(IVF_NPROBE, index.nlist)
    faiss.omp_set_num_threads(1)
