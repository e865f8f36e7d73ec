"""read_report and find_report_files: supported types, bad input, and reports of other committees."""
from __future__ import annotations

import pytest

from ingest import SUPPORTED_SUFFIXES, IngestError, find_report_files, read_report

COUNCIL_REPORT = """\
**Council**

141st/142nd Sessions
22 – 24 June 2023
SC0150Ea

SUMMARY RECORD

## Item I – Opening

1. The Chairperson opened the Sessions and welcomed delegates.

2. In conclusion, the Council:
- took note of the opening address.

## ITEM II – ADOPTION OF THE AGENDA

3. The Secretary General introduced the draft Agenda.
4. The Council adopted the Agenda as set out in Doc. SC0149.

## III. ELECTIONS

5. Delegates discussed the candidates proposed by the regions.
6. The Council elected Ms. Ana Silva as Chairperson.
"""


def _one_line_error(path) -> str:
    with pytest.raises(IngestError) as error:
        read_report(path)
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".md", ".txt", ".pdf")


def test_other_committee_report_uses_its_own_headings_and_general_decisions(tmp_path):
    path = tmp_path / "council-141.md"
    path.write_text(COUNCIL_REPORT, encoding="utf-8")
    report = read_report(path)
    assert [(p.number, p.item, p.item_title) for p in report.paragraphs] == [
        (1, "I", "Opening"), (2, "I", "Opening"),
        (3, "II", "Adoption of the Agenda"), (4, "II", "Adoption of the Agenda"),
        (5, "III", "Elections"), (6, "III", "Elections"),
    ]
    assert [p.number for p in report.paragraphs if p.decision] == [2, 4, 6]
    assert (report.meta.committee, report.meta.sessions, report.meta.code) == ("Council", "141st/142nd", "SC0150E")
    assert (report.meta.id, report.meta.short_name) == ("SC0150E", "Council 141/142")
    # Without an agenda table the agenda comes from the body's item headings.
    assert [(row.numeral, row.title, row.first, row.last) for row in report.agenda] == [
        ("I", "Opening", 1, 2), ("II", "Adoption of the Agenda", 3, 4), ("III", "Elections", 5, 6)]
    assert report.warnings == []
    assert {p.doc for p in report.paragraphs} == {"SC0150E"}


def test_plain_text_report_without_items(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Working notes\n\n1. The Committee took note of the\nsecretariat's report.\n2. Nothing else.\n")
    report = read_report(path)
    assert [(p.number, p.item, p.text, p.decision) for p in report.paragraphs] == [
        (1, "", "The Committee took note of the secretariat's report.", True),
        (2, "", "Nothing else.", False),
    ]
    assert report.meta.id == "notes" and report.meta.short_name == "notes"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.md", b"", "file is empty"),
        ("blank.txt", b"  \n\n\t\n", "file is empty"),
        ("garbage.md", bytes(range(256)) * 8, "file is binary"),
        ("prose.md", b"# Minutes\n\nThe meeting discussed many things.\nNothing is numbered.\n",
         "no numbered paragraphs found"),
        ("report.docx", b"PK\x03\x04", "unsupported file type (.docx); accepted types: .md, .txt, .pdf"),
    ],
)
def test_bad_input_is_one_line_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    assert problem in _one_line_error(path)


def test_missing_path_and_folder(tmp_path):
    assert "no such file" in _one_line_error(tmp_path / "absent.md")
    assert "is a folder" in _one_line_error(tmp_path)


def test_find_report_files_expands_folders_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.pdf", "a.md", "b/c.TXT", "README.md", "notes.docx", ".hidden/x.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("1. x")
    expected = [tmp_path / "a.md", tmp_path / "b" / "c.TXT", tmp_path / "b" / "z.pdf"]
    assert find_report_files([tmp_path]) == expected
    assert find_report_files([tmp_path / "b" / "z.pdf", tmp_path, tmp_path / "a.md"]) == expected


def test_find_report_files_refuses_bad_paths(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "x.docx").write_text("x")
    with pytest.raises(IngestError, match="no such file or folder"):
        find_report_files([tmp_path / "absent"])
    with pytest.raises(IngestError, match="folder holds no report files"):
        find_report_files([tmp_path / "empty"])
    with pytest.raises(IngestError, match=r"x\.docx: unsupported file type"):
        find_report_files([tmp_path / "x.docx"])
