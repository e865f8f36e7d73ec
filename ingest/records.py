"""The records that flow from ingest to index to answer to UI: Paragraph, AgendaItem, ReportMeta, Report."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Paragraph:
    """One printed paragraph of a report: the unit every citation points to.

    `number` is the number printed in the report and is never re-assigned.
    """

    doc: str  # stable report id, e.g. "PC0737E"
    number: int  # printed paragraph number
    item: str  # agenda item numeral, e.g. "V" ("" when the report has no items)
    item_title: str  # e.g. "E-Commerce"
    subitem: str | None  # sub-item label, e.g. "c"
    subitem_title: str | None  # e.g. "Fair and Efficient Revenue Collection"
    heading: str | None  # nearest bullet heading, e.g. "Presentation by Norway"
    decision: bool  # an "In conclusion, the PTC:" paragraph (with its bullets)
    text: str  # clean text: no markup, page-break gaps joined
    page: int | None = None  # 1-based PDF page where the paragraph starts
    position: int = 0  # 1-based line where it starts in the source text (PDF: in the extracted text)
    scope: str = ""  # "" for the main run of numbers, else e.g. "Annex II", "Part Two", "Res. 14/1"
    label: str = ""  # printable reference within the report, e.g. "¶68", "¶121.14", "Annex II ¶3"

    @property
    def ref(self) -> str:
        """The printable reference within its report: `label`, or "¶<number>" when no label was stored."""
        return self.label or f"¶{self.number}"

    def to_json(self) -> dict[str, Any]:
        """The paragraph as the JSON object the CLIs print (`paragraph` is the printed number)."""
        data = asdict(self)
        data["paragraph"] = data.pop("number")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "Paragraph":
        """Inverse of `to_json`; unknown keys are ignored."""
        data = dict(data)
        data["number"] = data.pop("paragraph")
        names = cls.__dataclass_fields__.keys()
        return cls(**{k: v for k, v in data.items() if k in names})

    @property
    def key(self) -> tuple[str, str]:
        """(doc, ref): unique within a corpus (a number can repeat across scopes, a label cannot)."""
        return (self.doc, self.ref)


def as_ref(ref: int | str) -> str:
    """A paragraph reference in printable form: 68, "68" and "¶68" give "¶68"; labels are kept as given.

    Args:
        ref: a printed number or a label such as "Annex II ¶3".

    Returns:
        The label `Paragraph.ref` would give.
    """
    if isinstance(ref, int):
        return f"¶{ref}"
    text = " ".join(str(ref).split())
    return f"¶{text}" if text.isascii() and text.replace(".", "").isdigit() else text


@dataclass(frozen=True)
class AgendaItem:
    """One row of the report's agenda table: numeral, title and printed paragraph range."""

    numeral: str
    title: str
    first: int | None = None
    last: int | None = None


@dataclass(frozen=True)
class ReportMeta:
    """What a report says about itself, plus where it came from."""

    id: str  # stable id: the document code when printed, else derived from the file name
    committee: str  # e.g. "Permanent Technical Committee"
    sessions: str  # e.g. "241st/242nd", "58th"
    dates: str  # e.g. "24 – 26 October 2023"
    code: str  # document code or symbol, e.g. "PC0737E", "FCCC/SBI/2023/10" ("" when not printed)
    short_name: str  # for citations across reports, e.g. "PTC 241/242", "SBI 58", "A/AC.296/2026/9"
    file_name: str
    content_hash: str  # sha256 of the file's bytes
    body: str = ""  # the meeting body's short form, e.g. "PTC", "SBI", "Council" ("" when unknown)
    body_name: str = ""  # its full name as printed, e.g. "Subsidiary Body for Implementation"
    year: int | None = None  # the year of the meeting (of its last date), e.g. 2023

    def to_json(self) -> dict[str, Any]:
        """The metadata as a JSON-ready dict."""
        return asdict(self)


@dataclass
class Report:
    """A report: metadata, its agenda, its paragraphs in printed order, and ingest warnings."""

    meta: ReportMeta
    agenda: list[AgendaItem] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
