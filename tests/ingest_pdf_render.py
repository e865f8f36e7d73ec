"""Test helper: render a Markdown report to a PDF the way WCO prints them (running header, "4." page numbers, hyphenation)."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from fpdf import FPDF

from ingest.markup import parse_line

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
HEADER = "PC0737E"
_LINE_MM = 5.0
_GAP_MM = 5.0
_ASCII = {"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "•": "-", "…": "...", "\u00a0": " "}


def unicode_font_available() -> bool:
    """Whether the DejaVu fonts are installed; without them the PDF uses a core font and plain ASCII punctuation."""
    return (DEJAVU / "DejaVuSans.ttf").exists() and (DEJAVU / "DejaVuSans-Bold.ttf").exists()


def comparable(text: str) -> str:
    """Text as a core-font PDF can print it, whitespace folded: for comparing Markdown and PDF paragraphs."""
    if not unicode_font_available():
        text = "".join(_ASCII.get(ch, ch) for ch in text)
        text = unicodedata.normalize("NFKD", text).encode("latin-1", "ignore").decode("latin-1")
    return " ".join(text.split())


class _ReportPdf(FPDF):
    def __init__(self, font: str) -> None:
        super().__init__(format="A4")
        self.font_name = font
        self.set_auto_page_break(True, margin=22)

    def header(self) -> None:
        self.set_font(self.font_name, size=9)
        self.cell(0, 6, HEADER, align="R", new_x="LMARGIN", new_y="NEXT")
        self.ln(6)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.font_name, size=9)
        self.cell(0, 8, f"{self.page_no()}.", align="C")


def render_markdown_pdf(markdown: Path, target: Path) -> Path:
    """Render a Markdown report as a PDF with its page breaks, a running header and page numbers.

    Three blank lines in the Markdown (where the source PDF broke its pages) force a page break, so
    paragraphs continue across pages as in the original; long words are hyphenated at line ends.

    Args:
        markdown: the Markdown report.
        target: where to write the PDF.

    Returns:
        `target`.
    """
    unicode_font = unicode_font_available()
    pdf = _ReportPdf("DejaVu" if unicode_font else "helvetica")
    if unicode_font:
        pdf.add_font("DejaVu", fname=str(DEJAVU / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", style="B", fname=str(DEJAVU / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    blanks = 0
    for raw in markdown.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            blanks += 1
            continue
        if blanks >= 3 and pdf.get_y() > 60:
            pdf.add_page()
        elif blanks:
            pdf.ln(_GAP_MM)
        blanks = 0
        marked = parse_line(raw)
        text = ("• " if marked.bullet else "") + marked.text
        if not unicode_font:
            text = comparable(text)
        pdf.set_font(pdf.font_name, style="B" if (marked.heading or marked.bold) else "", size=10)
        indent = min(marked.indent, 8) * 1.5
        for line in _wrap(pdf, text, pdf.epw - indent):
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(0, _LINE_MM, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(target))
    return target


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy line wrapping that hyphenates long words and breaks compounds at their hyphen."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if pdf.get_string_width(candidate) <= width:
            current = candidate
            continue
        head, tail = _split_word(pdf, word, width - pdf.get_string_width(current + " "))
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


def _split_word(pdf: FPDF, word: str, room: float) -> tuple[str, str]:
    """The longest head of `word` (ending in a hyphen) that fits in `room`, and the rest."""
    if "-" in word[1:-1]:
        cuts = [match.end() for match in re.finditer(r"-(?=\w)", word)]
        fitting = [cut for cut in cuts if pdf.get_string_width(word[:cut]) <= room]
        return (word[: fitting[-1]], word[fitting[-1]:]) if fitting else ("", word)
    if len(word) < 8 or not word.isalpha():
        return "", word
    for cut in range(len(word) - 3, 2, -1):
        if pdf.get_string_width(word[:cut] + "-") <= room:
            return word[:cut] + "-", word[cut:]
    return "", word
