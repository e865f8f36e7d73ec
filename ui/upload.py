"""Add or remove an uploaded report: check it, index it, and keep exactly one copy per report id for rebuilds."""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

from index import IndexLoadError, IndexUpdateError
from index.build import update_reports
from index.lock import writer_lock
from index.store import publish_folder, recover
from ingest import SUPPORTED_SUFFIXES, IngestError, find_report_files, read_report
from ingest.records import Report
from settings import Settings
from ui.kept_copies import forget_copy, kept_folder, safe_name



class UploadError(Exception):
    """An upload that cannot be added; `str(err)` is one line naming the file and the problem."""


def safe_file_name(name: str) -> str:
    """The upload's own name, reduced to a plain file name that cannot leave its folder.

    Args:
        name: the name the browser sent.

    Returns:
        The base name with unusual characters replaced by "_" and a lower-case suffix.

    Raises:
        UploadError: when the suffix is not a supported report format.
    """
    base = safe_name(Path(name.replace("\\", "/")).name)
    stem, suffix = os.path.splitext(base)
    if suffix.lower() not in SUPPORTED_SUFFIXES or not stem:
        raise UploadError(f"{name}: not a report file (expected one of {', '.join(SUPPORTED_SUFFIXES)})")
    return stem + suffix.lower()


def check_upload(name: str, data: bytes, max_mb: int) -> str:
    """Refuse uploads that are empty, too large or of the wrong type, before anything is written.

    Args:
        name: the name the browser sent.
        data: the file's bytes.
        max_mb: the size limit in megabytes (settings.max_upload_mb).

    Returns:
        The safe file name to save it under.

    Raises:
        UploadError: naming the file and the problem.
    """
    safe = safe_file_name(name)
    if not data:
        raise UploadError(f"{name}: the file is empty")
    if len(data) > max_mb * 1024 * 1024:
        raise UploadError(f"{name}: {len(data) / 1024 / 1024:.1f} MB is over the {max_mb} MB upload limit")
    return safe


def add_upload(
    name: str, data: bytes, settings: Settings, embedder: Any, on_wait: Callable[[str], None] | None = None
) -> Any:
    """Index an uploaded report into settings.index_dir and keep one copy in settings.uploads_path/<report id>/.

    The report is read from a temp file named like the upload (ingest derives a report id from
    the name when the report prints no document code). Under the index's writer lock the copy is
    staged, the index replaced atomically, then the copy published under the uploaded report's
    own id: a refused file leaves the index and the kept copies as they were. An upload with the id
    of an indexed report replaces that report (a corrected version), as `python -m ingest` does.

    Args:
        name: the name the browser sent, e.g. "PC0741E.pdf".
        data: the file's bytes.
        settings: index_dir, uploads_path, max_upload_mb, max_text_mb and lock_timeout_s are read.
        embedder: the loaded model, shared with the app.
        on_wait: told one line if another writer holds the index (default: stderr).

    Returns:
        index.UpdateSummary of the update.

    Raises:
        UploadError: for any file problem or index error, as one line naming the upload.
    """
    safe = check_upload(name, data, settings.max_upload_mb)
    with tempfile.TemporaryDirectory(prefix="ptc-upload-") as tmp:
        path = Path(tmp) / safe
        path.write_bytes(data)
        try:
            report = read_report(path, settings.max_text_mb)
        except IngestError as err:
            raise UploadError(f"{name}: {err.problem}") from err
    summary = None
    try:
        with _writing(settings, on_wait):
            staged = _stage_copy(settings.uploads_path, safe, data)
            try:
                summary = update_reports([report], settings.index_dir, embedder=embedder, progress=False)
                publish_folder(staged, kept_folder(settings.uploads_path, report.meta.id))
            finally:
                shutil.rmtree(staged, ignore_errors=True)
    except (IndexUpdateError, IndexLoadError) as err:
        raise UploadError(f"{name} was not added: {err}") from err
    except OSError as err:
        done = "was added, but a rebuild would lose it" if summary is not None else "was not added"
        raise UploadError(f"{name} {done}: cannot keep a copy in {settings.uploads_path} ({err.strerror or err})") from err
    return summary


def remove_report(
    report_id: str, settings: Settings, embedder: Any, on_wait: Callable[[str], None] | None = None
) -> Any:
    """Remove a report from the index and its kept upload copy, so a rebuild does not bring it back.

    Args:
        report_id: the indexed report's id.
        settings: index_dir, uploads_path and lock_timeout_s are read.
        embedder: the loaded model, shared with the app.
        on_wait: told one line if another writer holds the index (default: stderr).

    Returns:
        index.UpdateSummary of the update.

    Raises:
        UploadError: unknown id or index error, as one line.
    """
    try:
        with _writing(settings, on_wait):
            summary = update_reports([], settings.index_dir, remove=[report_id], embedder=embedder, progress=False)
            forget_copy(settings.uploads_path, report_id)
    except (IndexUpdateError, IndexLoadError) as err:
        raise UploadError(f"{report_id} was not removed: {err}") from err
    except OSError as err:
        raise UploadError(f"{report_id}: removed from the index, but its kept copy could not be deleted ({err.strerror or err})") from err
    return summary


@contextmanager
def _writing(settings: Settings, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    """The index's writer lock, with the uploads folder tidied: one writer changes index and copies together."""
    with writer_lock(settings.index_dir, settings.lock_timeout_s, **({"on_wait": on_wait} if on_wait else {})):
        _tidy(settings.uploads_path)
        yield


def _stage_copy(uploads: Path, file_name: str, data: bytes) -> Path:
    """A hidden folder beside the kept copies holding the upload, flushed to disk, ready to publish."""
    uploads.mkdir(parents=True, exist_ok=True)
    ignore = uploads / ".gitignore"
    if not ignore.exists():  # uploads are the user's data, never the project's: keep them out of git
        ignore.write_text("*\n", encoding="utf-8")
    staged = Path(tempfile.mkdtemp(prefix=".upload.tmp-", dir=uploads))
    with open(staged / file_name, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return staged


def _tidy(uploads: Path) -> None:
    """Finish or undo what a killed writer left in the uploads folder (called holding the writer lock)."""
    if not uploads.is_dir():
        return
    for old in uploads.glob(".*.old"):
        recover(uploads / old.name[1:-4])  # a swap cut between its two renames: the old copy goes back
    for leftover in uploads.glob(".*.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def report_files_in(folder: Path) -> list[Path]:
    """The report files under a folder, none when it is missing or empty (e.g. no uploads kept yet).

    Args:
        folder: settings.reports_dir or settings.uploads_path.

    Returns:
        Report files, sorted.
    """
    try:
        return find_report_files([folder]) if folder.is_dir() else []
    except IngestError:  # a folder without report files
        return []


def kept_reports(uploads: Path, max_text_mb: int = Settings.max_text_mb) -> tuple[list[Report], list[str]]:
    """The kept uploads, read, for a rebuild; a copy filed under another report's id is skipped.

    Versions before one-copy-per-id filed each upload under every indexed report's id, so old
    uploads folders can hold stale duplicates that would collide with the real copy.

    Args:
        uploads: settings.uploads_path.
        max_text_mb: settings.max_text_mb.

    Returns:
        (reports, warnings naming each skipped file).

    Raises:
        IngestError: a kept copy cannot be read.
    """
    reports, warnings = [], []
    for path in report_files_in(uploads):
        report = read_report(path, max_text_mb)
        if path.parent.parent == uploads and path.parent != kept_folder(uploads, report.meta.id):
            warnings.append(f"{path}: a copy of report {report.meta.id} filed under {path.parent.name}; skipped")
            continue
        reports.append(report)
    return reports, warnings


def keep_copy(folder: Path, file_name: str, data: bytes) -> None:
    """Keep an upload as the only file of its report's folder, replacing the folder in one step.

    Args:
        folder: kept_folder(uploads, report id).
        file_name: the upload's safe name (ingest reads metadata from it when the report prints none).
        data: the file's bytes.
    """
    staged = _stage_copy(folder.parent, file_name, data)
    try:
        publish_folder(staged, folder)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
