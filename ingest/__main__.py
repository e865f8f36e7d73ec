"""Command line: `python -m ingest --dump PATH` (JSON lines) or `python -m ingest PATH... [--index DIR]`."""
from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterator

from .errors import IngestError
from .reader import find_report_files, read_report
from .records import Report
from settings import Settings, SettingsError, load_settings


def main(argv: list[str] | None = None) -> int:
    """Run the ingest CLI.

    Args:
        argv: the arguments (default: sys.argv[1:]).

    Returns:
        The exit status: 0 on success, 1 for bad input (one line on stderr, nothing on stdout),
        2 for bad usage.
    """
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Ingest PTC reports: dump their paragraphs as JSON lines, or add them to the index.",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="report files (.md, .txt, .pdf) or folders")
    parser.add_argument("--dump", action="store_true", help="print one JSON line per paragraph; build no index")
    parser.add_argument("--index", type=Path, default=None, help="index folder (default: settings / PTC_INDEX)")
    parser.add_argument("--remove", action="append", default=[], metavar="REPORT_ID",
                        help="remove a report from the index (repeatable)")
    args = parser.parse_args(argv)
    if not args.paths and not args.remove:
        parser.error("give at least one report path (or --remove REPORT_ID)")
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        if args.dump:
            return _dump(args.paths, settings.max_text_mb)
        with _sigterm_as_interrupt():
            return _update(args.paths, args.index, args.remove, settings)
    except IngestError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; the index is intact (the previous version, or the new one if already published)", file=sys.stderr)
        return 130


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt meanwhile, so an index write stopped by `kill` removes its temp folder."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _dump(paths: list[Path], max_text_mb: int) -> int:
    # Read everything before printing anything, so bad input writes nothing to stdout.
    reports = [read_report(path, max_text_mb) for path in find_report_files(paths)]
    out = []
    for report in reports:
        out.extend(json.dumps(paragraph.to_json(), ensure_ascii=False) for paragraph in report.paragraphs)
    sys.stdout.write("".join(line + "\n" for line in out))
    for report in reports:
        print(f"{report.meta.file_name}: {report.meta.id} ({report.meta.short_name}), {_counts(report)}", file=sys.stderr)
        for warning in report.warnings:
            print(f"warning: {report.meta.file_name}: {warning}", file=sys.stderr)
    return 0


def _counts(report: Report) -> str:
    """Printed paragraphs, agenda items and decisions; sub-units and scopes when the report has them."""
    printed = {(p.scope, p.number) for p in report.paragraphs}
    decisions = len({(p.scope, p.number) for p in report.paragraphs if p.decision})
    scopes = {p.scope for p in report.paragraphs if p.scope}
    extra = ""
    if len(report.paragraphs) != len(printed):
        extra += f" in {len(report.paragraphs)} citable units"
    if scopes:
        extra += f", {len(scopes) + 1} numbering scopes"
    return f"{len(printed)} paragraphs{extra}, {len(report.agenda)} agenda items, {decisions} decisions"


def _update(paths: list[Path], index_dir: Path | None, remove: list[str], settings: Settings) -> int:
    import index  # the index package builds on ingest, so it is imported only when needed

    files = find_report_files(paths) if paths else []
    target = index_dir or settings.index_dir
    try:
        summary = index.update_index(
            files, target, remove=remove, model=settings.model,
            lock_timeout_s=settings.lock_timeout_s, max_text_mb=settings.max_text_mb,
        )
    except IngestError:
        raise
    except Exception as error:  # the index reports its own one-line problems (IndexLoadError etc.)
        if type(error).__module__.split(".")[0] != "index":
            raise
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(str(summary))
    if remove:
        _forget_kept_copies(replace(settings, index_dir=Path(target)).uploads_path, remove)
    for warning in getattr(summary, "warnings", []):
        print(f"warning: {warning}", file=sys.stderr)  # numbering problems and agenda mismatches, with their line
    return 0


def _forget_kept_copies(uploads: Path, report_ids: list[str]) -> None:
    """Delete the app's kept upload copies of removed reports, so the app's next rebuild does not bring them back."""
    from ui.kept_copies import forget_copy  # the app files uploads beside the index; removal must reach them too

    for report_id in report_ids:
        try:
            forget_copy(uploads, report_id)
        except OSError as error:
            print(f"warning: {report_id}: removed from the index, but its kept upload copy could not be deleted "
                  f"({error.strerror or error})", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
