"""One writer at a time per index folder: an inter-process lock file beside the folder."""
from __future__ import annotations

import errno
import fcntl
import os
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from index.store import IndexLoadError, IndexWriteError, prepare_parent, remove_stale_temp_folders
from settings import Settings

_POLL_S = 0.1

# Locks this thread holds, by lock file: a writer that calls another writer (the app's upload
# calling update_index) takes the lock once, not twice. flock conflicts between two open files,
# even in one process, so other threads still wait as other processes do.
_held = threading.local()


class IndexBusyError(IndexLoadError):
    """Another writer held the index folder for longer than the wait allowed (one line)."""


def lock_path(index_dir: Path) -> Path:
    """The lock file of an index folder: hidden, beside it, never replaced by the folder swap."""
    index_dir = Path(index_dir)
    return index_dir.parent / f".{index_dir.name}.lock"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextmanager
def writer_lock(
    index_dir: str | Path,
    timeout_s: float = Settings.lock_timeout_s,
    on_wait: Callable[[str], None] | None = _say,
) -> Iterator[None]:
    """Hold the index folder's writer lock; readers never take it and are never blocked.

    A second writer waits, telling `on_wait` once that it does, and gives up after `timeout_s`.
    Temp folders left by killed writers are removed once the lock is held (no writer can own them).

    Args:
        index_dir: the index folder (it need not exist yet; its parent is created).
        timeout_s: longest wait (entry points pass settings.lock_timeout_s, PTC_LOCK_TIMEOUT).
        on_wait: told one line when the lock is busy (default: stderr); None stays silent.

    Raises:
        IndexBusyError: the lock stayed busy for `timeout_s`.
        IndexWriteError: the folder's parent cannot hold the lock file (not a folder, read-only).
    """
    index_dir = Path(index_dir)
    path = lock_path(index_dir)
    key = str(path.absolute())
    if not hasattr(_held, "locks"):
        _held.locks = {}
    held: dict[str, int] = _held.locks
    if key in held:
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    prepare_parent(index_dir)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IndexWriteError(
            f"{index_dir}: cannot write here (creating {path.name}: {exc.strerror or exc}); choose another --index path"
        ) from exc
    try:
        _acquire(fd, index_dir, path, timeout_s, on_wait)
        _write_owner(fd)
        held[key] = 1
        try:
            remove_stale_temp_folders(index_dir)
            yield
        finally:
            del held[key]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, index_dir: Path, path: Path, timeout_s: float, on_wait: Callable[[str], None] | None) -> None:
    """flock the file, waiting up to `timeout_s` and saying so once."""
    deadline = time.monotonic() + timeout_s
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                raise IndexWriteError(f"{index_dir}: cannot lock {path} ({exc.strerror or exc})") from exc
        owner = _owner(path)
        if time.monotonic() >= deadline:
            raise IndexBusyError(
                f"{index_dir}: another writer{owner} has held it for over {timeout_s:g} s; try again when it "
                f"finishes (or raise PTC_LOCK_TIMEOUT)"
            )
        if not told and on_wait is not None:
            on_wait(f"{index_dir}: another writer{owner} is updating this index; waiting up to {timeout_s:g} s…")
            told = True
        time.sleep(_POLL_S)


def _write_owner(fd: int) -> None:
    """Record who holds the lock, for the waiting writer's message."""
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)


def _owner(path: Path) -> str:
    """" (process N)" from the lock file, or "" when unknown."""
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def try_writer_lock(index_dir: str | Path) -> "_TryLock":
    """A non-blocking attempt at the writer lock, for readers that tidy up only when no writer runs."""
    return _TryLock(Path(index_dir))


class _TryLock:
    """Context manager: `acquired` says whether the lock was free (never waits, never raises)."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.acquired = False
        self._fd: int | None = None

    def __enter__(self) -> "_TryLock":
        key = str(lock_path(self.index_dir).absolute())
        if key in (getattr(_held, "locks", None) or {}):
            self.acquired = True  # this thread is the writer
            return self
        try:
            self._fd = os.open(lock_path(self.index_dir), os.O_RDWR | os.O_CREAT, 0o644)
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            self.acquired = True
        except OSError:
            self.acquired = False
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._fd is not None:
            if self.acquired:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
