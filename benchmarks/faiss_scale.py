"""Benchmark the vector index at 1k-1M synthetic paragraphs: build time, memory, latency, recall."""
from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from index import ann  # noqa: E402

DIM = 384  # all-MiniLM-L6-v2
K = 10
FULL_SIZES = (1_000, 10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)
MB = 1024 * 1024


@dataclass(frozen=True)
class Mixture:
    """A Gaussian mixture on the unit sphere: topics of uneven size and spread, like real embeddings."""

    centroids: np.ndarray  # (c, dim) unit rows
    weights: np.ndarray  # (c,) topic probabilities
    spreads: np.ndarray  # (c,) noise norm relative to the unit centroid

    @classmethod
    def random(cls, n_centroids: int, dim: int, rng: np.random.Generator) -> Mixture:
        """A mixture with random centroids, log-normal topic sizes and spreads in [0.6, 1.0].

        Args:
            n_centroids: Number of topics.
            dim: Vector dimension.
            rng: Random generator.

        Returns:
            The mixture.
        """
        centroids = _unit(rng.standard_normal((n_centroids, dim), dtype=np.float32))
        weights = rng.lognormal(0.0, 1.0, n_centroids)
        spreads = rng.uniform(0.6, 1.0, n_centroids).astype(np.float32)
        return cls(centroids, weights / weights.sum(), spreads)

    def sample(self, n: int, rng: np.random.Generator, extra_noise: float = 0.0) -> np.ndarray:
        """Draw `n` unit vectors; `extra_noise` perturbs them further (a query paraphrases a paragraph).

        Args:
            n: Number of vectors.
            rng: Random generator.
            extra_noise: Norm of additional isotropic noise, relative to the unit centroid.

        Returns:
            (n, dim) float32 array of unit rows.
        """
        dim = self.centroids.shape[1]
        out = np.empty((n, dim), dtype=np.float32)
        chunk = 100_000  # bounds the temporaries at 1M rows
        for start in range(0, n, chunk):
            stop = min(n, start + chunk)
            topic = rng.choice(len(self.weights), size=stop - start, p=self.weights)
            scale = np.sqrt(self.spreads[topic] ** 2 + extra_noise**2)[:, None] / np.sqrt(dim)
            noise = rng.standard_normal((stop - start, dim), dtype=np.float32)
            out[start:stop] = _unit(self.centroids[topic] + noise * scale)
        return out


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    size: int
    kind: str
    auto: bool  # the kind build_vector_index picks at this size by default
    build_s: float
    index_mb: float
    rss_mb: float
    p50_ms: float
    p95_ms: float
    recall: float


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _rss_mb() -> float:
    gc.collect()
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _latencies_ms(index: faiss.Index, queries: np.ndarray) -> tuple[float, float]:
    """p50 and p95 of one-query-at-a-time search, as the product searches."""
    times = np.empty(len(queries))
    for i in range(len(queries)):
        start = time.perf_counter()
        index.search(queries[i : i + 1], K)
        times[i] = time.perf_counter() - start
    return float(np.percentile(times, 50) * 1000), float(np.percentile(times, 95) * 1000)


def _recall(found: np.ndarray, truth: np.ndarray) -> float:
    return float(np.mean([len(set(f) & set(t)) / K for f, t in zip(found, truth)]))


def _measure(
    size: int,
    kind: str,
    auto: bool,
    build: Callable[[], faiss.Index],
    queries: np.ndarray,
    truth: np.ndarray | None,
) -> tuple[faiss.Index, Row]:
    """Build with `build()` and time it, then measure size, latency and recall against `truth`."""
    rss_before = _rss_mb()
    start = time.perf_counter()
    index = build()
    build_s = time.perf_counter() - start
    rss_mb = _rss_mb() - rss_before
    index_mb = len(faiss.serialize_index(index)) / MB
    p50, p95 = _latencies_ms(index, queries)
    recall = 1.0 if truth is None else _recall(index.search(queries, K)[1], truth)
    return index, Row(size, kind, auto, build_s, index_mb, rss_mb, p50, p95, recall)


def _hnsw(vectors: np.ndarray, m: int, ef_construction: int) -> faiss.Index:
    """An HNSW inner-product index, for comparison with IVF (not used by the product)."""
    index = faiss.IndexHNSWFlat(vectors.shape[1], m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = ef_construction
    with ann.faiss_threads(ann.available_cores()):
        index.add(vectors)
    faiss.omp_set_num_threads(1)  # as ann.configure_search does for the product's index
    return index


def _sweep(
    index: faiss.Index,
    base: Row,
    label: Callable[[int], str],
    settings: list[int],
    apply: Callable[[faiss.Index, int], None],
    queries: np.ndarray,
    truth: np.ndarray,
) -> list[Row]:
    """One row per search-time setting: `apply(index, setting)`, then latency and recall."""
    rows = []
    for setting in settings:
        apply(index, setting)
        p50, p95 = _latencies_ms(index, queries)
        recall = _recall(index.search(queries, K)[1], truth)
        rows.append(Row(base.size, label(setting), base.auto and setting == settings[0], base.build_s,
                        base.index_mb, base.rss_mb, p50, p95, recall))
    return rows


def bench_size(size: int, args: argparse.Namespace, mixture: Mixture, rng: np.random.Generator) -> list[Row]:
    """All rows for one corpus size: exact flat, IVF at each nprobe, optionally HNSW at each efSearch."""
    vectors = mixture.sample(size, rng)
    queries = mixture.sample(args.queries, rng, extra_noise=args.query_noise)
    flat_is_auto = size <= ann.EXACT_THRESHOLD

    flat, row = _measure(size, ann.FLAT_KIND, flat_is_auto,
                         lambda: ann.build_vector_index(vectors, exact_threshold=size)[0], queries, None)
    rows = [row]
    with ann.faiss_threads(ann.available_cores()):
        truth = flat.search(queries, K)[1]
    del flat

    # The product's approximate index, forced at every size; the first nprobe is the product's.
    ivf, row = _measure(size, "", not flat_is_auto,
                        lambda: ann.build_vector_index(vectors, exact_threshold=0)[0], queries, truth)
    nprobes = [ann.IVF_NPROBE] + [n for n in args.nprobe if n != ann.IVF_NPROBE]
    rows += _sweep(ivf, row, lambda n: f"{ann.IVF_KIND_PREFIX}{ivf.nlist} nprobe{n}", nprobes,
                   lambda index, n: setattr(index, "nprobe", n), queries, truth)
    del ivf

    if args.hnsw:
        hnsw, row = _measure(size, "", False, lambda: _hnsw(vectors, args.hnsw_m, args.ef_construction),
                             queries, truth)
        rows += _sweep(hnsw, row, lambda ef: f"hnsw-ip-M{args.hnsw_m} efC{args.ef_construction} efS{ef}",
                       args.ef_search, lambda index, ef: setattr(index.hnsw, "efSearch", ef), queries, truth)
    return rows


def _print_table(rows: list[Row]) -> None:
    """Print rows as a Markdown table; * marks the kind build_vector_index chooses at that size."""
    print("| paragraphs | index kind | build s | index MB | RSS Δ MB | p50 ms | p95 ms | recall@10 |")
    print("|---:|:---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        mark = " *" if r.auto else ""
        print(f"| {r.size:,} | {r.kind}{mark} | {r.build_s:.1f} | {r.index_mb:.0f} | {r.rss_mb:.0f} "
              f"| {r.p50_ms:.2f} | {r.p95_ms:.2f} | {r.recall:.3f} |")


def _ints(text: str) -> list[int]:
    return [int(float(part)) for part in text.split(",") if part]


def main(argv: list[str] | None = None) -> None:
    """Parse options, run every size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=_ints, default=list(FULL_SIZES), help="comma-separated corpus sizes")
    parser.add_argument("--quick", action="store_true", help="1k and 10k only (smoke run)")
    parser.add_argument("--queries", type=int, default=1000, help="single queries timed per index")
    parser.add_argument("--centroids", type=int, default=2000, help="topics in the synthetic mixture")
    parser.add_argument("--query-noise", type=float, default=0.3, help="extra noise on held-out queries")
    parser.add_argument("--nprobe", type=_ints, default=[], help="extra IVF nprobe values, comma-separated")
    parser.add_argument("--hnsw", action="store_true", help="also measure HNSW for comparison")
    parser.add_argument("--hnsw-m", type=int, default=32)
    parser.add_argument("--ef-construction", type=int, default=64)
    parser.add_argument("--ef-search", type=_ints, default=[128, 256], help="comma-separated, with --hnsw")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else args.sizes

    rng = np.random.default_rng(args.seed)
    mixture = Mixture.random(args.centroids, DIM, rng)
    print(f"# {DIM}-d Gaussian mixture, {args.centroids} topics; {args.queries} held-out queries "
          f"(extra noise {args.query_noise}); FAISS {faiss.__version__}, {ann.available_cores()} cores; "
          f"exact threshold {ann.EXACT_THRESHOLD:,}; load average {os.getloadavg()[0]:.1f}", flush=True)
    rows: list[Row] = []
    for size in sizes:
        rows += bench_size(size, args, mixture, rng)
        print(f"# done {size:,}", file=sys.stderr, flush=True)
    # Other work on the machine inflates latencies: report it with the figures.
    print(f"# load average at the end {os.getloadavg()[0]:.1f}")
    _print_table(rows)


if __name__ == "__main__":
    main()
