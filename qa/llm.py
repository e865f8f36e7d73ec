"""Optional generative answers from an OpenAI-compatible endpoint, checked sentence by sentence against the paragraphs."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Sequence

from index.text import tokenize
from ingest.sentences import split_sentences
from qa.answer import Citation, Statement, cite_label

# "[¶38]", "[PTC 241/242 ¶38]", "[¶ 38]"; several in one bracket are split by "," or ";".
_CITATION = re.compile(r"\[([^\[\]]*?¶\s*\d+[^\[\]]*)\]")
_ONE = re.compile(r"(?:([^,;¶]*?)\s*)?¶\s*(\d+)")
# Labels written after the full stop ("… in 2016. [¶38] Next …") belong to the sentence before.
_LABEL_AFTER_STOP = re.compile(r"([.!?])\s*((?:\[[^\[\]]*¶[^\[\]]*\]\s*)+)")

SYSTEM_PROMPT = (
    "You answer questions about World Customs Organization Permanent Technical Committee (PTC) reports. "
    "Use ONLY the numbered paragraphs given. End every sentence with the label of the paragraph that "
    "supports it, exactly as given, e.g. [¶38]. Keep the report's wording where you can. If the paragraphs "
    "do not answer the question, say that the reports do not answer it. Be brief: at most five sentences."
)


class LLMError(Exception):
    """The endpoint failed, timed out or replied with something that is not a chat completion."""


@dataclass(frozen=True)
class Checked:
    """The LLM's answer after checking: the supported statements and what was dropped."""

    statements: list[Statement]
    dropped: list[str]  # one line per dropped sentence or citation, for warnings


def build_messages(question: str, paragraphs: Sequence[Any], report_names: dict[str, str]) -> list[dict[str, str]]:
    """The chat messages: instructions, then the labelled paragraphs and the question.

    Args:
        question: the cleaned question.
        paragraphs: the retrieved paragraphs the answer may use.
        report_names: report id -> short name for every report in the corpus.

    Returns:
        OpenAI-style messages.
    """
    blocks = []
    for p in paragraphs:
        label = cite_label(Citation.of(p), report_names)
        where = f"Item {p.item} {p.item_title}".strip() + (" (decision)" if p.decision else "")
        blocks.append(f"{label} {where}\n{p.text}")
    user = "Paragraphs:\n\n" + "\n\n".join(blocks) + f"\n\nQuestion: {question}"
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


def chat(messages: list[dict[str, str]], base_url: str, model: str, api_key: str, timeout_s: float) -> str:
    """POST {base_url}/chat/completions and return the first choice's text.

    Args:
        messages: OpenAI-style messages.
        base_url: e.g. "http://127.0.0.1:11434/v1" (Ollama) or "http://127.0.0.1:8080/v1" (llama.cpp).
        model: the model name the server knows.
        api_key: sent as a Bearer token when not empty.
        timeout_s: seconds to wait for the whole reply.

    Returns:
        The completion text.

    Raises:
        LLMError: on any connection, HTTP, timeout or format problem (one-line message).
    """
    body = json.dumps({"model": model, "messages": messages, "temperature": 0}).encode()
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    url = base_url.rstrip("/") + "/chat/completions"
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            data = json.loads(response.read().decode("utf-8"))
        return str(data["choices"][0]["message"]["content"])
    except urllib.error.HTTPError as exc:
        raise LLMError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise LLMError(f"{url}: {reason or type(exc).__name__}") from exc
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMError(f"{url}: reply is not a chat completion ({type(exc).__name__})") from exc


def parse_citations(sentence: str) -> tuple[str, list[tuple[str, int]]]:
    """Split a sentence into its text and its citation labels.

    Args:
        sentence: e.g. "The threshold rose to 800 USD in 2016 [¶38]."

    Returns:
        (text without the labels, [(report name or "", paragraph number), ...]).
    """
    cites: list[tuple[str, int]] = []
    for match in _CITATION.finditer(sentence):
        for one in _ONE.finditer(match.group(1)):
            cites.append(((one.group(1) or "").strip(), int(one.group(2))))
    text = _CITATION.sub("", sentence)
    text = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip()
    return text, cites


def support(sentence: str, paragraph_text: str) -> float:
    """Share of a sentence's keyword tokens that occur in a paragraph (0..1; 1 when it has none).

    Args:
        sentence: the claim.
        paragraph_text: the cited paragraph.

    Returns:
        The token overlap.
    """
    words = set(tokenize(sentence))
    if not words:
        return 1.0
    return len(words & set(tokenize(paragraph_text))) / len(words)


def check_answer(
    reply: str,
    paragraphs: Sequence[Any],
    report_names: dict[str, str],
    min_support: float = 0.6,
) -> Checked:
    """Keep the sentences whose citation is a retrieved paragraph that supports them.

    Each sentence keeps its best-supported valid citation; citations outside the retrieved set are
    dropped, and so is a sentence left without a supporting citation.

    Args:
        reply: the LLM's answer text.
        paragraphs: the retrieved paragraphs it was given.
        report_names: report id -> short name.
        min_support: least token overlap between a sentence and its cited paragraph.

    Returns:
        The supported statements and one line per dropped item.
    """
    by_label: dict[tuple[str, int], Any] = {}
    single = len({p.doc for p in paragraphs}) <= 1
    for p in paragraphs:
        by_label[(report_names.get(p.doc, p.doc), p.number)] = p
        if single or len(report_names) <= 1:
            by_label[("", p.number)] = p
    statements: list[Statement] = []
    dropped: list[str] = []
    reply = _LABEL_AFTER_STOP.sub(lambda m: f" {m.group(2).strip()}{m.group(1)} ", reply)
    for sentence in split_sentences(reply):
        text, cites = parse_citations(sentence)
        if not text:
            continue
        valid = []
        for name, number in cites:
            para = by_label.get((name, number))
            if para is None:
                dropped.append(f"citation ¶{number} is not among the retrieved paragraphs")
            else:
                valid.append((support(text, para.text), para))
        best = max(valid, key=lambda v: v[0], default=None)
        if best is None or best[0] < min_support:
            dropped.append(f"unsupported sentence dropped: {text[:80]}")
            continue
        para = best[1]
        statements.append(Statement(text, Citation.of(para), quote=None))
    return Checked(statements, dropped)


def llm_answer(question: str, hits: Sequence[Any], settings: Any, report_names: dict[str, str]) -> Checked:
    """Ask the configured endpoint to answer from the hits' paragraphs, then check its answer.

    Args:
        question: the cleaned question.
        hits: ranked hits; their paragraphs are the only material the model sees.
        settings: Settings (llm_base_url, llm_model, llm_api_key, llm_timeout_s).
        report_names: report id -> short name.

    Returns:
        The checked answer.

    Raises:
        LLMError: the endpoint failed, or no sentence of its answer survived the checks.
    """
    paragraphs = [h.paragraph for h in hits]
    messages = build_messages(question, paragraphs, report_names)
    reply = chat(messages, settings.llm_base_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout_s)
    checked = check_answer(reply, paragraphs, report_names)
    if not checked.statements:
        raise LLMError(f"{settings.llm_base_url}: no sentence of the model's answer was supported by a cited paragraph")
    return checked
