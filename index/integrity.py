"""Load-time integrity checks of an index: counts, shapes, offsets, row indices, finiteness, texts."""
from __future__ import annotations

from typing import Any

import numpy as np

from index.store import (
    PARAGRAPHS, REPORTS, SENTENCE_OFFSETS, SENTENCE_VECTORS, SENTENCES, VECTORS, WINDOW_PARAGRAPHS, WINDOW_VECTORS,
    StoredIndex,
)


def consistency_problem(stored: StoredIndex, deep: bool = True) -> str | None:
    """What contradicts itself in a loaded index, or None: counts, shapes, offsets, row indices, finiteness.

    Checksums only show that files are as written; these checks catch files altered together with
    the manifest, which would otherwise load and answer wrongly or fail mid-search.

    Args:
        stored: the loaded index.
        deep: also the checks that read every row: vectors finite, each paragraph's text matching its
            sentences (skipped with verify=False, which keeps memory-mapped vectors unread).

    Returns:
        A short phrase naming the file and the problem, e.g. "window_paragraphs.npy: paragraph row 7 out of range 0..4".
    """
    manifest = stored.manifest
    dim, counts = manifest["dim"], manifest["counts"]
    n_paragraphs, n_windows = len(stored.paragraphs), len(stored.window_paragraphs)
    for label, found, listed in (
        (REPORTS, len(stored.reports), counts["reports"]),
        (PARAGRAPHS, n_paragraphs, counts["paragraphs"]),
        (WINDOW_PARAGRAPHS, n_windows, counts["windows"]),
        (SENTENCE_VECTORS, len(stored.sentence_vectors), counts["sentences"]),
    ):
        if found != listed:
            return f"{label}: {found} rows but the manifest counts {listed}"
    for name, array, width in (
        (WINDOW_VECTORS, stored.window_vectors, dim), (SENTENCE_VECTORS, stored.sentence_vectors, dim),
        (WINDOW_PARAGRAPHS, stored.window_paragraphs, None), (SENTENCE_OFFSETS, stored.sentence_offsets, None),
    ):
        problem = _array_problem(array, width, deep)
        if problem:
            return f"{name}: {problem}"
    if len(stored.sentences) != n_paragraphs:
        return f"{SENTENCES}: {len(stored.sentences)} rows for {n_paragraphs} paragraphs"
    if len(stored.window_vectors) != n_windows or stored.faiss_index.ntotal != n_windows:
        return f"{VECTORS}: {stored.faiss_index.ntotal} vectors, {len(stored.window_vectors)} window vectors, {n_windows} windows"
    if stored.faiss_index.d != dim:
        return f"{VECTORS}: vectors of width {stored.faiss_index.d}, manifest dim {dim}"
    windows = stored.window_paragraphs
    outside = windows[(windows < 0) | (windows >= n_paragraphs)]
    if outside.size:
        return f"{WINDOW_PARAGRAPHS}: paragraph row {int(outside[0])} out of range 0..{n_paragraphs - 1}"
    if n_windows and (np.diff(windows) < 0).any():
        return f"{WINDOW_PARAGRAPHS}: windows are not grouped by paragraph"
    offsets = stored.sentence_offsets
    if len(offsets) != n_paragraphs + 1 or offsets[0] != 0 or offsets[-1] != len(stored.sentence_vectors):
        return f"{SENTENCE_OFFSETS}: does not span the {len(stored.sentence_vectors)} sentence vectors of {n_paragraphs} paragraphs"
    if (np.diff(offsets) < 0).any():
        return f"{SENTENCE_OFFSETS}: offsets decrease"
    return _records_problem(stored, np.diff(offsets), deep)


def _array_problem(array: np.ndarray, width: int | None, deep: bool) -> str | None:
    """Shape, dtype and finiteness of one stored array (width None: a 1-D integer array)."""
    if width is None:
        if array.ndim != 1 or not np.issubdtype(array.dtype, np.integer):
            return f"expected a 1-D integer array, found {array.ndim}-D {array.dtype}"
        return None
    if array.ndim != 2 or array.shape[1] != width:
        return f"expected shape (n, {width}), found {array.shape}"
    if deep and not np.isfinite(array).all():
        return "holds NaN or infinite values"
    return None


def _records_problem(stored: StoredIndex, sentences_per_row: np.ndarray, deep: bool) -> str | None:
    """Paragraphs, sentences and reports agree: every sentence comes from its paragraph's text."""
    report_ids = [r.meta.id for r in stored.reports]
    listed = stored.manifest["reports"]
    if sorted(report_ids) != sorted(listed):
        return f"{REPORTS}: reports differ from the manifest's"
    per_report: dict[str, int] = {}
    for row, (paragraph, sentences) in enumerate(zip(stored.paragraphs, stored.sentences)):
        per_report[paragraph.doc] = per_report.get(paragraph.doc, 0) + 1
        if not isinstance(sentences, list) or len(sentences) != sentences_per_row[row]:
            return f"{SENTENCES}: row {row} has {len(sentences) if isinstance(sentences, list) else 'no'} sentences, offsets say {sentences_per_row[row]}"
        if deep and not (isinstance(paragraph.text, str) and _sentences_from(sentences, paragraph.text)):
            return f"{SENTENCES}: row {row} does not match the text of {paragraph.doc} {paragraph.ref} in {PARAGRAPHS}"
    for report_id, entry in listed.items():
        if per_report.get(report_id, 0) != entry["paragraphs"]:
            return f"{PARAGRAPHS}: {per_report.get(report_id, 0)} paragraphs of {report_id}, the manifest says {entry['paragraphs']}"
    return None


def _sentences_from(sentences: list[Any], text: str, probe: int = 16, slack: int = 48) -> bool:
    """Whether the first sentence opens the text and the last one closes it (whitespace ignored).

    Splitting joins lines and may drop bullet marks, so only a stretch of each end is compared,
    near where it must sit; that catches texts and sentences that belong to different rows at a
    cost independent of paragraph length.
    """
    if not sentences or not all(isinstance(sentence, str) for sentence in sentences):
        return False
    first, last = sentences[0], sentences[-1]
    head = _flat(first[: 4 * probe])[:probe]
    tail = _flat(last[-4 * probe :])[-probe:]
    window = slack + 4 * probe
    return head in _flat(text[:window]) and tail in _flat(text[-window:])


def _flat(text: str) -> str:
    return "".join(text.split())
