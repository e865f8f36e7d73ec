"""The index on disk: a folder of plain files with a checksummed manifest, written atomically."""
from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from index.manifest_schema import manifest_problem
from index.text import TOKENIZER_VERSION
from ingest.records import AgendaItem, Paragraph, Report, ReportMeta

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
PARAGRAPHS = "paragraphs.jsonl"
REPORTS = "reports.json"
VECTORS = "vectors.faiss"  # FAISS index over window vectors (search)
WINDOW_VECTORS = "window_vectors.npy"  # the same vectors, reused when other reports change
WINDOW_PARAGRAPHS = "window_paragraphs.npy"  # paragraph row of each window
SENTENCES = "sentences.jsonl"  # one line per paragraph row: its sentences
SENTENCE_VECTORS = "sentence_vectors.npy"
SENTENCE_OFFSETS = "sentence_offsets.npy"  # row i's sentences are [offsets[i], offsets[i+1])
DATA_FILES = (
    PARAGRAPHS, REPORTS, VECTORS, WINDOW_VECTORS, WINDOW_PARAGRAPHS, SENTENCES, SENTENCE_VECTORS, SENTENCE_OFFSETS,
)


class IndexLoadError(Exception):
    """The index folder cannot be used; the message is one line saying what to run."""


class StaleIndexError(IndexLoadError):
    """The index's keyword tokens come from another tokenizer version; `python -m ingest` rebuilds them."""


class IndexWriteError(IndexLoadError):
    """The index folder cannot be written here (bad path, no permission, disk full); one line."""


@dataclass
class StoredIndex:
    """Everything an index folder holds, in memory (rows follow `paragraphs`)."""

    manifest: dict[str, Any]
    reports: list[Report]  # meta, agenda and warnings; paragraphs are in `paragraphs`
    paragraphs: list[Paragraph]
    faiss_index: faiss.Index
    window_vectors: np.ndarray  # float32 (windows, dim)
    window_paragraphs: np.ndarray  # int64 (windows,)
    sentences: list[list[str]]
    sentence_vectors: np.ndarray  # float32 (sentences, dim)
    sentence_offsets: np.ndarray  # int64 (paragraphs + 1,)
    # Structures derived at ingest (keyword index, glossary, ...): file name -> array (.npy, memory-mapped
    # when read) or JSON document (.json, parsed on first access). Checksummed like the files above.
    derived: Mapping[str, Any] = field(default_factory=dict)


def rebuild_hint(index_dir: Path) -> str:
    """The command that rebuilds an index folder from scratch."""
    return f"delete {index_dir} and run `python -m ingest data/reports --index {index_dir}`"


def tokenizer_version(manifest: Mapping[str, Any]) -> int:
    """The keyword tokenizer version an index's tokens were made with (1 when the manifest predates the field)."""
    version = manifest.get("tokenizer_version", 1)
    return version if isinstance(version, int) else 0


def tokens_stale(index_dir: Path) -> bool:
    """Whether an index folder holds a valid manifest whose keyword tokens another tokenizer version made.

    Cheap (the manifest only) and silent: a missing or broken index is not stale, loading it says what is wrong.
    """
    try:
        manifest = read_manifest(index_dir, stale_tokens=True)
    except IndexLoadError:
        return False
    return tokenizer_version(manifest) != TOKENIZER_VERSION


def sha256_file(path: Path) -> str:
    """sha256 hex digest of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def corpus_hash(content_hashes: list[str]) -> str:
    """One hash for the whole corpus: the sorted report content hashes, hashed."""
    return hashlib.sha256("\n".join(sorted(content_hashes)).encode()).hexdigest()


def write_index(index_dir: Path, stored: StoredIndex, before_swap: Any = None) -> None:
    """Write an index folder atomically: a temp folder beside it, then swapped into place.

    A reader sees either the old or the new folder; a crash leaves the old one intact.

    Args:
        index_dir: the target folder.
        stored: the contents; `stored.manifest` gets `format_version`, `created` and `files` filled in.
        before_swap: called with the temp folder once it is complete (tests use it).
    """
    index_dir = Path(index_dir)
    prepare_parent(index_dir)
    recover(index_dir)
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{index_dir.name}.tmp-", dir=index_dir.parent))
    except OSError as exc:
        raise IndexWriteError(f"{index_dir}: cannot write the index here ({_reason(exc)})") from exc
    try:
        _write_files(tmp, stored)
        if before_swap is not None:
            before_swap(tmp)
        _swap_into_place(tmp, index_dir)
    except OSError as exc:
        raise IndexWriteError(f"{index_dir}: writing the index failed ({_reason(exc)}); the previous index is kept") from exc
    finally:
        # At once, whatever happened: a failed write leaves no half-written folder behind.
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def prepare_parent(index_dir: Path) -> None:
    """Create the folder an index folder lives in, or say in one line why it cannot be.

    Raises:
        IndexWriteError: a file stands in the way, the path is read-only or not a real folder.
    """
    index_dir = Path(index_dir)
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexWriteError(f"{index_dir}: is a file, not an index folder; choose another --index path")
    try:
        index_dir.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise IndexWriteError(f"{index_dir}: {exc.filename or index_dir.parent} is a file, not a folder; "
                              "choose another --index path") from exc
    except OSError as exc:
        raise IndexWriteError(f"{index_dir}: cannot create its folder ({_reason(exc)}); choose another --index path") from exc
    if not os.access(index_dir.parent, os.W_OK | os.X_OK):
        raise IndexWriteError(f"{index_dir}: {index_dir.parent} is not writable; choose another --index path")


def _reason(exc: OSError) -> str:
    """An OSError as a short phrase without its traceback-style prefix."""
    return exc.strerror or str(exc) or exc.__class__.__name__


def _write_files(folder: Path, stored: StoredIndex) -> None:
    """Write every data file, then the manifest with their checksums, all fsynced."""
    with open(folder / PARAGRAPHS, "w", encoding="utf-8") as handle:
        for paragraph in stored.paragraphs:
            handle.write(json.dumps(paragraph.to_json(), ensure_ascii=False) + "\n")
    reports = [
        {"meta": r.meta.to_json(), "agenda": [vars(a) for a in r.agenda], "warnings": list(r.warnings)}
        for r in stored.reports
    ]
    (folder / REPORTS).write_text(json.dumps(reports, ensure_ascii=False, indent=1), encoding="utf-8")
    with open(folder / SENTENCES, "w", encoding="utf-8") as handle:
        for sentences in stored.sentences:
            handle.write(json.dumps(sentences, ensure_ascii=False) + "\n")
    faiss.write_index(stored.faiss_index, str(folder / VECTORS))
    for name, array in (
        (WINDOW_VECTORS, stored.window_vectors),
        (WINDOW_PARAGRAPHS, stored.window_paragraphs),
        (SENTENCE_VECTORS, stored.sentence_vectors),
        (SENTENCE_OFFSETS, stored.sentence_offsets),
    ):
        np.save(folder / name, np.ascontiguousarray(array), allow_pickle=False)
    derived = _write_derived(folder, stored.derived)
    manifest = dict(stored.manifest)
    manifest["format_version"] = FORMAT_VERSION
    manifest["tokenizer_version"] = TOKENIZER_VERSION
    manifest["created"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    manifest["derived_files"] = derived
    manifest["files"] = {name: sha256_file(folder / name) for name in (*DATA_FILES, *derived)}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    for name in (*DATA_FILES, *derived, MANIFEST):
        _fsync(folder / name)
    _fsync(folder)


def _write_derived(folder: Path, derived: Mapping[str, Any]) -> list[str]:
    """Write the derived files (.npy arrays, .json documents); return their names, sorted."""
    for name, value in derived.items():
        if name.endswith(".npy"):
            np.save(folder / name, np.ascontiguousarray(value), allow_pickle=False)
        elif name.endswith(".json"):
            (folder / name).write_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        else:
            raise ValueError(f"derived file {name!r} must end in .npy or .json")
    return sorted(derived)


class _DerivedFiles(Mapping):
    """The derived files of an index folder: arrays memory-mapped now, JSON parsed on first access.

    Every file is opened when the index is read, so a later swap of the folder (another writer)
    never mixes files of two index versions.
    """

    def __init__(self, folder: Path, names: list[str]) -> None:
        self._folder, self._names = folder, list(names)
        self._values: dict[str, Any] = {}
        self._handles: dict[str, Any] = {}
        for name in self._names:
            if name.endswith(".npy"):
                self._values[name] = np.load(folder / name, mmap_mode="r", allow_pickle=False)
            else:
                self._handles[name] = open(folder / name, "rb")  # noqa: SIM115 - closed once parsed

    def __getitem__(self, name: str) -> Any:
        if name not in self._values:
            handle = self._handles.pop(name)  # KeyError for an unknown name
            with handle:
                try:
                    self._values[name] = json.loads(handle.read().decode("utf-8"))
                except (OSError, ValueError) as exc:
                    raise IndexLoadError(f"{self._folder / name}: unreadable ({exc}); {rebuild_hint(self._folder)}") from exc
        return self._values[name]

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def derived_names(manifest: dict[str, Any]) -> list[str]:
    """Names of the derived files an index folder's manifest lists."""
    names = manifest.get("derived_files", [])
    if not isinstance(names, list) or not all(isinstance(n, str) and "/" not in n and n.endswith((".npy", ".json")) for n in names):
        raise ValueError("manifest lists derived files with bad names")
    return names


def _fsync(path: Path) -> None:
    """Flush a file or folder to disk so a rename never publishes unwritten data."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rename_exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux renameat2(RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _swap_into_place(tmp: Path, index_dir: Path) -> None:
    """Publish `tmp` as `index_dir`, removing the previous folder afterwards."""
    if not index_dir.exists():
        os.rename(tmp, index_dir)
    elif _rename_exchange(tmp, index_dir):
        shutil.rmtree(tmp, ignore_errors=True)  # now holds the previous index
    else:
        # Two renames; `recover` restores the old folder if we die between them.
        old = index_dir.parent / f".{index_dir.name}.old"
        if old.exists():
            shutil.rmtree(old)
        os.rename(index_dir, old)
        os.rename(tmp, index_dir)
        shutil.rmtree(old, ignore_errors=True)
    _fsync(index_dir.parent)


def publish_folder(tmp: Path, target: Path) -> None:
    """Replace `target` by the complete folder `tmp` in one step, as the index itself is replaced.

    A crash leaves either folder whole; `recover(target)` restores the old one if neither is in place.
    """
    _swap_into_place(Path(tmp), Path(target))


def recover(index_dir: Path) -> None:
    """Undo an interrupted swap: the previous folder goes back when the new one never arrived.

    Call it holding the writer lock (index.lock), or through `read_manifest`, which does so only
    when no writer runs: a writer between its two renames must not see its old folder move back.

    Args:
        index_dir: the index folder.
    """
    old = index_dir.parent / f".{index_dir.name}.old"
    if old.exists() and not index_dir.exists():
        os.rename(old, index_dir)


def remove_stale_temp_folders(index_dir: Path) -> list[Path]:
    """Delete the temp folders of writers that died; call only while holding the writer lock.

    Under the lock no other writer runs, so every temp folder beside the index is abandoned.

    Returns:
        The folders removed.
    """
    index_dir = Path(index_dir)
    recover(index_dir)
    removed = []
    for leftover in index_dir.parent.glob(f".{index_dir.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover)
    return removed


def _recover_if_idle(index_dir: Path) -> None:
    """A reader's `recover`: only when an interrupted swap is visible and no writer holds the lock."""
    if index_dir.exists() or not (index_dir.parent / f".{index_dir.name}.old").exists():
        return
    from index.lock import try_writer_lock

    with try_writer_lock(index_dir) as lock:
        if lock.acquired:
            recover(index_dir)


def read_manifest(index_dir: Path, stale_tokens: bool = False) -> dict[str, Any]:
    """The manifest of an index folder.

    Args:
        index_dir: the index folder.
        stale_tokens: accept keyword tokens of another tokenizer version (an update re-derives them).

    Raises:
        IndexLoadError: when the folder or its manifest is missing or unreadable.
        StaleIndexError: its keyword tokens come from another tokenizer version (unless `stale_tokens`).
    """
    index_dir = Path(index_dir)
    try:
        _recover_if_idle(index_dir)
        is_dir = index_dir.is_dir()
    except OSError:
        is_dir = False
    path = index_dir / MANIFEST
    if not is_dir:
        raise IndexLoadError(f"{index_dir}: no index here; run `python -m ingest data/reports --index {index_dir}`")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexLoadError(f"{path}: missing or unreadable manifest ({exc.__class__.__name__}); {rebuild_hint(index_dir)}") from exc
    version = manifest.get("format_version") if isinstance(manifest, dict) else None
    if isinstance(manifest, dict) and version != FORMAT_VERSION:
        raise IndexLoadError(
            f"{index_dir}: index format version {version} but this program reads "
            f"version {FORMAT_VERSION}; {rebuild_hint(index_dir)}"
        )
    problem = manifest_problem(manifest, DATA_FILES)
    if problem is not None:
        raise IndexLoadError(f"{path}: invalid manifest ({_one_line(problem)}); {rebuild_hint(index_dir)}")
    version = tokenizer_version(manifest)
    if not stale_tokens and version != TOKENIZER_VERSION:
        # Vectors and paragraphs are still good: an update in place rebuilds the keyword data, no delete needed.
        raise StaleIndexError(
            f"{index_dir}: keyword tokens made by tokenizer version {version}, this program uses version "
            f"{TOKENIZER_VERSION}; rebuild them with `python -m ingest PATH... --index {index_dir}` (PATH: the "
            "index's report files or folders, e.g. data/reports)"
        )
    return manifest


def _one_line(text: str, limit: int = 200) -> str:
    """Whitespace collapsed and cut, so a hostile value cannot break or flood the message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_index(index_dir: Path, verify: bool = True, stale_tokens: bool = False) -> StoredIndex:
    """Load an index folder, checking every file against the manifest's checksums.

    Args:
        index_dir: the folder written by `write_index`.
        verify: compare sha256 checksums, and check every row (finite vectors, texts matching their
            sentences); skipping it only saves time on very large indexes. Shapes, counts and offsets
            are always checked.
        stale_tokens: accept keyword tokens of another tokenizer version (`read_manifest`).

    Returns:
        The StoredIndex.

    Raises:
        IndexLoadError: missing folder, other format version, missing or corrupt files.
        StaleIndexError: keyword tokens of another tokenizer version (unless `stale_tokens`).
    """
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir, stale_tokens)
    files = manifest.get("files", {})
    try:
        derived = derived_names(manifest)
    except ValueError as exc:
        raise IndexLoadError(f"{index_dir / MANIFEST}: {exc}; {rebuild_hint(index_dir)}") from exc
    for name in (*DATA_FILES, *derived):
        path = index_dir / name
        if not path.is_file():
            raise IndexLoadError(f"{path}: file missing from the index; {rebuild_hint(index_dir)}")
        if verify and sha256_file(path) != files.get(name):
            raise IndexLoadError(f"{path}: checksum does not match the manifest (corrupt); {rebuild_hint(index_dir)}")
    try:
        stored = _read_files(index_dir, manifest)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError) as exc:
        raise IndexLoadError(f"{index_dir}: unreadable index ({_one_line(str(exc))}); {rebuild_hint(index_dir)}") from exc
    from index.integrity import consistency_problem  # it reads this module's file names

    problem = consistency_problem(stored, deep=verify)
    if problem is not None:
        raise IndexLoadError(f"{index_dir}: inconsistent index ({_one_line(problem)}); {rebuild_hint(index_dir)}")
    return stored


def _read_files(folder: Path, manifest: dict[str, Any]) -> StoredIndex:
    """Parse the data files of a verified index folder."""
    with open(folder / PARAGRAPHS, encoding="utf-8") as handle:
        paragraphs = [Paragraph.from_json(json.loads(line)) for line in handle if line.strip()]
    reports = [
        Report(
            meta=ReportMeta(**entry["meta"]),
            agenda=[AgendaItem(**a) for a in entry["agenda"]],
            warnings=list(entry.get("warnings", [])),
        )
        for entry in json.loads((folder / REPORTS).read_text(encoding="utf-8"))
    ]
    with open(folder / SENTENCES, encoding="utf-8") as handle:
        sentences = [json.loads(line) for line in handle if line.strip()]
    # Vectors are memory-mapped: loading does not read them, and the OS shares their pages
    # between processes serving the same index.
    arrays = {
        name: np.load(folder / name, allow_pickle=False, mmap_mode="r")
        for name in (WINDOW_VECTORS, WINDOW_PARAGRAPHS, SENTENCE_VECTORS, SENTENCE_OFFSETS)
    }
    # Checked before the casts below, which would turn floats into row numbers silently.
    for name, kind in ((WINDOW_VECTORS, np.floating), (SENTENCE_VECTORS, np.floating),
                       (WINDOW_PARAGRAPHS, np.integer), (SENTENCE_OFFSETS, np.integer)):
        if not np.issubdtype(arrays[name].dtype, kind):
            raise ValueError(f"{name}: holds {arrays[name].dtype} values, expected {kind.__name__}")
    stored = StoredIndex(
        manifest=manifest,
        reports=reports,
        paragraphs=paragraphs,
        faiss_index=faiss.read_index(str(folder / VECTORS)),
        window_vectors=arrays[WINDOW_VECTORS].astype(np.float32, copy=False),
        window_paragraphs=arrays[WINDOW_PARAGRAPHS].astype(np.int64, copy=False),
        sentences=sentences,
        sentence_vectors=arrays[SENTENCE_VECTORS].astype(np.float32, copy=False),
        sentence_offsets=arrays[SENTENCE_OFFSETS].astype(np.int64, copy=False),
        derived=_DerivedFiles(folder, derived_names(manifest)),
    )
    return stored

