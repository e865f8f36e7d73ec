"""Read a Markdown or plain-text report into source lines, refusing empty and binary files."""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import IngestError
from .lines import Line, drop_page_furniture

# Share of control characters above which "text" is really binary data.
_MAX_CONTROL_SHARE = 0.01
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters other than \t \n \v \f \r


def decode_text(path: Path, data: bytes) -> str:
    """Decode report bytes as UTF-16 (with BOM), UTF-8 (with or without BOM), falling back to cp1252.

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
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = _from_utf16(path, data)
    if b"\x00" in data:
        raise IngestError(path, "file is binary, not text (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise IngestError(path, "file is binary, not UTF-8 or cp1252 text") from None
    controls = len(_CONTROLS.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise IngestError(path, "file is binary, not text (too many control characters)")
    return text


def _from_utf16(path: Path, data: bytes) -> bytes:
    """UTF-16 text (with its BOM) re-encoded as UTF-8, so the checks below see ordinary text."""
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        raise IngestError(path, "file starts like UTF-16 text but does not decode as UTF-16") from None


def read_text_lines(path: Path, data: bytes) -> list[Line]:
    """The lines of a .md/.txt report, numbered from 1; page furniture is removed only where form feeds mark pages.

    Args:
        path: the report file (for error messages).
        data: its bytes.

    Returns:
        One `Line` per source line (blank lines kept: they separate blocks).
    """
    text = decode_text(path, data)
    pages: list[list[Line]] = [[]]
    # str.splitlines() also splits at form feeds; split on line ends only, then cut pages at "\f".
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        head, *rest = raw.split("\f")
        pages[-1].append(Line(text=head, position=number))
        for piece in rest:
            pages.append([Line(text=piece, position=number)])
    if text.endswith("\n"):
        pages[-1].pop()  # the empty string after the final line end is not a line
    if len(pages) == 1:
        return pages[0]
    return drop_page_furniture(pages)
