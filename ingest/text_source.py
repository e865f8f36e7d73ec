"""Read a Markdown or plain-text report into source lines, refusing empty and binary files."""
from __future__ import annotations

from pathlib import Path

from .errors import IngestError
from .lines import Line, drop_running_lines

# Share of control characters above which "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01
_ALLOWED_CONTROLS = set("\n\r\t\f\v")


def decode_text(path: Path, data: bytes) -> str:
    """Decode report bytes as UTF-8 (with or without BOM), falling back to cp1252.

    Args:
        path: the file the bytes came from (for the error message).
        data: the file's bytes.

    Returns:
        The decoded text.

    Raises:
        IngestError: the file is empty, whitespace only, or binary.
    """
    if not data.strip():
        raise IngestError(path, "file is empty")
    if b"\x00" in data:
        raise IngestError(path, "file is binary, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise IngestError(path, "file is binary, not UTF-8 or cp1252 text") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise IngestError(path, "file is binary, not text (too many control characters)")
    return text


def read_text_lines(path: Path, data: bytes) -> list[Line]:
    """The lines of a .md/.txt report, numbered from 1, without page numbers and running headers.

    Args:
        path: the report file (for error messages).
        data: its bytes.

    Returns:
        One `Line` per source line (blank lines kept: they separate blocks).
    """
    text = decode_text(path, data)
    lines = [Line(text=raw.replace("\f", ""), position=number)
             for number, raw in enumerate(text.splitlines(), start=1)]
    return drop_running_lines(lines)
