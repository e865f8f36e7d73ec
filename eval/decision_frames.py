"""Can a classifier over question frames recognise decision questions better than the rules? Grouped k-fold CV on dev — `python -m eval.decision_frames [--gold FILE] [--index DIR] [--fit-before ID]`.

A question's frame is the question with its topic words masked ("What did delegates settle on
regarding the SAFE Framework?" -> "What did delegates settle on regarding the X?"). Each frame is
embedded with the index's model; a logistic regression (scikit-learn) learns from the dev questions
and the generic frames of eval/decision_frames_generic.jsonl whether a question asks what a body
decided. It is compared with the hand-written rules (`index.query._asks_decision`, the verdict
`Query.decision` carries) alone, OR-ed with the classifier, and taking the rules' verdict as one more
input. Folds are grouped by frame (a frame never trains the fold it is scored in); generic frames
always train, never score; each threshold is chosen inside the training folds. With --fit-before ID,
models fitted on the dev rows before the row ID alone are scored on the rows from ID on (written after
the rules). The models refitted on all of dev are then scored on eval/decision_frames_probe.jsonl,
questions written for this test and found in no gold file. Only rows with "split": "dev" are read.

Labels: a dev question asks for a decision when its type is "decision", or when it is a list or
paraphrase question whose relevant paragraphs are all decision paragraphs ("What did the PTC take note
of under ... item?", "What came out of ...?"). Unanswerable questions (no paragraph says what they ask)
and briefings (their kind is set by their own wording, before any decision wording is read) are left
out; every other question (factual, who, acronym, multi-part, near-miss, other lists and paraphrases)
asks for a fact, a name or an opinion voiced, not a decision.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from eval.gold_script import load_gold, script_setup
from eval.later_rows import add_option, from_args
from index.decision_frame import question_frame, title_stems
from index.query import learned_may_decide, parse_query
from settings import DECISION_FRAMES_FILE, PROJECT_ROOT, DecisionFrames, write_fitted_model
from vocabulary import vocabulary

GENERIC_FRAMES = PROJECT_ROOT / "eval" / "decision_frames_generic.jsonl"
PROBE = PROJECT_ROOT / "eval" / "decision_frames_probe.jsonl"
FOLDS = 5
REPEATS = 5  # shuffles of the grouped split: one fold's 7 decision questions move recall by steps of 0.03
C = 1.0  # inverse regularisation strength (sklearn's default)
COMBINES = ("or", "feature", "classifier", "or-gated", "classifier-gated")
RUNTIME = "or-gated"  # the combination index.query.parse_query applies (see settings.DecisionFrames)
EXCLUDED = ("unanswerable", "briefing")
STRUCTURAL = ("list", "paraphrase")  # labelled by their relevant paragraphs

@dataclass(frozen=True)
class Examples:
    """Labelled questions: their frames' vectors, labels, the rules' verdicts, frames (the CV groups) and kinds."""

    x: np.ndarray
    y: np.ndarray
    regex: np.ndarray
    typed: np.ndarray  # the learned verdict may not apply (index.query.learned_may_decide): a name, date or count asked, or a discussant's words
    frames: list[str]
    types: list[str]
    questions: list[str]

    def subset(self, rows: np.ndarray) -> "Examples":
        """The examples at `rows`."""
        pick = lambda values: [values[i] for i in rows]  # noqa: E731
        return Examples(self.x[rows], self.y[rows], self.regex[rows], self.typed[rows], pick(self.frames), pick(self.types), pick(self.questions))


@dataclass(frozen=True)
class Model:
    """A fitted classifier: weights over the frame vector (and the rules' 0/1 verdict for "feature"), bias, threshold."""

    weights: np.ndarray
    bias: float
    threshold: float
    combine: str


@dataclass(frozen=True)
class Rates:
    """How a classifier does: share of decision questions recognised, share of the others taken for one, errors."""

    recall: float
    false_rate: float
    errors: int


def label(row: dict[str, Any], decision_paragraphs: set[int]) -> int | None:
    """1 when a dev question asks what a body decided, 0 when it asks for something else, None when left out."""
    if row["type"] in EXCLUDED:
        return None
    if row["type"] == "decision":
        return 1
    relevant = row.get("relevant") or []
    return int(row["type"] in STRUCTURAL and bool(relevant) and all(n in decision_paragraphs for n in relevant))


def examples(questions: Sequence[str], labels: Sequence[int], types: Sequence[str], index: Any, masked: bool = False) -> Examples:
    """Questions framed and embedded, with the rules' verdict parsed as `Query.decision` has it.

    Args:
        questions: the questions (or, with `masked`, frames written with "X" already).
        labels: 1 for a decision question, 0 otherwise.
        types: each question's gold type (or source), for the report.
        index: the loaded index (its catalogue's titles and its model).
        masked: the questions are frames already.
    """
    queries = [parse_query(q, index.catalogue) for q in questions]
    typed = [not learned_may_decide(q.text, vocabulary(q.language), q.bodies) for q in queries]
    stems = title_stems(index.catalogue)
    frames = [q.text if masked else question_frame(q.text, stems) for q in queries]
    x = index.embedder.encode(frames) if frames else np.zeros((0, index.embedder.dim), np.float32)
    return Examples(
        x, np.array(labels, dtype=np.int64), np.array([q.decision for q in queries], dtype=bool), np.array(typed, dtype=bool),
        frames, list(types), [q.text for q in queries],
    )


def dev_examples(rows: Sequence[dict[str, Any]], index: Any) -> tuple[Examples, list[str]]:
    """The labelled dev questions and their ids (rows of other splits are dropped before anything is read from them)."""
    decision_paragraphs = {p.number for p in index.paragraphs if p.decision}
    kept = [(row, label(row, decision_paragraphs)) for row in rows if row.get("split") == "dev"]
    kept = [(row, y) for row, y in kept if y is not None]
    return examples([r["question"] for r, _ in kept], [y for _, y in kept], [r["type"] for r, _ in kept], index), [r["id"] for r, _ in kept]


def jsonl_examples(path: Path, index: Any, key: str) -> Examples:
    """Labelled lines of a JSON-lines file ({key: text, "decision": bool}); frames when key is "frame"."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return examples(
        [r[key] for r in rows], [int(bool(r["decision"])) for r in rows], [r.get("source", "generic") for r in rows], index, masked=key == "frame"
    )


def _inputs(ex: Examples, combine: str) -> np.ndarray:
    return np.hstack([ex.x, ex.regex[:, None].astype(ex.x.dtype)]) if combine == "feature" else ex.x


def _joined(a: Examples, b: Examples | None) -> Examples:
    if b is None or not len(b.y):
        return a
    return Examples(
        np.vstack([a.x, b.x]), np.concatenate([a.y, b.y]), np.concatenate([a.regex, b.regex]), np.concatenate([a.typed, b.typed]),
        a.frames + b.frames, a.types + b.types, a.questions + b.questions,
    )


def fit(train: Examples, combine: str, threshold: float = 0.5, c: float = C) -> Model:
    """A class-balanced logistic regression on frame vectors (plus the rules' verdict for "feature")."""
    from sklearn.linear_model import LogisticRegression

    fitted = LogisticRegression(C=c, class_weight="balanced", max_iter=2000).fit(_inputs(train, combine), train.y)
    return Model(fitted.coef_[0], float(fitted.intercept_[0]), threshold, combine)


def probabilities(model: Model, ex: Examples) -> np.ndarray:
    """The classifier's probability that each question asks for a decision."""
    return 1.0 / (1.0 + np.exp(-(_inputs(ex, model.combine) @ model.weights + model.bias)))


def verdicts(p: np.ndarray, ex: Examples, combine: str, threshold: float) -> np.ndarray:
    """Decision or not, for probabilities and the rules' verdicts combined as `combine` says.

    "gated" combines: the classifier's verdict counts only where `index.query.learned_may_decide` lets
    it (a who, date, number, list or briefing question, or one naming a discussant and no body, keeps the rules' verdict).
    """
    learned = p >= threshold
    if combine.endswith("gated"):
        learned = np.where(ex.typed, ex.regex, learned)
    return (learned | ex.regex) if combine.startswith("or") else learned


def rates(said: np.ndarray, y: np.ndarray) -> Rates:
    """Recall on decision questions, false-decision rate on the others, and the errors."""
    pos, neg = y == 1, y == 0
    return Rates(float(said[pos].mean()) if pos.any() else 1.0, float(said[neg].mean()) if neg.any() else 0.0, int((said != pos).sum()))


def choose_threshold(p: np.ndarray, ex: Examples, combine: str) -> float:
    """The threshold with the fewest errors on out-of-fold probabilities (the middle one of equally good ones)."""
    scores = np.unique(p)
    if not len(scores):
        return 0.5
    candidates = [float(scores[0]) - 1e-6] + [float(a + b) / 2 for a, b in zip(scores, scores[1:])] + [float(scores[-1]) + 1e-6]
    errors = [rates(verdicts(p, ex, combine, t), ex.y).errors for t in candidates]
    ties = [t for t, e in zip(candidates, errors) if e == min(errors)]
    return ties[len(ties) // 2]


def folds(dev: Examples, k: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Grouped, stratified folds over labelled questions: questions of one frame share a fold.

    Raises:
        ValueError: fewer than two questions of either label.
    """
    from sklearn.model_selection import StratifiedGroupKFold

    splits = min(k, int(min(np.bincount(dev.y, minlength=2))))
    if splits < 2:
        raise ValueError("cross-validation needs at least two decision and two other labelled dev questions")
    return list(StratifiedGroupKFold(splits, shuffle=True, random_state=seed).split(dev.x, dev.y, groups=dev.frames))


def oof_probabilities(dev: Examples, generic: Examples | None, combine: str, k: int, seed: int) -> np.ndarray:
    """Each question's probability from a model fitted without its frame (generic frames always train)."""
    p = np.zeros(len(dev.y))
    for train, test in folds(dev, k, seed):
        p[test] = probabilities(fit(_joined(dev.subset(train), generic), combine), dev.subset(test))
    return p


def out_of_fold(dev: Examples, generic: Examples | None, combine: str, k: int = FOLDS, seed: int = 0) -> np.ndarray:
    """Each question's verdict from a model, and a threshold, chosen without its frame (the threshold by an inner grouped CV)."""
    said = np.zeros(len(dev.y), dtype=bool)
    for train, test in folds(dev, k, seed):
        part = dev.subset(train)
        threshold = choose_threshold(oof_probabilities(part, generic, combine, k, seed + 1000), part, combine)
        held = dev.subset(test)
        said[test] = verdicts(probabilities(fit(_joined(part, generic), combine), held), held, combine, threshold)
    return said


def final_model(dev: Examples, generic: Examples | None, combine: str, k: int, repeats: int) -> Model:
    """The model fitted on all of dev (and the generic frames), its threshold chosen on out-of-fold probabilities."""
    p = np.mean([oof_probabilities(dev, generic, combine, k, seed) for seed in range(repeats)], axis=0)
    return fit(_joined(dev, generic), combine, choose_threshold(p, dev, combine))


def _line(name: str, r: Rates, other: float, per: int = 1) -> str:
    return f"  {name:<24} recall {r.recall:.3f}  false-decision {r.false_rate:.3f}  (fact/name/opinion {other:.3f})  errors {r.errors / per:.1f}"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the grouped-CV rates of the rules and of each combination, then their rates on the probe questions."""
    try:
        return _run(argv)
    except ValueError as exc:
        print(f"decision_frames: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def _run(argv: Sequence[str] | None) -> int:
    args, _, index = script_setup(
        "python -m eval.decision_frames", __doc__.splitlines()[0].split(" — ")[0], argv,
        lambda p: (
            p.add_argument("--generic", type=Path, default=GENERIC_FRAMES, help="generic labelled frames (JSON lines: frame, decision)"),
            p.add_argument("--no-generic", action="store_true", help="train on dev questions alone"),
            p.add_argument("--probe", type=Path, default=PROBE, help="fresh labelled questions (JSON lines: question, decision, source)"),
            p.add_argument("--folds", type=int, default=FOLDS),
            p.add_argument("--repeats", type=int, default=REPEATS),
            p.add_argument("--write", action="store_true", help=f"save the {RUNTIME} model when it beats the rules in CV (else an empty one)"),
            p.add_argument("--out", type=Path, default=DECISION_FRAMES_FILE, help="where --write saves it"),
            add_option(p),
        ),
    )
    rows = load_gold(args.gold, "dev")
    later_rows = from_args(args, rows)  # a bad id fails here, before the slow part
    dev, ids = dev_examples(rows, index)
    generic = None if args.no_generic else jsonl_examples(args.generic, index, "frame")
    print(f"dev {len(dev.y)} labelled questions ({int(dev.y.sum())} ask for a decision), "
          f"{0 if generic is None else len(generic.y)} generic frames; {args.folds}-fold CV grouped by frame, {args.repeats} shuffles")
    # Non-decision questions that name a topic and ask for a fact, a name or an opinion (issue 11, kind 3).
    others = np.array([y == 0 and t not in ("list",) for t, y in zip(dev.types, dev.y)])
    rules = rates(dev.regex, dev.y)
    print(_line("rules alone", rules, _share(dev.regex[others])))
    cv: dict[str, Rates] = {}
    for combine in COMBINES:
        said = np.concatenate([out_of_fold(dev, generic, combine, args.folds, seed) for seed in range(args.repeats)])
        cv[combine] = rates(said, np.tile(dev.y, args.repeats))
        name = "classifier alone" if combine == "classifier" else f"rules {combine} classifier"
        print(_line(name, cv[combine], _share(said[np.tile(others, args.repeats)]), args.repeats))
        if args.verbose:
            for question, kind, truth, rule, verdict in zip(dev.questions, dev.types, dev.y, dev.regex, said[: len(dev.y)]):
                if verdict != truth or rule != truth:
                    print(f"    {'DECISION' if truth else 'other   '} rules={int(rule)} cv={int(verdict)} {kind:<10} {question}")
    best = min(cv, key=lambda k: cv[k].errors)
    print(f"best in CV: {best} ({cv[best].errors / args.repeats:.1f} errors per pass against the rules' {rules.errors})")
    if args.write:
        gain = rules.errors - cv[RUNTIME].errors / args.repeats
        frames = DecisionFrames()
        if gain > 0:
            model = final_model(dev, generic, RUNTIME, args.folds, args.repeats)
            frames = DecisionFrames(
                model=index.embedder.name, threshold=round(model.threshold, 6), bias=round(model.bias, 6), weights=tuple(round(float(w), 6) for w in model.weights)
            )
        write_fitted_model(args.out, frames)
        print(f"wrote {args.out}: " + (f"{RUNTIME}, threshold {frames.threshold:.4f} ({gain:.1f} fewer errors per pass than the rules)"
                                       if frames.weights else f"no weights, the rules alone ({RUNTIME} gains nothing in CV)"))
    if later_rows:
        later = {row["id"] for row in later_rows.later}
        unseen = np.array([i in later for i in ids])
        seen, new = dev.subset(np.where(~unseen)[0]), dev.subset(np.where(unseen)[0])
        print(f"unseen dev rows from {later_rows.first}: {len(new.y)} ({int(new.y.sum())} ask for a decision), "
              f"models fitted on the {len(seen.y)} earlier rows")
        _score(new, {c: final_model(seen, generic, c, args.folds, args.repeats) for c in COMBINES}, "unseen")
    if args.probe and args.probe.is_file():  # --probe "" skips it
        probe = jsonl_examples(args.probe, index, "question")
        print(f"probe {len(probe.y)} fresh questions ({int(probe.y.sum())} ask for a decision), models refitted on all of dev")
        models = {combine: final_model(dev, generic, combine, args.folds, args.repeats) for combine in COMBINES}
        for source in sorted(set(probe.types)):
            _score(probe.subset(np.where(np.array([t == source for t in probe.types]))[0]), models, source)
    return 0


def _share(flags: np.ndarray) -> float:
    return float(flags.mean()) if len(flags) else 0.0


def _score(part: Examples, models: dict[str, Model], source: str) -> None:
    """Print how many of `part` the rules and each model get right."""
    def line(name: str, said: np.ndarray) -> str:
        r = rates(said, part.y)
        return f"  [{source}] {name:<28} {int((said == (part.y == 1)).sum())}/{len(part.y)} right  recall {r.recall:.3f}  false-decision {r.false_rate:.3f}"

    print(line("rules alone", part.regex))
    for combine, model in models.items():
        print(line(f"{combine} (threshold {model.threshold:.3f})", verdicts(probabilities(model, part), part, combine, model.threshold)))


if __name__ == "__main__":
    sys.exit(main())
