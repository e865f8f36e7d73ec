"""A tiny duck-typed index for unit tests of qa's answer composition (no model, no FAISS)."""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from index.text import tokenize
from ingest.records import Paragraph, ReportMeta
from ingest.sentences import split_sentences

DIM = 512


def bag_vector(text: str) -> np.ndarray:
    """A unit bag-of-words vector (hashed stems): texts sharing words are similar."""
    vec = np.zeros(DIM, dtype=np.float32)
    for token in tokenize(text):
        vec[zlib.crc32(token.encode()) % DIM] += 1.0
    norm = float(np.linalg.norm(vec))
    return vec / norm if norm else vec


@dataclass(frozen=True)
class FakeHit:
    """Same fields as index.Hit."""

    paragraph: Paragraph
    dense: float
    keyword: float
    fused: float
    final: float


class FakeIndex:
    """The parts of index.Index that qa reads, over hand-made paragraphs."""

    def __init__(self, paragraphs: list[Paragraph], reports: list[ReportMeta] | None = None) -> None:
        self.paragraphs = paragraphs
        self.reports = reports or []
        self._sentences = {p.key: split_sentences(p.text) for p in paragraphs}
        self._vectors = {k: np.stack([bag_vector(s) for s in v]) if v else np.zeros((0, DIM), np.float32) for k, v in self._sentences.items()}
        self.search_calls = 0

    def encode_query(self, text: str) -> np.ndarray:
        return bag_vector(text)

    def expand_query(self, text: str) -> str:
        return text

    def sentences(self, doc: str, number: int) -> list[str]:
        return self._sentences.get((doc, number), [])

    def sentence_vectors(self, doc: str, number: int) -> np.ndarray:
        return self._vectors.get((doc, number), np.zeros((0, DIM), np.float32))

    def paragraph(self, doc: str, number: int) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.key == (doc, number)), None)

    def search(self, query: str, k: int = 10, filters: object = None) -> list[FakeHit]:
        self.search_calls += 1
        q = bag_vector(query)
        scored = sorted(((float(bag_vector(p.text) @ q), p) for p in self.paragraphs), key=lambda sp: -sp[0])
        return [FakeHit(p, s, s, s, s) for s, p in scored[:k]]


def para(number: int, text: str, item: str = "V", decision: bool = False, doc: str = "PC0737E", **kw: object) -> Paragraph:
    """A hand-made paragraph with sensible defaults."""
    fields = dict(item_title="E-Commerce", subitem=None, subitem_title=None, heading=None)
    fields.update(kw)
    return Paragraph(doc=doc, number=number, item=item, decision=decision, text=text, **fields)  # type: ignore[arg-type]


def meta(doc: str, short_name: str) -> ReportMeta:
    """A hand-made report record."""
    return ReportMeta(doc, "Permanent Technical Committee", "241st/242nd", "", doc, short_name, f"{doc}.md", "0" * 64)
