"""eval.splitter: 1000-character chunks of the raw report, mapped back to printed paragraphs."""
from __future__ import annotations

import numpy as np
import pytest

from eval.splitter import (
    Chunk,
    SplitterBaseline,
    SplitterUnavailable,
    flatten,
    load_splitter,
    make_chunks,
    overlapping,
    paragraph_spans,
    split_text,
)
from ingest.records import Paragraph

RAW = (
    "# Report\n"  # line 1
    "\n"  # line 2
    "1. Alpha beta gamma.\n"  # line 3
    "\n"  # line 4
    "## ITEM II\n"  # line 5: a heading introduces the next paragraph, it is not part of ¶1
    "\n"  # line 6
    "2. Delta epsilon\n"  # line 7
    "zeta eta.\n"  # line 8
    "3. Theta.\n"  # line 9
)


def para(number: int, position: int) -> Paragraph:
    return Paragraph(
        doc="R1", number=number, item="I", item_title="T", subitem=None, subitem_title=None,
        heading=None, decision=False, text=f"text {number}", position=position,
    )


PARAS = [para(1, 3), para(2, 7), para(3, 9)]


def test_windows_cover_the_text_within_the_size_and_overlap_at_word_starts():
    text = " ".join(f"word{i:03d}" for i in range(400))  # 3199 characters
    spans = split_text(text, size=1000, overlap=200)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 - s1 <= 1000
        assert s1 < s2 <= e1  # no gap, always forward
        assert 150 <= e1 - s2 <= 200  # about `overlap` characters shared
        assert text[s2 - 1] == " "  # a new window starts at a word
        assert text[e1] == " "  # and the previous one ended at a word boundary


def test_a_short_text_is_one_window_and_bad_sizes_are_refused():
    assert split_text("short text", 1000, 200) == [(0, 10)]
    with pytest.raises(ValueError):
        split_text("x", size=100, overlap=100)


def test_paragraph_spans_follow_source_lines_and_leave_out_headings():
    spans = paragraph_spans(RAW, PARAS)
    texts = {number: RAW[start:end] for start, end, number in spans}
    assert texts == {1: "1. Alpha beta gamma.", 2: "2. Delta epsilon\nzeta eta.", 3: "3. Theta."}


def test_a_chunk_maps_to_the_paragraphs_it_overlaps_largest_overlap_first():
    spans = paragraph_spans(RAW, PARAS)
    start_2 = RAW.index("2. Delta")
    assert overlapping(0, 10, spans) == ()  # the title only
    assert overlapping(start_2 - 3, start_2 + 20, spans) == (2,)  # a heading plus ¶2
    # Mostly ¶2 with a little of ¶3.
    assert overlapping(start_2, RAW.index("Theta") + 2, spans) == (2, 3)
    # Mostly ¶1 with the start of ¶2.
    assert overlapping(RAW.index("1."), start_2 + 3, spans) == (1, 2)


def test_flatten_lists_paragraphs_in_the_order_ranked_chunks_reveal_them():
    chunks = [Chunk(0, 1, "", (5, 6)), Chunk(0, 1, "", ()), Chunk(0, 1, "", (6, 2))]
    assert flatten(chunks) == [5, 6, 2]


class FakeEmbedder:
    """Unit vectors from letter counts: 'a' and 'b' axes."""

    name, version, dim = "fake", "1", 2

    def encode(self, texts):
        rows = np.array([[t.count("a") + 1e-3, t.count("b") + 1e-3] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_the_baseline_ranks_chunks_by_cosine_and_returns_their_paragraphs():
    chunks = [Chunk(0, 3, "aaa", (1,)), Chunk(3, 6, "bbb", (2, 3)), Chunk(6, 9, "abb", (3, 4))]
    baseline = SplitterBaseline(chunks, FakeEmbedder())
    assert baseline.rank(np.array([0.0, 1.0], dtype=np.float32), k=3) == [2, 3, 4]
    assert baseline.rank(np.array([1.0, 0.0], dtype=np.float32), k=10) == [1, 3, 4, 2]


def test_every_paragraph_of_the_bundled_report_is_in_some_chunk(bundled_report, bundled_report_path):
    raw = bundled_report_path.read_text(encoding="utf-8")
    chunks = make_chunks(raw, bundled_report.paragraphs)
    covered = {n for c in chunks for n in c.paragraphs}
    assert covered == {p.number for p in bundled_report.paragraphs}
    assert all(len(c.text) <= 1000 for c in chunks)
    # A chunk holding "68. In conclusion" maps to ¶68 (the e-commerce decision).
    decision = next(c for c in chunks if "68. **In conclusion" in c.text or "68. In conclusion" in c.text)
    assert 68 in decision.paragraphs


def test_load_splitter_refuses_a_report_file_that_changed_since_indexing(bundled_index, bundled_report_path, tmp_path):
    doc = bundled_index.reports[0].id
    (tmp_path / bundled_report_path.name).write_text("changed", encoding="utf-8")
    with pytest.raises(SplitterUnavailable, match="not found unchanged"):
        load_splitter(bundled_index, doc, tmp_path)
    with pytest.raises(SplitterUnavailable, match="not in the index"):
        load_splitter(bundled_index, "NOPE", tmp_path)
