"""Test helper: render a Markdown report to PDF with three independent generators (fpdf2, reportlab, WeasyPrint).

Each rendering prints what WCO PDFs print: a running header, "N." page numbers in the footer,
ordinal superscripts ("241st"), bold headings and sub-item headings on their own lines, bullets,
and the source's page breaks (three blank lines in the Markdown). `field_agreement` compares a
PDF ingest with the Markdown ingest field by field.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ingest import Report
from ingest.markup import clean_inline, parse_line

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
HEADER = "PC0737E"
_LINE_MM = 5.0
_GAP_MM = 5.0
_ASCII = {"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "•": "-", "…": "...", "\u00a0": " "}
_SUP_OPEN, _SUP_CLOSE = "\x01", "\x02"
_SUP = re.compile(r"<sup>\s*(.*?)\s*</sup>", re.IGNORECASE)
_SUP_RUN = re.compile(f"{_SUP_OPEN}(.*?){_SUP_CLOSE}")


def unicode_font_available() -> bool:
    """Whether the DejaVu fonts are installed; without them the PDF uses a core font and plain ASCII punctuation."""
    return (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists()


def comparable(text: str) -> str:
    """Text as a core-font PDF can print it, whitespace folded: for comparing Markdown and PDF paragraphs."""
    if not unicode_font_available():
        text = "".join(_ASCII.get(ch, ch) for ch in text)
        text = unicodedata.normalize("NFKD", text).encode("latin-1", "ignore").decode("latin-1")
    return " ".join(text.split())


@dataclass(frozen=True)
class Block:
    """One printed line of the Markdown: its text (superscripts between \\x01 and \\x02) and its look."""

    text: str
    bold: bool = False
    bullet: bool = False
    page_break: bool = False  # the source broke its page before this line
    gap: bool = False  # a blank line came before it
    row: tuple[str, str, str] | None = None  # an agenda table row: numeral, title cell (HTML), range


def markdown_blocks(markdown: Path) -> list[Block]:
    """The Markdown report as printable blocks; agenda rows split over two source rows are rejoined."""
    blocks: list[Block] = []
    blanks = 0
    for raw in markdown.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            blanks += 1
            continue
        page_break, gap, blanks = blanks >= 3, blanks > 0, 0
        if "\t" in raw:
            cells = (raw.split("\t") + ["", "", ""])[:3]
            if not cells[0].strip() and blocks and blocks[-1].row:
                numeral, title, span = blocks[-1].row
                blocks[-1] = Block(blocks[-1].text, row=(numeral, f"{title} {cells[1]}", span or cells[2].strip()))
                continue
            blocks.append(Block(raw, page_break=page_break, gap=gap, row=(cells[0].strip(), cells[1], cells[2].strip())))
            continue
        marked = parse_line(_SUP.sub(rf"{_SUP_OPEN}\1{_SUP_CLOSE}", raw))
        blocks.append(Block(marked.text, bold=marked.heading or marked.bold, bullet=marked.bullet,
                            page_break=page_break, gap=gap))
    return blocks


def plain(text: str) -> str:
    """Block text without superscript marks."""
    return text.replace(_SUP_OPEN, "").replace(_SUP_CLOSE, "")


def _row_title(cell: str) -> str:
    """An agenda row's title cell as one line of text: its paragraphs and list items in order."""
    cell = re.sub(r"</?(?:p|li|ul)[^>]*>", " ", cell)
    return clean_inline(cell)


# --- fpdf2 -------------------------------------------------------------------------------------


def render_fpdf(markdown: Path, target: Path) -> Path:
    """Render with fpdf2: ragged right, words hyphenated at line ends, the agenda rows as text lines."""
    from fpdf import FPDF

    class ReportPdf(FPDF):
        def header(self) -> None:
            self.set_font(font, size=9)
            self.cell(0, 6, HEADER, align="R", new_x="LMARGIN", new_y="NEXT")
            self.ln(6)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font(font, size=9)
            self.cell(0, 8, f"{self.page_no()}.", align="C")

    unicode_font = unicode_font_available()
    font = "DejaVu" if unicode_font else "helvetica"
    pdf = ReportPdf(format="A4")
    pdf.set_auto_page_break(True, margin=22)
    if unicode_font:
        pdf.add_font("DejaVu", fname=str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", style="B", fname=str(DEJAVU / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    for block in markdown_blocks(markdown):
        if block.page_break and pdf.get_y() > 60:
            pdf.add_page()
        elif block.gap:
            pdf.ln(_GAP_MM)
        text = f"{block.row[0]} {_row_title(block.row[1])} {block.row[2]}" if block.row else block.text
        text = ("• " if block.bullet else "") + text
        if not unicode_font:
            text = comparable(text)
        pdf.set_font(font, style="B" if block.bold else "", size=10)
        for line in _wrap(pdf, text, pdf.epw - 1):
            pdf.set_x(pdf.l_margin)
            pdf.c_margin = 0  # pieces of a line (superscripts) sit flush
            for index, piece in enumerate(re.split(f"[{_SUP_OPEN}{_SUP_CLOSE}]", line)):
                pdf.char_vpos = "SUP" if index % 2 else "LINE"
                if piece:
                    pdf.cell(h=_LINE_MM, text=piece, new_x="RIGHT", new_y="TOP")
            pdf.char_vpos = "LINE"
            pdf.ln(_LINE_MM)
    pdf.output(str(target))
    return target


render_markdown_pdf = render_fpdf  # the name the first PDF tests used


def _wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy line wrapping that hyphenates long words and breaks compounds at their hyphen."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if pdf.get_string_width(plain(candidate)) <= width:
            current = candidate
            continue
        head, tail = _split_word(pdf, word, width - pdf.get_string_width(plain(current) + " "))
        if head and current:
            lines.append(f"{current} {head}")
            current = tail
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _split_word(pdf, word: str, room: float) -> tuple[str, str]:
    """The longest head of `word` (ending in a hyphen) that fits in `room`, and the rest."""
    if "-" in word[1:-1]:
        cuts = [match.end() for match in re.finditer(r"-(?=\w)", word)]
        fitting = [cut for cut in cuts if pdf.get_string_width(plain(word[:cut])) <= room]
        return (word[: fitting[-1]], word[fitting[-1]:]) if fitting else ("", word)
    if len(word) < 8 or not word.isalpha():
        return "", word
    for cut in range(len(word) - 3, 2, -1):
        if pdf.get_string_width(word[:cut] + "-") <= room:
            return word[:cut] + "-", word[cut:]
    return "", word


# --- reportlab ---------------------------------------------------------------------------------


def render_reportlab(markdown: Path, target: Path, agenda_table: bool = True, bold: bool = True) -> Path:
    """Render with reportlab's platypus: a serif type, justified, the agenda as a real table (or left out).

    With `bold` False, headings are printed in the body type: only their standing alone marks them.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    serif = DEJAVU / "DejaVuSerif.ttf"
    if serif.exists():
        pdfmetrics.registerFont(TTFont("RSerif", str(serif)))
        pdfmetrics.registerFont(TTFont("RSerif-Bold", str(DEJAVU / "DejaVuSerif-Bold.ttf")))
        pdfmetrics.registerFontFamily("RSerif", normal="RSerif", bold="RSerif-Bold")
        font, bold_font = "RSerif", "RSerif-Bold"
    else:
        font, bold_font = "Times-Roman", "Times-Bold"
    body = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=13.5, alignment=4)
    heading = ParagraphStyle("heading", parent=body, fontName=bold_font, alignment=0)
    bullet = ParagraphStyle("bullet", parent=body, leftIndent=8 * mm, bulletIndent=3 * mm)
    cell = ParagraphStyle("cell", parent=body, alignment=0, fontSize=9.5, leading=12)

    def decorate(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawRightString(A4[0] - 20 * mm, A4[1] - 12 * mm, HEADER)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{document.page}.")
        canvas.restoreState()

    story: list = []
    rows: list[list] = []
    for block in markdown_blocks(markdown):
        if block.row:
            if not agenda_table:
                continue
            numeral, title, span = block.row
            rows.append([Paragraph(_markup(numeral), cell), Paragraph(_markup(_row_title(title)), cell),
                         Paragraph(_markup(span), cell)])
            continue
        if rows:
            table = Table(rows, colWidths=[18 * mm, 125 * mm, 25 * mm])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story.append(table)
            rows = []
        if block.page_break and story:
            story.append(PageBreak())
        elif block.gap:
            story.append(Spacer(1, 4))
        strong = block.bold and bold
        if block.bullet:
            story.append(Paragraph(_markup(block.text, strong), bullet, bulletText="•"))
        else:
            story.append(Paragraph(_markup(block.text, strong), heading if strong else body))
    SimpleDocTemplate(str(target), pagesize=A4, topMargin=22 * mm, bottomMargin=22 * mm,
                      leftMargin=20 * mm, rightMargin=20 * mm).build(
        story, onFirstPage=decorate, onLaterPages=decorate)
    return target


def _markup(text: str, bold: bool = False) -> str:
    """reportlab paragraph markup: escaped text, <super> for superscripts."""
    escaped = _SUP_RUN.sub(r"<super>\1</super>", html.escape(text, quote=False))
    return f"<b>{escaped}</b>" if bold else escaped


# --- WeasyPrint --------------------------------------------------------------------------------

_CSS = f"""
@page {{ size: A4; margin: 25mm 20mm 22mm 20mm;
        @top-right {{ content: "{HEADER}"; font-size: 9pt; }}
        @bottom-center {{ content: counter(page) "."; font-size: 9pt; }} }}
body {{ font-family: "Liberation Sans", "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.3;
       text-align: justify; hyphens: auto; }}
p {{ margin: 0 0 6pt 0; }}
ul {{ margin: 0 0 6pt 0; padding-left: 8mm; }}
td {{ vertical-align: top; padding: 2pt 4pt; font-size: 9.5pt; text-align: left; }}
.break {{ break-before: page; }}
"""


def render_weasyprint(markdown: Path, target: Path) -> Path:
    """Render HTML with WeasyPrint: sans serif, justified and hyphenated, <sup>, <ul> lists, a real agenda table."""
    from weasyprint import HTML

    parts: list[str] = []
    rows: list[str] = []
    in_list = False
    for block in markdown_blocks(markdown):
        if block.row:
            numeral, title, span = block.row
            rows.append(f"<tr><td>{html.escape(numeral)}</td><td>{_html_cell(title)}</td><td>{html.escape(span)}</td></tr>")
            continue
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
            rows = []
        if in_list and (not block.bullet or block.gap or block.page_break):
            parts.append("</ul>")
            in_list = False
        if block.page_break:
            parts.append('<div class="break"></div>')
        text = _SUP_RUN.sub(r"<sup>\1</sup>", html.escape(block.text, quote=False))
        if block.bold:
            text = f"<b>{text}</b>"
        if block.bullet:
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{text}</li>")
        else:
            parts.append(f"<p>{text}</p>")
    if in_list:
        parts.append("</ul>")
    document = f'<html lang="en"><head><style>{_CSS}</style></head><body>{"".join(parts)}</body></html>'
    HTML(string=document).write_pdf(str(target))
    return target


def _html_cell(cell: str) -> str:
    """An agenda title cell as safe HTML: the source's <p>/<b>/<li> kept, its inline styles dropped."""
    return re.sub(r"<(ul|li|p|b|i)\b[^>]*>", r"<\1>", cell)


RENDERERS = {"fpdf2": render_fpdf, "reportlab": render_reportlab, "weasyprint": render_weasyprint}


def long_markdown(report: Report, copies: int) -> str:
    """A long report in Markdown: the body of `report` repeated `copies` times, numbered on (1 ... N).

    Item and sub-item headings are repeated with each copy, so the long report has the structure of
    the short one; used to measure ingest speed on a report of a few hundred pages.
    """
    out = ["**Permanent Technical Committee**", "", "**SUMMARY REPORT**", ""]
    number = 0
    for _ in range(copies):
        item = subitem = None
        for paragraph in report.paragraphs:
            if paragraph.item != item:
                item, subitem = paragraph.item, None
                out += [f"## ITEM {paragraph.item} – {paragraph.item_title.upper()}", ""]
            if paragraph.subitem != subitem and paragraph.subitem and len(paragraph.subitem) == 1:
                subitem = paragraph.subitem
                out += [f"**{paragraph.subitem}. {paragraph.subitem_title}**", ""]
            number += 1
            first, *rest = paragraph.text.split("\n")
            out += [f"{number}. {first}", *rest, ""]
    return "\n".join(out) + "\n"


# --- comparison --------------------------------------------------------------------------------

FIELDS = ("item", "item_title", "subitem", "subitem_title", "decision", "text")


def _letters(text: str | None) -> str:
    return "".join(ch for ch in comparable(text or "") if ch.isalnum())


def field_agreement(pdf: Report, markdown: Report) -> tuple[float, dict[int, list[str]]]:
    """Share of the Markdown's paragraphs whose item, item title, sub-item, decision and text the PDF repeats.

    Text and titles are compared without spacing and punctuation (hyphenation may leave or drop a hyphen).

    Args:
        pdf: the report ingested from a PDF rendering.
        markdown: the same report ingested from its Markdown.

    Returns:
        (share, disagreements): the share of agreeing paragraphs, and for each other paragraph number
        the fields that differ ("missing" when the PDF lacks the paragraph).
    """
    found = {paragraph.number: paragraph for paragraph in pdf.paragraphs}
    disagreements: dict[int, list[str]] = {}
    for expected in markdown.paragraphs:
        got = found.get(expected.number)
        if got is None:
            disagreements[expected.number] = ["missing"]
            continue
        wrong = [
            name for name in FIELDS
            if (getattr(got, name) != getattr(expected, name) if name in ("item", "subitem", "decision")
                else _letters(getattr(got, name)) != _letters(getattr(expected, name)))
        ]
        if wrong:
            disagreements[expected.number] = wrong
    share = 1 - len(disagreements) / max(1, len(markdown.paragraphs))
    return share, disagreements
