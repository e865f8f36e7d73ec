"""Tests for index.lock: one writer at a time across threads and processes, readers never wait."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from index import Index
from index.build import update_reports
from index.lock import IndexBusyError, lock_path, writer_lock
from index.store import IndexLoadError
from tests.index_helpers import small_report

PROJECT_ROOT = Path(__file__).resolve().parent.parent

_HOLDER = """
import sys, time
from pathlib import Path
from index.lock import writer_lock
with writer_lock(sys.argv[1]):
    Path(sys.argv[2]).write_text("held")
    time.sleep(float(sys.argv[3]))
    Path(sys.argv[2]).write_text("released")
"""


def _hold_in_process(index_dir: Path, tmp_path: Path, seconds: float) -> subprocess.Popen:
    marker = tmp_path / "held.marker"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(index_dir), str(marker), str(seconds)],
        cwd=PROJECT_ROOT, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert holder.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    return holder


def test_second_writer_in_another_process_waits_then_refuses_in_one_line(tmp_path):
    index_dir = tmp_path / "index"
    holder = _hold_in_process(index_dir, tmp_path, seconds=30)
    said: list[str] = []
    try:
        started = time.monotonic()
        with pytest.raises(IndexBusyError) as error:
            with writer_lock(index_dir, timeout_s=0.5, on_wait=said.append):
                pytest.fail("two writers held the lock")
        assert 0.4 < time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait()
    message = str(error.value)
    assert "\n" not in message and message.startswith(str(index_dir)) and f"process {holder.pid}" in message
    assert len(said) == 1 and "waiting up to 0.5 s" in said[0] and "another writer" in said[0]
    assert isinstance(error.value, IndexLoadError)  # every caller already reports these in one line
    # The holder was killed: the kernel released its lock, so the next writer gets it at once.
    with writer_lock(index_dir, timeout_s=5, on_wait=said.append):
        pass
    assert len(said) == 1


def test_second_writer_waits_for_the_first_to_finish(tmp_path):
    index_dir = tmp_path / "index"
    holder = _hold_in_process(index_dir, tmp_path, seconds=1.5)
    said: list[str] = []
    try:
        with writer_lock(index_dir, timeout_s=60, on_wait=said.append):
            assert (tmp_path / "held.marker").read_text() == "released"  # only after the first writer let go
    finally:
        holder.wait()
    assert len(said) == 1


def test_threads_exclude_each_other_but_one_thread_may_nest(tmp_path):
    index_dir = tmp_path / "index"
    inside: list[int] = []
    overlap: list[bool] = []

    def writer() -> None:
        with writer_lock(index_dir, timeout_s=30, on_wait=None):
            with writer_lock(index_dir, timeout_s=0, on_wait=None):  # nested: no self-deadlock
                overlap.append(bool(inside))
                inside.append(1)
                time.sleep(0.05)
                inside.pop()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert overlap == [False] * 4


def test_readers_do_not_wait_for_a_writer(tmp_path, embedder):
    index_dir = tmp_path / "index"
    update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    holder = _hold_in_process(index_dir, tmp_path, seconds=30)
    try:
        started = time.monotonic()
        assert [r.id for r in Index.load(index_dir, embedder=embedder).reports] == ["R1"]
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()


def test_lock_file_sits_beside_the_folder_and_survives_the_swap(tmp_path, embedder):
    index_dir = tmp_path / "index"
    update_reports([small_report("R1")], index_dir, embedder=embedder, progress=False)
    assert lock_path(index_dir) == tmp_path / ".index.lock" and lock_path(index_dir).exists()
    assert not (index_dir / ".index.lock").exists()

