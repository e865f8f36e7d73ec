"""Embedding cache: window vectors by hash of model and text, so identical text is embedded once."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

Entry = tuple[np.ndarray, np.ndarray]  # (window vector (dim,), span sums (spans, dim))


def default_cache_path(index_dir: Path) -> Path:
    """Where an index folder's cache lives: beside it (the index folder itself is replaced on every update)."""
    index_dir = Path(index_dir)
    return index_dir.parent / f"{index_dir.name}-cache" / "embeddings.sqlite"


def cache_key(model: str, text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The key of one window: sha256 of the model identity, the text and its sentence spans."""
    digest = hashlib.sha256(model.encode())
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    digest.update(b"\0")
    digest.update(",".join(f"{a}-{b}" for a, b in spans).encode())
    return digest.hexdigest()


class EmbeddingCache:
    """Vectors by `cache_key` in a SQLite file (or in memory when `path` is None).

    A damaged or unwritable cache file is set aside and the cache works in memory: it only saves
    time, so it never stops an ingest.
    """

    def __init__(self, path: Path | None, dim: int) -> None:
        """Open (or create) the cache.

        Args:
            path: the SQLite file, None for memory only.
            dim: vector dimension of the model.
        """
        self.dim = dim
        self.path = path
        self._db = self._open(path)

    def _open(self, path: Path | None) -> sqlite3.Connection:
        """Connect and create the table; a memory database when the file cannot be used."""
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=30)
                db.execute("CREATE TABLE IF NOT EXISTS windows (key TEXT PRIMARY KEY, vector BLOB, spans BLOB)")
                db.commit()
                return db
            except (OSError, sqlite3.Error):
                self.path = None
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE windows (key TEXT PRIMARY KEY, vector BLOB, spans BLOB)")
        return db

    def get_many(self, keys: Iterable[str]) -> dict[str, Entry]:
        """The cached entries among `keys` (missing keys are absent from the result)."""
        keys = list(dict.fromkeys(keys))
        found: dict[str, Entry] = {}
        for start in range(0, len(keys), 500):  # SQLite caps the number of parameters
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(f"SELECT key, vector, spans FROM windows WHERE key IN ({marks})", chunk).fetchall()
            except sqlite3.Error:
                return found
            for key, vector, spans in rows:
                vector = np.frombuffer(vector, dtype=np.float32)
                if vector.shape != (self.dim,):
                    continue  # another model's dimension under a colliding name: embed again
                found[key] = (vector, np.frombuffer(spans, dtype=np.float32).reshape(-1, self.dim))
        return found

    def put_many(self, entries: dict[str, Entry]) -> None:
        """Store entries (existing keys are overwritten)."""
        rows = [
            (key, np.ascontiguousarray(v, np.float32).tobytes(), np.ascontiguousarray(s, np.float32).tobytes())
            for key, (v, s) in entries.items()
        ]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO windows VALUES (?, ?, ?)", rows)
        except sqlite3.Error:
            pass  # a full disk or a locked file costs a re-embed next time, nothing else

    def close(self) -> None:
        """Close the database."""
        self._db.close()
