"""Whether a question asks what a body decided, learned from its frame: the question with its topic words masked."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Iterable

import numpy as np

from index.text import tokenize
from vocabulary import vocabulary

if TYPE_CHECKING:
    from index.embedder import TextEncoder
    from settings import DecisionFrames

PLACEHOLDER = "X"
_ITEM = re.compile(r"\b((?:agenda\s+)?(?:sub-?)?items?)\s+(?:[ivxlc]{1,7}|\d{1,2})\b(?:\s*\(?[a-h]\)(?!\w))?", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:[-/.'’][^\W_]+)*")
# Placeholders joined by nothing but spaces, hyphens or "and"/"of"/"the"/"for"/"on" name one topic: "X".
_RUN = re.compile(rf"\b{PLACEHOLDER}(?:(?:\s+|-|\s+(?:and|of|the|for|on)\s+(?:the\s+)?){PLACEHOLDER}\b)+")


def title_stems(catalogue: Any) -> frozenset[str]:
    """Stems of every item, sub-item and heading title of the indexed reports: the words that name topics."""
    return frozenset(term for section in catalogue.sections for term in section.terms)


def question_frame(text: str, topic_stems: Iterable[str] = (), language: str = "en") -> str:
    """The question's wording around its topic, topic words replaced by "X".

    A word is topic when it is not frame wording (function, question, body and discussant words, and in
    lower case the vocabulary's decision, act and speaking words) and it is a capitalised word after
    the first (acronyms, names), a number, a country, or its stem is one of `topic_stems`.

    Args:
        text: the normalised question.
        topic_stems: stems that name topics in the indexed reports (`title_stems`).
        language: the question's language.

    Returns:
        The frame, e.g. "What did delegates settle on regarding the X?".
    """
    vocab = vocabulary(language)
    frame_words = vocab.all_stopwords | {word for name in vocab.bodies for word in name.split()}
    patterns = (vocab.decision_words, vocab.body_acts, vocab.speaking, vocab.discussants, vocab.outcome)
    stems = frozenset(topic_stems)
    text = _ITEM.sub(lambda m: f"{m.group(1)} {PLACEHOLDER}", text)
    out, last = [], 0
    for n, match in enumerate(_WORD.finditer(text)):
        word, lower = match.group(0), match.group(0).lower()
        out.append(text[last : match.start()])
        last = match.end()
        named = n > 0 and word[0].isupper()
        # A capitalised word is a name ("the Guide", "the SAFE Framework") unless it names a body or a discussant.
        frame = lower in frame_words or bool(vocab.discussants.fullmatch(lower)) or (
            not named and any(p.fullmatch(lower) for p in patterns)
        )
        topic = not frame and (
            named or any(c.isdigit() for c in word) or lower in vocab.countries or any(t in stems for t in tokenize(word, frozenset()))
        )
        out.append(PLACEHOLDER if topic else word)
    out.append(text[last:])
    return _RUN.sub(PLACEHOLDER, "".join(out))


class DecisionClassifier:
    """The fitted frame classifier (settings.DecisionFrames) with the model that embeds frames.

    `index.query.parse_query` asks it only about questions the hand-written rules do not take for a
    decision and give no typed kind (who, date, number, list, briefing): there the rules' yes stands,
    and a question asking for a name, a date or a count is never a decision question.
    """

    def __init__(self, frames: "DecisionFrames", encoder: "TextEncoder") -> None:
        """Hold the coefficients; `encoder` (the index's model) embeds a frame when a question is parsed."""
        self.frames = frames
        self.encoder = encoder
        self._weights = np.asarray(frames.weights, dtype=np.float32)
        self._stems: tuple[Any, frozenset[str]] = (None, frozenset())

    def probability(self, frame: str) -> float:
        """P(the frame asks for a decision): the logistic regression on its vector."""
        z = float(self.encoder.encode([frame])[0] @ self._weights) + self.frames.bias
        return 1.0 / (1.0 + float(np.exp(-z)))

    def decides(self, text: str, catalogue: Any = None, language: str = "en") -> bool:
        """Whether a question asks what a body decided.

        Args:
            text: the normalised question.
            catalogue: the indexed reports' `index.query.Catalogue` (its title words are masked as topic), or None.
            language: the question's language (the classifier is fitted on English frames: others get False).

        Returns:
            The classifier's verdict at the fitted threshold.
        """
        if language != "en" or not self.frames.weights:
            return False
        if catalogue is not None and self._stems[0] is not catalogue:
            self._stems = (catalogue, title_stems(catalogue))  # titles are fixed while an index is loaded
        stems = self._stems[1] if catalogue is not None else frozenset()
        return self.probability(question_frame(text, stems, language)) >= self.frames.threshold
