"""Test doubles for qa: a tiny duck-typed index (no model, no FAISS) and a fake OpenAI-compatible server."""
from __future__ import annotations

import json
import threading
import time
import zlib
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

from index.query import Catalogue, Query, parse_query, report_bodies
from index.speakers import introduces_speaker
from index.text import tokenize
from ingest.records import Paragraph, ReportMeta, as_ref
from ingest.sentences import split_sentences
from settings import Settings

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
        # As index.Index stores them at ingest: whether a paragraph opens by introducing a speaker.
        self.speaker_flags = np.array(
            [introduces_speaker(next(iter(self._sentences[p.key]), p.text), p.decision) for p in paragraphs], dtype=bool
        )
        self._vectors = {k: np.stack([bag_vector(s) for s in v]) if v else np.zeros((0, DIM), np.float32) for k, v in self._sentences.items()}
        self.catalogue = Catalogue(paragraphs, None, report_bodies(self.reports))
        self.search_calls = 0
        self.parse_calls = 0

    def encode_query(self, text: str) -> np.ndarray:
        return bag_vector(text)

    def parse(self, question: str, language: str = "en") -> Query:
        self.parse_calls += 1
        return parse_query(question, self.catalogue, language)

    def query_vector(self, query: "str | Query") -> np.ndarray:
        return self.encode_query(query.text if isinstance(query, Query) else query)

    def sentences(self, doc: str, ref: int | str) -> list[str]:
        return self._sentences.get((doc, as_ref(ref)), [])

    def sentence_vectors(self, doc: str, ref: int | str) -> np.ndarray:
        return self._vectors.get((doc, as_ref(ref)), np.zeros((0, DIM), np.float32))

    def paragraph(self, doc: str, ref: int | str) -> Paragraph | None:
        return next((p for p in self.paragraphs if p.key == (doc, as_ref(ref))), None)

    def search(self, query: "str | Query", k: int = 10, filters: object = None, query_vector: np.ndarray | None = None) -> list[FakeHit]:
        self.search_calls += 1
        q = self.query_vector(query) if query_vector is None else query_vector
        scored = sorted(((float(bag_vector(p.text) @ q), p) for p in self.paragraphs), key=lambda sp: -sp[0])
        return [FakeHit(p, s, s, s, s) for s, p in scored[:k]]


def context(index: FakeIndex, question: str, k: int = 6, settings: Settings | None = None):
    """A qa.context.Context for a question over a fake index, as qa.pipeline.prepare makes it."""
    from qa.context import Context
    from qa.corpus import build_corpus

    query = index.parse(question)
    vector = index.query_vector(query)
    return Context(query, index.search(query, k=k, query_vector=vector), index, build_corpus(index), vector, settings or Settings())


def para(number: int, text: str, item: str = "V", decision: bool = False, doc: str = "PC0737E", **kw: object) -> Paragraph:
    """A hand-made paragraph with sensible defaults."""
    fields = dict(item_title="E-Commerce", subitem=None, subitem_title=None, heading=None)
    fields.update(kw)
    return Paragraph(doc=doc, number=number, item=item, decision=decision, text=text, **fields)  # type: ignore[arg-type]


def meta(doc: str, short_name: str) -> ReportMeta:
    """A hand-made report record."""
    return ReportMeta(doc, "Permanent Technical Committee", "241st/242nd", "", doc, short_name, f"{doc}.md", "0" * 64)


class FakeLLM:
    """An OpenAI-compatible chat-completions endpoint on 127.0.0.1 (free port) whose reply, status and delay the test sets; it records requests."""

    def __init__(self) -> None:
        self.reply = ""
        self.status = 200
        self.delay_s = 0.0
        self.drip_s = 0.0  # > 0: the whole response (status line included) is sent one byte per drip_s
        self.requests: list[dict] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server API)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                fake.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": json.loads(body)})
                time.sleep(fake.delay_s)
                payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": fake.reply}}]}).encode()
                try:
                    if fake.drip_s:
                        head = f"HTTP/1.1 {fake.status} OK\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
                        for byte in head + payload:
                            self.wfile.write(bytes([byte]))
                            self.wfile.flush()
                            time.sleep(fake.drip_s)
                        return
                    self.send_response(fake.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def settings(self, timeout_s: float = 5.0) -> Settings:
        return Settings(llm_base_url=self.base_url, llm_model="fake", llm_api_key="sk-test", llm_timeout_s=timeout_s)

    def __enter__(self) -> "FakeLLM":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
