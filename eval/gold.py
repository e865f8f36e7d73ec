"""Read a gold set (JSON Lines, format in eval/gold/README.md) into GoldQuestion records."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from settings import PROJECT_ROOT

# The 684-question set; its first 125 lines are FIRST_GOLD unchanged (same ids and splits).
DEFAULT_GOLD = PROJECT_ROOT / "eval" / "gold" / "ptc_241_242_v2.jsonl"
FIRST_GOLD = PROJECT_ROOT / "eval" / "gold" / "ptc_241_242.jsonl"
TYPES = ("decision", "factual", "paraphrase", "acronym", "who", "multi", "unanswerable", "list", "briefing", "near_miss")
# Types a correct system abstains on (near_miss: the report discusses the topic but not the asked detail).
ABSTAIN_TYPES = ("unanswerable", "near_miss")
SPLITS = ("dev", "holdout")
LANGUAGES = ("en", "fr", "es")  # the question's language: optional field, English when absent


class GoldError(Exception):
    """A gold file that cannot be used (one line naming the file, the line and the problem)."""


@dataclass(frozen=True)
class GoldQuestion:
    """One gold question: what to ask, which paragraphs answer it, and which facts a good answer contains."""

    id: str
    question: str
    type: str
    relevant: tuple[int, ...]
    partial: tuple[int, ...]
    answer: str
    key_facts: tuple[str, ...]
    item: str | None
    split: str
    language: str = "en"

    @property
    def answerable(self) -> bool:
        """Whether the report answers the question (it has relevant paragraphs)."""
        return bool(self.relevant)


def load_gold(path: str | Path = DEFAULT_GOLD) -> list[GoldQuestion]:
    """Read and check a gold file.

    Args:
        path: a JSON Lines file, one question per non-blank line.

    Returns:
        The questions in file order.

    Raises:
        GoldError: the file is missing or unreadable, a line is not a JSON object with the
            documented fields and types, an id repeats, or the file holds no questions.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read gold file ({getattr(exc, 'strerror', None) or exc})") from exc
    questions: list[GoldQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}: line {number}: not valid JSON ({exc.msg})") from exc
        question = _question(row, f"{path}: line {number}")
        if question.id in seen:
            raise GoldError(f"{path}: line {number}: id {question.id!r} repeats")
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise GoldError(f"{path}: no questions (expected one JSON object per line, see eval/gold/README.md)")
    return questions


def _question(row: Any, where: str) -> GoldQuestion:
    """One checked GoldQuestion from a parsed JSON line (`where` prefixes error messages)."""
    if not isinstance(row, dict):
        raise GoldError(f"{where}: expected a JSON object")
    missing = [name for name in GoldQuestion.__dataclass_fields__ if name not in row and name != "language"]
    if missing:
        raise GoldError(f"{where}: missing field(s) {', '.join(missing)}")
    for name in ("id", "question", "answer"):
        if not isinstance(row[name], str) or not row[name].strip():
            raise GoldError(f"{where}: {name!r} must be a non-empty string")
    if row["type"] not in TYPES:
        raise GoldError(f"{where}: type {row['type']!r} is not one of {', '.join(TYPES)}")
    if row["split"] not in SPLITS:
        raise GoldError(f"{where}: split {row['split']!r} is not 'dev' or 'holdout'")
    for name in ("relevant", "partial"):
        if not isinstance(row[name], list) or not all(type(n) is int for n in row[name]):
            raise GoldError(f"{where}: {name!r} must be a list of paragraph numbers")
    if not isinstance(row["key_facts"], list) or not all(isinstance(f, str) and f.strip() for f in row["key_facts"]):
        raise GoldError(f"{where}: 'key_facts' must be a list of non-empty strings")
    if row["item"] is not None and not isinstance(row["item"], str):
        raise GoldError(f"{where}: 'item' must be a string or null")
    if row.get("language", "en") not in LANGUAGES:
        raise GoldError(f"{where}: language {row['language']!r} is not one of {', '.join(LANGUAGES)}")
    if (row["type"] in ABSTAIN_TYPES) == bool(row["relevant"]):
        raise GoldError(f"{where}: 'relevant' must be empty exactly for {' and '.join(ABSTAIN_TYPES)} questions")
    return GoldQuestion(
        id=row["id"],
        question=row["question"],
        type=row["type"],
        relevant=tuple(row["relevant"]),
        partial=tuple(row["partial"]),
        answer=row["answer"],
        key_facts=tuple(row["key_facts"]),
        item=row["item"],
        split=row["split"],
        language=row.get("language", "en"),
    )
