"""The Streamlit app: ask the PTC reports, read cited paragraphs in context, browse, filter, add reports, export."""
from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

import streamlit as st

import qa
from index import (
    Embedder,
    EmbedderError,
    Filters,
    Index,
    IndexLoadError,
    IndexUpdateError,
    lazy_embedder,
    update_index,
)
from index.build import update_reports
from index.lock import writer_lock
from index.store import tokens_stale
from ingest import IngestError
from ingest.records import AgendaItem, Paragraph, as_ref
from qa.answer import Answer, cite_label, display_text, source_line
from qa.briefing import brief_item
from qa.corpus import corpus_for
from settings import RankingConfig, Settings, SettingsError, load_settings
from ui.labels import (
    DeepLinkError,
    agenda_label,
    item_label,
    parse_deep_link,
    report_label,
    share_link,
    subitem_label,
    widget_ref,
)
from ui.markdown import escape, paragraph_markdown, query_terms
from ui.upload import UploadError, add_upload, kept_reports, remove_report, report_files_in

TABS = ("Ask", "Browse", "Add a report")
KEPT_WIDGETS = ("question", "b_doc", "b_item")
EXAMPLES = (
    "What did the PTC decide on de minimis?",
    "What came out of the green customs item?",
    "Who presented on the passenger working group?",
)


@st.cache_resource(show_spinner="Loading the language model…")
def get_embedder(model: str) -> Embedder:
    """The embedding model, loaded once per process and shared by every session.

    It loads in the background, so the first page shows without waiting for it; the first
    question waits only for what is left of the load.
    """
    embedder = lazy_embedder(model)
    embedder.load_in_background()
    return embedder


@st.cache_resource(show_spinner="Loading the index…", max_entries=2)
def get_index(
    index_dir: str, stamp: tuple[int, int], model: str, warm: bool, warm_cap: int, ranking: RankingConfig | None = None
) -> Index:
    """The index at `index_dir`, ranking with `ranking` (settings.ranking); `stamp` changes whenever the folder is
    replaced, so a new index is loaded."""
    index = Index.load(Path(index_dir), embedder=get_embedder(model), ranking=ranking)
    if warm:
        warm_multilingual(index, warm_cap)
    return index


def warm_multilingual(index: Index, cap: int) -> None:
    """Start building the index's multilingual vectors (and loading the language detector) in the
    background, so a French or Spanish question asked a little later need not wait for them; one
    asked during the build waits for it (settings.warm_multilingual; PTC_WARM_MULTILINGUAL=0 leaves both to
    the first such question)."""
    from index.multilingual import build_in_background, cache_dir
    from qa.language import warm_up

    # Two threads: the detector loads in seconds, so a French question need not queue behind the build for it.
    threading.Thread(target=_quietly, args=(warm_up,), name="language-warm-up", daemon=True).start()
    # Embedding a large corpus with the multilingual model takes hours on 2 cores and would slow every
    # English answer meanwhile: beyond the cap, only vectors built ahead (python -m index.multilingual) are read.
    if len(index.paragraphs) <= cap or cache_dir(Path(index.index_dir)).is_dir():
        build_in_background(index)


def _quietly(task: Callable[[], object]) -> None:
    """Run a warm-up task, dropping its error: the first question that needs it raises it again, with its message."""
    try:
        task()
    except Exception:  # noqa: BLE001 - see the docstring
        pass


@st.cache_resource
def index_lock() -> threading.Lock:
    """One writer at a time: the first-start build and uploads from any session."""
    return threading.Lock()


def index_stamp(index_dir: Path) -> tuple[int, int] | None:
    """Identity of the index folder on disk (inode, mtime); None when there is no index yet."""
    try:
        info = index_dir.stat()
    except OSError:  # missing, or a path through a file (`file.md/idx`): no index there
        return None
    return (info.st_ino, info.st_mtime_ns)


def build_index_if_missing(settings: Settings, embedder: Embedder) -> None:
    """On first start, index the reports folder and then any kept uploads, showing progress; an index
    whose keyword tokens an older tokenizer made is brought up to date instead (`refresh_stale_tokens`)."""
    stamp = index_stamp(settings.index_dir)
    if stamp is not None:
        if stale_at(str(settings.index_dir), stamp):
            refresh_stale_tokens(settings, embedder)
        return
    # The thread lock orders this process's sessions; the file lock, other processes (`python -m ingest`).
    with index_lock(), writer_lock(settings.index_dir, settings.lock_timeout_s, on_wait=_say_waiting):
        if index_stamp(settings.index_dir) is not None:
            return  # another session or process built it while we waited
        with st.status("First start: building the index…", expanded=True) as status:
            started = time.perf_counter()
            files = report_files_in(settings.reports_dir)
            if files:
                st.write(escape(f"Reading and embedding {len(files)} report(s) from {settings.reports_dir}…"))
                summary = update_index(files, settings.index_dir, embedder=embedder, progress=False, max_text_mb=settings.max_text_mb)
                st.write(escape(str(summary)))
            # Uploads go second: one that replaced a bundled report (same id) replaces it again.
            uploads, skipped = kept_reports(settings.uploads_path, settings.max_text_mb)
            for warning in skipped:
                st.warning(escape(warning))
            if uploads:
                st.write(escape(f"Embedding {len(uploads)} uploaded report(s)…"))
                st.write(escape(str(update_reports(uploads, settings.index_dir, embedder=embedder, progress=False))))
            seconds = time.perf_counter() - started
            status.update(label=f"Index built in {seconds:.0f} s", state="complete", expanded=False)


@st.cache_data(show_spinner=False)
def stale_at(index_dir: str, stamp: tuple[int, int]) -> bool:
    """`index.store.tokens_stale`, read once per folder version (`stamp`) rather than on every rerun."""
    return tokens_stale(Path(index_dir))


def refresh_stale_tokens(settings: Settings, embedder: Embedder) -> None:
    """Make the keyword data of an index written by an older tokenizer again, in place, showing progress.

    Every report in it (bundled and uploaded) stays, with its vectors: nothing is embedded. The update
    writes a temp folder and swaps it in under the writer lock, so a failure leaves the old folder whole.
    """
    with index_lock(), writer_lock(settings.index_dir, settings.lock_timeout_s, on_wait=_say_waiting):
        if not tokens_stale(settings.index_dir):
            return  # another session or process updated it while we waited
        with st.status("Updating the index for this version…", expanded=True) as status:
            started = time.perf_counter()
            st.write(escape(str(update_reports([], settings.index_dir, embedder=embedder, progress=False))))
            seconds = time.perf_counter() - started
            status.update(label=f"Index updated in {seconds:.0f} s", state="complete", expanded=False)


def load_index(settings: Settings) -> Index | None:
    """The current index (cached), or None when there is none yet."""
    stamp = index_stamp(settings.index_dir)
    if stamp is None:
        return None
    return get_index(
        str(settings.index_dir), stamp, settings.model, settings.warm_multilingual, settings.multilingual_warm_max_paragraphs,
        settings.ranking,
    )


def sidebar_filters(index: Index | None) -> tuple[Filters | None, int]:
    """The sidebar: reports, agenda items, decisions only and number of results."""
    st.sidebar.header("Filters")
    reports = index.reports if index else []
    by_id = {meta.id: meta for meta in reports}
    docs = st.sidebar.multiselect(
        "Reports (sessions)", list(by_id), format_func=lambda d: report_label(by_id[d]), key="f_docs",
        placeholder="All reports",
    )
    # A title stands for its item in each report that has it: numerals differ between reports.
    # Read from the per-index facts (one entry per report and item), not from every paragraph on every rerun.
    titles: dict[str, set[tuple[str, str]]] = {}
    allowed = set(docs or by_id)
    for (doc, item), paras in corpus_for(index).items.items() if index else ():
        if doc in allowed and item:
            titles.setdefault(paras[0].item_title, set()).add((doc, item))  # ingest gives an item one title
    chosen = st.sidebar.multiselect("Agenda items", sorted(titles), key="f_items", placeholder="All items")
    decisions_only = st.sidebar.toggle("Decisions only", key="f_decisions")
    k = st.sidebar.slider("Number of results", min_value=3, max_value=30, value=10, key="f_k")
    if index is not None:
        st.sidebar.caption(f"{len(reports)} report(s), {len(index.paragraphs)} paragraphs indexed.")
    if not (docs or chosen or decisions_only):
        return None, k
    items = frozenset(item for title in chosen for item in titles[title]) or None
    return Filters(docs=frozenset(docs) or None, items=items, decisions_only=decisions_only), k


def show_paragraph(para: Paragraph, index: Index, names: dict[str, str], terms: frozenset[str], key: str) -> None:
    """One paragraph in full: where it sits, a decision badge, highlighted text, neighbours and a share link."""
    where = [names.get(para.doc, para.doc), item_label(para), subitem_label(para), para.heading or ""]
    if para.page:
        where.append(f"page {para.page}")
    st.caption(escape(" · ".join(part for part in where if part)))
    if para.decision:
        st.badge("Decision", icon=":material/gavel:", color="green")
    st.markdown(paragraph_markdown(para.text, terms))
    left, right = st.columns([3, 1])
    show_neighbours = left.toggle("Previous and next paragraphs", key=f"{key}-nb")
    with right.popover("Share", icon=":material/link:"):
        st.code(share_link(st.context.url or "", para.doc, para.ref), language=None, wrap_lines=True)
    if show_neighbours:
        before, after = index.neighbours(para.doc, para.ref)
        for label, other in (("Previous", before), ("Next", after)):
            if other is None:
                st.caption(f"{label}: none (start or end of the report)")
                continue
            with st.container(border=True):
                st.caption(escape(f"{label}: {other.ref} · {item_label(other)}"))
                st.markdown(paragraph_markdown(other.text, terms))


def answer_markdown(answer: Answer) -> str:
    """The answer text, escaped, one sentence a line, each followed by its bold inline citation."""
    if not answer.statements:
        return escape(answer.text)
    return "  \n".join(
        f"{escape(display_text(s))} **{escape(cite_label(s.citation, answer.report_names))}**" for s in answer.statements
    )


def get_answer(question: str, index: Index, filters: Filters | None, k: int, settings: Settings) -> tuple[Answer, float]:
    """qa's answer, kept for the session so that reruns (e.g. opening neighbours) do not ask again."""
    key = (question, repr(filters), k, index_stamp(settings.index_dir))
    cached = st.session_state.get("answer")
    if cached and cached[0] == key:
        return cached[1], cached[2]
    started = time.perf_counter()
    answer = qa.answer(question, index, k=k, filters=filters, settings=settings)
    seconds = time.perf_counter() - started
    st.session_state["answer"] = (key, answer, seconds)
    return answer, seconds


def ask_tab(index: Index, settings: Settings, filters: Filters | None, k: int) -> None:
    """Question box, answer with inline citations, the cited paragraphs, and the Markdown export."""
    question = st.text_input(
        "Ask a question about the reports", key="question", placeholder=EXAMPLES[0],
        max_chars=settings.max_question_chars,
    ).strip()
    if not question:
        st.caption("For example: " + " · ".join(escape(q) for q in EXAMPLES))
        return
    try:
        answer, seconds = get_answer(question, index, filters, k, settings)
    except qa.QuestionError as err:
        st.warning(escape(str(err)))
        return
    terms = query_terms(question)
    for warning in answer.warnings:
        st.warning(escape(warning))
    if answer.answerable:
        st.markdown(answer_markdown(answer))
        st.caption(f"{answer.mode.capitalize()} answer in {seconds * 1000:.0f} ms. Each sentence cites its paragraph.")
        st.subheader("Cited paragraphs")
        shown = answer.sources
    else:
        st.info(escape(answer.text), icon=":material/help:")
        st.subheader("Related paragraphs")
        shown = [hit.paragraph for hit in answer.hits[:5]]
    names = answer.report_names or corpus_for(index).report_names
    for rank, para in enumerate(shown):
        icon = ":material/gavel:" if para.decision else ":material/article:"
        with st.expander(escape(source_line(para, names)), expanded=rank == 0, icon=icon):
            show_paragraph(para, index, names, terms, key=f"ask-{para.doc}-{widget_ref(para)}")
    st.download_button(
        "Download answer (Markdown)", answer.to_markdown(), file_name="ptc-answer.md", mime="text/markdown",
        icon=":material/download:", on_click="ignore",
    )


def follow_deep_link(index: Index | None) -> None:
    """Open Browse at the paragraph named in the URL (`?doc=PC0737E&p=68`), once per link.

    A link the app cannot follow leaves a one-line notice (shown above the tabs) instead.
    """
    try:
        link = parse_deep_link(st.query_params)
    except DeepLinkError as err:
        st.session_state["deep_link_error"] = str(err)
        return
    if index is None or link is None or st.session_state.get("deep_link") == link:
        return
    st.session_state["deep_link"] = link
    para = index.paragraph(*link)
    if para is None:
        st.session_state["deep_link_error"] = f"The link points to {as_ref(link[1])} of {link[0]}, which is not in the index."
        return
    st.session_state.pop("deep_link_error", None)
    st.session_state.update(tab="Browse", b_doc=para.doc, b_item=para.item)


def brief_section(index: Index, doc: str, item: str, settings: Settings) -> None:
    """"Brief me on this item": the item's conclusion points, then one cited line per sub-item or presentation, exportable."""
    if not item or not st.toggle("Brief me on this item", key=f"b_brief-{doc}-{item}"):
        return
    briefing = brief_item(index, doc, item, settings)
    if not briefing.answerable:
        st.info("This item has nothing to brief on.")
        return
    st.markdown(answer_markdown(briefing))
    st.download_button(
        "Download briefing (Markdown)", briefing.to_markdown(), file_name=f"ptc-briefing-{doc}-{item}.md",
        mime="text/markdown", icon=":material/download:", on_click="ignore", key=f"b_brief_dl-{doc}-{item}",
    )


def browse_tab(index: Index, settings: Settings) -> None:
    """Pick a report, then an agenda item, and read its paragraphs, decisions marked; brief on the item on request."""
    corpus = corpus_for(index)  # per-index facts: nothing here walks every paragraph on a rerun
    names = corpus.report_names
    by_id = {meta.id: meta for meta in index.reports}
    doc = st.selectbox("Report", list(by_id), format_func=lambda d: report_label(by_id[d]), key="b_doc")
    agenda = {item.numeral: item for item in index.agenda(doc)}
    # Reports without an agenda table still name their items in each paragraph.
    found = {i: AgendaItem(i, ps[0].item_title) for (d, i), ps in corpus.items.items() if d == doc and i not in agenda}
    agenda.update(found)
    numerals = list(agenda)
    if st.session_state.get("b_item") not in numerals:
        st.session_state.pop("b_item", None)  # left over from another report
    item = st.selectbox(
        "Agenda item", numerals, key="b_item",
        format_func=lambda n: agenda_label(agenda[n]) if n else "Paragraphs outside agenda items",
    )
    brief_section(index, doc, item, settings)
    linked = st.session_state.get("deep_link")
    if linked and linked[0] == doc and (shared := index.paragraph(*linked)) is not None and shared.item == item:
        # Long items push the shared paragraph far down the page: show it first as well.
        st.markdown(f"**Shared paragraph:** {escape(source_line(shared, names))}")
        st.info(paragraph_markdown(shared.text), icon=":material/link:")
    subitem = None
    for para in corpus.item_paragraphs(doc, item):
        if para.subitem and para.subitem != subitem:
            st.markdown(f"#### {escape(subitem_label(para))}")
        subitem = para.subitem
        is_linked = bool(linked) and (linked[0], as_ref(linked[1])) == para.key
        with st.container(border=True, key=f"b-{para.doc}-{widget_ref(para)}"):
            header = f"**{escape(para.ref)}**"
            if para.decision:
                header += " :green-badge[:material/gavel: Decision]"
            if is_linked:
                header += " :orange-badge[:material/link: Shared link]"
            st.markdown(header)
            if para.heading:
                st.caption(escape(para.heading))
            st.markdown(paragraph_markdown(para.text))
            with st.popover("Share", icon=":material/link:"):
                st.code(share_link(st.context.url or "", para.doc, para.ref), language=None, wrap_lines=True)


def upload_tab(settings: Settings, embedder: Embedder, index: Index | None) -> None:
    """Add a report from the browser; the index is replaced only when the report was read and embedded."""
    st.markdown(
        f"Add a PTC report (.pdf, .md or .txt, up to {settings.max_upload_mb} MB). It is searchable as soon as it "
        "is indexed; a copy is kept beside the index so that rebuilding the index keeps it."
    )
    if "upload_result" in st.session_state:
        kind, message = st.session_state.pop("upload_result")
        (st.success if kind == "ok" else st.error)(escape(message))
    added = st.session_state.get("uploads_added", 0)  # a new key empties the box after each added report
    upload = st.file_uploader(
        "Report file", type=["pdf", "md", "txt"], max_upload_size=settings.max_upload_mb, key=f"upload-{added}"
    )
    if upload is None or not st.button("Add to the index", key="upload_go", type="primary"):
        remove_section(settings, embedder, index)
        return
    with index_lock(), st.status(escape(f"Adding {upload.name}…"), expanded=True) as status:
        st.write("Reading the report, splitting it into paragraphs and embedding them…")
        try:
            summary = add_upload(upload.name, upload.getvalue(), settings, embedder, on_wait=_say_waiting)
        except UploadError as err:
            status.update(label=escape(f"{upload.name} was not added"), state="error")
            st.session_state["upload_result"] = ("error", str(err))
        else:
            get_index.clear()
            status.update(label=escape(f"Added {upload.name}"), state="complete")
            st.session_state["upload_result"] = ("ok", f"Added {upload.name}: {summary}")
            st.session_state["uploads_added"] = added + 1
    st.rerun()


def _say_waiting(message: str) -> None:
    """Shown while another writer (another app process or `python -m ingest`) holds the index."""
    st.write(escape(message))


def remove_section(settings: Settings, embedder: Embedder, index: Index | None) -> None:
    """Remove a report from the index together with its kept upload copy."""
    if index is None or not index.reports:
        return
    st.divider()
    by_id = {meta.id: meta for meta in index.reports}
    doc = st.selectbox(
        "Remove a report", list(by_id), index=None, format_func=lambda d: report_label(by_id[d]), key="remove_doc",
        placeholder="Choose a report to remove", help=f"Reports in {settings.reports_dir} return when the index is rebuilt.",
    )
    if doc is None or not st.button("Remove from the index", key="remove_go"):
        return
    with index_lock(), st.status(escape(f"Removing {doc}…"), expanded=True) as status:
        try:
            summary = remove_report(doc, settings, embedder, on_wait=_say_waiting)
        except UploadError as err:
            status.update(label=escape(f"{doc} was not removed"), state="error")
            st.session_state["upload_result"] = ("error", str(err))
        else:
            get_index.clear()
            status.update(label=escape(f"Removed {doc}"), state="complete")
            st.session_state["upload_result"] = ("ok", f"Removed {doc}: {summary}")
            st.session_state.pop("remove_doc", None)
    st.rerun()


def main() -> None:
    """Lay out the app: sidebar filters and the Ask, Browse and Add-a-report tabs."""
    st.set_page_config(page_title="PTC reports", page_icon=":material/gavel:", layout="wide")
    try:
        settings = load_settings()
    except SettingsError as err:  # a fitted model file that cannot be read: name it, no traceback
        st.error(escape(str(err)))
        st.stop()
    # Hidden tabs do not run, and Streamlit forgets the state of widgets that did not run:
    # re-assigning these keys keeps the question and the Browse position while another tab is open.
    for key in KEPT_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    st.title("PTC reports: ask, read, browse")
    try:
        embedder = get_embedder(settings.model)
    except EmbedderError as err:
        st.error(escape(str(err)))
        st.stop()
    index = None
    try:
        if "build_error" not in st.session_state:  # a failed build is not retried on every click
            build_index_if_missing(settings, embedder)
        index = load_index(settings)
    except (IndexUpdateError, IngestError) as err:
        st.session_state["build_error"] = str(err)
    except IndexLoadError as err:
        st.error(escape(str(err)))
    if index is None and "build_error" in st.session_state:
        # Still offer "Add a report"; reloading the page retries the build once the file is fixed.
        st.error(escape(st.session_state["build_error"]))
    filters, k = sidebar_filters(index)
    follow_deep_link(index)
    if "deep_link_error" in st.session_state:
        st.warning(escape(st.session_state["deep_link_error"]), icon=":material/link_off:")
    ask, browse, upload = st.tabs(TABS, key="tab", on_change="rerun")
    if index is None:
        for tab in (ask, browse):
            tab.info(escape(f"No reports indexed yet: add one under “{TABS[2]}”, or put reports in {settings.reports_dir}."))
    if ask.open and index is not None:
        with ask:
            ask_tab(index, settings, filters, k)
    if browse.open and index is not None:
        with browse:
            browse_tab(index, settings)
    if upload.open:
        with upload:
            upload_tab(settings, embedder, index)


main()
