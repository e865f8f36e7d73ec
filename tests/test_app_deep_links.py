"""App tests of deep links (`?doc=...&p=...`): a bad link gives a one-line notice and the normal page, never a traceback."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_support import plain

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture
def start(monkeypatch, embedder, bundled_index_dir):
    """Start the app on the session's bundled index with the given query parameters."""
    import index

    monkeypatch.setattr(index, "load_embedder", lambda model: embedder)
    monkeypatch.setenv("PTC_INDEX", str(bundled_index_dir))

    def run(query_params: dict[str, str]) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params.update(query_params)
        return at.run()

    return run


@pytest.mark.parametrize(
    "params, notice",
    [
        ({"doc": "PC0737E", "p": "²"}, "The link's paragraph “²” is not a paragraph number or label."),
        ({"doc": "PC0737E", "p": "9" * 5000}, "The link's paragraph “99999999999999999999…” is not a paragraph number or label."),
        ({"doc": "PC0737E", "p": "-3"}, "The link's paragraph “-3” is not a paragraph number or label."),
        ({"doc": "NOPE", "p": "68"}, "The link points to ¶68 of NOPE, which is not in the index."),
        ({"doc": "PC0737E", "p": "999"}, "The link points to ¶999 of PC0737E, which is not in the index."),
        ({"p": "68"}, "The link needs both a report and a paragraph, e.g. ?doc=PC0737E&p=68."),
        ({"doc": "<script>alert(1)</script>", "p": "1"}, "The link points to ¶1 of <script>alert(1)</script>, which is not in the index."),
    ],
    ids=["superscript", "5000-digits", "negative", "unknown-doc", "unknown-paragraph", "no-doc", "markup-doc"],
)
def test_a_bad_link_gives_one_notice_and_the_normal_page(start, params, notice):
    at = start(params)
    assert not at.exception
    assert [plain(w.value) for w in at.warning] == [notice]
    assert [tab.label for tab in at.tabs] == ["Ask", "Browse", "Add a report"]
    assert at.text_input(key="question").value == ""  # the Ask tab is there as usual
    assert not at.error
    shown = " ".join(str(e.value) for kind in (at.markdown, at.caption, at.warning, at.info, at.code) for e in kind)
    assert "Traceback" not in shown and "/site-packages/" not in shown and str(APP.parent) not in shown


def test_a_bad_link_leaves_browse_usable(start):
    at = start({"doc": "PC0737E", "p": "²"})
    at.session_state["tab"] = "Browse"
    at.run()
    assert not at.exception
    assert at.selectbox(key="b_doc").value == "PC0737E"
    assert any(m.value.startswith("**¶") for m in at.markdown)
