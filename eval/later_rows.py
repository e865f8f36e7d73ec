"""The "later rows" check: fit on the dev rows written before the rules, score the dev rows written after them."""
from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from typing import Any, Generic, Mapping, Sequence, TypeVar

Row = TypeVar("Row")
OPTION = "--fit-before"


class LaterRowsError(ValueError):
    """An option naming no usable first later row (one line naming the option and the value)."""


@dataclass(frozen=True)
class Split(Generic[Row]):
    """Dev rows before the first later row (fitted or chosen on) and from it on (scored only), in file order."""

    first: str  # id of the first later row
    earlier: list[Row]
    later: list[Row]


def add_option(parser: argparse.ArgumentParser) -> None:
    """Add `--fit-before ID` to a script's parser (old spellings: `--unseen-from ID`, `--fit-first N`)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        OPTION, "--unseen-from", dest="fit_before", metavar="ID",
        help="also fit on the dev rows before the dev row ID only and score the rows from ID on (written after the rules)",
    )
    group.add_argument("--fit-first", type=int, metavar="N", help="old spelling: fit on the first N dev rows, score the rest")


def from_args(args: argparse.Namespace, rows: Sequence[Row]) -> Split[Row] | None:
    """The split the parsed options ask for (see `add_option`), or None when they ask for none.

    Raises:
        LaterRowsError: the options name no dev row with dev rows before it (see `split`).
    """
    if getattr(args, "fit_first", None) is not None:
        dev = _dev(rows)
        if not 0 < args.fit_first < len(dev):
            raise LaterRowsError(f"--fit-first {args.fit_first}: the dev split has {len(dev)} rows; give 1 to {len(dev) - 1}")
        return split(rows, _field(dev[args.fit_first], "id"), "--fit-first")
    if getattr(args, "fit_before", None):
        return split(rows, args.fit_before)
    return None


def split(rows: Sequence[Row], first: str, option: str = OPTION) -> Split[Row]:
    """The dev rows of `rows` before the dev row `first` and from it on (rows of other splits are dropped unread).

    Args:
        rows: gold rows in file order (dicts or eval.gold.GoldQuestion: an id and a split each).
        first: the id of the first later dev row.
        option: the option named in errors.

    Raises:
        LaterRowsError: `first` is not the id of a dev row, or no dev row comes before it.
    """
    dev = _dev(rows)
    at = next((i for i, row in enumerate(dev) if _field(row, "id") == first), None)
    if at is None:
        after = [_field(r, "id") for r in dev if _number(_field(r, "id")) > _number(first) >= 0]
        hint = f" (the next dev row is {after[0]})" if after else ""
        raise LaterRowsError(f"{option} {first}: no dev row has this id{hint}")
    if at == 0:
        raise LaterRowsError(f"{option} {first}: it is the first dev row, so no earlier dev row is left to fit on")
    return Split(first, dev[:at], dev[at:])


def _dev(rows: Sequence[Row]) -> list[Row]:
    return [row for row in rows if _field(row, "split") == "dev"]


def _field(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


def _number(gold_id: str) -> int:
    digits = re.sub(r"\D", "", gold_id)
    return int(digits) if digits else -1
