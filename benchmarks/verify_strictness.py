"""How strict qa.verify is on honest paraphrase: the share of human-written gold answer sentences it accepts.

Run: `python benchmarks/verify_strictness.py [--gold FILE]`. Each gold answer with exactly one relevant
paragraph is split into sentences and every sentence is checked against that paragraph, as an LLM
sentence citing it would be. A refused sentence falls back to the extractive answer, so this is the
price of refusing smuggled claims, not an error rate; the old rule (60% of keyword tokens present)
is printed beside it. Figures per split (dev, holdout).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from eval.gold import DEFAULT_GOLD, load_gold  # noqa: E402 (after the path is set)
from index.text import tokenize  # noqa: E402
from ingest import read_report  # noqa: E402
from ingest.sentences import split_sentences  # noqa: E402
from qa.verify import verify  # noqa: E402

REPORT = PROJECT_ROOT / "data" / "reports" / "PC0737E_PTC-241-242_2023-10.md"


def overlap(sentence: str, paragraph: str) -> float:
    """The rule qa.llm used before qa.verify: share of the sentence's keyword tokens in the paragraph."""
    words = set(tokenize(sentence))
    return 1.0 if not words else len(words & set(tokenize(paragraph))) / len(words)


def main() -> int:
    """Print accepted shares per split and the most common reasons for refusal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold JSON Lines file")
    args = parser.parse_args()
    paragraphs = {p.number: p.text for p in read_report(REPORT).paragraphs if not getattr(p, "scope", "")}
    counts: Counter[tuple[str, str]] = Counter()
    reasons: Counter[str] = Counter()
    for gold in load_gold(args.gold):
        if len(gold.relevant) != 1 or not gold.answer or gold.relevant[0] not in paragraphs:
            continue
        text = paragraphs[gold.relevant[0]]
        for sentence in split_sentences(gold.answer):
            verdict = verify(sentence, text)
            counts[(gold.split, "all")] += 1
            counts[(gold.split, "verify")] += verdict.supported
            counts[(gold.split, "overlap")] += overlap(sentence, text) >= 0.6
            if not verdict.supported:
                reasons[verdict.reason.split(":")[0]] += 1
    for split in ("dev", "holdout"):
        n = counts[(split, "all")]
        if n:
            print(f"{split:8} {n:4} sentences: qa.verify accepts {counts[(split, 'verify')] / n:.0%}, "
                  f"old 60% overlap accepted {counts[(split, 'overlap')] / n:.0%}")
    print("refusals:", ", ".join(f"{reason} {count}" for reason, count in reasons.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
