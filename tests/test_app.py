"""End-to-end tests of app.py with Streamlit's AppTest: ask, cite, filter, browse, deep link, upload, first start."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_support import TINY_REPORT, TINY_REPORT_NAME, copy_index, plain, snapshot
from index.text import TOKENIZER_VERSION

APP = Path(__file__).resolve().parent.parent / "app.py"
DE_MINIMIS = "What did the PTC decide on de minimis?"


@pytest.fixture
def start(monkeypatch, embedder, bundled_index_dir):
    """Start the app on an index folder (default: the session's bundled index) and run it once."""
    import index

    # The app caches its model with st.cache_resource for the whole process; hand it the session's.
    monkeypatch.setattr(index, "load_embedder", lambda model: embedder)

    def run(index_dir: Path = bundled_index_dir, query_params: dict | None = None, **env: str) -> AppTest:
        monkeypatch.setenv("PTC_INDEX", str(index_dir))
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        at = AppTest.from_file(str(APP), default_timeout=120)
        at.query_params.update(query_params or {})
        return at.run()

    return run


def ask(at: AppTest, question: str) -> AppTest:
    at.text_input(key="question").input(question).run()
    assert not at.exception, at.exception
    return at


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["tab"] = label
    return at.run()


def test_starts_with_question_box_filters_and_tabs(start):
    at = start()
    assert not at.exception and not at.error
    assert at.text_input(key="question").value == ""
    assert [tab.label for tab in at.tabs] == ["Ask", "Browse", "Add a report"]
    assert at.sidebar.multiselect(key="f_docs").options == ["PTC 241/242 · 24 – 26 October 2023 · PC0737E"]
    assert "E-Commerce" in at.sidebar.multiselect(key="f_items").options
    assert "154 paragraphs" in at.sidebar.caption[0].value


def test_answer_cites_paragraph_68_and_opens_it(start):
    at = ask(start(), DE_MINIMIS)
    answer = at.markdown[0].value
    assert "de minimis" in answer and "**\\[¶68\\]**" in answer
    cited = [e.label for e in at.expander]
    assert cited[0].startswith("PTC 241\\/242 ¶68") and "decision" in cited[0]
    first = at.expander[0]
    assert any("Decision" in m.value for m in first.markdown)  # the badge
    assert any("took note\\, with thanks" in m.value for m in first.markdown)  # the full paragraph
    highlighted = [m.value for e in at.expander for m in e.markdown if ":orange-background[de minimis]" in m.value]
    assert highlighted, "the query's terms are highlighted in the cited discussion paragraphs"
    assert at.get("download_button")[0].proto.label == "Download answer (Markdown)"


def test_question_and_answer_survive_a_visit_to_browse(start):
    at = ask(start(), DE_MINIMIS)
    open_tab(at, "Browse")
    at.selectbox(key="b_item").set_value("VI").run()
    open_tab(at, "Ask")
    assert at.text_input(key="question").value == DE_MINIMIS
    assert at.expander[0].label.startswith("PTC 241\\/242 ¶68")
    open_tab(at, "Browse")
    assert at.selectbox(key="b_item").value == "VI"


def test_neighbours_on_demand(start):
    at = ask(start(), DE_MINIMIS)
    assert not any("¶67" in plain(c.value) for c in at.expander[0].caption)
    at.toggle(key="ask-PC0737E-68-nb").set_value(True).run()
    captions = [plain(c.value) for c in at.expander[0].caption]
    assert any(c.startswith("Previous: ¶67") for c in captions)
    assert any(c.startswith("Next: ¶69") for c in captions)


def test_unanswerable_question_is_honest_and_shows_related(start):
    at = ask(start(), "What is the population of the capital city of Australia?")
    assert at.info and "not" in at.info[0].value.lower()
    assert at.subheader[0].value == "Related paragraphs"
    assert at.expander


def test_filter_by_item_and_decisions_only(start):
    at = start()
    at.sidebar.multiselect(key="f_items").select("Green Customs")
    at.sidebar.toggle(key="f_decisions").set_value(True)
    ask(at, "What did the PTC agree?")
    labels = [e.label for e in at.expander]
    assert labels
    assert all("Item VI Green Customs" in label and label.endswith("decision") for label in labels), labels


def test_item_filter_keeps_to_the_report_whose_item_has_that_title(start, tmp_path, bundled_index_dir):
    # Both reports number an item I (zebra crossings in PTC 999, the opening in PTC 241/242).
    settings = copy_index(bundled_index_dir, tmp_path)
    at = upload(start(settings.index_dir), TINY_REPORT_NAME, TINY_REPORT.encode("utf-8"))
    open_tab(at, "Ask")
    at.sidebar.multiselect(key="f_items").select("Zebra Crossings at Border Posts")
    ask(at, "What is the capital of Mongolia?")
    labels = [e.label for e in at.expander]
    assert len(labels) == 3 and all(label.startswith("PTC 999 ¶") for label in labels), labels


def test_browse_report_agenda_item_paragraphs(start):
    at = open_tab(start(), "Browse")
    assert at.selectbox(key="b_doc").value == "PC0737E"
    at.selectbox(key="b_item").set_value("V").run()
    headers = [m.value for m in at.markdown if m.value.startswith("**¶")]
    assert headers[0] == "**¶37**" and headers[-1].startswith("**¶68**")
    assert len(headers) == 68 - 37 + 1
    assert "Decision" in headers[-1] and "Decision" not in headers[0]
    assert any("e\\. Outline of a new WCO tool" in m.value for m in at.markdown)  # sub-item headings


def test_brief_me_on_this_item_in_browse(start):
    at = open_tab(start(), "Browse")
    at.selectbox(key="b_item").set_value("VI").run()
    at.toggle(key="b_brief-PC0737E-VI").set_value(True).run()
    assert not at.exception
    brief = next(m.value for m in at.markdown if "took note of the updates to the Green Customs Action Plan" in m.value)
    assert brief.index("took note of the updates to the Green Customs Action Plan") < brief.index("¶76")
    assert any(b.label == "Download briefing (Markdown)" for b in at.get("download_button"))


def test_deep_link_opens_browse_at_the_paragraph(start):
    at = start(query_params={"doc": "PC0737E", "p": "68"})
    assert not at.exception
    assert at.session_state["tab"] == "Browse"
    assert at.selectbox(key="b_item").value == "V"
    assert at.info and "took note\\, with thanks" in at.info[0].value
    assert any(m.value.startswith("**¶68**") and "Shared link" in m.value for m in at.markdown)
    assert any("?doc=PC0737E&p=68" in c.value for c in at.code)


def test_deep_link_to_missing_paragraph_says_so(start):
    at = start(query_params={"doc": "PC0737E", "p": "999"})
    open_tab(at, "Browse")
    assert "¶999 of PC0737E" in at.warning[0].value.replace("\\", "")


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    open_tab(at, "Add a report")
    at.file_uploader[0].upload(name, data, "application/octet-stream").run()
    at.button(key="upload_go").click().run()
    assert not at.exception, at.exception
    return at


def test_bad_upload_is_refused_and_index_unchanged(start, tmp_path, bundled_index_dir):
    settings = copy_index(bundled_index_dir, tmp_path)
    before = snapshot(settings.index_dir)
    at = upload(start(settings.index_dir), "broken.pdf", b"%PDF-1.4 not really a PDF")
    assert at.error and at.error[0].value.startswith("broken\\.pdf")
    assert not at.success
    assert snapshot(settings.index_dir) == before
    assert not settings.uploads_path.exists()


def test_good_upload_is_searchable_at_once(start, tmp_path, bundled_index_dir):
    settings = copy_index(bundled_index_dir, tmp_path)
    at = upload(start(settings.index_dir), TINY_REPORT_NAME, TINY_REPORT.encode("utf-8"))
    assert "Added PC0999E" in plain(at.success[0].value)
    assert at.file_uploader[0].value is None  # emptied for the next report
    assert len(at.sidebar.multiselect(key="f_docs").options) == 2
    open_tab(at, "Ask")
    ask(at, "What was said about zebra crossings?")
    assert at.expander[0].label.startswith("PTC 999 ¶")


def test_first_start_builds_the_index_with_progress(start, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / TINY_REPORT_NAME).write_text(TINY_REPORT, encoding="utf-8")
    index_dir = tmp_path / "fresh" / "index"
    at = start(index_dir, PTC_REPORTS=str(reports))
    assert not at.exception and not at.error
    assert at.status[0].label.startswith("Index built") and at.status[0].state == "complete"
    assert index_dir.is_dir()
    ask(at, "zebra crossings")
    assert at.expander[0].label.startswith("PTC 999 ¶")


def test_an_index_of_an_older_tokenizer_is_updated_in_place_at_start(start, tmp_path, bundled_index_dir):
    settings = copy_index(bundled_index_dir, tmp_path)
    path = settings.index_dir / "manifest.json"
    manifest = json.loads(path.read_text())
    del manifest["tokenizer_version"]  # written by the version 1 tokenizer, which stored "norway's"
    path.write_text(json.dumps(manifest))
    vectors = (settings.index_dir / "window_vectors.npy").read_bytes()
    at = start(settings.index_dir, PTC_REPORTS=str(tmp_path / "no-reports"))
    assert not at.exception and not at.error
    assert at.status[0].label.startswith("Index updated") and at.status[0].state == "complete"
    assert json.loads(path.read_text())["tokenizer_version"] == TOKENIZER_VERSION
    assert (settings.index_dir / "window_vectors.npy").read_bytes() == vectors  # nothing embedded again
    assert "154 paragraphs" in at.sidebar.caption[0].value
    at.run()  # the next rerun finds it current
    assert not at.status and not at.error
    ask(at, DE_MINIMIS)
    assert "**\\[¶68\\]**" in at.markdown[0].value


def test_first_start_without_reports_offers_upload(start, tmp_path):
    at = start(tmp_path / "none" / "index", PTC_REPORTS=str(tmp_path / "empty"))
    assert not at.exception and not at.error
    assert "No reports indexed yet" in at.info[0].value


def test_unreadable_report_at_first_start_is_named_and_upload_still_offered(start, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "broken.pdf").write_bytes(b"%PDF-1.4 not really a PDF")
    index_dir = tmp_path / "fresh" / "index"
    at = start(index_dir, PTC_REPORTS=str(reports))
    assert not at.exception
    assert "broken.pdf" in plain(at.error[0].value)
    assert not index_dir.exists()
    open_tab(at, "Add a report")
    assert at.file_uploader


def test_a_corpus_over_the_cap_is_not_embedded_in_the_background(start, monkeypatch, tmp_path, bundled_index_dir):
    import index.multilingual as multilingual

    started = []
    monkeypatch.setattr(multilingual, "build_in_background", started.append)
    settings = copy_index(bundled_index_dir, tmp_path)
    at = start(settings.index_dir, PTC_WARM_MULTILINGUAL="1", PTC_WARM_MAX_PARAGRAPHS="100")  # 154 paragraphs
    assert not at.exception and started == []


@pytest.mark.parametrize("warm", ["1", "0"])
def test_loading_the_index_starts_the_multilingual_build_in_the_background(start, monkeypatch, tmp_path, bundled_index_dir, warm):
    import index.multilingual as multilingual

    started = []
    monkeypatch.setattr(multilingual, "build_in_background", started.append)
    settings = copy_index(bundled_index_dir, tmp_path)  # a folder of its own: the app's index cache cannot answer
    at = start(settings.index_dir, PTC_WARM_MULTILINGUAL=warm)
    assert not at.exception
    assert [index.index_dir for index in started] == ([settings.index_dir] if warm == "1" else [])


def test_a_bad_fitted_model_file_is_named_in_one_line(start, monkeypatch, tmp_path):
    import settings

    bad = tmp_path / "answerability.json"
    bad.write_text("[]", encoding="utf-8")
    monkeypatch.setattr(settings, "ANSWERABILITY_FILE", bad)  # the default path, read when the app loads its settings
    at = start()
    assert not at.exception
    assert [plain(e.value) for e in at.error] == [
        f"{bad}: not an answerability model: input should be an object; re-run `python -m eval.calibrate --write`"
    ]
