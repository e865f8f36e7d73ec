"""Ranking and answer metrics for one question: recall, hit, MRR, nDCG, citation precision/recall, key facts."""
from __future__ import annotations

import math
from typing import Collection, Hashable, Sequence


def _top(ranked: Sequence[Hashable], k: int) -> list[Hashable]:
    """The first k distinct ids of a ranking (a duplicate never counts twice)."""
    seen: list[Hashable] = []
    for item in ranked:
        if item not in seen:
            seen.append(item)
        if len(seen) == k:
            break
    return seen


def recall_at_k(ranked: Sequence[Hashable], relevant: Collection[Hashable], k: int) -> float:
    """Share of the relevant ids found in the top k.

    Args:
        ranked: ids, best first.
        relevant: the ids a good answer needs (must not be empty).
        k: cut-off.

    Returns:
        A value in [0, 1].

    Raises:
        ValueError: `relevant` is empty (the metric is undefined for unanswerable questions).
    """
    if not relevant:
        raise ValueError("recall is undefined without relevant ids")
    found = set(_top(ranked, k)) & set(relevant)
    return len(found) / len(set(relevant))


def hit_at_k(ranked: Sequence[Hashable], relevant: Collection[Hashable], k: int) -> float:
    """1.0 when at least one relevant id is in the top k, else 0.0."""
    return 1.0 if set(_top(ranked, k)) & set(relevant) else 0.0


def mrr_at_k(ranked: Sequence[Hashable], relevant: Collection[Hashable], k: int) -> float:
    """Reciprocal rank of the first relevant id within the top k (0.0 when none)."""
    wanted = set(relevant)
    for rank, item in enumerate(_top(ranked, k), start=1):
        if item in wanted:
            return 1.0 / rank
    return 0.0


def ndcg_at_k(ranked: Sequence[Hashable], relevant: Collection[Hashable], k: int) -> float:
    """Binary-relevance nDCG at k: DCG of the ranking over DCG of an ideal one.

    Args:
        ranked: ids, best first.
        relevant: the relevant ids (gain 1 each; everything else gain 0).
        k: cut-off.

    Returns:
        A value in [0, 1].

    Raises:
        ValueError: `relevant` is empty.
    """
    wanted = set(relevant)
    if not wanted:
        raise ValueError("nDCG is undefined without relevant ids")
    dcg = sum(1.0 / math.log2(rank + 1) for rank, item in enumerate(_top(ranked, k), start=1) if item in wanted)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(k, len(wanted)) + 1))
    return dcg / ideal


def citation_precision(cited: Collection[Hashable], relevant: Collection[Hashable], partial: Collection[Hashable]) -> float | None:
    """Share of the cited ids that are relevant or partly relevant (None when nothing is cited)."""
    cited = set(cited)
    if not cited:
        return None
    return len(cited & (set(relevant) | set(partial))) / len(cited)


def citation_recall(cited: Collection[Hashable], relevant: Collection[Hashable]) -> float | None:
    """Share of the relevant ids that are cited (None when there are no relevant ids)."""
    relevant = set(relevant)
    if not relevant:
        return None
    return len(set(cited) & relevant) / len(relevant)


def key_fact_recall(text: str, key_facts: Sequence[str]) -> float | None:
    """Share of the key facts found in the text as case-insensitive substrings (None when there are none)."""
    if not key_facts:
        return None
    lowered = text.casefold()
    return sum(1 for fact in key_facts if fact.casefold() in lowered) / len(key_facts)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100, linear interpolation) of the values, None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100.0
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Sequence[float | None]) -> float | None:
    """Mean of the values that are not None (None when there are none)."""
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None
