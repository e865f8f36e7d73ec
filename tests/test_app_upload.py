"""Tests for ui.upload: bad uploads are refused before or during indexing and leave the index as it was."""
from __future__ import annotations

import pytest

from app_support import TINY_REPORT, TINY_REPORT_NAME, copy_index, snapshot
from ui.upload import UploadError, add_upload, check_upload, keep_copy, safe_file_name, report_files_in


def test_safe_file_name_keeps_the_name_but_not_the_path():
    assert safe_file_name("../../etc/PC0741E report.PDF") == "PC0741E report.pdf"
    assert safe_file_name("C:\\Users\\x\\PC0741E.md") == "PC0741E.md"
    assert safe_file_name("rapport<é>.txt") == "rapport_é_.txt"


@pytest.mark.parametrize("name", ["report.docx", "report", ".md", "archive.md.zip"])
def test_unsupported_names_are_refused(name):
    with pytest.raises(UploadError, match="not a report file"):
        safe_file_name(name)


def test_size_limit_and_empty_files():
    assert check_upload("a.md", b"x" * 1024, max_mb=1) == "a.md"
    with pytest.raises(UploadError, match=r"a.md: 1.0 MB is over the 1 MB upload limit"):
        check_upload("a.md", b"x" * (1024 * 1024 + 1), max_mb=1)
    with pytest.raises(UploadError, match="empty"):
        check_upload("a.md", b"", max_mb=1)


@pytest.fixture
def index_copy(tmp_path, bundled_index_dir):
    """A private copy of the session's index, with its own uploads folder."""
    return copy_index(bundled_index_dir, tmp_path)


def test_unreadable_report_is_refused_and_index_unchanged(index_copy, embedder):
    before = snapshot(index_copy.index_dir)
    with pytest.raises(UploadError) as err:
        add_upload("broken.pdf", b"%PDF-1.4 this is not really a PDF", index_copy, embedder)
    assert str(err.value).startswith("broken.pdf")
    assert "\n" not in str(err.value)
    assert snapshot(index_copy.index_dir) == before
    assert not index_copy.uploads_path.exists()


def test_good_report_is_indexed_and_kept(index_copy, embedder):
    from index import Index

    summary = add_upload(TINY_REPORT_NAME, TINY_REPORT.encode("utf-8"), index_copy, embedder)
    assert summary.written and summary.added == ["PC0999E"] and summary.reports == 2
    assert (index_copy.uploads_path / "PC0999E" / TINY_REPORT_NAME).read_text(encoding="utf-8") == TINY_REPORT
    index = Index.load(index_copy.index_dir, embedder=embedder)
    assert index.search("zebra crossings", k=1)[0].paragraph.doc == "PC0999E"


def test_kept_copies_hold_one_file_per_report(tmp_path):
    folder = tmp_path / "uploads" / "PC0999E"
    keep_copy(folder, "first.md", b"one")
    keep_copy(folder, "second.pdf", b"two")
    assert [p.name for p in folder.iterdir()] == ["second.pdf"]
    assert (tmp_path / "uploads" / ".gitignore").read_text() == "*\n"
    assert report_files_in(tmp_path / "uploads") == [folder / "second.pdf"]
    assert report_files_in(tmp_path / "missing") == []
    (folder / "second.pdf").unlink()
    assert report_files_in(tmp_path / "uploads") == []
