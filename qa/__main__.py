"""Command line: `python -m qa "QUESTION" [--index DIR] [-k N] [--json] [--batch FILE] [--item V] [--decisions-only]`."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Iterator, Sequence

from index.embedder import EmbedderError
from qa.pipeline import answer
from qa.question import QuestionError
from settings import SettingsError, load_settings


class CommandError(Exception):
    """A problem the user can fix (missing index, unreadable batch file); one line."""


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command-line options."""
    parser = argparse.ArgumentParser(prog="python -m qa", description="Answer a question from the indexed PTC reports, with cited paragraphs.")
    parser.add_argument("question", nargs="?", help="the question (omit with --batch)")
    parser.add_argument("--index", type=Path, help="index folder (default: settings.index_dir, env PTC_INDEX)")
    parser.add_argument("-k", type=int, default=10, help="hits to return (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--batch", type=Path, help="file with one question per line; prints one JSON line per question")
    parser.add_argument("--item", action="append", help="only this agenda item, e.g. V (repeatable)")
    parser.add_argument("--decisions-only", action="store_true", help="only decision paragraphs")
    args = parser.parse_args(argv)
    if args.question is None and args.batch is None:
        parser.error("give a QUESTION or --batch FILE")
    if args.question is not None and args.batch is not None:
        parser.error("give either a QUESTION or --batch FILE, not both")
    if args.k < 1:
        parser.error("-k must be at least 1")
    return args


def load_index(index_dir: Path, model: str, ranking: Any = None) -> Any:
    """Load the index (and its model, settings.model) once, ranking with `ranking` (settings.ranking; defaults when None).

    Raises:
        CommandError: there is no index, or it cannot be used (the message names the command to run).
    """
    from index import Index, IndexLoadError

    if not (index_dir / "manifest.json").is_file():
        raise CommandError(f"no index at {index_dir}: build one with `python -m ingest data/reports --index {index_dir}`")
    try:
        return Index.load(index_dir, model=model, ranking=ranking)
    except IndexLoadError as exc:
        raise CommandError(str(exc)) from exc


def make_filters(args: argparse.Namespace, index: Any) -> Any:
    """index.Filters from --item and --decisions-only (None when neither is given).

    Raises:
        CommandError: an --item the index does not have (the message lists the ones it has).
    """
    if not args.item and not args.decisions_only:
        return None
    from index import Filters

    return Filters(items=frozenset(known_items(args.item, index)) if args.item else None, decisions_only=args.decisions_only)


def known_items(items: Sequence[str], index: Any) -> list[str]:
    """The --item values as the index spells them ("v" -> "V").

    Raises:
        CommandError: a value is not an agenda item of any indexed report.
    """
    known = list(dict.fromkeys(p.item for p in index.paragraphs if p.item))
    by_case = {item.casefold(): item for item in known}
    resolved = []
    for item in items:
        match = by_case.get(item.strip().casefold())
        if match is None:
            listed = ", ".join(known) if known else "none"
            raise CommandError(f"unknown agenda item {item.strip()[:40]!r} (--item): the indexed reports have items {listed}")
        resolved.append(match)
    return resolved


def read_batch(path: Path, max_line_chars: int, max_lines: int) -> Iterator[str]:
    """The questions of a batch file, one per non-blank line, in order, read within limits.

    Args:
        path: the batch file (UTF-8 text, one question per line).
        max_line_chars: the longest line accepted (settings.batch_max_line_chars).
        max_lines: the most lines accepted (settings.batch_max_lines).

    Returns:
        The questions (all read before any is answered, so a bad file answers nothing).

    Raises:
        CommandError: the file cannot be read as UTF-8 text, or a line or the line count is over its limit.
    """
    questions: list[str] = []
    number = 0
    try:
        with path.open("rb") as lines:
            # readline(limit) never holds more than one over-long line in memory (e.g. /dev/zero);
            # UTF-8 takes at most 4 bytes a character.
            while raw := lines.readline(4 * max_line_chars + 2):
                number += 1
                if number > max_lines:
                    raise CommandError(f"{path}: more than {max_lines} lines; split the batch into smaller files")
                try:
                    line = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as exc:
                    if len(raw) > 4 * max_line_chars:
                        raise CommandError(f"{path}: line {number} is longer than {max_line_chars} characters (one question per line)") from exc
                    raise CommandError(f"{path}: cannot read batch file: line {number} is not UTF-8 text") from exc
                if len(line) > max_line_chars:
                    raise CommandError(f"{path}: line {number} is longer than {max_line_chars} characters (one question per line)")
                if line.strip():
                    questions.append(line.strip())
    except OSError as exc:
        raise CommandError(f"{path}: cannot read batch file ({exc.__class__.__name__}: {exc.strerror or exc})") from exc
    return iter(questions)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status (0 ok, 2 user error)."""
    args = parse_args(argv)
    try:
        settings = load_settings()
        if args.question is not None and not args.question.strip():
            raise QuestionError("question is empty: ask something, e.g. \"What did the PTC decide on de minimis?\"")
        questions = read_batch(args.batch, settings.batch_max_line_chars, settings.batch_max_lines) if args.batch else None
        index = load_index(args.index or settings.index_dir, settings.model, ranking=settings.ranking)
        filters = make_filters(args, index)
        if questions is not None:
            for question in questions:
                try:
                    result = answer(question, index, k=args.k, filters=filters, settings=settings)
                except QuestionError:
                    continue  # a line of nothing but symbols or control characters is a blank line
                print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
            return 0
        result = answer(args.question, index, k=args.k, filters=filters, settings=settings)
    except (CommandError, QuestionError, EmbedderError, SettingsError) as exc:  # the model loads with the first question
        print(f"qa: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(result.to_markdown(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
