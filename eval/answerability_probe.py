"""Compare answerability feature sets by dev CV — `python -m eval.answerability_probe [--gold FILE] [--index DIR] [--fit-before ID]`.

Asks two questions of the dev split, the way `eval.calibrate` judges a model (5-fold CV repeated over
shuffles, one pooled threshold at answered >= 0.95): does a stronger semantic signal (multilingual-e5,
"query: " question vs "passage: " sentence, a retrieval model trained on query/passage pairs) tell
answerable questions from near misses and paraphrases better than the MiniLM similarities, and should
the hard checks (calibrate.REQUIRED) be learned features instead? Each variant's shuffles are paired
with the first row's (same folds), so a difference is read per shuffle, not only pooled. With
--fit-before ID, every variant is also fitted on the dev rows before the row ID and scored on the rows
from ID on (written after the rules were), an out-of-sample check inside dev. Only the dev split is read.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from eval.calibrate import CALIBRATION_GOLD, REQUIRED, Rates, _split, composed, fit, labels, rates, repeated_cv
from eval.gold_script import load_gold, script_setup
from eval.later_rows import LaterRowsError, add_option, from_args
from index.query import Query
from qa.answer import Statement
from qa.answer_type import holds
from qa.answerability import FEATURES, TOP_PARAGRAPHS, Evidence, evidence, probability
from qa.context import Context

MINILM = ("sentence", "answer_similarity", "detail_sentence")
E5 = ("e5_sentence", "e5_cited", "e5_detail")  # the same three similarities, from multilingual-e5
# The variants compared, few and each a hypothesis: (features, hard checks).
VARIANTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "calibrate's model": (FEATURES, REQUIRED),
    "+ e5 cited sentence": (FEATURES + ("e5_cited",), REQUIRED),
    "+ e5 focus (no topic words)": (FEATURES + ("e5_focus",), REQUIRED),
    "MiniLM similarities -> e5": (tuple(f for f in FEATURES if f not in MINILM) + E5, REQUIRED),
    "hard checks learned": (FEATURES, ()),
}


@dataclass(frozen=True)
class Material:
    """What a question's e5 features are computed from: its vectors and the sentences they are compared with (rows of the sentence table)."""

    question: np.ndarray  # "query: " + the question
    focus: np.ndarray  # "query: " + the question without its topic words
    top: tuple[int, ...]  # the sentences of the top paragraphs
    cited: tuple[int, ...]  # the sentences the answer quotes
    stating: tuple[int, ...]  # top sentences stating the asked detail strictly


def focus_text(text: str, query: Query) -> str:
    """The question without its topic's words: what is left is what it asks ("Which city hosted ?")."""
    topic = {w.lower() for w in re.findall(r"[\w'-]+", query.topic)}
    return " ".join(w for w in re.findall(r"[\w'-]+|\?", text) if w.lower() not in topic) or text


def sentence_table(index: Any) -> tuple[list[str], np.ndarray]:
    """Every sentence of the index in paragraph order, and each paragraph's first row in it (offsets, len(paragraphs) + 1)."""
    sentences = [index.sentences(p.doc, p.ref) for p in index.paragraphs]
    offsets = np.concatenate([[0], np.cumsum([len(s) for s in sentences])]).astype(np.int64)
    return [s for group in sentences for s in group], offsets


def material(ctx: Context, statements: Sequence[Statement], offsets: np.ndarray, sentences: Sequence[str], e5: Any) -> Material:
    """A question's e5 material: two query encodes and the rows of the sentences its features read."""
    rows = [ctx.index.row(h.paragraph.doc, h.paragraph.ref) for h in ctx.hits[:TOP_PARAGRAPHS]]
    top = [i for r in rows if r is not None for i in range(offsets[r], offsets[r + 1])]
    asked = ctx.query.detail
    cited = []
    for s in statements:
        r = ctx.index.row(s.citation.doc, s.citation.ref)
        if r is not None and s.quote:
            # as qa.answerability matches a quote to its sentence
            cited += [i for i in range(offsets[r], offsets[r + 1]) if s.quote in sentences[i] or sentences[i] in s.quote]
    return Material(
        question=e5.encode_query(ctx.query.text),
        focus=e5.encode_query(focus_text(ctx.query.text, ctx.query)),
        top=tuple(top),
        cited=tuple(cited),
        stating=tuple(i for i in top if asked is not None and holds(asked, sentences[i], ctx.query)),
    )


def e5_features(m: Material, vectors: np.ndarray) -> dict[str, float]:
    """The e5 features of one question (0 where there is nothing to compare with).

    Args:
        m: the question's material.
        vectors: the e5 "passage: " vectors of the sentence table's rows.

    Returns:
        e5_sentence (best top sentence), e5_cited (best quoted sentence), e5_detail (best top sentence
        stating the asked detail), e5_focus (best quoted sentence against the question without its topic).
    """
    def best(query: np.ndarray, rows: tuple[int, ...]) -> float:
        return float((vectors[list(rows)] @ query).max()) if rows else 0.0

    return {
        "e5_sentence": best(m.question, m.top),
        "e5_cited": best(m.question, m.cited),
        "e5_detail": best(m.question, m.stating),
        "e5_focus": best(m.focus, m.cited),
    }


@dataclass(frozen=True)
class Comparison:
    """One variant's repeated CV, paired with the first variant's shuffles, and (optionally) its score on later rows."""

    name: str
    pooled: Rates
    per_run: list[Rates]
    gain: np.ndarray  # abstention minus the first variant's, per shuffle
    later: Rates | None = None


def compare(
    columns: dict[str, np.ndarray], y: np.ndarray, variants: dict[str, tuple[Sequence[str], Sequence[str]]] = VARIANTS,
    repeats: int = 10, fit_first: int = 0,
) -> list[Comparison]:
    """Each variant's repeated CV on the questions (the first variant is the reference).

    Args:
        columns: feature name -> value per question.
        y: 1 for answerable, 0 for unanswerable.
        variants: name -> (features, hard checks).
        repeats: shuffles of the 5-fold split (the same seeds for every variant).
        fit_first: when > 0, also fit each variant on the first `fit_first` questions (CV there for its
            threshold) and score the rest.

    Returns:
        One Comparison per variant, in order.
    """
    out: list[Comparison] = []
    for name, (features, required) in variants.items():
        x = np.stack([columns[f] for f in features], axis=1)
        cv = repeated_cv(x, y, features, required, repeats)
        abstained = np.array([r.abstain_unanswerable for r in cv.per_run])
        reference = abstained if not out else np.array([r.abstain_unanswerable for r in out[0].per_run])
        later = None
        if fit_first:
            head = repeated_cv(x[:fit_first], y[:fit_first], features, required, repeats)
            model = fit(x[:fit_first], y[:fit_first], features, threshold=head.threshold, required=required)
            p = np.array([probability(model, Evidence(dict(zip(features, row)))) for row in x[fit_first:]])
            later = rates(head.threshold, *_split(p, y[fit_first:]))
        out.append(Comparison(name, cv.pooled, cv.per_run, abstained - reference, later))
    return out


def measure(rows: Sequence[dict[str, Any]], index: Any, settings: Any, e5: Any) -> dict[str, np.ndarray]:
    """Every feature of every variant for each gold question, computed as `qa.answer` computes calibrate's."""
    sentences, offsets = sentence_table(index)
    vectors = e5.encode(sentences, progress=True)
    values: list[dict[str, float]] = []
    for row in rows:
        ctx, statements = composed(row, index, settings)
        values.append({**evidence(ctx, statements).values, **e5_features(material(ctx, statements, offsets, sentences, e5), vectors)})
    return {name: np.array([v[name] for v in values], dtype=np.float64) for name in values[0]}


def main(argv: Sequence[str] | None = None) -> int:
    """Print each variant's dev CV rates, per-shuffle range and paired gain over calibrate's model."""
    from index.embedder import EmbedderError
    from index.multilingual import shared_model

    args, settings, index = script_setup(
        "python -m eval.answerability_probe", __doc__.splitlines()[0], ["--gold", str(CALIBRATION_GOLD), *(argv if argv is not None else sys.argv[1:])],
        add_option,
    )
    dev = load_gold(args.gold, "dev")
    try:
        later = from_args(args, dev)
    except LaterRowsError as exc:
        print(f"answerability_probe: {exc}", file=sys.stderr)
        return 2
    try:
        e5 = shared_model()
    except EmbedderError as exc:
        print(f"answerability_probe: {exc}", file=sys.stderr)
        return 2
    fit_first = len(later.earlier) if later else 0  # dev rows are in file order: the earlier ones come first
    y = labels(dev)
    results = compare(measure(dev, index, settings, e5), y, fit_first=fit_first)
    print(f"dev {len(dev)} questions ({int(y.sum())} answerable); 5-fold CV x 10 shuffles, threshold pooled at answered >= 0.95")
    later_title = f"  | fit before {later.first} ({fit_first}), later {len(later.later)}: abstain / answer" if later else ""
    print(f"{'variant':<30} abstain answer  per shuffle   gain over the first: mean [min, max]{later_title}")
    for c in results:
        a = [r.abstain_unanswerable for r in c.per_run]
        line = (f"{c.name:<30} {c.pooled.abstain_unanswerable:.3f}   {c.pooled.answer_answerable:.3f}   {min(a):.3f}-{max(a):.3f}"
                f"   {c.gain.mean():+.3f} [{c.gain.min():+.3f}, {c.gain.max():+.3f}]")
        if c.later is not None:
            line += f"  | {c.later.abstain_unanswerable:.3f} / {c.later.answer_answerable:.3f}"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
