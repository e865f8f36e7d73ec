"""The ingest command line: --dump JSON lines, index updates through the index contract, one-line errors."""
from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
from fpdf import FPDF

from ingest.__main__ import main

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FIELDS = {"doc", "paragraph", "item", "item_title", "subitem", "subitem_title", "heading", "decision", "text",
          "page", "position", "scope", "label"}


def test_dump_prints_one_json_line_per_paragraph(bundled_report_path, capsys):
    assert main(["--dump", str(bundled_report_path)]) == 0
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["paragraph"] for row in rows] == list(range(1, 155))
    assert all(set(row) == FIELDS for row in rows)
    assert rows[53]["item"] == "V" and rows[53]["subitem"] == "c" and rows[53]["decision"] is False
    assert rows[53]["scope"] == "" and rows[53]["label"] == "¶54"
    assert rows[67]["decision"] is True and rows[0]["page"] is None
    assert "154 paragraphs" in err and "warning:" in err


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    scan = FPDF()
    scan.add_page()
    scan.rect(10, 10, 50, 50, style="F")
    scan.output(str(tmp_path / "scan.pdf"))
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "garbage.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "prose.md").write_text("Minutes without numbers.\n")
    (tmp_path / "slides.pptx").write_bytes(b"PK")
    return {
        "missing": tmp_path / "missing.md", "empty": tmp_path / "empty.md", "garbage": tmp_path / "garbage.txt",
        "scan": tmp_path / "scan.pdf", "prose": tmp_path / "prose.md", "unsupported": tmp_path / "slides.pptx",
    }


@pytest.mark.parametrize("case", ["missing", "empty", "garbage", "scan", "prose", "unsupported"])
def test_bad_input_exits_non_zero_with_one_line_and_no_output(tmp_path, capsys, case, bundled_report_path):
    path = _bad_inputs(tmp_path)[case]
    # A good report before the bad one must not be half-printed either.
    assert main(["--dump", str(bundled_report_path), str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and str(path) in err


def test_bad_input_through_the_real_command(tmp_path):
    path = _bad_inputs(tmp_path)["scan"]
    run = subprocess.run([sys.executable, "-m", "ingest", "--dump", str(path)], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip() == f"error: {path}: PDF has no text layer (a scanned image?); run OCR on it first"


def test_index_update_calls_the_index_contract(monkeypatch, tmp_path, bundled_report_path, capsys):
    calls = []

    def update_index(paths, index_dir, remove=()):
        calls.append((list(paths), Path(index_dir), list(remove)))
        return "1 report added, 154 paragraphs"

    monkeypatch.setitem(sys.modules, "index", types.SimpleNamespace(update_index=update_index))
    folder = bundled_report_path.parent
    assert main([str(folder), "--index", str(tmp_path / "idx"), "--remove", "OLD1"]) == 0
    assert calls == [([bundled_report_path], tmp_path / "idx", ["OLD1"])]
    assert capsys.readouterr().out == "1 report added, 154 paragraphs\n"

    monkeypatch.setenv("PTC_INDEX", str(tmp_path / "from-env"))
    assert main(["--remove", "OLD2"]) == 0
    assert calls[-1] == ([], tmp_path / "from-env", ["OLD2"])


def test_index_update_refuses_bad_paths_before_touching_the_index(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "index", types.SimpleNamespace(update_index=lambda *a, **k: pytest.fail()))
    assert main([str(tmp_path / "nope"), "--index", str(tmp_path / "idx")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == f"error: {tmp_path / 'nope'}: no such file or folder"
