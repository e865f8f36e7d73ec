"""Print cold ingest time of the bundled report and warm search latency (p50/p95) over the gold questions.

Run: `python benchmarks/search_latency.py [--repeat N]`. A benchmark, not a test: figures depend on the machine
and on what else it is running (the load average is printed with them).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))


def cold_ingest(index_dir: Path) -> float:
    """Seconds for `python -m ingest data/reports --index DIR` in a fresh process (model load included)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ingest", str(PROJECT_ROOT / "data" / "reports"), "--index", str(index_dir)],
        cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the questions (default 3)")
    args = parser.parse_args()
    from eval.gold import FIRST_GOLD, load_gold
    from eval.metrics import percentile
    from index import Index
    from settings import load_settings

    print(f"load average before: {os.getloadavg()[0]:.2f}")
    index_dir = Path(tempfile.mkdtemp(prefix="ptc-bench-")) / "index"
    print(f"cold ingest (python -m ingest data/reports, model load included): {cold_ingest(index_dir):.1f} s")
    index = Index.load(index_dir, ranking=load_settings().ranking)
    questions = [q.question for q in load_gold(FIRST_GOLD)]  # the 125 questions the README's figures were measured on
    for question in questions[:5]:
        index.search(question)  # warm-up
    search_ms, encode_ms = [], []
    for _ in range(args.repeat):
        for question in questions:
            started = time.perf_counter()
            index.search(question, k=10)
            search_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            index.encode_query(question)
            encode_ms.append((time.perf_counter() - started) * 1000)
    print(f"warm search over {len(search_ms)} queries: p50 {percentile(search_ms, 50):.1f} ms, "
          f"p95 {percentile(search_ms, 95):.1f} ms (query encode alone p50 {percentile(encode_ms, 50):.1f} ms)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
