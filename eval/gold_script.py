"""Setup shared by the qa gold-set scripts (eval.calibrate, eval.bench); answer metrics are reported by `python -m eval`."""
from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any, Callable, Sequence

from eval.gold import DEFAULT_GOLD, GoldError
from eval.gold import load_gold as load_questions
from settings import Settings, SettingsError, load_settings


def load_gold(path: str | Path = DEFAULT_GOLD, split: str | None = None) -> list[dict[str, Any]]:
    """Gold questions as plain rows (the file's fields), checked by eval.gold, optionally of one split.

    Args:
        path: the gold JSON Lines file.
        split: keep only this split ("dev" or "holdout"); None keeps all.

    Returns:
        One dict per question, in file order.

    Raises:
        eval.gold.GoldError: the file is missing or malformed (one line naming the file and line).
    """
    return [asdict(q) for q in load_questions(path) if split is None or q.split == split]


def script_setup(
    prog: str, description: str | None, argv: Sequence[str] | None, add_options: Callable[[argparse.ArgumentParser], None] | None = None
) -> tuple[argparse.Namespace, Settings, Any]:
    """Parse a gold-set script's options (--gold, --index, -v and any extra), check the gold file and load the index once.

    Args:
        prog: the command, e.g. "python -m eval.calibrate".
        description: its help text.
        argv: the arguments (None: sys.argv).
        add_options: adds the script's own options to the parser.

    Returns:
        (options, settings, loaded index).

    Raises:
        SystemExit: 2 after a one-line message when the gold file is unusable or there is no usable index.
    """
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--index", type=Path, help="index folder (default: settings.index_dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print per-question details")
    if add_options:
        add_options(parser)
    args = parser.parse_args(argv)
    from qa.__main__ import CommandError, load_index

    try:
        settings = load_settings()
        load_questions(args.gold)  # fail before the slow index load, not half-way through the script
        return args, settings, load_index(args.index or settings.index_dir, settings.model, ranking=settings.ranking)
    except (SettingsError, GoldError, CommandError) as exc:
        print(f"{prog.split()[-1]}: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc
