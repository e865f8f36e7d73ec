"""The generic RAG baseline: the raw report cut into overlapping 1000-character chunks, ranked by cosine, mapped to paragraphs."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ingest.records import Paragraph

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
# Reports whose Paragraph.position is a source line, so paragraphs can be located in the raw file.
LINE_BASED = (".md", ".txt")


@dataclass(frozen=True)
class Chunk:
    """A slice `text[start:end]` of the raw report and the printed paragraphs it overlaps (largest overlap first)."""

    start: int
    end: int
    text: str
    paragraphs: tuple[int, ...] = ()


def split_text(text: str, size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP) -> list[tuple[int, int]]:
    """Cut text into windows of at most `size` characters that share about `overlap` characters.

    Like a generic character splitter, a window ends at the last whitespace before the limit
    (so words stay whole) unless that would halve it, and the next window starts `overlap`
    characters before the end, moved forward to a word start.

    Args:
        text: the raw text.
        size: largest window, in characters.
        overlap: characters repeated at the start of the next window.

    Returns:
        (start, end) character offsets, in order, covering the whole text.
    """
    if size <= 0 or not 0 <= overlap < size:
        raise ValueError("need size > 0 and 0 <= overlap < size")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(start + size, n)
        if end < n:
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            if cut > start + size // 2:
                end = cut
        spans.append((start, end))
        if end >= n:
            break
        # Always move forward; start the next window at a word start.
        nxt = max(end - overlap, start + 1)
        while nxt < end and not text[nxt - 1].isspace():
            nxt += 1
        start = nxt
    return spans


def paragraph_spans(raw: str, paragraphs: Sequence[Paragraph]) -> list[tuple[int, int, int]]:
    """Character span of each paragraph in a line-based report file.

    A paragraph runs from the start of its source line (`Paragraph.position`) to the next
    paragraph's start, less trailing blank lines and Markdown headings (they introduce the next one).

    Args:
        raw: the report file's text.
        paragraphs: the report's paragraphs, with 1-based source line positions.

    Returns:
        (start, end, printed number) in file order.
    """
    line_starts = [0]
    for i, char in enumerate(raw):
        if char == "\n":
            line_starts.append(i + 1)
    line_starts.append(len(raw) + 1)
    ordered = sorted((p for p in paragraphs if p.position >= 1), key=lambda p: p.position)
    spans: list[tuple[int, int, int]] = []
    for i, para in enumerate(ordered):
        first = para.position - 1
        last = (ordered[i + 1].position - 1 if i + 1 < len(ordered) else len(line_starts) - 1) - 1
        while last > first and _filler(raw[line_starts[last] : line_starts[last + 1] - 1]):
            last -= 1
        spans.append((line_starts[first], min(line_starts[last + 1] - 1, len(raw)), para.number))
    return spans


def _filler(line: str) -> bool:
    """A line that belongs to no paragraph's text: blank, or a Markdown heading."""
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def overlapping(start: int, end: int, spans: Sequence[tuple[int, int, int]]) -> tuple[int, ...]:
    """Printed numbers of the paragraphs a character range overlaps, largest overlap first (then file order)."""
    shares = [(min(end, s_end) - max(start, s_start), i, number) for i, (s_start, s_end, number) in enumerate(spans)]
    return tuple(number for size, _, number in sorted((-size, i, number) for size, i, number in shares if size > 0))


def make_chunks(raw: str, paragraphs: Sequence[Paragraph], size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP) -> list[Chunk]:
    """The report's chunks, each knowing the paragraphs it overlaps.

    Args:
        raw: the report file's text (.md or .txt; `Paragraph.position` is a source line).
        paragraphs: that report's paragraphs.
        size: chunk size in characters.
        overlap: characters shared by consecutive chunks.

    Returns:
        Chunks in file order (those before the first paragraph overlap none).
    """
    spans = paragraph_spans(raw, paragraphs)
    return [Chunk(s, e, raw[s:e], overlapping(s, e, spans)) for s, e in split_text(raw, size, overlap)]


def flatten(ranked_chunks: Sequence[Chunk]) -> list[int]:
    """Paragraph numbers in the order ranked chunks reveal them, each once."""
    seen: dict[int, None] = {}
    for chunk in ranked_chunks:
        for number in chunk.paragraphs:
            seen.setdefault(number, None)
    return list(seen)


class SplitterBaseline:
    """Chunks of one report embedded with the index's model; ranks paragraphs for a question."""

    def __init__(self, chunks: Sequence[Chunk], embedder: Any) -> None:
        """Embed the chunks (a generic splitter: the model truncates chunks longer than its input limit).

        Args:
            chunks: from `make_chunks`.
            embedder: index.Embedder (`encode` gives unit rows).
        """
        self.chunks = list(chunks)
        self.embedder = embedder
        texts = [c.text for c in self.chunks]
        # The index's batch path (bfloat16 where the CPU has it, about 1.8x faster): chunks are
        # embedded as the index embeds paragraphs. Embedders without it use plain `encode`.
        batch = getattr(embedder, "encode_with_spans", None)
        self.vectors = batch(texts, [()] * len(texts))[0] if batch and texts else embedder.encode(texts)

    def rank(self, query_vector: np.ndarray, k: int = 10) -> list[int]:
        """The first k paragraph numbers revealed by the chunks, most similar chunk first.

        Args:
            query_vector: the question's unit vector.
            k: paragraphs to return.

        Returns:
            Printed paragraph numbers.
        """
        order = np.argsort(-(self.vectors @ query_vector), kind="stable")
        return flatten([self.chunks[i] for i in order])[:k]


class SplitterUnavailable(Exception):
    """The raw file behind a report cannot be found or split (one line; the baseline is then left out)."""


def load_splitter(index: Any, doc: str, reports_dir: Path) -> SplitterBaseline:
    """The splitter baseline for one indexed report, read from its original file.

    Args:
        index: a loaded index.Index (its reports, paragraphs and embedder).
        doc: the report id.
        reports_dir: folder holding the report file (searched recursively by file name).

    Returns:
        The baseline with its chunks embedded.

    Raises:
        SplitterUnavailable: the file is missing, changed since indexing, or not line-based text.
    """
    meta = next((r for r in index.reports if r.id == doc), None)
    if meta is None:
        raise SplitterUnavailable(f"report {doc} is not in the index")
    suffix = Path(meta.file_name).suffix.lower()
    if suffix not in LINE_BASED:
        raise SplitterUnavailable(f"{meta.file_name}: splitter baseline needs a .md or .txt report, not {suffix or 'no suffix'}")
    for path in sorted(Path(reports_dir).rglob(meta.file_name)):
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == meta.content_hash:
            paragraphs = [p for p in index.paragraphs if p.doc == doc]
            return SplitterBaseline(make_chunks(data.decode("utf-8"), paragraphs), index.embedder)
    raise SplitterUnavailable(f"{meta.file_name}: not found unchanged under {reports_dir} (pass --reports DIR)")
