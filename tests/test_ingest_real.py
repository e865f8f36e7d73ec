"""The generality corpus: real public reports of other bodies (tests/data/real/) against their hand-checked expectations."""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from ingest import Report, read_report

REAL = Path(__file__).parent / "data" / "real"
sys.path.insert(0, str(REAL))
from reference import fingerprint, normalise  # noqa: E402  (the corpus's own helper, not a package)

TEXTS = sorted((REAL / "expected").glob("UNFCCC_*.json"))
PDFS = sorted(path for path in (REAL / "expected").glob("*.json") if not path.name.startswith("UNFCCC_"))
def _expected(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


_REPORTS: dict[str, Report] = {}


def _report(expected: dict) -> Report:
    """Each report is read once per test session (the 81-page PDF takes a while)."""
    name = expected["file"]
    if name not in _REPORTS:
        _REPORTS[name] = read_report(REAL / name)
    return _REPORTS[name]


def _printed(report: Report) -> dict[str, str]:
    """Printed paragraph label -> its whole text (sub-units joined back)."""
    texts: dict[str, list[str]] = defaultdict(list)
    for paragraph in report.paragraphs:
        texts[f"{paragraph.scope} ¶{paragraph.number}".strip()].append(paragraph.text)
    return {label: "\n".join(parts) for label, parts in texts.items()}


def _decided(report: Report) -> set[str]:
    return {f"{p.scope} ¶{p.number}".strip() for p in report.paragraphs if p.decision}


def _starts(text: str, words: str) -> bool:
    return normalise(text).startswith(normalise(words))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_text_reports_recover_their_printed_paragraphs(path):
    expected = _expected(path)
    report = _report(expected)
    printed = _printed(report)
    assert len(printed) == expected["printed_paragraphs"]
    scopes: dict[str, int] = defaultdict(int)
    for label in printed:
        scopes[label.rsplit("¶", 1)[0].strip()] += 1
    assert dict(scopes) == expected["scopes"]
    exact = sum(fingerprint(printed.get(label, "")) == digest for label, digest in expected["texts"].items())
    assert exact / len(expected["texts"]) >= 0.98, f"{exact} of {len(expected['texts'])} paragraphs exact"
    assert all(_starts(printed[label], words) for label, words in expected["samples"].items())


@pytest.mark.parametrize("path", TEXTS + PDFS, ids=lambda p: p.stem)
def test_labels_are_unique_and_decisions_found(path):
    expected = _expected(path)
    report = _report(expected)
    labels = [paragraph.label for paragraph in report.paragraphs]
    assert len(labels) == len(set(labels)) and all(labels)
    wanted = set(expected["decisions"])
    assert len(wanted & _decided(report)) >= 0.9 * len(wanted)


@pytest.mark.parametrize("path", TEXTS + PDFS, ids=lambda p: p.stem)
def test_report_identity(path):
    expected = _expected(path)
    meta = _report(expected).meta
    for field, value in expected["meta"].items():
        assert getattr(meta, field) == value, field


def test_short_names_are_unique_across_the_corpus():
    names = [_report(_expected(path)).meta.short_name for path in TEXTS + PDFS]
    assert len(names) == len(set(names)) and not {"GA", "General Assembly"} & set(names)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_pdf_reports_keep_numbering_and_paragraph_openings(path):
    expected = _expected(path)
    report = _report(expected)
    main = {label: text for label, text in _printed(report).items() if label.startswith("¶")}
    assert list(main) == list(expected["openings"])
    assert all(_starts(main[label], words) for label, words in expected["openings"].items())
    scopes = {paragraph.scope for paragraph in report.paragraphs}
    assert set(expected.get("annex_scopes_at_least", [])) <= scopes


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_pdf_paragraphs_end_where_printed_without_page_furniture(path):
    expected = _expected(path)
    main = {label: text for label, text in _printed(_report(expected)).items() if label.startswith("¶")}
    ends = sum(normalise(main.get(label, "")).endswith(normalise(words)) for label, words in expected["closings"].items())
    clean = sum(not re.search(expected["furniture"], text) for text in main.values())
    assert ends >= 0.98 * len(expected["closings"]) and clean >= 0.98 * len(main)


# A title is its heading: a few hundred characters at most, never a contents list or front matter.
MAX_TITLE_CHARS = 300
SBSTA58 = "UNFCCC_FCCC-SBSTA-2023-04_SBSTA58_report.txt"


def _over_long_titles(paragraphs) -> list[tuple[str, str, int]]:
    """(paragraph label, field, length) of every item title or single sub-item title over the limit.

    A paragraph discussing sub-items A, B and C jointly carries their titles joined by "; ": each
    is a heading, so each is measured.
    """
    found = []
    for paragraph in paragraphs:
        titles = [("item_title", paragraph.item_title or "")]
        titles += [("subitem_title", title) for title in (paragraph.subitem_title or "").split("; ")]
        found += [(paragraph.label or f"¶{paragraph.number}", name, len(title))
                  for name, title in titles if len(title) > MAX_TITLE_CHARS]
    return found


@pytest.mark.parametrize("path", TEXTS + PDFS, ids=lambda p: p.stem)
def test_item_and_subitem_titles_are_headings_only(path):
    assert _over_long_titles(_report(_expected(path)).paragraphs) == []


def test_bundled_report_titles_are_headings_only(bundled_report):
    assert _over_long_titles(bundled_report.paragraphs) == []


def test_sbsta58_item_title_is_its_heading():
    titles = {p.item: p.item_title for p in read_report(REAL / SBSTA58).paragraphs}
    assert titles["XIII"] == (
        "Guidance on cooperative approaches referred to in Article 6, paragraph 2, of the Paris Agreement "
        "and in decision 2/CMA.3"
    )
    assert titles["I"] == "Opening of the session"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_contents_and_front_matter_parsed_as_body_give_no_runaway_title(path):
    """The body parser alone, fed the whole file (contents, abbreviations, body), as ingest once did:
    a wrapped heading stops at its "(Agenda item 13)" note, at a labelled row and at 300 characters."""
    from ingest.paragraphs import parse_paragraphs
    from ingest.text_source import read_text_lines

    file = REAL / _expected(path)["file"]
    paragraphs, _ = parse_paragraphs("D", read_text_lines(file, file.read_bytes()))
    assert _over_long_titles(paragraphs) == []
