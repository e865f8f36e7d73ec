"""Acronym glossary built from the reports' own "Long Form (ACRONYM)" definitions."""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from index.text import STOPWORDS, normalise

# "(PFCWG)", "(SEED+)", "(API/PNR CC)", "(ToR)", "(U.S. CBP)": at least two capitals inside.
_DEFINITION = re.compile(r"\(([A-Za-z][A-Za-z0-9+/&.\- ]{1,14})\)")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_ACRONYM_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/&.- ")
_CAPITAL = re.compile(r"[A-Z]")
_WORD_START = re.compile(r"(?<!\w)[A-Za-z]")
_WORD_CHAR = re.compile(r"\w")
_MARKED = re.compile(r"[A-Z0-9]")

GLOSSARY = "glossary.json"  # the merged glossary, read when an index loads
GLOSSARY_PARTS = "glossary_parts.json"  # each report's share, read when the index is updated


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


def mine_glossary(texts: Iterable[str]) -> dict[str, Any]:
    """One report's share of the glossary: its acronym definitions and acronym-like mentions.

    Mined once per report at ingest; `merge_glossary` combines the shares of every report, so
    adding a report never re-reads the others.

    Args:
        texts: the report's paragraph texts with their item and sub-item titles.

    Returns:
        {"texts": number of texts, "definitions": {acronym: {long form: count}},
        "mentions": {acronym-like string: number of texts containing it}} (JSON-ready).
    """
    definitions: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: Counter[str] = Counter()
    count = 0
    for text in texts:
        count += 1
        text = normalise(text)
        for match in _DEFINITION.finditer(text):
            short = match.group(1).strip()
            if not _is_acronym(short):
                continue
            long_form = best_long_form(short, text[: match.start()])
            if long_form:
                definitions[short][long_form] += 1
        mentions.update(_mentions(text))
    return {
        "texts": count,
        "definitions": {short: dict(forms) for short, forms in definitions.items()},
        "mentions": dict(mentions),
    }


def _mentions(text: str) -> set[str]:
    r"""Every string in a text that could be a defined acronym, standing alone as a word.

    The same test as a search for `(?<!\w)ACRONYM(?!\w)`, done once for all acronyms: strings of
    2-15 characters of the acronym alphabet that start a word, end before a non-word character and
    pass `_is_acronym`, each of their words holding a capital or a digit ("EU", "U.S. CBP", "API/PNR").
    """
    capitals = [m.start() for m in _CAPITAL.finditer(text)]
    if len(capitals) < 2:
        return set()
    found: set[str] = set()
    for match in _WORD_START.finditer(text):
        start = match.start()
        first = bisect.bisect_left(capitals, start)
        if first + 1 >= len(capitals) or capitals[first + 1] >= start + 15:
            continue  # fewer than two capitals in reach
        end = start + 1
        limit = min(len(text), start + 15)
        while end < limit and text[end] in _ACRONYM_CHARS:
            end += 1
            candidate = text[start:end]
            if (end < len(text) and _WORD_CHAR.match(text, end)) or candidate[-1] == " ":
                continue
            if _is_acronym(candidate) and all(_MARKED.search(word) for word in candidate.split()):
                found.add(candidate)
    return found


def merge_glossary(parts: Iterable[dict[str, Any]], common_share: float = 0.15) -> Glossary:
    """The glossary of a corpus from its reports' shares (`mine_glossary`); the most frequent long
    form of each acronym wins.

    Args:
        parts: one share per report, in index order.
        common_share: acronyms found in more than this share of the texts are not expanded.

    Returns:
        The Glossary.
    """
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: Counter[str] = Counter()
    texts = 0
    for part in parts:
        texts += int(part["texts"])
        for short, forms in part["definitions"].items():
            seen[short].update(forms)
        mentions.update(part["mentions"])
    long_forms = {short: forms.most_common(1)[0][0] for short, forms in sorted(seen.items())}
    limit = max(5.0, common_share * texts)  # a tiny corpus has no "common" acronyms
    return Glossary(long_forms, frozenset(short for short in long_forms if mentions[short] > limit))


def build_glossary(texts: Iterable[str], common_share: float = 0.15) -> Glossary:
    """Collect acronym definitions from texts; the most frequent long form of each acronym wins.

    Args:
        texts: paragraph texts, item and sub-item titles.
        common_share: acronyms found in more than this share of the texts are not expanded.

    Returns:
        The Glossary.
    """
    return merge_glossary([mine_glossary(texts)], common_share)


def glossary_files(parts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The glossary as index files: the merged glossary (read at load) and each report's share
    (read by updates).

    Args:
        parts: report id -> `mine_glossary` share, in index order.
    """
    glossary = merge_glossary(parts.values())
    return {
        GLOSSARY: {"long_forms": glossary.long_forms, "common": sorted(glossary.common)},
        GLOSSARY_PARTS: parts,
    }


def stored_glossary(derived: Mapping[str, Any]) -> Glossary:
    """The merged glossary of a stored index."""
    data = derived[GLOSSARY]
    return Glossary(dict(data["long_forms"]), frozenset(data["common"]))
