"""The answer record every caller sees: Answer, Citation, Statement, and their JSON and Markdown forms."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index import Hit
    from ingest.records import Paragraph


@dataclass(frozen=True)
class Citation:
    """One cited paragraph: report id and printed paragraph number."""

    doc: str
    paragraph: int

    def to_json(self) -> dict[str, Any]:
        """The citation as `{doc, paragraph}`."""
        return {"doc": self.doc, "paragraph": self.paragraph}


@dataclass(frozen=True)
class Statement:
    """One cited sentence of an answer.

    `quote` is the part copied from the cited paragraph (a substring of its text, up to
    whitespace); it is the whole `text` for extracted sentences, a quoted bullet inside a framing
    sentence for decisions, and None for framing sentences written by qa or an LLM whose claim is
    about the cited paragraph (e.g. "No decision names de minimis").
    """

    text: str
    citation: Citation
    quote: str | None = None
    lead: str | None = None  # a conclusion point's opening, e.g. "In conclusion, the Council"


@dataclass
class Answer:
    """A question's answer: text with inline citations, the citations, the ranked hits, and how it was made.

    `sources` holds the cited paragraphs (for quoting them) and `report_names` maps report ids to
    their short names; both are filled by `qa.answer` and are not part of the JSON.
    """

    question: str
    text: str
    citations: list[Citation]
    hits: list["Hit"]
    answerable: bool
    mode: str  # "extractive", "decision", "llm" or "abstain"
    warnings: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sources: list["Paragraph"] = field(default_factory=list)
    report_names: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The answer as the JSON object the CLI prints (one per question)."""
        return {
            "question": self.question,
            "answer": self.text,
            "answerable": self.answerable,
            "citations": [c.to_json() for c in self.citations],
            "hits": [hit_json(h) for h in self.hits],
            "mode": self.mode,
            "warnings": list(self.warnings),
        }

    def to_markdown(self) -> str:
        """The answer for export: question, answer with citations, then each cited paragraph quoted."""
        lines = [f"## {self.question}", "", self.text, ""]
        if self.warnings:
            lines += [f"> Note: {w}" for w in self.warnings] + [""]
        quoted = self.sources if self.answerable else [h.paragraph for h in self.hits[:3]]
        if quoted:
            lines += ["### Cited paragraphs" if self.answerable else "### Related paragraphs", ""]
        for para in quoted:
            lines += [f"**{source_line(para, self.report_names)}**", ""]
            lines += ["> " + line if line else ">" for line in para.text.splitlines()]
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def hit_json(hit: "Hit") -> dict[str, Any]:
    """One ranked hit as `{doc, paragraph, item, item_title, subitem, decision, score, text}`.

    Args:
        hit: an index hit (its `paragraph` and `final` score are read).

    Returns:
        The JSON-ready dict.
    """
    p = hit.paragraph
    return {
        "doc": p.doc,
        "paragraph": p.number,
        "item": p.item,
        "item_title": p.item_title,
        "subitem": p.subitem,
        "decision": p.decision,
        "score": round(float(hit.final), 6),
        "text": p.text,
    }


def source_line(para: "Paragraph", report_names: dict[str, str]) -> str:
    """Where a paragraph sits, for people: report, paragraph, agenda item and sub-item titles.

    Args:
        para: the paragraph.
        report_names: report id -> short name (the id is used when missing).

    Returns:
        e.g. "PTC 241/242 ¶68 — Item V E-Commerce — e. Outline of a new WCO tool …".
    """
    parts = [f"{report_names.get(para.doc, para.doc)} ¶{para.number}"]
    if para.item:
        parts.append(f"Item {para.item} {para.item_title}".rstrip())
    if para.subitem:
        parts.append(f"{para.subitem}. {para.subitem_title or ''}".rstrip())
    if para.decision:
        parts.append("decision")
    return " — ".join(parts)


def cite_label(citation: Citation, report_names: dict[str, str]) -> str:
    """The inline citation: `[¶38]`, or `[PTC 241/242 ¶38]` when the corpus holds several reports.

    Args:
        citation: the cited paragraph.
        report_names: report id -> short name for every report in the corpus.

    Returns:
        The bracketed label.
    """
    if len(report_names) > 1:
        return f"[{report_names.get(citation.doc, citation.doc)} ¶{citation.paragraph}]"
    return f"[¶{citation.paragraph}]"


DECISION_LEAD = "In conclusion, the PTC"


def decision_point(point: str, citation: Citation, lead: str = DECISION_LEAD) -> Statement:
    """A quoted point of a conclusion: `In conclusion, the PTC: “endorsed …”.`

    Args:
        point: the bullet's words, verbatim, without marker or trailing "; and".
        citation: the conclusion paragraph.
        lead: the conclusion's own opening ("In conclusion, the Council" for a Council report).

    Returns:
        The statement (its quote is the point).
    """
    return Statement(f"{lead}: “{point}”.", citation, quote=point, lead=lead)


def _is_point(statement: Statement) -> bool:
    return statement.lead is not None and statement.quote is not None


def render(statements: list[Statement], report_names: dict[str, str]) -> str:
    """Answer text from statements: each sentence followed by its inline citation.

    Consecutive points of the same conclusion read as one sentence with one citation:
    `In conclusion, the PTC: “took note …”; “endorsed …”. [¶84]`.

    Args:
        statements: the cited sentences, in answer order.
        report_names: report id -> short name for every report in the corpus.

    Returns:
        The text, sentences separated by spaces.
    """
    parts: list[str] = []
    i = 0
    while i < len(statements):
        first = statements[i]
        j = i + 1
        if _is_point(first):
            while j < len(statements) and _is_point(statements[j]) and statements[j].citation == first.citation:
                j += 1
        if j - i > 1:
            quotes = "; ".join(f"“{s.quote}”" for s in statements[i:j])
            text = f"{first.lead}: {quotes}."
        else:
            text = first.text
        parts.append(f"{text} {cite_label(first.citation, report_names)}")
        i = j
    return " ".join(parts)


def unique_citations(statements: list[Statement]) -> list[Citation]:
    """The cited paragraphs, first-cited first, without repeats.

    Args:
        statements: the cited sentences.

    Returns:
        Distinct citations in order of first appearance.
    """
    return list(dict.fromkeys(s.citation for s in statements))
