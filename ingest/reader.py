"""Read one report file into a `Report`, and find the report files under given paths."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .agenda import agenda_from_body, cross_check, parse_agenda
from .errors import IngestError
from .lines import Line
from .markup import parse_line
from .metadata import read_metadata
from .paragraphs import parse_paragraphs
from .patterns import item_heading, section_heading
from .pdf import read_pdf_lines
from .records import Report
from .text_source import read_text_lines
from settings import Settings  # settings live at the project root, beside the packages

SUPPORTED_SUFFIXES = (".md", ".txt", ".pdf")
_ACCEPTED = ", ".join(SUPPORTED_SUFFIXES)
# How far above paragraph 1 headings are looked for when there is no agenda table.
_MAX_LEADING_LINES = 8


def read_report(path: str | Path, max_text_mb: int = Settings.max_text_mb) -> Report:
    """Ingest one report file (.md, .txt or .pdf).

    Args:
        path: the report file.
        max_text_mb: a larger .md/.txt file is refused (settings.max_text_mb, PTC_MAX_TEXT_MB).

    Returns:
        The `Report`: metadata, agenda, paragraphs in printed order and ingest warnings.

    Raises:
        IngestError: one line "FILE: problem" for a missing, unsupported, empty, binary,
            unreadable or too large (`max_text_mb`) file, a PDF without text, or a text
            without numbered paragraphs.
    """
    path = Path(path)
    data = _read_bytes(path, max_text_mb)
    source_warnings: list[str] = []
    if path.suffix.lower() == ".pdf":
        lines = read_pdf_lines(path, data, source_warnings)
    else:
        lines = read_text_lines(path, data)
    agenda, front_end, body_start = parse_agenda(lines)
    meta = read_metadata(path, data, lines[:front_end])
    titles = {row.numeral: row.title for row in agenda}
    if not agenda:
        body_start = _with_leading_headings(lines, front_end)
    bodies = tuple(name for name in (meta.body, meta.body_name) if name)
    paragraphs, warnings = parse_paragraphs(meta.id, lines[body_start:], titles, bodies)
    if not paragraphs:
        raise IngestError(path, "no numbered paragraphs found (expected lines starting '1.', '2.', ...)")
    agenda, agenda_warnings = cross_check(agenda, paragraphs) if agenda else (agenda_from_body(paragraphs), [])
    return Report(meta=meta, agenda=agenda, paragraphs=paragraphs, warnings=source_warnings + warnings + agenda_warnings)


def _with_leading_headings(lines: list[Line], body_start: int) -> int:
    """Move the body start back over the headings just above paragraph 1 ("I. Opening of the session",
    "(Agenda item 1)"), so that the first paragraphs get their item when no agenda table names it."""
    start = body_start
    for index in range(body_start - 1, max(-1, body_start - _MAX_LEADING_LINES), -1):
        text = parse_line(lines[index].text).text
        if not text:
            continue
        if section_heading(text) or item_heading(text, False) or (text.startswith("(") and text.endswith(")")):
            start = index
            continue
        break
    return start


def find_report_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the report files to ingest.

    Folders are searched recursively for .md/.txt/.pdf files, skipping hidden files and READMEs.

    Args:
        paths: report files and/or folders.

    Returns:
        The report files, sorted and without duplicates.

    Raises:
        IngestError: a path does not exist, a named file has an unsupported type, or a folder
            holds no report files.
    """
    found: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = [
                file for file in path.rglob("*")
                if file.is_file() and file.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in file.relative_to(path).parts)
                and not file.name.upper().startswith("README")
            ]
            if not files:
                raise IngestError(path, f"folder holds no report files ({_ACCEPTED})")
            found.update(files)
        elif path.is_file():
            _check_suffix(path)
            found.add(path)
        else:
            raise IngestError(path, "no such file or folder")
    return sorted(found)


def _read_bytes(path: Path, limit_mb: int) -> bytes:
    if path.is_dir():
        raise IngestError(path, "is a folder, not a report file")
    if not path.exists():
        raise IngestError(path, "no such file")
    _check_suffix(path)
    try:
        _check_size(path, path.stat().st_size, limit_mb)
        return path.read_bytes()
    except OSError as error:
        raise IngestError(path, f"cannot read file ({error.strerror or error})") from None


def _check_size(path: Path, size: int, limit_mb: int) -> None:
    """Refuse a text report beyond `limit_mb` before reading it (PDFs are bounded by their pages)."""
    if path.suffix.lower() != ".pdf" and size > limit_mb * 1024 * 1024:
        raise IngestError(
            path, f"text report is {size / 1024 / 1024:.1f} MB; the limit is {limit_mb} MB (set PTC_MAX_TEXT_MB to raise it)"
        )


def _check_suffix(path: Path) -> None:
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        shown = path.suffix or "no suffix"
        raise IngestError(path, f"unsupported file type ({shown}); accepted types: {_ACCEPTED}")
