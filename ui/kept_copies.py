"""Kept copies of uploaded reports: one folder per report id beside the index, found and deleted here."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

_UNSAFE = re.compile(r"[^\w.\- ]+")


def safe_name(name: str) -> str:
    """A file or folder name with path separators and other unsafe characters replaced by "_" ("" if nothing is left)."""
    return _UNSAFE.sub("_", name).strip(" .")


def kept_folder(uploads: Path, report_id: str) -> Path:
    """The folder holding a report's kept copy: uploads/<report id, reduced to a safe folder name>."""
    return uploads / (safe_name(report_id) or "_")


def forget_copy(uploads: Path, report_id: str) -> None:
    """Delete a report's kept copy, if any: moved aside in one rename, then deleted."""
    folder = kept_folder(uploads, report_id)
    if not folder.exists():
        return
    doomed = uploads / f".{folder.name}.tmp-removed"
    shutil.rmtree(doomed, ignore_errors=True)
    os.rename(folder, doomed)
    shutil.rmtree(doomed, ignore_errors=True)
