"""Large and odd inputs: the size limit, linear time, wide numbers, numbering problems and UTF-16 text."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest import IngestError, read_report
from ingest.lines import Line
from ingest.paragraphs import parse_paragraphs
from settings import PROJECT_ROOT


def _lines(text: str) -> list[Line]:
    return [Line(text=raw, position=number) for number, raw in enumerate(text.splitlines(), start=1)]


def _huge(tmp_path) -> Path:
    path = tmp_path / "huge.txt"
    with path.open("wb") as out:
        out.truncate(3 * 1024 * 1024)  # sparse: nothing is written, nothing needs reading
    return path


def test_text_beyond_the_size_limit_is_refused_in_one_line_without_reading_it(tmp_path):
    path = _huge(tmp_path)
    started = time.perf_counter()
    with pytest.raises(IngestError, match=r"huge.txt: text report is 3.0 MB; the limit is 1 MB \(set PTC_MAX_TEXT_MB"):
        read_report(path, max_text_mb=1)
    assert time.perf_counter() - started < 5
    with pytest.raises(IngestError) as raised:  # under the default 20 MB the file reaches the text checks
        read_report(path)
    assert "the limit is" not in str(raised.value)


def test_the_cli_reads_the_size_limit_from_the_environment(tmp_path):
    path = _huge(tmp_path)
    run = subprocess.run([sys.executable, "-m", "ingest", "--dump", str(path)], cwd=PROJECT_ROOT, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "PTC_MAX_TEXT_MB": "1"})
    assert run.returncode == 1 and run.stdout == "" and "Traceback" not in run.stderr
    assert run.stderr.strip() == f"error: {path}: text report is 3.0 MB; the limit is 1 MB (set PTC_MAX_TEXT_MB to raise it)"


def _best_time(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        started = time.perf_counter()
        parse_paragraphs("D", _lines(text))
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize("shape", ["one long paragraph", "many paragraphs"])
def test_parsing_time_grows_linearly(shape):
    def text(n: int) -> str:
        if shape == "one long paragraph":
            return "1. Start.\n" + "continued words of one very long paragraph\n" * n
        return "".join(f"{k}. Paragraph {k} text.\nmore of it.\n" for k in range(1, n + 1))

    small, large = _best_time(text(3000)), _best_time(text(24000))
    # 8 times the input; quadratic growth would take 64 times as long.
    assert large < 20 * max(small, 0.01)


def test_numbers_of_any_width_open_paragraphs():
    text = "\n".join(f"{n}. Text {n}." for n in range(9998, 10003))
    paragraphs, warnings = parse_paragraphs("D", _lines(text))
    assert [(p.number, p.text) for p in paragraphs] == [(n, f"Text {n}.") for n in range(9998, 10003)]
    assert warnings == []


def test_duplicate_missing_and_out_of_order_numbers_are_reported_with_their_line():
    text = "1. One.\n2. Two.\n2. Two again.\n7. Seven.\n3. Three.\n4. Four."
    paragraphs, warnings = parse_paragraphs("D", _lines(text))
    assert [p.number for p in paragraphs] == [1, 2, 3, 4]
    assert warnings == [
        "line 3: paragraph number 2 repeats ¶2; its text is kept inside ¶2",
        "line 4: paragraph number 7 skips more than 3 after ¶2; its text is kept inside ¶2",
    ]
    # Nothing is lost: the odd lines stay readable inside the paragraph they follow.
    assert paragraphs[1].text == "Two. 2. Two again. 7. Seven."


def test_warnings_reach_the_dump_summary(tmp_path, capsys):
    from ingest.__main__ import main

    path = tmp_path / "odd.md"
    path.write_text("1. One.\n\n2. Two.\n\n2. Two again.\n\n3. Three.\n", encoding="utf-8")
    assert main(["--dump", str(path)]) == 0
    err = capsys.readouterr().err
    assert "warning: odd.md: line 5: paragraph number 2 repeats ¶2" in err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_text_with_bom_is_read(tmp_path, encoding):
    text = "Permanent Technical Committee\n\n1. Türkiye opened the session.\n\n2. The PTC agreed.\n"
    data = text.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + text).encode(encoding)
    path = tmp_path / "utf16.txt"
    path.write_bytes(data)
    report = read_report(path)
    assert [p.text for p in report.paragraphs] == ["Türkiye opened the session.", "The PTC agreed."]
