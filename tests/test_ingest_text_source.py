"""Decoding text reports: encodings accepted, empty and binary files refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest import IngestError
from ingest.text_source import decode_text, read_text_lines


def test_utf8_bom_and_cp1252_are_decoded():
    assert decode_text(Path("a.md"), "\ufeff1. Türkiye".encode("utf-8")) == "1. Türkiye"
    assert decode_text(Path("a.md"), "1. Türkiye – ok".encode("cp1252")) == "1. Türkiye – ok"


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"", "file is empty"), (b"\n \n", "file is empty"), (b"1. a\x00b", "contains NUL bytes"),
     (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"1. text", "too many control characters")],
)
def test_empty_and_binary_text_is_refused(data, problem):
    with pytest.raises(IngestError, match=problem) as error:
        decode_text(Path("x.txt"), data)
    assert str(error.value).startswith("x.txt: ")


def test_lines_are_numbered_from_one():
    lines = read_text_lines(Path("x.md"), b"title\n\n1. text\n")
    assert [(line.position, line.text) for line in lines] == [(1, "title"), (2, ""), (3, "1. text")]
