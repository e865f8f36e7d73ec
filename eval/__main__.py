"""Command line: `python -m eval [--gold FILE] [--index DIR] [--reports DIR] [--doc ID] [--split S] [--limit N] [--json] [--failures]`."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Sequence

from eval.failures import failures, format_failures
from eval.gold import DEFAULT_GOLD
from eval.report import format_report
from eval.session import EvalError, run_gold
from eval.summary import summarise, summarise_by_language
from settings import SettingsError, load_settings


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m eval",
        description="Score retrieval baselines, the full pipeline and qa answers on a gold set (dev and holdout).",
    )
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL file (default: eval/gold/ptc_241_242_v2.jsonl, 684 questions)")
    parser.add_argument("--index", type=Path, help="index folder (default: build a temporary index of --reports)")
    parser.add_argument("--reports", type=Path, help="report folder to index and to read raw files from (default: data/reports)")
    parser.add_argument("--doc", help="the gold set's report id when the index holds several reports")
    parser.add_argument("--split", choices=("dev", "holdout", "all"), default="all", help="which part to report (default: both, each separately)")
    parser.add_argument("--limit", type=int, help="evaluate only the first N questions")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--failures", action="store_true", help="after the tables, list every failing question and why")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; returns the exit status (0 ok, 2 user error)."""
    args = parse_args(argv)
    started = time.perf_counter()
    try:
        run = run_gold(
            args.gold, index_dir=args.index, reports_dir=args.reports, doc=args.doc, limit=args.limit, settings=load_settings()
        )
    except (EvalError, SettingsError) as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    splits = ("dev", "holdout") if args.split == "all" else (args.split,)
    summary = summarise(run, splits)
    summary["gold"] = str(args.gold)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    by_language = summarise_by_language(run, splits)
    if len(by_language) > 1:
        summary["languages"] = by_language
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        heading = f"Gold set {args.gold} ({len(run.results)} questions), evaluated in {summary['seconds']} s."
        print(format_report(summary, heading), end="")
        for language, part in by_language.items() if len(by_language) > 1 else ():
            print("\n" + format_report(part, f"Language {language} ({part['questions']} questions)"), end="")
        if args.failures:
            chosen = [r for r in run.results if r.gold.split in splits]
            print(f"\nFailures ({', '.join(splits)})\n\n{format_failures(failures(chosen))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
