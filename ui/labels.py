"""Plain-text labels and shareable links for reports, agenda items and paragraphs."""
from __future__ import annotations

import re
from typing import Iterable, Mapping
from urllib.parse import urlencode

from ingest.metadata import unique_short_names
from ingest.records import AgendaItem, Paragraph, ReportMeta, as_ref

# "¶68" and "¶121.14" are sent as bare numbers; other labels ("Annex II ¶3") as printed.
_PLAIN_REF = re.compile(r"^¶([0-9]{1,5}(?:\.[0-9]{1,4})?)$")
# What a link's `p` may be: a number, a sub-unit or a scoped label, ASCII digits only.
_LINK_REF = re.compile(r"^(?:[A-Za-z][\w./-]*(?: [\w./-]+){0,5} )?¶?[0-9]{1,5}(?:\.[0-9]{1,4})?$")


def report_names(reports: Iterable[ReportMeta]) -> dict[str, str]:
    """Report id -> short name, the map qa's citation labels use.

    Args:
        reports: the index's report metadata.

    Returns:
        e.g. {"PC0737E": "PTC 241/242"}.
    """
    return unique_short_names(list(reports))


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


def share_link(base_url: str, doc: str, ref: int | str) -> str:
    """The URL that opens the app's Browse tab at one paragraph.

    Args:
        base_url: the app's address without query string ("" gives a relative link).
        doc: report id.
        ref: printed paragraph number or label ("¶68", "Annex II ¶3").

    Returns:
        e.g. "http://localhost:8501/?doc=PC0737E&p=68"; a scoped label is sent as printed.
    """
    label = as_ref(ref)
    plain = _PLAIN_REF.match(label)
    return f"{base_url}?{urlencode({'doc': doc, 'p': plain.group(1) if plain else label})}"


class DeepLinkError(ValueError):
    """A deep link the app cannot follow; the message is one line for the page."""


MAX_DOC_CHARS = 100


def parse_deep_link(params: Mapping[str, str]) -> tuple[str, int | str] | None:
    """Read `?doc=...&p=...` from a URL's query parameters.

    Args:
        params: the query parameters (st.query_params).

    Returns:
        (doc, paragraph number) for `p=68`, (doc, label) for a label such as `p=Annex II ¶3` or
        `p=121.14`, or None when the URL names neither.

    Raises:
        DeepLinkError: only one of them is given, `p` is neither a number (ASCII digits, at most
            five: "²" and a 5000-digit number never reach int()) nor a label, or `doc` is not a
            plausible report id; the message quotes at most the start of the bad value.
    """
    doc = (params.get("doc") or "").strip()
    ref = " ".join((params.get("p") or "").split())
    if not doc and not ref:
        return None
    if not doc or not ref:
        raise DeepLinkError("The link needs both a report and a paragraph, e.g. ?doc=PC0737E&p=68.")
    if len(doc) > MAX_DOC_CHARS or not doc.isprintable():
        raise DeepLinkError(f"The link's report id “{_shown(doc)}” is not a report id.")
    if not _LINK_REF.match(ref):
        raise DeepLinkError(f"The link's paragraph “{_shown(ref)}” is not a paragraph number or label.")
    return (doc, int(ref)) if ref.isdigit() else (doc, as_ref(ref))


def _shown(value: str, limit: int = 20) -> str:
    """The start of a bad link value, printable and short, for its notice."""
    value = "".join(ch if ch.isprintable() else "?" for ch in value[: limit + 1])
    return value if len(value) <= limit else value[:limit] + "…"


def widget_ref(para: Paragraph) -> str:
    """A paragraph's reference as a widget-key fragment: "68" for ¶68, "121-14" for ¶121.14, "Annex-II-3" for "Annex II ¶3"."""
    return "-".join(re.findall(r"[A-Za-z0-9]+", para.ref))
