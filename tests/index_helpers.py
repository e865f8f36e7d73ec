"""Small synthetic reports for the index tests (built in tmp_path with the session embedder)."""
from __future__ import annotations

import hashlib

from ingest.records import AgendaItem, Paragraph, Report, ReportMeta

GREEN = (
    "The Secretariat presented the Green Customs Action Plan (GCAP) and its 25 actions, "
    "including GCAP-10 on plastic waste."
)


def make_report(report_id: str, texts: list[tuple[str, str, bool]], sessions: str = "241st/242nd") -> Report:
    """A report whose paragraphs are (item numeral, text, decision) triples numbered from 1.

    Args:
        report_id: the report id.
        texts: the paragraphs.
        sessions: the sessions string of the report.

    Returns:
        The Report, its content hash derived from the texts.
    """
    titles = {"I": "Opening", "II": "Green Customs", "III": "E-Commerce"}
    digest = hashlib.sha256(repr((report_id, texts)).encode()).hexdigest()
    meta = ReportMeta(
        id=report_id, committee="Permanent Technical Committee", sessions=sessions, dates="", code=report_id,
        short_name=f"PTC {sessions}", file_name=f"{report_id}.md", content_hash=digest,
    )
    paragraphs = [
        Paragraph(report_id, n, item, titles.get(item, item), None, None, None, decision, text)
        for n, (item, text, decision) in enumerate(texts, 1)
    ]
    agenda = [AgendaItem(numeral, title) for numeral, title in titles.items()]
    return Report(meta, agenda, paragraphs)


def small_report(report_id: str = "R1", extra: str = "") -> Report:
    """A four-paragraph report over three agenda items, one conclusion per item."""
    return make_report(
        report_id,
        [
            ("I", "The Chairperson opened the meeting and welcomed the delegates." + extra, False),
            ("I", "In conclusion, the PTC: took note of the opening remarks.", True),
            ("II", GREEN, False),
            ("II", "In conclusion, the PTC: endorsed the Green Customs Action Plan.", True),
            ("III", "The United States presented its de minimis threshold of 800 USD, raised in 2016.", False),
        ],
    )
