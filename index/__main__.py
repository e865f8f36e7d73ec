"""Command line: `python -m index search "QUERY" --index DIR [-k N] [--json] [--item V] [--decisions-only]`."""
from __future__ import annotations

import argparse
import json
import sys

from ingest.metadata import unique_short_names
from settings import SettingsError, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m index", description="Search the PTC reports index.")
    commands = parser.add_subparsers(dest="command", required=True)
    search = commands.add_parser("search", help="rank paragraphs for a query")
    search.add_argument("query", help="the question or keywords")
    search.add_argument("--index", default=None, help="index folder (default: PTC_INDEX or .index/)")
    search.add_argument("-k", type=int, default=10, help="number of hits (default 10)")
    search.add_argument("--json", action="store_true", help="one JSON object per hit")
    search.add_argument("--item", action="append", help="only this agenda item numeral (repeatable)")
    search.add_argument("--doc", action="append", help="only this report id (repeatable)")
    search.add_argument("--decisions-only", action="store_true", help="only conclusion paragraphs")
    return parser


def _snippet(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments; an empty query or a k below 1 is refused with one line (exit 2), as qa does."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not args.query.strip():
        parser.error("the query is empty: give words to search for, e.g. \"de minimis\"")
    if args.k < 1:
        parser.error("-k must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit status (1 with a one-line error on bad input, 2 for bad usage)."""
    args = _parse(argv)
    from index import Filters, Index, IndexLoadError
    from index.embedder import EmbedderError

    try:
        settings = load_settings()
        index = Index.load(args.index or str(settings.index_dir), model=settings.model, ranking=settings.ranking)
    except (SettingsError, IndexLoadError, EmbedderError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    filters = None
    if args.item or args.doc or args.decisions_only:
        filters = Filters(
            docs=frozenset(args.doc) if args.doc else None,
            items=frozenset(args.item) if args.item else None,
            decisions_only=args.decisions_only,
        )
    try:
        hits = index.search(args.query, k=args.k, filters=filters)
    except EmbedderError as exc:  # the model loads with the first query
        print(f"error: {exc}", file=sys.stderr)
        return 1
    names = unique_short_names(index.reports)
    for rank, hit in enumerate(hits, 1):
        p = hit.paragraph
        if args.json:
            print(json.dumps({"rank": rank, **hit.to_json()}, ensure_ascii=False))
            continue
        where = f"{names.get(p.doc, p.doc)}, {p.ref}"
        item = f"item {p.item}" + (f" {p.subitem}" if p.subitem else "")
        flag = " [decision]" if p.decision else ""
        print(f"{rank:>2}. {where} ({item}){flag}  final={hit.final:.3f} dense={hit.dense:.3f} bm25={hit.keyword:.2f}")
        print(f"    {_snippet(p.text)}")
    if not hits and not args.json:
        print("no matching paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
