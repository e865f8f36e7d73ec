"""Per-question failures of the full pipeline, for error analysis: what was expected and what came back."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from eval.metrics import key_fact_recall, recall_at_k
from eval.run import PIPELINE, QuestionResult


@dataclass(frozen=True)
class Failure:
    """One question the pipeline or qa got wrong, and why."""

    id: str
    split: str
    type: str
    question: str
    expected: tuple[int, ...]  # gold relevant paragraphs
    top5: tuple[int, ...]  # what the pipeline ranked first
    cited: tuple[int, ...]
    answer: str
    reasons: tuple[str, ...]


def reasons(result: QuestionResult, k: int = 5) -> list[str]:
    """Why a result counts as a failure (empty when it does not).

    An answerable question fails when a relevant paragraph is missing from the pipeline's top k,
    when qa abstained, when a key fact is missing from the answer, or when the answer cites a
    paragraph outside the relevant and partly relevant ones; an unanswerable one fails when qa
    answered it.

    Args:
        result: one question's result.
        k: retrieval cut-off.

    Returns:
        Short reasons, e.g. ["missed ¶68 in top 5", "key facts 1/2", "cites ¶12 outside the gold paragraphs"].
    """
    gold = result.gold
    if not gold.answerable:
        return [] if not result.answered else ["answered an unanswerable question"]
    found: list[str] = []
    ranking = result.rankings[PIPELINE]
    if recall_at_k(ranking, gold.relevant, k) < 1.0:
        missing = [n for n in gold.relevant if n not in ranking[:k]]
        found.append(f"missed {', '.join(f'¶{n}' for n in missing)} in top {k}")
    if not result.answered:
        found.append("abstained")
    facts = key_fact_recall(result.answer_text, gold.key_facts)
    if facts is not None and facts < 1.0:
        found.append(f"key facts {round(facts * len(gold.key_facts))}/{len(gold.key_facts)}")
    allowed = set(gold.relevant) | set(gold.partial)
    stray = [n for n in result.cited if n not in allowed]
    if stray:
        found.append(f"cites {', '.join(f'¶{n}' for n in stray)} outside the gold paragraphs")
    return found


def failures(results: Sequence[QuestionResult], k: int = 5) -> list[Failure]:
    """Every failing question, in gold-file order.

    Args:
        results: per-question results.
        k: retrieval cut-off for "missed".

    Returns:
        The failures.
    """
    out = []
    for result in results:
        why = reasons(result, k)
        if why:
            gold = result.gold
            out.append(
                Failure(
                    id=gold.id,
                    split=gold.split,
                    type=gold.type,
                    question=gold.question,
                    expected=gold.relevant,
                    top5=tuple(result.rankings[PIPELINE][:5]),
                    cited=tuple(result.cited),
                    answer=result.answer_text,
                    reasons=tuple(why),
                )
            )
    return out


def format_failures(items: Sequence[Failure], answer_chars: int = 300) -> str:
    """The failures as readable text blocks (answer text cut to `answer_chars`)."""
    blocks = []
    for f in items:
        answer = f.answer if len(f.answer) <= answer_chars else f.answer[:answer_chars].rstrip() + " …"
        blocks.append(
            f"{f.id} [{f.split}, {f.type}] {f.question}\n"
            f"  why: {'; '.join(f.reasons)}\n"
            f"  expected: {list(f.expected) or 'abstain'} · top 5: {list(f.top5)} · cited: {list(f.cited)}\n"
            f"  answer: {answer}"
        )
    return "\n\n".join(blocks) if blocks else "No failures."
