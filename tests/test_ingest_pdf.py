"""PDF input: the bundled report rendered to PDF by three generators must ingest to the same paragraphs as its Markdown."""
from __future__ import annotations

import re

import pytest
from fpdf import FPDF
from ingest_expected import ITEM_RANGES, assert_bundled_structure
from ingest_pdf_render import (
    HEADER,
    RENDERERS,
    comparable,
    field_agreement,
    render_reportlab,
)
from pypdf import PdfReader

from ingest import IngestError, read_report
from ingest.pdf import join_wrapped

# Paragraphs after which a sub-item heading follows (glued to them by a layout-blind reader).
_BEFORE_SUBITEM_HEADINGS = (7, 9, 13, 25, 28, 45, 53, 62, 99, 121, 125)
# Paragraphs with ordinal superscripts ("6th").
_WITH_SUPERSCRIPTS = (14, 15, 16, 20, 26, 72)


@pytest.fixture(scope="session")
def renderings(tmp_path_factory, bundled_report_path):
    """Each generator's PDF of the bundled report, rendered once per test session."""
    folder = tmp_path_factory.mktemp("renderings")
    return {name: render(bundled_report_path, folder / f"PC0737E-{name}.pdf") for name, render in RENDERERS.items()}


@pytest.fixture(scope="session")
def plain_rendering(tmp_path_factory, bundled_report_path):
    """The reportlab rendering with every heading in body type (no bold), rendered once per test session."""
    return render_reportlab(bundled_report_path, tmp_path_factory.mktemp("plain") / "plain.pdf", bold=False)


@pytest.fixture(scope="session")
def rendered_reports(renderings):
    return {name: read_report(path) for name, path in renderings.items()}


@pytest.fixture(scope="module")
def bundled_pdf(renderings):
    return renderings["fpdf2"]


@pytest.fixture(scope="module")
def pdf_report(rendered_reports):
    return rendered_reports["fpdf2"]


@pytest.mark.parametrize("generator", sorted(RENDERERS))
def test_every_rendering_agrees_with_markdown_field_by_field(generator, rendered_reports, bundled_report):
    report = rendered_reports[generator]
    share, disagreements = field_agreement(report, bundled_report)
    assert share >= 0.98, (generator, dict(list(disagreements.items())[:10]))
    assert_bundled_structure(report)
    assert report.warnings == bundled_report.warnings


@pytest.mark.parametrize("generator", sorted(RENDERERS))
def test_renderings_carry_headers_page_numbers_and_superscripts(generator, renderings):
    reader = PdfReader(renderings[generator])
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) > 10
    assert sum(HEADER in text for text in pages) == len(pages)
    assert sum(bool(re.search(rf"(^|\n){number}\.\s*($|\n)", text)) for number, text in enumerate(pages, 1)) >= len(pages) - 1
    # The ordinals are set smaller and raised: at least one page has a character below body size.
    sizes = set()
    reader.pages[1].extract_text(visitor_text=lambda text, cm, tm, font, size: sizes.add(round(size * tm[0] * cm[0], 1)) if text.strip() else None)
    assert len(sizes) > 1


@pytest.mark.parametrize("generator", sorted(RENDERERS))
def test_superscripts_join_their_word_and_nothing_is_glued(generator, rendered_reports, bundled_report):
    by_number = {p.number: p for p in rendered_reports[generator].paragraphs}
    expected = {p.number: p for p in bundled_report.paragraphs}
    assert "gave an oral report on the 6th Meeting. The Chair noted that the 6th Meeting of the PFCWG" in by_number[14].text
    assert "6th Meeting" in by_number[14].subitem_title
    for number in _WITH_SUPERSCRIPTS + _BEFORE_SUBITEM_HEADINGS:
        assert comparable(by_number[number].text).replace("-", "") == comparable(expected[number].text).replace("-", ""), number
    assert all(" a. " not in p.item_title and HEADER not in p.text for p in by_number.values())


def test_without_agenda_table_items_come_from_body_headings(tmp_path, bundled_report_path, bundled_report):
    report = read_report(render_reportlab(bundled_report_path, tmp_path / "no-table.pdf", agenda_table=False))
    assert_bundled_structure(report)
    assert [(row.numeral, row.first, row.last) for row in report.agenda] == [
        (numeral, first, last) for numeral, (first, last) in ITEM_RANGES.items()]
    assert report.agenda[0].title == "Opening of the Meeting"
    _, disagreements = field_agreement(report, bundled_report)
    assert {field for fields in disagreements.values() for field in fields} <= {"item_title"}


def test_fpdf_rendering_has_the_noise_the_parser_must_remove(bundled_pdf):
    pages = [page.extract_text() for page in PdfReader(bundled_pdf).pages]
    assert len(pages) > 10
    assert all(HEADER in text.splitlines()[0] for text in pages)
    assert all(re.search(rf"^{number}\.$", text, re.MULTILINE) for number, text in enumerate(pages, 1))
    assert sum(len(re.findall(r"[a-z]-$", text, re.MULTILINE)) for text in pages) >= 10


def test_pdf_numbering_items_and_decisions(pdf_report):
    assert_bundled_structure(pdf_report)


def test_pdf_paragraphs_match_markdown(pdf_report, bundled_report):
    exact = 0
    for pdf_paragraph, md_paragraph in zip(pdf_report.paragraphs, bundled_report.paragraphs, strict=True):
        for field in ("number", "item", "decision"):
            assert getattr(pdf_paragraph, field) == getattr(md_paragraph, field), (md_paragraph.number, field)
        for field in ("item_title", "subitem", "subitem_title", "heading"):
            pdf_value, md_value = getattr(pdf_paragraph, field), getattr(md_paragraph, field)
            assert (pdf_value and comparable(pdf_value)) == (md_value and comparable(md_value)), (md_paragraph.number, field)
        pdf_text, md_text = comparable(pdf_paragraph.text), comparable(md_paragraph.text)
        exact += pdf_text == md_text
        # A compound hyphenated at its own hyphen and printed nowhere else ("cutting-edge") may lose it.
        assert pdf_text.replace("-", "") == md_text.replace("-", ""), md_paragraph.number
    assert exact >= 150


def test_pdf_metadata_agenda_and_pages(pdf_report, bundled_report):
    assert pdf_report.meta.id == "PC0737E"
    for field in ("committee", "sessions", "dates", "code", "short_name"):
        assert getattr(pdf_report.meta, field) == comparable(getattr(bundled_report.meta, field))
    assert [comparable(row.title) for row in pdf_report.agenda] == [comparable(row.title) for row in bundled_report.agenda]
    assert [(row.numeral, row.first, row.last) for row in pdf_report.agenda] == [
        (row.numeral, row.first, row.last) for row in bundled_report.agenda]
    pages = [paragraph.page for paragraph in pdf_report.paragraphs]
    assert all(isinstance(page, int) for page in pages) and pages == sorted(pages)
    assert pages[0] == 2 and pages[-1] > 10
    assert all(HEADER not in paragraph.text for paragraph in pdf_report.paragraphs)


def test_hyphenated_line_ends_are_joined():
    vocabulary = {"administrations", "e-commerce", "green", "customs"}
    assert join_wrapped("Customs adminis-", "trations agreed", vocabulary) == "Customs administrations agreed"
    assert join_wrapped("cross-border e-", "commerce rules", vocabulary) == "cross-border e-commerce rules"
    assert join_wrapped("Bio-", "Circular-Green", vocabulary) == "Bio-Circular-Green"
    assert join_wrapped("held 13-", "14 April", vocabulary) == "held 13-14 April"
    assert join_wrapped("Customs (GNC)-", "related tools", vocabulary) == "Customs (GNC)-related tools"
    assert join_wrapped("green-", "customs", vocabulary) == "green-customs"  # two words: a compound
    assert join_wrapped("2022 -", "2025", vocabulary) == "2022 - 2025"
    assert join_wrapped("the WCO/", "UPU Contact Committee", vocabulary) == "the WCO/UPU Contact Committee"
    assert join_wrapped("04.12.2023 /", "Brussels", vocabulary) == "04.12.2023 / Brussels"
    assert join_wrapped("cross-border e\u00ad", "commerce", vocabulary) == "cross-border ecommerce"  # a generator's hyphen


def _write_pdf(path, pages):
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=10)
    for header, body, footer in pages:
        pdf.add_page()
        pdf.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(6)
        for line in body:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT") if line else pdf.ln(5)
        pdf.set_y(-20)
        pdf.cell(0, 6, footer, align="C")
    pdf.output(str(path))
    return path


def test_page_numbers_that_look_like_paragraph_numbers_are_removed(tmp_path):
    pages = [
        ("PTC/241 - Summary", ["1. The first paragraph starts", "", "2. The second starts and breaks"], "1."),
        ("PTC/241 - Summary", ["across the page.", "", "3. In conclusion, the Committee:", "- took note."], "2."),
        ("PTC/241 - Summary", ["4. Last one."], "3."),
    ]
    report = read_report(_write_pdf(tmp_path / "small.pdf", pages))
    assert [(p.number, p.text, p.page) for p in report.paragraphs] == [
        (1, "The first paragraph starts", 1),
        (2, "The second starts and breaks across the page.", 1),
        (3, "In conclusion, the Committee:\n- took note.", 2),
        (4, "Last one.", 3),
    ]
    assert report.paragraphs[2].decision


def test_pdf_without_text_layer_is_refused(tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    with pytest.raises(IngestError, match=r"scan\.pdf: PDF has no text layer"):
        read_report(path)


def test_corrupt_pdf_is_refused(tmp_path, bundled_pdf):
    path = tmp_path / "broken.pdf"
    path.write_bytes(bundled_pdf.read_bytes()[:400])
    with pytest.raises(IngestError, match=r"broken\.pdf: not a readable PDF") as error:
        read_report(path)
    assert "\n" not in str(error.value)


def test_a_damaged_page_is_a_warning_and_the_other_pages_are_read(tmp_path):
    pages = [("PTC/241 - Summary", [f"{n}. Paragraph {n} of the report."], f"{n}.") for n in range(1, 5)]
    data = _write_pdf(tmp_path / "whole.pdf", pages).read_bytes()
    streams = list(re.finditer(rb"stream\n(.*?)\nendstream", data, re.DOTALL))
    start, end = streams[1].span(1)  # page 2's content stream becomes noise
    path = tmp_path / "damaged.pdf"
    path.write_bytes(data[:start] + bytes(range(256)) * ((end - start) // 256) + b"\0" * ((end - start) % 256) + data[end:])
    report = read_report(path)
    assert [p.number for p in report.paragraphs] == [1, 3, 4]
    assert report.warnings[0] == "page 2 has no text (damaged, or an image without OCR)"


def test_first_lines_alike_on_every_page_are_body_text_not_a_running_header(tmp_path):
    pages = [("Report header", [f"{n}. Paragraph {n} of the report speaks of things."], "") for n in range(1, 5)]
    report = read_report(_write_pdf(tmp_path / "alike.pdf", pages))
    assert [p.text for p in report.paragraphs] == [f"Paragraph {n} of the report speaks of things." for n in range(1, 5)]


def test_headings_in_body_type_are_found_by_standing_alone(plain_rendering, bundled_report):
    report = read_report(plain_rendering)
    share, disagreements = field_agreement(report, bundled_report)
    assert share >= 0.98, dict(list(disagreements.items())[:10])


def _write_runs(pdf, runs, size=10):
    """Print (text, superscript) runs on one line of `pdf` at the current position."""
    for text, raised in runs:
        pdf.char_vpos = "SUP" if raised else "LINE"
        pdf.set_font("helvetica", size=size)
        pdf.cell(text=text, h=5, new_x="RIGHT", new_y="TOP")
    pdf.char_vpos = "LINE"
    pdf.ln(5)


def test_superscripts_and_footnotes_on_a_page(tmp_path):
    from ingest.pdf import read_pdf_lines

    pdf = FPDF(format="A4")
    pdf.c_margin = 0
    for page in (1, 2):
        pdf.add_page()
        _write_runs(pdf, [(f"{page}. The Chair reported on the 6", False), ("th", True), (" Meeting", False),
                          (" of the Group.", False), (str(page), True), (" It ended.", False)])
        pdf.set_y(-40)
        note = "See the report of the Group." if page == 1 else "Ibid."
        _write_runs(pdf, [(str(page), True), (f" {note}", False)], size=8)
    path = tmp_path / "notes.pdf"
    pdf.output(str(path))
    lines = [line for line in read_pdf_lines(path, path.read_bytes()) if line.text]
    assert [(line.text, line.page) for line in lines] == [
        ("1. The Chair reported on the 6th Meeting of the Group. It ended.", 1),
        ("2. The Chair reported on the 6th Meeting of the Group. It ended.", 2),
    ]


def test_password_protected_pdf_is_refused_and_owner_only_protection_is_read(tmp_path):
    from pypdf import PdfWriter

    pages = [("Header", [f"{n}. Paragraph {n}."], "") for n in (1, 2)]
    plain = _write_pdf(tmp_path / "plain.pdf", pages)
    locked, owner_only = PdfWriter(clone_from=plain), PdfWriter(clone_from=plain)
    locked.encrypt("secret", algorithm="RC4-128")
    owner_only.encrypt("", owner_password="owner", algorithm="RC4-128")
    locked.write(tmp_path / "locked.pdf")
    owner_only.write(tmp_path / "owner.pdf")
    with pytest.raises(IngestError, match=r"locked\.pdf: PDF is encrypted with a password"):
        read_report(tmp_path / "locked.pdf")
    assert [p.number for p in read_report(tmp_path / "owner.pdf").paragraphs] == [1, 2]


def test_turned_text_up_the_margin_stays_out_of_the_paragraphs(tmp_path):
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=10)
    for page in (1, 2):
        pdf.add_page()
        with pdf.rotation(90, x=8, y=200):
            pdf.text(8, 200, "GE.20-02503 (E) turned job number")
        pdf.set_y(40)
        pdf.multi_cell(120, 5, f"{page}. A paragraph long enough to wrap over several lines of the page, so that "
                               "text turned up the margin would land in the middle of it if it were read.")
    path = tmp_path / "turned.pdf"
    pdf.output(str(path))
    texts = [p.text for p in read_report(path).paragraphs]
    expected = ("A paragraph long enough to wrap over several lines of the page, so that text turned up the "
                "margin would land in the middle of it if it were read.")
    assert texts == [expected, expected]


def test_lines_standing_alone_are_flagged_as_headings_without_bold(plain_rendering):
    from ingest.pdf import read_pdf_lines

    lines = [line for line in read_pdf_lines(plain_rendering, plain_rendering.read_bytes()) if line.text]
    headings = [line.text for line in lines if line.heading]
    assert not any(line.bold for line in lines)
    assert sum(text.startswith("ITEM ") for text in headings) == 16
    assert "c. Fair and Efficient Revenue Collection" in headings and "- Presentation by Norway" in headings
    assert not any(re.match(r"\d+\. ", text) or text.endswith(".") for text in headings)
