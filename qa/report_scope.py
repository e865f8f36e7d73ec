"""Retrieval kept to the report a question names by session or year, or a note that no indexed report is from it."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from index.report_match import match_reports


def scoped_filters(text: str, index: Any, filters: Any = None) -> tuple[Any, str, str]:
    """The filters to retrieve with, narrowed to the reports the question names by session or year.

    Args:
        text: the cleaned question.
        index: the loaded index (its `reports` are read; an index without them is left unscoped).
        filters: the caller's index.Filters or None; a filter on reports, sessions or years wins over the question.

    Returns:
        (filters, missing, search_text): `missing` is one sentence when the question names a session or year that
        no indexed report has (the caller abstains rather than answer from another report), else ""; `search_text`
        is the question to retrieve with (without its session and year wording when retrieval is narrowed,
        by the question or by the caller's filter).
    """
    match = match_reports(text, getattr(index, "reports", None) or [])
    if filters is not None and (filters.docs is not None or filters.sessions is not None or filters.years is not None):
        # The caller chose the reports; the question's session wording would only draw their opening paragraphs.
        return filters, "", (match.without_wording(text) or text) if match.named else text
    if match.missing:
        return filters, match.missing, text
    if not match.docs:
        return filters, "", text
    from index.search import Filters

    return replace(filters or Filters(), docs=frozenset(match.docs)), "", match.without_wording(text) or text
