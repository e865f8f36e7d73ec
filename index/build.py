"""Add, replace and remove reports in an index folder, embedding only what changed."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from index.cache import EmbeddingCache, Entry, cache_key, default_cache_path
from index.embedder import Embedder, load_embedder, resolve_model_dir
from index.glossary import GLOSSARY_PARTS, glossary_files, mine_glossary
from index.keyword import FILES as KEYWORD_FILES, TermCounts, count_terms, keyword_files, stored_term_counts
from index.lock import writer_lock
from index.speakers import introduces_speaker
from index.text import TOKENIZER_VERSION, tokenize
from index.store import StoredIndex, corpus_hash, read_index, recover, tokenizer_version, write_index
from index.ann import build_vector_index
from index.windows import Window, context_line, embedding_windows
from ingest.records import Paragraph, Report
from ingest.sentences import split_sentences
from settings import Settings


SPEAKERS = "speakers.npy"  # whether each paragraph introduces a speaker (index.speakers)
# In how many paragraph texts (without titles) each keyword stem occurs, for qa's term weights.
TEXT_TERMS = "text_terms.json"
TEXT_TERMS_PARTS = "text_terms_parts.json"
_BATCH = 16  # windows per forward pass: long inputs, so small batches keep memory and padding low


class IndexUpdateError(Exception):
    """An update request that cannot be carried out (one line naming the report or file)."""


@dataclass
class UpdateSummary:
    """What an update did and what the index holds afterwards."""

    index_dir: Path
    reports: int = 0
    paragraphs: int = 0
    decisions: int = 0
    seconds: float = 0.0
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    embedded: int = 0  # windows sent to the model
    retokenized: bool = False  # keyword data made again: the index's came from another tokenizer version
    written: bool = False
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        changes = ", ".join(
            [f"{len(ids)} {label}" for label, ids in
             (("added", self.added), ("replaced", self.replaced), ("removed", self.removed), ("unchanged", self.unchanged))
             if ids] + (["keyword tokens rebuilt"] if self.retokenized else [])
        ) or "no changes"
        state = "updated" if self.written else "unchanged"
        return (
            f"Index {self.index_dir} {state}: {self.reports} report(s), {self.paragraphs} paragraphs, "
            f"{self.decisions} decisions ({changes}) in {self.seconds:.1f} s"
        )


@dataclass
class _ReportRows:
    """One report's rows: paragraphs, their windows and sentences, with vectors once embedded."""

    report: Report
    windows: list[tuple[int, Window | None]]  # (paragraph position in report, window; None once stored)
    sentences: list[list[str]]
    window_vectors: np.ndarray | None = None
    sentence_vectors: np.ndarray | None = None
    terms: TermCounts | None = None  # keyword term counts per paragraph (None: count them)
    glossary: dict | None = None  # the report's share of the glossary (None: mine it)
    text_terms: dict | None = None  # {"df": stem -> paragraphs of its text holding it, "n": paragraphs}

    def searchable_texts(self) -> list[str]:
        """Each paragraph with its item and sub-item titles: what keywords and acronyms are read from."""
        return [f"{context_line(p)}\n{p.text}" for p in self.report.paragraphs]


def update_index(
    paths: Iterable[str | Path],
    index_dir: str | Path,
    remove: Sequence[str] = (),
    model: str = Settings.model,
    embedder: Embedder | None = None,
    progress: bool = True,
    before_swap: Callable[[Path], None] | None = None,
    cache_path: str | Path | bool | None = None,
    *,
    lock_timeout_s: float = Settings.lock_timeout_s,
    max_text_mb: int = Settings.max_text_mb,
) -> UpdateSummary:
    """Bring the index at `index_dir` up to date with report files, atomically.

    Unchanged reports (same content hash, same model) keep their vectors; changed ones replace
    their paragraphs; `remove` drops reports by id. Nothing is written when nothing changed. An index
    whose keyword tokens another tokenizer version made keeps its vectors and gets its keyword data,
    glossary and term statistics made again, so this call is also how such an index is rebuilt.

    Args:
        paths: report files or folders (.md/.txt/.pdf).
        index_dir: the index folder (created when missing).
        remove: report ids to remove.
        model: the model (settings.model) to load when no embedder is given.
        embedder: an already loaded Embedder (tests and the app share one).
        progress: show a progress bar while embedding.
        before_swap: called with the complete temp folder just before it replaces the index.
        cache_path: the embedding cache file (default: `index.cache.default_cache_path`, beside the
            index); False embeds without a cache file.
        lock_timeout_s: how long to wait for another writer (settings.lock_timeout_s).
        max_text_mb: largest .md/.txt report read (settings.max_text_mb).

    Returns:
        The UpdateSummary.

    Raises:
        ingest.IngestError: a report file cannot be read.
        IndexUpdateError: unknown report id to remove, or two files with one report id.
        index.store.IndexLoadError: the existing index has another format version or is corrupt.
    """
    from ingest import find_report_files, read_report

    started = time.perf_counter()
    reports = [read_report(path, max_text_mb) for path in find_report_files([Path(p) for p in paths])]
    summary = update_reports(
        reports, index_dir, remove, model, embedder, progress, before_swap, cache_path, lock_timeout_s=lock_timeout_s
    )
    summary.seconds = time.perf_counter() - started
    return summary


def update_reports(
    reports: Sequence[Report],
    index_dir: str | Path,
    remove: Sequence[str] = (),
    model: str = Settings.model,
    embedder: Embedder | None = None,
    progress: bool = True,
    before_swap: Callable[[Path], None] | None = None,
    cache_path: str | Path | bool | None = None,
    *,
    lock_timeout_s: float = Settings.lock_timeout_s,
) -> UpdateSummary:
    """`update_index` for reports already read (same arguments, `reports` instead of `paths`, no `max_text_mb`).

    Holds the index folder's writer lock from reading the current index to publishing the new one,
    so a concurrent writer waits instead of overwriting this update (index.lock).
    """
    with writer_lock(index_dir, lock_timeout_s):
        started = time.perf_counter()
        index_dir = Path(index_dir)
        existing = _read_existing(index_dir)
        if embedder is None:
            wanted = (model, resolve_model_dir(model)[1])
        else:
            wanted = (embedder.name, embedder.version)
        same_model = existing is not None and _model_of(existing)[:2] == wanted
        retokenize = existing is not None and tokenizer_version(existing.manifest) != TOKENIZER_VERSION
        old_reports = _split_by_report(existing, retokenize) if existing is not None else {}
        # Term ids of the stored term counts; new reports' terms are appended to it.
        vocab = (_stored_derived(existing)[0] if existing is not None and not retokenize else None) or {}

        unknown = [r for r in remove if r not in old_reports]
        if unknown:
            raise IndexUpdateError(f"{index_dir}: no report {unknown[0]!r} in the index (known: {', '.join(old_reports) or 'none'})")

        incoming: dict[str, Report] = {}
        for report in reports:
            other = incoming.get(report.meta.id)
            if other is not None and other.meta.content_hash != report.meta.content_hash:
                raise IndexUpdateError(
                    f"{report.meta.file_name}: report id {report.meta.id!r} is also used by {other.meta.file_name}; rename one file"
                )
            incoming[report.meta.id] = report

        summary = UpdateSummary(index_dir=index_dir, removed=list(remove), retokenized=retokenize)
        changes = [r for r in incoming.values() if r.meta.id not in old_reports
                   or r.meta.content_hash != old_reports[r.meta.id].report.meta.content_hash]
        if changes or remove or not same_model or retokenize:  # the model loads only when something has to be embedded or rewritten
            embedder = load_embedder(model) if embedder is None else embedder.load()
        final: dict[str, _ReportRows] = {}
        for report_id, rows in old_reports.items():
            if report_id in remove:
                continue
            new = incoming.pop(report_id, None)
            if new is None or new.meta.content_hash == rows.report.meta.content_hash:
                summary.unchanged.append(report_id)
                final[report_id] = rows if same_model else _prepare(rows.report, embedder)
            else:
                summary.replaced.append(report_id)
                summary.warnings.extend(new.warnings)
                final[report_id] = _prepare(new, embedder)
        for report_id, report in incoming.items():
            summary.added.append(report_id)
            summary.warnings.extend(report.warnings)
            final[report_id] = _prepare(report, embedder)

        changed = bool(summary.added or summary.replaced or summary.removed or retokenize) or (existing is not None and not same_model)
        if changed or existing is None:
            cache = EmbeddingCache(None if cache_path is False else Path(cache_path or default_cache_path(index_dir)), embedder.dim)
            try:
                summary.embedded = _embed_missing(list(final.values()), embedder, progress, cache)
            finally:
                cache.close()
            stored = _assemble(list(final.values()), embedder, vocab)
            write_index(index_dir, stored, before_swap=before_swap)
            summary.written = True
        summary.reports = len(final)
        summary.paragraphs = sum(len(r.report.paragraphs) for r in final.values())
        summary.decisions = sum(p.decision for r in final.values() for p in r.report.paragraphs)
        summary.seconds = time.perf_counter() - started
        return summary


def _read_existing(index_dir: Path) -> StoredIndex | None:
    """The current index, or None when there is none yet (a corrupt or foreign folder raises; keyword
    tokens of another tokenizer version do not: the update makes them again)."""
    recover(index_dir)
    if not index_dir.exists() or (index_dir.is_dir() and not any(index_dir.iterdir())):
        return None
    return read_index(index_dir, stale_tokens=True)


def _model_of(stored: StoredIndex) -> tuple[str, str, int]:
    """(name, version, dim) of the model an index was built with."""
    model = stored.manifest.get("model", {})
    return (model.get("name", ""), model.get("version", ""), int(stored.manifest.get("dim", 0)))


def _split_by_report(stored: StoredIndex, retokenize: bool = False) -> dict[str, _ReportRows]:
    """Cut a stored index back into per-report rows with their vectors, in index order (`retokenize`:
    without the structures read from the texts, which are then made again)."""
    rows_of: dict[str, list[int]] = {}
    for row, paragraph in enumerate(stored.paragraphs):
        rows_of.setdefault(paragraph.doc, []).append(row)
    result: dict[str, _ReportRows] = {}
    _, counts, parts = _stored_derived(stored) if not retokenize else (None, None, {})
    text_parts = dict(stored.derived[TEXT_TERMS_PARTS]) if TEXT_TERMS_PARTS in stored.derived and not retokenize else {}
    for report in stored.reports:
        rows = rows_of.get(report.meta.id, [])
        report = Report(report.meta, report.agenda, [stored.paragraphs[r] for r in rows], report.warnings)
        position = {row: i for i, row in enumerate(rows)}
        window_mask = np.isin(stored.window_paragraphs, rows)
        window_rows = stored.window_paragraphs[window_mask]
        sentence_slices = [np.arange(stored.sentence_offsets[r], stored.sentence_offsets[r + 1]) for r in rows]
        sentence_index = np.concatenate(sentence_slices) if sentence_slices else np.zeros(0, dtype=np.int64)
        result[report.meta.id] = _ReportRows(
            report=report,
            windows=[(position[int(r)], None) for r in window_rows],
            sentences=[stored.sentences[r] for r in rows],
            window_vectors=stored.window_vectors[window_mask],
            sentence_vectors=stored.sentence_vectors[sentence_index],
            # A report's paragraphs are consecutive rows (`_assemble` writes them so).
            terms=counts.slice(rows[0], rows[-1] + 1) if counts is not None and rows else None,
            glossary=parts.get(report.meta.id),
            text_terms=text_parts.get(report.meta.id),
        )
    return result


def _stored_derived(stored: StoredIndex) -> tuple[dict[str, int] | None, TermCounts | None, dict[str, dict]]:
    """The keyword vocabulary and term counts and the glossary shares of a stored index (None / {}
    for an index written before they were stored: they are then computed again)."""
    derived = stored.derived
    vocab = counts = None
    if all(name in derived for name in KEYWORD_FILES):
        vocab, counts = stored_term_counts(derived)
    parts = dict(derived[GLOSSARY_PARTS]) if GLOSSARY_PARTS in derived else {}
    return vocab, counts, parts


def _prepare(report: Report, embedder: Embedder) -> _ReportRows:
    """A report's windows and sentences, not yet embedded."""
    sentences = [split_sentences(p.text) or [p.text] for p in report.paragraphs]
    windows: list[tuple[int, Window | None]] = []
    for position, paragraph in enumerate(report.paragraphs):
        windows.extend((position, w) for w in embedding_windows(paragraph, sentences[position], embedder))
    return _ReportRows(report=report, windows=windows, sentences=sentences)


def _embed_missing(all_rows: list[_ReportRows], embedder: Embedder, progress: bool, cache: EmbeddingCache) -> int:
    """Give vectors to the reports that have none yet; return the number of windows sent to the model.

    A window whose text (with its sentence spans) is in the cache, or repeats another window of
    this update, is not embedded again. Sentence vectors come from the same pass: the mean of the
    contextual token embeddings of each sentence's first occurrence in its paragraph's windows.
    """
    todo = [rows for rows in all_rows if rows.window_vectors is None]
    model_id = f"{embedder.name} {embedder.version} {'bf16' if embedder.bf16 else 'fp32'}"
    keys = [[cache_key(model_id, w.text, [(a, b) for _, a, b in w.spans]) for _, w in rows.windows] for rows in todo]
    entries = cache.get_many(k for row_keys in keys for k in row_keys)
    missing = {k: w for rows, row_keys in zip(todo, keys) for (_, w), k in zip(rows.windows, row_keys) if k not in entries}
    fresh = _embed_windows(list(missing.items()), embedder, progress)
    cache.put_many(fresh)
    entries.update(fresh)
    for rows, row_keys in zip(todo, keys):
        rows.window_vectors = np.zeros((len(rows.windows), embedder.dim), dtype=np.float32)
        sums = [np.zeros((len(s), embedder.dim), dtype=np.float32) for s in rows.sentences]
        seen: set[tuple[int, int, str]] = set()
        for i, ((position, window), key) in enumerate(zip(rows.windows, row_keys)):
            vector, span_sums = entries[key]
            rows.window_vectors[i] = vector
            for (sentence, a, b), span_vector in zip(window.spans, span_sums):
                piece = (position, sentence, window.text[a:b])
                if piece not in seen:  # overlapping windows repeat pieces
                    seen.add(piece)
                    sums[position][sentence] += span_vector
        rows.sentence_vectors = _unit_rows(np.concatenate(sums) if sums else np.zeros((0, embedder.dim), np.float32))
    return len(missing)


def _embed_windows(items: list[tuple[str, Window]], embedder: Embedder, progress: bool) -> dict[str, Entry]:
    """Embed windows: key -> (window vector, token-embedding sum of each sentence span)."""
    from tqdm import tqdm

    result: dict[str, Entry] = {}
    # Length-sorted batches waste less padding.
    items = sorted(items, key=lambda item: len(item[1].text))
    with tqdm(total=len(items), desc="Embedding", unit="window", disable=not progress or not items) as bar:
        for start in range(0, len(items), _BATCH):
            chunk = items[start : start + _BATCH]
            texts = [w.text for _, w in chunk]
            spans = [[(a, b) for _, a, b in w.spans] for _, w in chunk]
            vectors, span_sums, _ = embedder.encode_with_spans(texts, spans, batch_size=_BATCH)
            for j, (key, _) in enumerate(chunk):
                result[key] = (vectors[j], span_sums[j])
            bar.update(len(chunk))
    return result


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


def _assemble(all_rows: list[_ReportRows], embedder: Embedder, vocab: dict[str, int]) -> StoredIndex:
    """Concatenate per-report rows into one StoredIndex with a fresh FAISS index, manifest and
    derived structures (`vocab`: term ids of the reports' stored term counts, extended here)."""
    paragraphs: list[Paragraph] = []
    window_paragraphs: list[int] = []
    sentences: list[list[str]] = []
    offsets = [0]
    for rows in all_rows:
        base = len(paragraphs)
        paragraphs.extend(rows.report.paragraphs)
        window_paragraphs.extend(base + position for position, _ in rows.windows)
        for paragraph_sentences in rows.sentences:
            sentences.append(paragraph_sentences)
            offsets.append(offsets[-1] + len(paragraph_sentences))
    dim = embedder.dim
    window_vectors = np.concatenate([r.window_vectors for r in all_rows]) if all_rows else np.zeros((0, dim), np.float32)
    sentence_vectors = np.concatenate([r.sentence_vectors for r in all_rows]) if all_rows else np.zeros((0, dim), np.float32)
    faiss_index, index_type = build_vector_index(window_vectors.astype(np.float32))
    reports = [rows.report for rows in all_rows]
    manifest = {
        "model": {"name": embedder.name, "version": embedder.version, "max_tokens": embedder.max_tokens,
                  "precision": "bfloat16" if embedder.bf16 else "float32"},
        "dim": dim,
        "index_type": index_type,
        "corpus_hash": corpus_hash([r.meta.content_hash for r in reports]),
        "counts": {"reports": len(reports), "paragraphs": len(paragraphs), "windows": len(window_paragraphs),
                   "sentences": offsets[-1]},
        "reports": {
            r.meta.id: {
                "content_hash": r.meta.content_hash,
                "file_name": r.meta.file_name,
                "short_name": r.meta.short_name,
                "sessions": r.meta.sessions,
                "paragraphs": len(r.paragraphs),
                "decisions": sum(p.decision for p in r.paragraphs),
            }
            for r in reports
        },
    }
    return StoredIndex(
        manifest=manifest,
        derived=_derived(all_rows, vocab, sentences, paragraphs),
        reports=[Report(r.meta, r.agenda, [], r.warnings) for r in reports],
        paragraphs=paragraphs,
        faiss_index=faiss_index,
        window_vectors=window_vectors,
        window_paragraphs=np.asarray(window_paragraphs, dtype=np.int64),
        sentences=sentences,
        sentence_vectors=sentence_vectors,
        sentence_offsets=np.asarray(offsets, dtype=np.int64),
    )


def _derived(
    all_rows: list[_ReportRows], vocab: dict[str, int], sentences: list[list[str]], paragraphs: list[Paragraph]
) -> dict[str, object]:
    """Keyword index, glossary and speaker flags of the whole corpus; only new reports are read again."""
    for rows in all_rows:
        if rows.terms is None or rows.glossary is None:  # texts with titles: keywords and acronyms
            texts = rows.searchable_texts()
            if rows.terms is None:
                rows.terms = count_terms(texts, vocab)
            if rows.glossary is None:
                rows.glossary = mine_glossary(texts)
        if rows.text_terms is None:
            rows.text_terms = _text_terms(rows.report.paragraphs)
    terms = list(vocab)  # ids are positions: dicts keep insertion order
    derived: dict[str, object] = dict(keyword_files(terms, TermCounts.concat([r.terms for r in all_rows])))
    derived.update(glossary_files({rows.report.meta.id: rows.glossary for rows in all_rows}))
    derived.update(_text_terms_files({rows.report.meta.id: rows.text_terms for rows in all_rows}))
    derived[SPEAKERS] = np.array(
        [introduces_speaker(next(iter(s), p.text), p.decision) for p, s in zip(paragraphs, sentences)], dtype=bool
    )
    return derived


def _text_terms(paragraphs: list[Paragraph]) -> dict:
    """One report's share of the text term statistics: stem -> paragraphs whose text holds it."""
    counts: Counter[str] = Counter()
    for paragraph in paragraphs:
        counts.update(set(tokenize(paragraph.text)))
    return {"df": dict(counts), "n": len(paragraphs)}


def _text_terms_files(parts: dict[str, dict]) -> dict[str, object]:
    """The merged text term statistics (read by qa) and each report's share (read by updates)."""
    total: Counter[str] = Counter()
    for part in parts.values():
        total.update(part["df"])
    return {TEXT_TERMS: {"doc_freq": dict(total), "n_docs": sum(p["n"] for p in parts.values())}, TEXT_TERMS_PARTS: parts}
