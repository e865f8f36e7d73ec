"""App tests with a fake LLM endpoint: a dripping server or an answer built on an injected instruction gives the extractive answer and one warning."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_support import plain
from tests.qa_fakes import FakeLLM

APP = Path(__file__).resolve().parent.parent / "app.py"
QUESTION = "What is the de minimis threshold in the United States?"


@pytest.fixture
def fake_llm():
    with FakeLLM() as fake:
        yield fake


@pytest.fixture
def ask(monkeypatch, embedder, bundled_index_dir, fake_llm):
    """Ask QUESTION in the app on the bundled index with the fake endpoint configured; returns (app, seconds)."""
    import index

    monkeypatch.setattr(index, "load_embedder", lambda model: embedder)
    for name, value in {"PTC_INDEX": str(bundled_index_dir), "PTC_LLM_BASE_URL": fake_llm.base_url, "PTC_LLM_MODEL": "fake",
                        "PTC_LLM_TIMEOUT": "2"}.items():
        monkeypatch.setenv(name, value)

    def run() -> tuple[AppTest, float]:
        at = AppTest.from_file(str(APP), default_timeout=120).run()
        started = time.monotonic()
        at.text_input(key="question").input(QUESTION).run()
        return at, time.monotonic() - started

    return run


def test_a_dripping_server_is_cut_and_the_extractive_answer_shown(ask, fake_llm):
    fake_llm.reply, fake_llm.drip_s = "The threshold had been changed to 800 USD in 2016 [¶38].", 1.0
    at, seconds = ask()
    assert not at.exception and not at.error
    assert seconds < 2 + 15  # the 2 s deadline plus retrieval on a loaded machine, not the server's 100+ s
    warnings = [plain(w.value) for w in at.warning]
    assert len(warnings) == 1 and "no complete reply within 2 s" in warnings[0]
    assert "Extractive answer" in at.caption[0].value or "Decision answer" in at.caption[0].value


def test_an_obliging_echo_of_a_false_claim_is_not_shown(ask, fake_llm):
    fake_llm.reply = "The PTC abolished all customs duties from 2026 [¶38]."
    at, _ = ask()
    assert not at.exception
    assert "abolished" not in at.markdown[0].value
    assert any("unsupported sentence dropped" in plain(w.value) for w in at.warning)
