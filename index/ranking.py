"""Score fusion and the structure-aware re-ranking step, as pure functions over score vectors."""
from __future__ import annotations

import itertools
from typing import Callable, Hashable, Sequence, TypeVar

import numpy as np

# The tuned values live in settings (the one config, passed down); re-exported here for the ranking code.
from settings import RankingConfig

T = TypeVar("T")

NEG = -np.inf


def ramp(value: float | np.ndarray, low: float, high: float) -> float | np.ndarray:
    """0 at or below `low`, 1 at or above `high`, linear in between."""
    return np.clip((value - low) / max(high - low, 1e-6), 0.0, 1.0)


def keyword_share(config: RankingConfig, coverage: float, rarity: float = 0.0) -> float:
    """The adaptive fusion's BM25 weight for a question whose best BM25 paragraph covers `coverage` of it.

    Args:
        config: the weights.
        coverage: IDF-weighted share of the question's terms the best BM25 paragraph holds.
        rarity: how rare the rarest question name that paragraph holds is (`KeywordIndex.rarities`):
            an exact match of a name few paragraphs have earns BM25 `config.rare_share` of its full
            weight however little else of the question that paragraph holds.
    """
    share = float(ramp(coverage, config.coverage_floor, config.coverage_full))
    if config.rare_share:
        share = max(share, config.rare_share * float(ramp(rarity, config.rare_floor, 1.0)))
    return config.keyword_weight * share


def adaptive_weight(
    keyword: np.ndarray, mask: np.ndarray, config: RankingConfig, coverage: float, rarity: np.ndarray | None = None
) -> float:
    """The adaptive fusion's BM25 weight for one question: `keyword_share` read at its best BM25 paragraph.

    Args:
        keyword: BM25 score per paragraph.
        mask: paragraphs allowed by the filters.
        config: the weights.
        coverage: IDF-weighted share of the question's terms the best BM25 paragraph holds.
        rarity: per paragraph, how rare the rarest question name it holds is (None: none is rare).

    Returns:
        The weight (0 when BM25 counts for nothing: a question sharing too few words with any paragraph).
    """
    top = int(np.argmax(np.where(mask, keyword, NEG))) if mask.any() else 0
    top_rarity = float(rarity[top]) if rarity is not None and mask.any() and keyword[top] > 0 else 0.0
    return keyword_share(config, coverage, top_rarity)


def normalise_max(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Scores scaled to [0, 1] over the masked entries (min-max); other entries 0.

    Args:
        scores: one score per paragraph.
        mask: which paragraphs take part.

    Returns:
        float array like `scores`.
    """
    result = np.zeros_like(scores, dtype=np.float32)
    if not mask.any():
        return result
    values = scores[mask]
    low, high = float(values.min()), float(values.max())
    if high > low:
        result[mask] = (values - low) / (high - low)
    elif high > 0:
        result[mask] = 1.0
    return result


def ranks(scores: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """1-based rank of each masked entry by descending score; masked-out entries get len+1."""
    order = np.argsort(-np.where(mask, scores, NEG), kind="stable")
    result = np.empty(len(scores), dtype=np.float32)
    result[order] = np.arange(1, len(scores) + 1, dtype=np.float32)
    result[~mask] = len(scores) + 1
    return result


def fuse(
    dense: np.ndarray,
    keyword: np.ndarray,
    mask: np.ndarray,
    config: RankingConfig,
    coverage: float = 1.0,
    rarity: np.ndarray | None = None,
) -> np.ndarray:
    """One fused score per paragraph (masked-out paragraphs get -inf).

    Args:
        dense: cosine similarity per paragraph (max over its windows, or blended with its best sentence).
        keyword: BM25 score per paragraph.
        mask: paragraphs allowed by the filters.
        config: the fusion method and weights.
        coverage: adaptive fusion: IDF-weighted share of the question's content terms that the best
            BM25 paragraph holds (`index.keyword.KeywordIndex.coverages`).
        rarity: adaptive fusion: per paragraph, how rare the rarest question name it holds is
            (`index.keyword.KeywordIndex.rarities`; None: none is rare); read at the best BM25 paragraph.

    Returns:
        float32 fused scores.
    """
    if config.fusion == "adaptive":
        fused = normalise_max(dense, mask) + adaptive_weight(keyword, mask, config, coverage, rarity) * normalise_max(keyword, mask)
        return np.where(mask, fused, NEG).astype(np.float32)
    weak = config.weak_keyword > 0 and mask.any() and float(keyword[mask].max()) < config.weak_keyword
    if config.fusion == "dense" or (weak and config.fusion in ("rrf", "convex")):
        fused = dense.astype(np.float32)
    elif config.fusion == "keyword":
        fused = keyword.astype(np.float32)
    elif config.fusion == "rrf":
        fused = 1.0 / (config.rrf_k + ranks(dense, mask)) + 1.0 / (config.rrf_k + ranks(keyword, mask))
    elif config.fusion == "convex":
        w = config.dense_weight
        fused = w * normalise_max(dense, mask) + (1 - w) * normalise_max(keyword, mask)
    else:
        raise ValueError(f"unknown fusion {config.fusion!r}")
    return np.where(mask, fused, NEG).astype(np.float32)


def item_scores(fused: np.ndarray, groups: np.ndarray, n_groups: int, top: int) -> np.ndarray:
    """Score of each agenda item: the mean of its `top` best paragraph scores.

    Args:
        fused: fused score per paragraph (-inf where filtered out).
        groups: agenda-item group id of each paragraph (0..n_groups-1).
        n_groups: number of groups.
        top: paragraphs averaged per item.

    Returns:
        float32 (n_groups,), -inf for items with no allowed paragraph.
    """
    order = np.lexsort((-fused, groups))  # by group, best first within each group
    sorted_groups = groups[order]
    sorted_scores = fused[order]
    starts = np.searchsorted(sorted_groups, np.arange(n_groups))
    # Whole-array sums rather than a loop over the items: thousands of items at 40,000 paragraphs.
    best = (np.arange(len(order)) - starts[sorted_groups] < top) & np.isfinite(sorted_scores)
    totals = np.bincount(sorted_groups[best], weights=sorted_scores[best].astype(np.float64), minlength=n_groups)
    counts = np.bincount(sorted_groups[best], minlength=n_groups)
    means = totals / np.maximum(counts, 1)
    return np.where(counts > 0, means, NEG).astype(np.float32)


def boost_speakers(fused: np.ndarray, speakers: np.ndarray, share: float) -> np.ndarray:
    """Scores with the paragraphs that introduce a speaker raised by `share` of their own size.

    Proportional rather than fixed, so a speaker paragraph climbs a few places among close
    candidates but one that matched the question poorly stays down.

    Args:
        fused: fused score per paragraph (-inf where filtered out).
        speakers: True for paragraphs that introduce a speaker (`index.speakers.introduces_speaker`).
        share: the boost (0 leaves the scores as they are).

    Returns:
        float32 scores.
    """
    lift = speakers & np.isfinite(fused)
    return np.where(lift, fused + share * np.abs(np.where(lift, fused, 0.0)), fused).astype(np.float32)


def structured(
    fused: np.ndarray,
    groups: np.ndarray,
    n_groups: int,
    decisions: np.ndarray,
    decision_question: bool,
    config: RankingConfig,
    speakers: np.ndarray | None = None,
    speaker_question: bool = False,
    named_groups: list[int] | None = None,
) -> np.ndarray:
    """Final scores: speakers first for "who presented" questions, item support, then conclusions first for decision questions.

    Args:
        fused: fused score per paragraph (-inf where filtered out).
        groups: agenda-item group id per paragraph.
        n_groups: number of groups.
        decisions: True for conclusion paragraphs.
        decision_question: whether the query asks what was decided.
        config: weights.
        speakers: True for paragraphs that introduce a speaker (None: no paragraph does).
        speaker_question: whether the query asks who presented something.
        named_groups: groups of the agenda items the question names, best first: a decision
            question is routed to their conclusions rather than to the best-scoring items'.

    Returns:
        float32 final scores (-inf where filtered out).
    """
    final = fused.copy()
    allowed = np.isfinite(fused)
    if not allowed.any():
        return final
    if speaker_question and speakers is not None and config.speaker_boost:
        final = boost_speakers(final, speakers, config.speaker_boost)
    items = item_scores(final, groups, n_groups, config.item_top)
    if config.item_weight:
        final = np.where(allowed, final + config.item_weight * items[groups], NEG).astype(np.float32)
    if config.decision_boost and decision_question:
        # Lift the conclusions of the best items above everything, keeping the items' order.
        best_items = [g for g in (named_groups or [])[: config.decision_items] if np.isfinite(items[g])]
        if not best_items:
            best_items = [g for g in np.argsort(-items, kind="stable")[: config.decision_items] if np.isfinite(items[g])]
        # A lift larger than the whole score range puts the lifted paragraphs above all others.
        spread = float(final[allowed].max() - final[allowed].min()) + 1.0
        for rank, g in enumerate(best_items):
            lift = allowed & decisions & (groups == g)
            final[lift] += spread * (len(best_items) - rank)
    return final.astype(np.float32)


def move_up(final: np.ndarray, order: np.ndarray, row: int, place: int) -> np.ndarray:
    """Final scores re-dealt so that `row` takes 0-based `place` in `order` when it ranks lower; the others keep their order.

    Args:
        final: final score per paragraph.
        order: the allowed rows, best first.
        row: the paragraph to move up.
        place: where it goes.

    Returns:
        float32 scores (`final` itself when `row` already ranks at `place` or better, or is not in `order`).
    """
    rows = [int(r) for r in order]
    if row not in rows or rows.index(row) <= place:
        return final
    rows.remove(row)
    rows.insert(place, row)
    return redealt(final, order, rows)


def redealt(final: np.ndarray, order: np.ndarray, rows: list[int]) -> np.ndarray:
    """Final scores re-dealt to a new order of the same rows: the i-th best score (`order`) goes to `rows[i]`, so they still read best first."""
    result = final.astype(np.float32).copy()
    result[rows] = final[order]
    return result


def best_distinct(
    options: Sequence[Sequence[T]],
    key: Callable[[T], Hashable],
    score: Callable[[T], float],
    keep: Callable[[tuple[T, ...]], bool] | None = None,
) -> tuple[T, ...] | None:
    """One option from each list, with distinct keys, of the highest total score (the first such on a tie).

    Args:
        options: per part, its candidates.
        key: what must differ between the chosen options (a paragraph).
        score: an option's score.
        keep: a further test a combination must pass (None: every combination may be chosen).

    Returns:
        The options chosen, in part order; None when no combination qualifies.
    """
    best, best_total = None, float("-inf")
    for combination in itertools.product(*options):
        if len({key(option) for option in combination}) < len(combination) or (keep is not None and not keep(combination)):
            continue
        total = sum(score(option) for option in combination)
        if total > best_total:
            best, best_total = combination, total
    return best


def distinct_best(part_scores: list[np.ndarray], choices: int) -> list[int]:
    """One paragraph per part, distinct ones: the combination of each part's `choices` best with the highest total.

    The parts of a question share most of their words, so scored alone they often agree on one
    paragraph and the second part's own paragraph goes unranked; taken together, a part whose best
    paragraph another part needs more takes its next best.

    Args:
        part_scores: per part, a score per paragraph (-inf where not allowed).
        choices: candidates considered per part.

    Returns:
        The rows chosen, in part order (a part with no allowed paragraph, or none left, is skipped).
    """
    ranked = []
    for scores in part_scores:
        rows = [int(r) for r in np.argsort(-scores, kind="stable")[:choices] if np.isfinite(scores[r])]
        if rows:
            ranked.append([(row, float(scores[row])) for row in rows])
    best = best_distinct(ranked, key=lambda option: option[0], score=lambda option: option[1])
    return [row for row, _ in best] if best is not None else list(dict.fromkeys(options[0][0] for options in ranked))


def cover_parts(
    final: np.ndarray, part_scores: list[np.ndarray], start: int, window: int, choices: int, reach: int
) -> np.ndarray:
    """Final scores re-dealt so that each part of a multi-part question has a paragraph of its own near the top.

    "How do the US and the EU differ?" is answered by two paragraphs; ranked as a whole, the question
    often fills the top with one party's paragraphs. Each part's paragraph (`distinct_best`) that the
    ranking leaves below `window` is moved up to just after the first `start` hits, in part order;
    the rest keep their order. The scores themselves are re-dealt, the i-th best score to the i-th
    paragraph of the new order, so they still read best first.

    Args:
        final: final score per paragraph (-inf where filtered out).
        part_scores: per part, its own score per paragraph (-inf where not a candidate).
        start: hits of the whole question kept ahead of the parts' paragraphs.
        window: a part whose paragraph already ranks within this many hits is left alone.
        choices: candidates per part (`distinct_best`).
        reach: a part's paragraph ranked this low or lower by the whole question stays where it is
            (the question as a whole is evidence too: a part's "how did delegates react" matches many).

    Returns:
        float32 scores (`final` itself when nothing moves).
    """
    allowed = int(np.isfinite(final).sum())
    order = np.argsort(-final, kind="stable")[:allowed]
    rank = {int(row): i for i, row in enumerate(order)}
    chosen = distinct_best(part_scores, choices)
    moved = [row for row in chosen if row in rank and max(window, start) <= rank[row] < reach]
    if not moved:
        return final
    # At the foot of the window: within reach, yet the whole question's best hits keep their places.
    start = max(start, window - len(moved))
    head = [int(row) for row in order[:start]]
    rest = [int(row) for row in order[start:] if int(row) not in moved]
    return redealt(final, order, head + moved + rest)
