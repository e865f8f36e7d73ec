"""Acronym glossary built from the reports' own "Long Form (ACRONYM)" definitions."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from index.text import STOPWORDS, normalise

# "(PFCWG)", "(SEED+)", "(API/PNR CC)", "(ToR)", "(U.S. CBP)": at least two capitals inside.
_DEFINITION = re.compile(r"\(([A-Za-z][A-Za-z0-9+/&.\- ]{1,14})\)")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")


def _is_acronym(candidate: str) -> bool:
    """Whether a parenthesised string looks like an acronym (two or more capitals, few words)."""
    capitals = sum(c.isupper() for c in candidate)
    return capitals >= 2 and len(candidate.split()) <= 3 and not candidate.isdigit()


def best_long_form(short: str, text_before: str) -> str | None:
    """The shortest ending of `text_before` whose letters spell `short` (Schwartz & Hearst, 2003).

    Args:
        short: the acronym, e.g. "PFCWG".
        text_before: the text just before "(short)".

    Returns:
        The long form, e.g. "Passenger Facilitation and Control Working Group", or None.
    """
    letters = [c.lower() for c in short if c.isalnum()]
    words = text_before.split()
    # Never look further back than the acronym could plausibly spell.
    window = " ".join(words[-min(len(letters) + 5, 2 * len(letters)) :])
    s_index, l_index = len(letters) - 1, len(window) - 1
    while s_index >= 0:
        c = letters[s_index]
        # The first letter of the acronym must start a word of the long form.
        while l_index >= 0 and (
            window[l_index].lower() != c or (s_index == 0 and l_index > 0 and window[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = window.rfind(" ", 0, l_index + 1) + 1
    long_form = window[start:].strip(" ,;:")
    if len(long_form) <= len(short) or not long_form[:1].isalpha():
        return None
    return long_form


def _content_words(text: str) -> tuple[str, ...]:
    """Lower-case words of a text without stopwords."""
    return tuple(w for w in (m.group(0).lower() for m in _WORD.finditer(normalise(text))) if w not in STOPWORDS)


@dataclass
class Glossary:
    """Acronyms and their long forms, with query expansion both ways."""

    long_forms: dict[str, str] = field(default_factory=dict)  # acronym -> long form
    # Acronyms used so widely (e.g. "PTC") that expanding them only adds noise to a query.
    common: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._words = {acronym: set(_content_words(long)) for acronym, long in self.long_forms.items()}
        spread = Counter(word for words in self._words.values() for word in words)
        # A word found in one long form only ("passenger") identifies it; "working group" does not.
        self._distinctive = {acronym: {w for w in words if spread[w] == 1} for acronym, words in self._words.items()}

    def expansions(self, query: str, min_coverage: float = 0.6) -> list[str]:
        """Terms to add to a query: long forms of acronyms it uses, acronyms of long forms it uses.

        Args:
            query: the user's question.
            min_coverage: share of a long form's content words the query must contain to add
                its acronym ("the passenger working group" -> PFCWG).

        Returns:
            Long forms and acronyms not already in the query, in glossary order.
        """
        text = normalise(query)
        tokens = {t.lower().strip(".") for t in re.findall(r"[^\s,;:?!()\"]+", text)}
        words = set(_content_words(text))
        added: list[str] = []
        for acronym, long_form in self.long_forms.items():
            if acronym in self.common:
                continue
            if acronym.lower() in tokens:
                if not self._words[acronym] <= words:
                    added.append(long_form)
                continue
            needed = self._words[acronym]
            found = needed & words
            if len(found) >= max(2, min_coverage * len(needed)) and found & self._distinctive[acronym]:
                added.append(acronym)
        return added

    def expand(self, query: str) -> str:
        """The query with its expansions appended (unchanged when there are none)."""
        extra = self.expansions(query)
        return query if not extra else f"{query} ({'; '.join(extra)})"

    def to_json(self) -> dict[str, str]:
        """The glossary as a JSON-ready dict acronym -> long form."""
        return dict(self.long_forms)


def build_glossary(texts: Iterable[str], common_share: float = 0.15) -> Glossary:
    """Collect acronym definitions from texts; the most frequent long form of each acronym wins.

    Args:
        texts: paragraph texts, item and sub-item titles.
        common_share: acronyms found in more than this share of the texts are not expanded.

    Returns:
        The Glossary.
    """
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    texts = [normalise(text) for text in texts]
    for text in texts:
        for match in _DEFINITION.finditer(text):
            short = match.group(1).strip()
            if not _is_acronym(short):
                continue
            long_form = best_long_form(short, text[: match.start()])
            if long_form:
                seen[short][long_form] += 1
    long_forms = {short: forms.most_common(1)[0][0] for short, forms in sorted(seen.items())}
    limit = max(5.0, common_share * len(texts))  # a tiny corpus has no "common" acronyms
    common = frozenset(
        short for short in long_forms
        if sum(1 for text in texts if re.search(rf"(?<!\w){re.escape(short)}(?!\w)", text)) > limit
    )
    return Glossary(long_forms, common)
