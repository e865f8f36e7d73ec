"""Corpus-scale benchmark: build indexes of ~154, ~4,000 and ~40,000 paragraphs from real reports and time them.

Usage: python benchmarks/scale.py [--sizes 154,4000,40000] [--work DIR [--reuse]] [--browser] [--json FILE]

The corpus is the bundled PTC report plus the real reports under /work/shared/real-reports
(PTC_REAL_REPORTS overrides; the 35-second BBNJ PDF is left out), copied under new report ids until
the size is reached: real report structure and text, with each distinct window embedded once and
then reused through the embedding cache. The SBSTA58 report (150 paragraphs) is kept out of the
corpus: it is the report added to each finished index, with a cold cache.

For each size it prints: ingest time and peak memory, index size on disk, `Index.load` without the
model in a fresh process, cold `python -m qa` to the first answer, warm answer p50/p95 over the gold
questions, time to add the 150-paragraph report (`python -m ingest FILE --index DIR`, model load
included) and, with --browser, app start to the question box and the app's RSS (Debian chromium).
A benchmark, not a test: it prints figures and the load average and asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

BUNDLED = PROJECT_ROOT / "data" / "reports" / "PC0737E_PTC-241-242_2023-10.md"
REAL = Path(os.environ.get("PTC_REAL_REPORTS", "/work/shared/real-reports"))
ADDED = "UNFCCC_FCCC-SBSTA-2023-04_SBSTA58_report.txt"  # 150 paragraphs, added to each finished index
SLOW = ("UN_BBNJ",)  # PDFs that take half a minute to read
QUESTION = "What did the PTC decide on de minimis?"
ENV = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")


def source_reports() -> list:
    """The reports the corpus is copied from: the bundled one first."""
    from ingest import read_report

    files = [BUNDLED] + sorted(
        p for p in REAL.glob("*") if p.suffix in (".md", ".txt", ".pdf") and p.name != ADDED and not p.name.startswith(SLOW)
    )
    reports = []
    for path in files:
        try:
            reports.append(read_report(path))
        except Exception as exc:  # a README or an unreadable file is not part of the corpus
            print(f"  (skipped {path.name}: {str(exc)[:80]})", file=sys.stderr)
    return reports


def copy_report(report, copy: int):
    """The report under a new id (and sessions label), its paragraphs re-pointed at that id."""
    new_id = f"{report.meta.id}-C{copy:03d}"
    meta = replace(
        report.meta, id=new_id, code=new_id, sessions=f"{report.meta.sessions} (copy {copy})".strip(),
        short_name=f"{report.meta.short_name} #{copy}", file_name=f"{new_id}.md",
        content_hash=f"{report.meta.content_hash[:48]}{copy:016d}",
    )
    return replace(report, meta=meta, paragraphs=[replace(p, doc=new_id) for p in report.paragraphs])


def corpus(size: int) -> list:
    """Reports totalling at least `size` paragraphs: the bundled report as itself, then copies."""
    sources = source_reports()
    reports, total, copy = [sources[0]], len(sources[0].paragraphs), 0
    while total < size:
        copy += 1
        for report in sources:
            if total >= size:
                break
            reports.append(copy_report(report, copy))
            total += len(report.paragraphs)
    return reports


def peak_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- workers (each runs in a fresh process and prints one JSON line) ----------------------------

def work_build(index_dir: Path, size: int, cache: Path) -> dict:
    """Build the index of `size` paragraphs."""
    from index.build import update_reports

    started = time.perf_counter()
    reports = corpus(size)
    read_s = time.perf_counter() - started
    summary = update_reports(reports, index_dir, progress=False, cache_path=cache)
    return {"read_s": read_s, "ingest_s": summary.seconds, "total_s": time.perf_counter() - started,
            "peak_mb": peak_mb(), "reports": summary.reports, "paragraphs": summary.paragraphs,
            "embedded": summary.embedded}


def work_load(index_dir: Path) -> dict:
    """Open the index without the model and score one keyword query."""
    started = time.perf_counter()
    from index import Index

    imported = time.perf_counter()
    index = Index.load(index_dir)
    loaded = time.perf_counter()
    index.keyword.scores("de minimis threshold")
    return {"import_s": imported - started, "load_s": loaded - imported, "keyword_ms": 1000 * (time.perf_counter() - loaded),
            "torch": "torch" in sys.modules, "rss_mb": peak_mb(), "paragraphs": len(index.paragraphs)}


def work_warm(index_dir: Path, rounds: int) -> dict:
    """Warm extractive answers over the answerable gold questions: latency and citations of a relevant paragraph."""
    from eval.gold import load_gold
    from index import Index
    from qa.pipeline import answer
    from settings import load_settings

    settings = replace(load_settings(), llm_base_url="")
    index = Index.load(index_dir, model=settings.model, ranking=settings.ranking)
    gold = [row for row in load_gold(PROJECT_ROOT / "eval" / "gold" / "ptc_241_242.jsonl") if row.relevant]
    for row in gold[:5]:
        answer(row.question, index, settings=settings)  # model and per-index caches
    times, hits = [], 0
    for round_ in range(rounds):
        for row in gold:
            started = time.perf_counter()
            result = answer(row.question if round_ == 0 else f"{row.question} ({round_})", index, settings=settings)
            times.append(1000 * (time.perf_counter() - started))
            if round_ == 0:
                cited = {c.paragraph for c in getattr(result, "citations", [])} | {h.paragraph.number for h in result.hits[:5]}
                hits += bool(cited & set(row.relevant))
    times.sort()
    return {"answers": len(times), "p50_ms": statistics.median(times),
            "p95_ms": times[min(len(times) - 1, int(0.95 * len(times)))], "questions": len(gold),
            "relevant_cited_or_top5": hits, "rss_mb": peak_mb()}


# --- the driver ----------------------------------------------------------------------------------

def run_worker(*args: str) -> dict:
    """Run this file as a worker in a fresh process; its JSON result."""
    result = subprocess.run([sys.executable, __file__, "--worker", *args], cwd=PROJECT_ROOT, env=ENV,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"worker {args[0]} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed(command: list[str]) -> tuple[float, str]:
    """Wall seconds of a command in a fresh process, and its stdout."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_ROOT, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return seconds, result.stdout


def folder_mb(folder: Path) -> float:
    """Size of the files in a folder, MB."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1e6


def measure(size: int, work: Path, cache: Path, browser: bool, rounds: int, reuse: bool = False) -> dict:
    """Every figure for one corpus size."""
    index_dir = work / f"index-{size}"
    row: dict = {"size": size, "load_before": os.getloadavg()[0]}
    saved = work / f"index-{size}.build.json"
    if reuse and saved.is_file() and (index_dir / "manifest.json").is_file():
        row["build"] = json.loads(saved.read_text())  # built (and timed) by an earlier run
    else:
        shutil.rmtree(index_dir, ignore_errors=True)
        row["build"] = run_worker("build", str(index_dir), str(size), str(cache))
        saved.write_text(json.dumps(row["build"]))
    row["disk_mb"] = folder_mb(index_dir)
    row["load"] = [run_worker("load", str(index_dir)) for _ in range(2)]
    seconds, out = timed([sys.executable, "-m", "qa", QUESTION, "--index", str(index_dir), "--json"])
    row["cold_qa_s"] = seconds
    row["cold_qa_cites_68"] = any(c["paragraph"] == 68 for c in json.loads(out)["citations"])
    row["warm"] = run_worker("warm", str(index_dir), str(rounds))
    added = work / f"added-{size}"  # another folder name, so another (empty) embedding cache
    shutil.copytree(index_dir, added)
    row["add_s"], out = timed([sys.executable, "-m", "ingest", str(REAL / ADDED), "--index", str(added)])
    row["add_summary"] = out.strip().splitlines()[-1] if out.strip() else ""
    shutil.rmtree(added, ignore_errors=True)
    if browser:
        from app_load import app_start  # benchmarks/ is on sys.path when this file runs

        row["app"] = app_start(index_dir)
    row["load_after"] = os.getloadavg()[0]
    return row


def print_row(row: dict) -> None:
    """The figures of one size, one per line."""
    build, loads, warm = row["build"], row["load"], row["warm"]
    print(f"\n== {build['paragraphs']:,} paragraphs, {build['reports']} reports "
          f"(load average {row['load_before']:.1f} before, {row['load_after']:.1f} after) ==")
    print(f"ingest                  {build['ingest_s']:7.1f} s (+{build['read_s']:.1f} s reading sources), "
          f"peak memory {build['peak_mb']:.0f} MB, {build['embedded']} windows embedded (rest from the cache)")
    print(f"index on disk           {row['disk_mb']:7.1f} MB")
    runs = ", ".join(f"{one['load_s']:.2f}" for one in loads)
    print(f"Index.load, no model    {min(one['load_s'] for one in loads):7.2f} s (runs: {runs}; "
          f"imports {loads[0]['import_s']:.2f} s; torch imported: {loads[0]['torch']}; RSS {loads[0]['rss_mb']:.0f} MB; "
          f"keyword query {loads[0]['keyword_ms']:.1f} ms)")
    print(f"cold python -m qa       {row['cold_qa_s']:7.1f} s to the first answer (cites ¶68: {row['cold_qa_cites_68']})")
    print(f"warm answer             p50 {warm['p50_ms']:.0f} ms, p95 {warm['p95_ms']:.0f} ms over {warm['answers']} answers; "
          f"{warm['relevant_cited_or_top5']}/{warm['questions']} cite or rank a relevant paragraph in the top 5; RSS {warm['rss_mb']:.0f} MB")
    print(f"add a 150-paragraph report {row['add_s']:5.1f} s  ({row['add_summary']})")
    if "app" in row:
        app = row["app"]
        print(f"app start               {app['question_box_s']:7.1f} s to the question box; first answer {app['first_answer_s']:.1f} s "
              f"after Enter (cites ¶68: {app['cites_68']}); app RSS {app['rss_mb']:.0f} MB (peak {app['peak_mb']:.0f} MB)")


def main() -> None:
    """Parse options, measure each size, print the figures (and write them as JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="154,4000,40000", help="paragraph counts (default 154,4000,40000)")
    parser.add_argument("--work", type=Path, help="folder for the indexes (default: a temporary folder)")
    parser.add_argument("--browser", action="store_true", help="also time the app in Debian's chromium")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the gold questions for warm answers")
    parser.add_argument("--keep", action="store_true", help="keep the indexes")
    parser.add_argument("--reuse", action="store_true",
                        help="with --work: keep indexes built by an earlier run (their build figures are reprinted)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        kind, *rest = args.worker
        if kind == "build":
            result = work_build(Path(rest[0]), int(rest[1]), Path(rest[2]))
        elif kind == "load":
            result = work_load(Path(rest[0]))
        else:
            result = work_warm(Path(rest[0]), int(rest[1]))
        print(json.dumps(result))
        return
    work = args.work or Path(tempfile.mkdtemp(prefix="ptc-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "embeddings.sqlite"  # shared by every size: each distinct window is embedded once
    print(f"cores {len(os.sched_getaffinity(0))}, load average {os.getloadavg()}, work folder {work}")
    rows = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            rows.append(measure(size, work, cache, args.browser, args.rounds, args.reuse))
            print_row(rows[-1])
            sys.stdout.flush()
    finally:
        if args.json:
            args.json.write_text(json.dumps(rows, indent=1))
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
