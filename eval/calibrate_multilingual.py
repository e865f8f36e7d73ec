"""`python -m eval.calibrate_multilingual [--index DIR] [--gold FILE]`: choose the non-English abstention weight and threshold on dev."""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

FR_ES_GOLD = Path(__file__).resolve().parent.parent / "eval" / "gold" / "ptc_241_242_fr_es.jsonl"


@dataclass(frozen=True)
class Signals:
    """One gold question's abstention signals under the current ranking."""

    answerable: bool
    split: str
    dense: float
    sentence: float
    defined_acronym: bool
    unmentioned: bool


def signals(questions: Sequence[Any], index: Any) -> list[Signals]:
    """The abstention signals of each gold question (non-English questions only)."""
    from index.query import normalise_query
    from qa.corpus import corpus_for
    from qa.language import analyse
    from qa.multilingual import asks_defined_acronym, multilingual_evidence, multilingual_search, unmentioned_names

    corpus = corpus_for(index)
    out = []
    for q in questions:
        analysis = analyse(q.question)
        if analysis.language == "en":
            continue
        cues = normalise_query(analysis.english)
        hits, cue_vector, _ = multilingual_search(q.question, analysis, index, 10)
        ev = multilingual_evidence(analysis, hits, index, corpus, cue_vector)
        out.append(Signals(q.answerable, q.split, ev.dense, ev.sentence, asks_defined_acronym(cues, index),
                           bool(unmentioned_names(cues, hits[:5]))))
    return out


def rates(rows: Sequence[Signals], weight: float, threshold: float) -> tuple[float, float]:
    """(answered share of answerable, abstained share of unanswerable) with these knobs."""
    def answers(r: Signals) -> bool:
        return (r.dense + weight * r.sentence >= threshold or r.defined_acronym) and not r.unmentioned

    answerable = [answers(r) for r in rows if r.answerable]
    unanswerable = [not answers(r) for r in rows if not r.answerable]
    return sum(answerable) / max(1, len(answerable)), sum(unanswerable) / max(1, len(unanswerable))


def choose(rows: Sequence[Signals], min_answered: float = 0.93) -> tuple[float, float]:
    """The (sentence weight, threshold) that abstains most while answering at least `min_answered` of dev."""
    best = (-1.0, 0.0, 0.0)
    for weight in (0.0, 0.25, 0.5):
        for threshold in sorted({r.dense + weight * r.sentence for r in rows}):
            answered, abstained = rates(rows, weight, threshold)
            if answered >= min_answered and (answered + abstained, -threshold) > (best[0], -best[2]):
                best = (answered + abstained, weight, threshold)
    return best[1], best[2]


def main(argv: Sequence[str] | None = None) -> int:
    """Print the chosen knobs (to copy into settings.MultilingualParams) and their dev and holdout rates."""
    parser = argparse.ArgumentParser(prog="python -m eval.calibrate_multilingual", description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="index folder (default: settings, PTC_INDEX)")
    parser.add_argument("--gold", type=Path, default=FR_ES_GOLD)
    args = parser.parse_args(argv)
    from eval.gold import GoldError, load_gold
    from index import Index, IndexLoadError
    from settings import load_settings

    settings = load_settings()
    try:
        questions = load_gold(args.gold)
        index = Index.load(args.index or settings.index_dir, model=settings.model, ranking=settings.ranking)
    except (GoldError, IndexLoadError) as exc:
        print(f"qa.calibrate_multilingual: {exc}", file=sys.stderr)
        return 2
    rows = signals(questions, index)
    weight, threshold = choose([r for r in rows if r.split == "dev"])
    print(f"sentence_weight={weight} abstain_threshold={threshold:.4f}")
    for split in ("dev", "holdout"):
        answered, abstained = rates([r for r in rows if r.split == split], weight, threshold)
        print(f"{split}: answered {answered:.3f} of answerable, abstained on {abstained:.3f} of unanswerable")
    return 0


if __name__ == "__main__":
    sys.exit(main())
