"""The answer record every caller sees: Answer, Citation, Statement, and their JSON and Markdown forms."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from index import Hit
    from ingest.records import Paragraph


@dataclass(frozen=True)
class Citation:
    """One cited paragraph: report id, printed paragraph number and its label ("" means "¶<number>")."""

    doc: str
    paragraph: int
    label: str = ""

    @classmethod
    def of(cls, para: "Paragraph") -> "Citation":
        """The citation of a paragraph; the label is kept only when it is not the plain "¶<number>"."""
        label = para.ref if para.ref != f"¶{para.number}" else ""
        return cls(para.doc, para.number, label)

    @property
    def ref(self) -> str:
        """The printable reference within its report, e.g. "¶38" or "Annex II ¶3"."""
        return self.label or f"¶{self.paragraph}"

    @property
    def key(self) -> tuple[str, str]:
        """(doc, ref): the cited paragraph's `Paragraph.key`."""
        return (self.doc, self.ref)

    def to_json(self) -> dict[str, Any]:
        """The citation as `{doc, paragraph, label}`."""
        return {"doc": self.doc, "paragraph": self.paragraph, "label": self.ref}


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
        """The answer for export: question, answer with citations, then each cited paragraph quoted.

        Text from reports, questions and LLMs is escaped (no HTML, images, links or headings of its
        own), quoted report text stands in quotation marks or a block quote, and a "[¶N]" inside
        report text reads "(¶N)": only qa's own labels look like citations.
        """
        body = render(self.statements, self.report_names, markup=escape_markdown) if self.statements else escape_markdown(self.text)
        lines = [f"## {escape_markdown(self.question)}", "", body, ""]
        if self.warnings:
            lines += [f"> Note: {escape_markdown(' '.join(w.split()))}" for w in self.warnings] + [""]
        quoted = self.sources if self.answerable else [h.paragraph for h in self.hits[:3]]
        if quoted:
            lines += ["### Cited paragraphs" if self.answerable else "### Related paragraphs", ""]
        for para in quoted:
            lines += [f"**{escape_markdown(source_line(para, self.report_names))}**", ""]
            text = neutralise_citations(para.text)
            lines += ["> " + escape_markdown(line) if line.strip() else ">" for line in text.splitlines()]
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


# Characters that make Markdown (or the HTML inside it) out of plain text anywhere in a line.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>!|~$&])")
# Line openings that make a heading, quote, list, rule or table of a line.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
# A bracketed paragraph reference written in report text: "[¶1]", "[PTC 241/242 ¶38; ¶45]" (brackets
# are matched first and tested after, which stays linear however many "¶" an unclosed "[" is followed by).
_BRACKET = re.compile(r"\[([^\[\]]*)\]")


def escape_markdown(text: str) -> str:
    """Plain text as Markdown that shows it literally: no HTML, images, links, emphasis or headings.

    Args:
        text: text from a report, a question or an LLM (line breaks are kept).

    Returns:
        The text with Markdown's active characters backslash-escaped (CommonMark renders them as
        themselves), so "<script>" and "![x](http://host/x.png)" stay visible text.
    """
    lines = []
    for line in text.splitlines() or [""]:
        line = _MARKDOWN_INLINE.sub(r"\\\1", line.lstrip())  # indentation would make a code block
        lines.append(_MARKDOWN_LINE_START.sub(_escape_line_start, line))
    return "\n".join(lines)


def _escape_line_start(match: re.Match[str]) -> str:
    """"# x" -> "\\# x", "1. x" -> "1\\. x": the escape goes before the punctuation."""
    if match.group(2):
        return match.group(1) + "\\" + match.group(2)
    return match.group(1) + match.group(3) + "\\" + match.group(4)


def neutralise_citations(text: str) -> str:
    """Report text with its own bracketed "[¶N]" shown as "(¶N)", so it cannot pass for a citation of qa's.

    Args:
        text: quoted report text.

    Returns:
        The text, square brackets around paragraph references made round.
    """
    return _BRACKET.sub(lambda m: f"({m.group(1)})" if "¶" in m.group(1) else m.group(0), text)


def hit_json(hit: "Hit") -> dict[str, Any]:
    """One ranked hit as `{doc, paragraph, label, item, item_title, subitem, decision, score, text}`.

    Args:
        hit: an index hit (its `paragraph` and `final` score are read).

    Returns:
        The JSON-ready dict.
    """
    p = hit.paragraph
    return {
        "doc": p.doc,
        "paragraph": p.number,
        "label": p.ref,
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
    parts = [f"{report_names.get(para.doc, para.doc)} {para.ref}"]
    if para.item:
        parts.append(f"Item {para.item} {para.item_title}".rstrip())
    if para.subitem:
        parts.append(f"{para.subitem}. {para.subitem_title or ''}".rstrip())
    if para.decision:
        parts.append("decision")
    return " — ".join(parts)


def cite_label(citation: Citation, report_names: dict[str, str]) -> str:
    """The inline citation: `[¶38]`, `[Annex II ¶3]`, or `[PTC 241/242 ¶38]` when the corpus holds several reports.

    Args:
        citation: the cited paragraph.
        report_names: report id -> short name for every report in the corpus.

    Returns:
        The bracketed label.
    """
    if len(report_names) > 1:
        return f"[{report_names.get(citation.doc, citation.doc)} {citation.ref}]"
    return f"[{citation.ref}]"


# "In conclusion, the PTC:" / "In conclusion, the SBI:": a conclusion's own lead, naming its body.
_CONCLUSION_LEAD = re.compile(r"^(In conclusion,?\s+the\s+[^:\n]{1,80}?)\s*:")
# The body a decision paragraph names first: "the PTC", "the SBI and the SBSTA", "the Preparatory Commission".
_BODY_NAMED = re.compile(r"\bthe\s+((?:[A-Z][\w/-]*)(?:\s+(?:and\s+the\s+|for\s+)?[A-Z][\w/-]*){0,5})")


def decision_lead(text: str) -> str:
    """The lead a conclusion paragraph prints ("In conclusion, the SBI"); "" when it has none.

    Answers quote a conclusion's points after its own lead, so the body named is always the
    report's ("PTC", "SBI", "Council"), never a fixed one.
    """
    match = _CONCLUSION_LEAD.match(text)
    return " ".join(match.group(1).split()) if match else ""


def body_named(text: str, fallback: str = "the meeting") -> str:
    """The body a decision paragraph names first ("the PTC", "the SBI"), for framing sentences."""
    match = _BODY_NAMED.search(text[:300])
    return f"the {match.group(1)}" if match else fallback


def decision_point(point: str, citation: Citation, lead: str) -> Statement:
    """A quoted point of a conclusion: `In conclusion, the PTC: “endorsed …”.`

    Args:
        point: the bullet's words, verbatim, without marker or trailing "; and".
        citation: the conclusion paragraph.
        lead: the paragraph's own lead (`decision_lead`); without one the point is quoted as it stands.

    Returns:
        The statement (its quote is the point).
    """
    if not lead:
        return Statement(point, citation, quote=point)
    return Statement(f"{lead}: “{point}”.", citation, quote=point)


def _point_lead(statement: Statement) -> str | None:
    """The lead of a quoted conclusion point, or None for any other statement."""
    if statement.quote is None or not statement.text.startswith("In conclusion"):
        return None
    lead, _, rest = statement.text.partition(": “")
    return lead if rest == f"{statement.quote}”." else None


def display_text(statement: Statement) -> str:
    """A statement as readers see it: a sentence copied from a report stands in quotation marks.

    Args:
        statement: one cited sentence.

    Returns:
        `“…”` around a copied sentence, the text itself otherwise; "[¶N]" inside quoted report
        text reads "(¶N)".
    """
    if statement.quote is not None and statement.quote == statement.text:
        return f"“{neutralise_citations(statement.text)}”"
    return neutralise_citations(statement.text)


def render(statements: list[Statement], report_names: dict[str, str], markup: Callable[[str], str] = str) -> str:
    """Answer text from statements: each sentence followed by its inline citation.

    Consecutive points of the same conclusion read as one sentence with one citation:
    `In conclusion, the PTC: “took note …”; “endorsed …”. [¶84]`. Sentences copied from a report
    stand in quotation marks (`display_text`).

    Args:
        statements: the cited sentences, in answer order.
        report_names: report id -> short name for every report in the corpus.
        markup: applied to each sentence but not to the citation labels (e.g. `escape_markdown`).

    Returns:
        The text, sentences separated by spaces.
    """
    parts: list[str] = []
    i = 0
    while i < len(statements):
        first = statements[i]
        j = i + 1
        lead = _point_lead(first)
        if lead:
            while j < len(statements) and _point_lead(statements[j]) == lead and statements[j].citation == first.citation:
                j += 1
        if j - i > 1:
            quotes = "; ".join(f"“{neutralise_citations(s.quote or '')}”" for s in statements[i:j])
            text = f"{lead}: {quotes}."
        else:
            text = display_text(first)
        parts.append(f"{markup(text)} {cite_label(first.citation, report_names)}")
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
