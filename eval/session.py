"""Open what an evaluation needs (gold set, index, splitter baseline) and run it: shared by the CLI and the notebook."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Sequence

from eval.gold import DEFAULT_GOLD, GoldQuestion, load_gold
from eval.run import EvalRun, evaluate, gold_doc
from eval.splitter import SplitterUnavailable, load_splitter
from settings import Settings


class EvalError(Exception):
    """A problem the user can fix (gold file, index, report choice); one line."""


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def open_index(
    index_dir: str | Path | None,
    reports_dir: str | Path,
    embedder: Any = None,
    log: Callable[[str], None] = _stderr,
    model: str = Settings.model,
    ranking: Any = None,
) -> Any:
    """Load an index, or build a temporary one from the report folder when none is given.

    Args:
        index_dir: an index folder, or None to build one into a temp folder (deleted once loaded:
            the loaded Index keeps everything it needs in memory).
        reports_dir: the reports to index when `index_dir` is None.
        embedder: a loaded model to share (default: `model`, loaded once).
        log: where the "building ..." message goes.
        model: the configured model (settings.model), loaded when no embedder is given.
        ranking: the ranking's tuned values (settings.ranking; its defaults when None).

    Returns:
        The loaded index.Index.

    Raises:
        EvalError: no index at `index_dir`, an unusable index, or reports that cannot be indexed.
    """
    from index import EmbedderError, Index, IndexLoadError, IndexUpdateError, load_embedder, update_index
    from ingest import IngestError

    if index_dir is not None and not (Path(index_dir) / "manifest.json").is_file():
        raise EvalError(f"no index at {index_dir}: build one with `python -m ingest data/reports --index {index_dir}`, or omit --index")
    try:
        embedder = embedder or load_embedder(model)
        if index_dir is not None:
            return Index.load(Path(index_dir), embedder=embedder, ranking=ranking)
        log(f"eval: no --index given; building a temporary index of {reports_dir} ...")
        with tempfile.TemporaryDirectory(prefix="ptc-eval-") as tmp:
            summary = update_index([Path(reports_dir)], Path(tmp) / "index", embedder=embedder, progress=False)
            log(f"eval: {summary}")
            return Index.load(Path(tmp) / "index", embedder=embedder, ranking=ranking)
    except (EmbedderError, IndexLoadError, IndexUpdateError, IngestError) as exc:
        raise EvalError(str(exc)) from exc


def run_gold(
    gold: str | Path = DEFAULT_GOLD,
    index: Any = None,
    index_dir: str | Path | None = None,
    reports_dir: str | Path | None = None,
    doc: str | None = None,
    limit: int | None = None,
    log: Callable[[str], None] = _stderr,
    settings: Settings | None = None,
) -> EvalRun:
    """Evaluate a gold file against an index: baselines, the splitter and the full pipeline.

    Args:
        gold: the gold JSONL file.
        index: an already loaded index (then `index_dir` is ignored).
        index_dir: an index folder; None builds a temporary index of `reports_dir`.
        reports_dir: where the reports are (default: settings.reports_dir); the splitter reads the
            raw report file from here and is left out, with a note, when it is not found.
        doc: the gold set's report id (default: the index's only report).
        limit: evaluate only the first `limit` questions.
        log: where progress messages go.
        settings: qa settings, reports_dir and model (entry points pass `load_settings()`; the
            defaults when None).

    Returns:
        The run (see eval.summary.summarise for the tables).

    Raises:
        EvalError: bad gold file, index or report choice.
    """
    from eval.gold import GoldError

    settings = settings or Settings()
    reports_dir = Path(reports_dir or settings.reports_dir)
    try:
        questions: list[GoldQuestion] = load_gold(gold)
    except GoldError as exc:
        raise EvalError(str(exc)) from exc
    if limit is not None:
        questions = questions[: max(1, limit)]
    if index is None:
        index = open_index(index_dir, reports_dir, log=log, model=settings.model, ranking=settings.ranking)
    try:
        doc = gold_doc(index, doc)
    except ValueError as exc:
        raise EvalError(f"{gold}: {exc}") from exc
    notes: list[str] = []
    try:
        splitter = load_splitter(index, doc, reports_dir)
    except SplitterUnavailable as exc:
        splitter = None
        notes.append(f"1000-char splitter left out: {exc}")
    run = evaluate(questions, index, doc=doc, splitter=splitter, settings=settings)
    run.notes += notes
    return run


def script_inputs(
    prog: str, description: str | None, argv: Sequence[str] | None, settings: Settings | None = None
) -> tuple[argparse.Namespace, list[GoldQuestion], Any]:
    """Parse an evaluation script's --gold, --index and --reports options and open the gold set and the index.

    Args:
        prog: the command, e.g. "python -m eval.retrieval_report".
        description: its help text.
        argv: the arguments (None: sys.argv).
        settings: reports_dir and model (the script passes `load_settings()`; the defaults when None).

    Returns:
        (options, gold questions, loaded index); without --index, a temporary index of the report
        folder is built and deleted once loaded.

    Raises:
        SystemExit: 2 after a one-line message when the gold file or the index cannot be used.
    """
    from eval.gold import GoldError

    settings = settings or Settings()
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--index", type=Path, help="index folder (default: build a temporary one of --reports)")
    parser.add_argument("--reports", type=Path, help="reports to index when --index is not given (default: settings.reports_dir)")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSONL file")
    args = parser.parse_args(argv)
    try:
        questions = load_gold(args.gold)  # before the slow index build
        return args, questions, open_index(args.index, args.reports or settings.reports_dir, model=settings.model, ranking=settings.ranking)
    except (GoldError, EvalError) as exc:
        print(f"{prog.split()[-1]}: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
