"""Tests for the lazy model: opening an index and keyword work never import torch."""
import subprocess
import sys

from index.embedder import lazy_embedder
from settings import load_settings
from tests.conftest import PROJECT_ROOT


def test_lazy_embedder_reads_the_shape_the_model_has(embedder):
    lazy = lazy_embedder(load_settings().model)
    assert (lazy.name, lazy.version, lazy.dim, lazy.max_tokens) == (embedder.name, embedder.version, embedder.dim, embedder.max_tokens)


def test_load_and_keyword_search_do_not_import_torch(bundled_index_dir):
    script = f"""
import sys
from index import Index
index = Index.load({str(bundled_index_dir)!r})
assert not index.embedder.loaded
scores = index.keyword.scores("de minimis threshold")
assert scores.max() > 0, scores.max()
assert index.paragraph("PC0737E", 68) is not None and index.sentences("PC0737E", 68)
assert index.sentence_vectors("PC0737E", 68).shape[1] == index.embedder.dim
heavy = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
assert not heavy, heavy
index.embedder.load_in_background()  # as the app does; the question below races it for the one load
hits = index.search("What did the PTC decide on de minimis?", k=3)  # a question loads the model, once
assert index.embedder.loaded and "torch" in sys.modules and hits
model = index.embedder.model
import threading
for thread in threading.enumerate():
    if thread.name == "embedder-load":
        thread.join()
assert index.embedder.model is model
index.search("Who presented the PFCWG report?", k=3)
assert index.embedder.model is model
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"


def test_a_model_that_fails_to_load_is_a_one_line_error_at_first_encode(tmp_path, embedder):
    import shutil

    import pytest

    from index.embedder import EmbedderError, resolve_model_dir

    folder = resolve_model_dir(load_settings().model)[0]
    broken = tmp_path / "broken-model"
    shutil.copytree(folder, broken, ignore=shutil.ignore_patterns("*.safetensors", "*.bin"))
    lazy = lazy_embedder(str(broken))  # config files are enough to open an index
    assert (lazy.dim, lazy.loaded) == (embedder.dim, False)
    with pytest.raises(EmbedderError, match="could not be loaded") as error:
        lazy.encode(["de minimis"])
    assert "\n" not in str(error.value)
