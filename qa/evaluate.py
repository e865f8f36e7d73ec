"""Answer quality on a gold set: key facts, citation precision, abstention — `python -m qa.evaluate`."""
from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from eval.metrics import citation_precision, key_fact_recall, mean, percentile
from qa.answer import Answer
from qa.pipeline import answer
from settings import PROJECT_ROOT, Settings, load_settings

DEFAULT_GOLD = PROJECT_ROOT / "eval" / "gold" / "ptc_241_242.jsonl"


@dataclass(frozen=True)
class Graded:
    """One gold question's answer and how long it took."""

    row: dict[str, Any]
    answer: Answer
    seconds: float

    @property
    def unanswerable(self) -> bool:
        """Whether the gold set says the reports do not answer the question."""
        return self.row["type"] == "unanswerable"

    @property
    def cited(self) -> list[int]:
        """The cited paragraph numbers (gold sets cover one report each)."""
        return [c.paragraph for c in self.answer.citations]


def load_gold(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """Gold questions from a JSON Lines file, optionally one split ("dev" or "holdout").

    Args:
        path: the gold file.
        split: keep only this split; None keeps all.

    Returns:
        The rows in file order.
    """
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def grade(rows: Iterable[dict[str, Any]], index: Any, settings: Settings, k: int = 10) -> list[Graded]:
    """Answer every gold question and keep what grading needs.

    Args:
        rows: gold questions.
        index: the loaded index.
        settings: configuration (its abstention threshold and LLM settings apply).
        k: hits per answer.

    Returns:
        One Graded per row.
    """
    graded = []
    for row in rows:
        start = time.perf_counter()
        result = answer(row["question"], index, k=k, settings=settings)
        graded.append(Graded(row, result, time.perf_counter() - start))
    return graded


def metrics(graded: Sequence[Graded]) -> dict[str, float | None]:
    """The issue's answer metrics, defined as in eval/metrics.py (per-question values, averaged).

    Returns:
        key_facts (share of key facts in the answer text, answerable questions), citation_precision
        (cited paragraphs in relevant ∪ partial, answerable questions with citations),
        abstain_unanswerable, answer_answerable, questions, p50_ms.
    """
    answerable = [g for g in graded if not g.unanswerable]
    unanswerable = [g for g in graded if g.unanswerable]
    return {
        "questions": len(graded),
        "key_facts": mean([key_fact_recall(g.answer.text, g.row["key_facts"]) for g in answerable]),
        "citation_precision": mean([citation_precision(g.cited, g.row["relevant"], g.row["partial"]) for g in answerable]),
        "abstain_unanswerable": mean([0.0 if g.answer.answerable else 1.0 for g in unanswerable]),
        "answer_answerable": mean([1.0 if g.answer.answerable else 0.0 for g in answerable]),
        "p50_ms": percentile([1000 * g.seconds for g in graded], 50),
    }


def failures(graded: Sequence[Graded]) -> list[str]:
    """One line per question that misses a key fact, cites outside the gold paragraphs, or abstains wrongly."""
    lines = []
    for g in graded:
        problems = []
        if g.unanswerable == g.answer.answerable:
            problems.append("answered" if g.unanswerable else "abstained")
        if not g.unanswerable and g.answer.answerable:
            missing = [f for f in g.row["key_facts"] if f.lower() not in g.answer.text.lower()]
            allowed = set(g.row["relevant"]) | set(g.row["partial"])
            wrong = [c.paragraph for c in g.answer.citations if c.paragraph not in allowed]
            problems += [f"missing {missing}"] if missing else []
            problems += [f"cites {wrong} outside {sorted(allowed)}"] if wrong else []
        if problems:
            lines.append(f"{g.row['id']} {g.row['type']:<12} {'; '.join(problems)} | {g.row['question']}")
    return lines


def script_setup(
    prog: str, description: str | None, argv: Sequence[str] | None, add_options: Callable[[argparse.ArgumentParser], None] | None = None
) -> tuple[argparse.Namespace, Settings, Any]:
    """Parse a gold-set script's options (--gold, --index, -v and any extra) and load the index once.

    Args:
        prog: the command, e.g. "python -m qa.evaluate".
        description: its help text.
        argv: the arguments (None: sys.argv).
        add_options: adds the script's own options to the parser.

    Returns:
        (options, settings, loaded index).

    Raises:
        SystemExit: 2 after a one-line message when there is no usable index.
    """
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--index", type=Path, help="index folder (default: settings.index_dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print per-question details")
    if add_options:
        add_options(parser)
    args = parser.parse_args(argv)
    settings = load_settings()
    from qa.__main__ import CommandError, load_index

    try:
        return args, settings, load_index(args.index or settings.index_dir)
    except CommandError as exc:
        print(f"{prog.split()[-1]}: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Print answer metrics for the dev and holdout splits (and, with -v, every failure)."""
    args, settings, index = script_setup("python -m qa.evaluate", __doc__, argv)
    print(f"gold {args.gold.name}, abstain threshold {settings.qa_abstain_threshold}")
    for split in ("dev", "holdout"):
        graded = grade(load_gold(args.gold, split), index, settings)
        m = metrics(graded)
        print(
            f"{split:<8} n={m['questions']:<3} key facts {m['key_facts']:.3f}  citation precision {m['citation_precision']:.3f}  "
            f"abstain unanswerable {m['abstain_unanswerable']:.3f}  answer answerable {m['answer_answerable']:.3f}  "
            f"p50 {m['p50_ms']:.0f} ms"
        )
        if args.verbose:
            print("\n".join("    " + line for line in failures(graded)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
