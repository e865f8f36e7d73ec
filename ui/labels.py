"""Plain-text labels and shareable links for reports, agenda items and paragraphs."""
from __future__ import annotations

import re
from typing import Iterable, Mapping
from urllib.parse import urlencode

from ingest.records import AgendaItem, Paragraph, ReportMeta


def report_names(reports: Iterable[ReportMeta]) -> dict[str, str]:
    """Report id -> short name, the map qa's citation labels use.

    Args:
        reports: the index's report metadata.

    Returns:
        e.g. {"PC0737E": "PTC 241/242"}.
    """
    return {meta.id: meta.short_name or meta.id for meta in reports}


def report_label(meta: ReportMeta) -> str:
    """A report as people pick it from a list: short name, dates and id.

    Args:
        meta: the report's metadata.

    Returns:
        e.g. "PTC 241/242 · 24 – 26 October 2023 · PC0737E".
    """
    return " · ".join(part for part in (meta.short_name, meta.dates, meta.id) if part)


def agenda_label(item: AgendaItem) -> str:
    """An agenda item with its numeral and printed paragraph range.

    Args:
        item: a row of the report's agenda.

    Returns:
        e.g. "V. E-Commerce (¶37–68)".
    """
    label = f"{item.numeral}. {item.title}" if item.numeral else item.title
    if item.first is not None and item.last is not None:
        label += f" (¶{item.first}–{item.last})"
    return label


def item_label(para: Paragraph) -> str:
    """The agenda item a paragraph belongs to.

    Args:
        para: the paragraph.

    Returns:
        e.g. "Item V. E-Commerce", or "" for reports without agenda items.
    """
    if not para.item:
        return para.item_title
    return f"Item {para.item}. {para.item_title}".rstrip()


def subitem_label(para: Paragraph) -> str:
    """The sub-item a paragraph belongs to.

    Args:
        para: the paragraph.

    Returns:
        e.g. "c. Fair and Efficient Revenue Collection", or "" when it has none.
    """
    if not para.subitem:
        return ""
    return f"{para.subitem}. {para.subitem_title or ''}".rstrip()


def share_link(base_url: str, doc: str, number: int) -> str:
    """The URL that opens the app's Browse tab at one paragraph.

    Args:
        base_url: the app's address without query string ("" gives a relative link).
        doc: report id.
        number: printed paragraph number.

    Returns:
        e.g. "http://localhost:8501/?doc=PC0737E&p=68".
    """
    return f"{base_url}?{urlencode({'doc': doc, 'p': number})}"


class DeepLinkError(ValueError):
    """A deep link the app cannot follow; the message is one line for the page."""


# A printed paragraph number: ASCII digits only ("²" and "٣" are digits to str.isdigit, not to int),
# and short, so that a 5000-digit number never reaches int().
_PARAGRAPH_NUMBER = re.compile(r"[0-9]{1,6}")
MAX_DOC_CHARS = 100


def parse_deep_link(params: Mapping[str, str]) -> tuple[str, int] | None:
    """Read `?doc=...&p=...` from a URL's query parameters.

    Args:
        params: the query parameters (st.query_params).

    Returns:
        (doc, paragraph number), or None when the URL names neither.

    Raises:
        DeepLinkError: only one of them is given, `p` is not a paragraph number, or `doc` is not
            a plausible report id (the message quotes at most the start of the bad value).
    """
    doc = (params.get("doc") or "").strip()
    number = (params.get("p") or "").strip()
    if not doc and not number:
        return None
    if not doc or not number:
        raise DeepLinkError("The link needs both a report and a paragraph, e.g. ?doc=PC0737E&p=68.")
    if len(doc) > MAX_DOC_CHARS or not doc.isprintable():
        raise DeepLinkError(f"The link's report id “{_shown(doc)}” is not a report id.")
    if not _PARAGRAPH_NUMBER.fullmatch(number):
        raise DeepLinkError(f"The link's paragraph “{_shown(number)}” is not a paragraph number.")
    return doc, int(number)


def _shown(value: str, limit: int = 20) -> str:
    """The start of a bad link value, printable and short, for its notice."""
    value = "".join(ch if ch.isprintable() else "?" for ch in value[: limit + 1])
    return value if len(value) <= limit else value[:limit] + "…"
