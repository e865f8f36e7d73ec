"""Add an uploaded report to the index: check it, index it from a temp file, keep a copy for rebuilds."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from index import IndexLoadError, IndexUpdateError, update_index
from ingest import SUPPORTED_SUFFIXES, IngestError, find_report_files
from settings import Settings

_UNSAFE = re.compile(r"[^\w.\- ]+")


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
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
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


def add_upload(name: str, data: bytes, settings: Settings, embedder: Any) -> Any:
    """Index an uploaded report into settings.index_dir, then keep a copy in settings.uploads_path/<report id>/.

    The report is written to a temp file named like the upload (ingest derives a report id from
    the name when the report prints no document code); `update_index` replaces the index atomically,
    so a refused file leaves the index as it was, and nothing is kept. An upload with the id of an
    indexed report replaces that report (a corrected version), as `python -m ingest` does.

    Args:
        name: the name the browser sent, e.g. "PC0741E.pdf".
        data: the file's bytes.
        settings: index_dir, uploads_path and max_upload_mb are read.
        embedder: the loaded model, shared with the app.

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
            summary = update_index([path], settings.index_dir, embedder=embedder, progress=False)
        except IngestError as err:
            raise UploadError(f"{name}: {err.problem}") from err
        except (IndexUpdateError, IndexLoadError) as err:
            raise UploadError(f"{name} was not added: {err}") from err
    for report_id in (*summary.added, *summary.replaced, *summary.unchanged):
        keep_copy(settings.uploads_path / _UNSAFE.sub("_", report_id), safe, data)
    return summary


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


def keep_copy(folder: Path, file_name: str, data: bytes) -> None:
    """Keep an upload as the only file of its report's folder, so a rebuild sees one file per report id.

    Args:
        folder: uploads_path / report id.
        file_name: the upload's safe name (ingest reads metadata from it when the report prints none).
        data: the file's bytes.
    """
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder.parent / ".gitignore"
    if not ignore.exists():  # uploads are the user's data, never the project's: keep them out of git
        ignore.write_text("*\n", encoding="utf-8")
    # Written under a hidden name (ingest skips those) then renamed: a crash never leaves half a report.
    partial = folder / f".{file_name}.partial"
    partial.write_bytes(data)
    for old in folder.iterdir():
        if old.is_file() and not old.name.startswith("."):
            old.unlink()
    partial.replace(folder / file_name)
