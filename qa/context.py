"""What every answer stage reads: the parsed question, its hits, the index, per-index facts and the settings."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Protocol, Sequence, TypeVar

import numpy as np

from index.query import Query
from qa.corpus import Corpus
from settings import Settings

if TYPE_CHECKING:
    from index import Hit
    from ingest.records import Paragraph

T = TypeVar("T")


class IndexView(Protocol):
    """The parts of index.Index that qa reads."""

    def sentences(self, doc: str, ref: int | str) -> list[str]: ...

    def sentence_vectors(self, doc: str, ref: int | str) -> np.ndarray: ...

    def paragraph(self, doc: str, ref: int | str) -> "Paragraph | None": ...

    def mask(self, filters: object | None) -> np.ndarray: ...

    def row(self, doc: str, ref: int | str) -> int | None: ...


@dataclass(frozen=True)
class Context:
    """One question in flight: stage functions take this instead of loose arguments."""

    query: Query
    hits: Sequence["Hit"]
    index: IndexView
    corpus: Corpus
    vector: np.ndarray  # the question's unit vector, encoded once
    settings: Settings
    # The user's index.Filters (None: no filter); an answer cites nothing they exclude, even when it is
    # composed from the report's structure rather than from the hits.
    filters: object | None = None
    # Results of question-wide judgements several stages read (see `once`), keyed by the function that made them.
    _judged: dict[Callable[..., Any], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def once(self, judge: "Callable[[Context], T]") -> T:
        """`judge(self)`, computed the first time a stage asks and read back after (routing and a composer share it)."""
        if judge not in self._judged:
            self._judged[judge] = judge(self)
        return self._judged[judge]

    def sentence_scores(self, para: "Paragraph") -> tuple[list[str], np.ndarray]:
        """A paragraph's sentences and each one's cosine with the question (zeros when vectors are missing)."""
        sentences = self.index.sentences(para.doc, para.ref)
        vectors = self.index.sentence_vectors(para.doc, para.ref)
        if len(vectors) != len(sentences) or not len(sentences):
            return sentences, np.zeros(len(sentences), dtype=np.float32)
        return sentences, vectors @ self.vector

    @cached_property
    def _allowed_rows(self) -> np.ndarray:
        """The filters' mask over the index's paragraphs, computed once per question and only when asked."""
        return self.index.mask(self.filters)

    def allows(self, doc: str, ref: int | str) -> bool:
        """Whether the user's filters allow citing a paragraph (always, without filters)."""
        if self.filters is None:
            return True
        row = self.index.row(doc, ref)
        return row is not None and bool(self._allowed_rows[row])
