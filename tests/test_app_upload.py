"""Tests for ui.upload: bad uploads are refused and leave the index as it was; one kept copy per report id."""
from __future__ import annotations

import json
from hashlib import sha256

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from app_support import TINY_REPORT, TINY_REPORT_NAME, copy_index, snapshot
from index import Index, IndexUpdateError, update_index
from ui.upload import (
    UploadError, add_upload, check_upload, forget_copy, keep_copy, kept_folder, remove_report, report_files_in,
    safe_file_name,
)


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


def tiny(code: str, version: int = 1) -> tuple[str, bytes]:
    """A small report with its own id (the printed document code) and content, named like its id."""
    text = TINY_REPORT.replace("PC0999E", code) + f"\n4. Version {version} of the report of {code}.\n"
    return f"{code}_PTC-999_2030-01.md", text.encode("utf-8")


def kept(settings) -> dict[str, dict[str, bytes]]:
    """The uploads folder: report-id folder -> {file name: bytes}, hidden entries (staging) included."""
    root = settings.uploads_path
    if not root.exists():
        return {}
    return {
        folder.name: {f.name: f.read_bytes() for f in folder.iterdir()} if folder.is_dir() else {}
        for folder in sorted(root.iterdir()) if folder.name != ".gitignore"
    }


def rebuilt_ids(settings, embedder, tmp_path, bundled_report_path) -> list[str]:
    """What the app's first start would index: the reports folder, then the kept uploads."""
    target = tmp_path / "rebuilt"
    update_index([bundled_report_path], target, embedder=embedder, progress=False)
    uploads = report_files_in(settings.uploads_path)
    if uploads:
        update_index(uploads, target, embedder=embedder, progress=False)
    return sorted(r.id for r in Index.load(target, embedder=embedder).reports)


def test_upload_a_then_b_keeps_both_for_a_rebuild(index_copy, embedder, tmp_path, bundled_report_path):
    a_name, a_data = tiny("PC0901E")
    b_name, b_data = tiny("PC0902E")
    add_upload(a_name, a_data, index_copy, embedder)
    summary = add_upload(b_name, b_data, index_copy, embedder)
    assert summary.added == ["PC0902E"] and "PC0901E" in summary.unchanged
    # Exactly one copy per uploaded report, under its own id; none for the bundled report.
    assert kept(index_copy) == {"PC0901E": {a_name: a_data}, "PC0902E": {b_name: b_data}}
    assert rebuilt_ids(index_copy, embedder, tmp_path, bundled_report_path) == ["PC0737E", "PC0901E", "PC0902E"]


def test_corrected_upload_replaces_its_copy_only(index_copy, embedder):
    a_name, a_data = tiny("PC0901E")
    b_name, b_data = tiny("PC0902E")
    add_upload(a_name, a_data, index_copy, embedder)
    add_upload(b_name, b_data, index_copy, embedder)
    _, a2_data = tiny("PC0901E", version=2)
    summary = add_upload("corrected PC0901E.md", a2_data, index_copy, embedder)
    assert summary.replaced == ["PC0901E"]
    assert kept(index_copy) == {"PC0901E": {"corrected PC0901E.md": a2_data}, "PC0902E": {b_name: b_data}}


def test_removing_a_report_removes_its_copy(index_copy, embedder, tmp_path, bundled_report_path):
    for code in ("PC0901E", "PC0902E"):
        add_upload(*tiny(code), index_copy, embedder)
    summary = remove_report("PC0901E", index_copy, embedder)
    assert summary.removed == ["PC0901E"]
    assert list(kept(index_copy)) == ["PC0902E"]
    assert [r.id for r in Index.load(index_copy.index_dir, embedder=embedder).reports] == ["PC0737E", "PC0902E"]
    assert rebuilt_ids(index_copy, embedder, tmp_path, bundled_report_path) == ["PC0737E", "PC0902E"]
    with pytest.raises(UploadError, match=r"^PC0901E was not removed: .*no report 'PC0901E'") as err:
        remove_report("PC0901E", index_copy, embedder)
    assert "\n" not in str(err.value)


def test_failed_index_update_keeps_neither_copy_nor_staging(index_copy, embedder, monkeypatch):
    a_name, a_data = tiny("PC0901E")
    add_upload(a_name, a_data, index_copy, embedder)
    before_index, before_kept = snapshot(index_copy.index_dir), kept(index_copy)

    def refuse(*_args, **_kwargs):
        raise IndexUpdateError("PC0902E_PTC-999_2030-01.md: report id 'PC0902E' is also used by x.md; rename one file")

    monkeypatch.setattr("ui.upload.update_reports", refuse)
    with pytest.raises(UploadError, match="^PC0902E_PTC-999_2030-01.md was not added: "):
        add_upload(*tiny("PC0902E"), index_copy, embedder)
    assert snapshot(index_copy.index_dir) == before_index
    assert kept(index_copy) == before_kept  # no hidden staging folder left either


def test_stale_staging_from_a_killed_upload_is_tidied(index_copy, embedder):
    uploads = index_copy.uploads_path
    (uploads / ".upload.tmp-dead").mkdir(parents=True)
    (uploads / ".upload.tmp-dead" / "half.md").write_bytes(b"1. half")
    # A swap cut between its two renames: the old copy sits aside and its folder is gone.
    (uploads / ".PC0903E.old").mkdir()
    (uploads / ".PC0903E.old" / "PC0903E.md").write_bytes(b"kept")
    add_upload(*tiny("PC0901E"), index_copy, embedder)
    assert sorted(kept(index_copy)) == ["PC0901E", "PC0903E"]
    assert kept(index_copy)["PC0903E"] == {"PC0903E.md": b"kept"}


@pytest.mark.parametrize("report_id, folder", [("PC0999E", "PC0999E"), ("../x", "_x"), ("..", "_"), ("a/b", "a_b")])
def test_kept_folder_stays_inside_the_uploads_folder(tmp_path, report_id, folder):
    assert kept_folder(tmp_path, report_id) == tmp_path / folder


def test_forget_copy_of_an_unknown_report_is_a_no_op(tmp_path):
    forget_copy(tmp_path / "uploads", "NOPE")
    keep_copy(tmp_path / "uploads" / "R1", "r1.md", b"x")
    forget_copy(tmp_path / "uploads", "R1")
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == [".gitignore"]


_OPS = st.lists(
    st.tuples(st.sampled_from(["add", "remove"]), st.sampled_from(["PC0901E", "PC0902E", "PC0903E"]),
              st.integers(1, 3)),
    min_size=1, max_size=5,
)


@hyp_settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_OPS)
def test_any_sequence_of_uploads_and_removals_keeps_one_copy_per_indexed_upload(ops, tmp_path_factory, bundled_index_dir, embedder):
    settings = copy_index(bundled_index_dir, tmp_path_factory.mktemp("ops"))
    expected: dict[str, bytes] = {}
    for op, code, version in ops:
        if op == "add":
            name, data = tiny(code, version)
            add_upload(name, data, settings, embedder)
            expected[code] = data
        elif code in expected:
            remove_report(code, settings, embedder)
            del expected[code]
    assert {code: list(files.values()) for code, files in kept(settings).items()} == {
        code: [data] for code, data in expected.items()
    }
    indexed = {r.id for r in Index.load(settings.index_dir, embedder=embedder).reports}
    assert indexed == {"PC0737E", *expected}


# --- the app: remove a report, manifest errors -------------------------------------------------

from test_app import open_tab, start, upload  # noqa: E402,F401  (the app fixtures, shared)


def test_app_removes_an_uploaded_report_and_its_copy(start, tmp_path, bundled_index_dir):
    settings = copy_index(bundled_index_dir, tmp_path)
    at = upload(start(settings.index_dir, PTC_UPLOADS=str(settings.uploads_path)), *tiny("PC0901E"))
    assert list(kept(settings)) == ["PC0901E"]
    at.selectbox(key="remove_doc").set_value("PC0901E").run()
    at.button(key="remove_go").click().run()
    assert not at.exception, at.exception
    assert "Removed PC0901E" in at.success[0].value.replace("\\", "")
    assert kept(settings) == {}
    assert len(at.sidebar.multiselect(key="f_docs").options) == 1


@pytest.mark.parametrize("manifest", ["[1, 2, 3]", '{"format_version": 1, "files": []}', '{"format_version": 1, "model": null}'])
def test_app_names_a_wrong_shaped_manifest_in_one_line(start, tmp_path, bundled_index_dir, manifest):
    settings = copy_index(bundled_index_dir, tmp_path)
    (settings.index_dir / "manifest.json").write_text(manifest)
    at = start(settings.index_dir)
    assert not at.exception, at.exception
    message = at.error[0].value.replace("\\", "")
    assert "invalid manifest" in message and "python -m ingest" in message and "\n" not in message


def test_rebuild_skips_stale_copies_filed_under_another_id(tmp_path):
    from ui.upload import kept_reports

    uploads = tmp_path / "uploads"
    a_name, a_data = tiny("PC0901E")
    b_name, b_data = tiny("PC0902E")
    _, b2_data = tiny("PC0902E", version=2)
    keep_copy(uploads / "PC0901E", b_name, b_data)  # what the old add_upload left: B's file under A's id
    keep_copy(uploads / "PC0902E", b_name, b2_data)  # B since corrected
    reports, warnings = kept_reports(uploads)
    assert [(r.meta.id, r.meta.content_hash) for r in reports] == [("PC0902E", sha256(b2_data).hexdigest())]
    assert len(warnings) == 1 and "PC0901E" in warnings[0] and "skipped" in warnings[0]


def test_app_first_start_rebuilds_with_every_kept_upload(start, tmp_path):
    reports, uploads = tmp_path / "reports", tmp_path / "uploads"
    reports.mkdir()
    (reports / TINY_REPORT_NAME).write_text(TINY_REPORT, encoding="utf-8")
    for code in ("PC0901E", "PC0902E"):
        keep_copy(uploads / code, *tiny(code))
    keep_copy(uploads / "PC0999E", *tiny("PC0902E"))  # a stale copy under another id, from before the fix
    index_dir = tmp_path / "fresh" / "index"
    at = start(index_dir, PTC_REPORTS=str(reports), PTC_UPLOADS=str(uploads))
    assert not at.exception and not at.error
    assert any("filed under PC0999E; skipped" in w.value.replace("\\", "") for w in at.warning)
    assert sorted(json.loads((index_dir / "manifest.json").read_text())["reports"]) == ["PC0901E", "PC0902E", "PC0999E"]


def test_copy_that_cannot_be_kept_is_named_before_and_after_indexing(index_copy, embedder, monkeypatch):
    index_copy.uploads_path.parent.mkdir(parents=True, exist_ok=True)
    index_copy.uploads_path.write_text("a file where the uploads folder should be")
    with pytest.raises(UploadError, match=r"^PC0901E_PTC-999_2030-01.md was not added: cannot keep a copy in "):
        add_upload(*tiny("PC0901E"), index_copy, embedder)
    index_copy.uploads_path.unlink()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ui.upload.publish_folder", disk_full)
    with pytest.raises(UploadError, match=r"was added, but a rebuild would lose it: .*No space left on device"):
        add_upload(*tiny("PC0902E"), index_copy, embedder)
