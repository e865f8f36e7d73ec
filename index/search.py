"""The loaded index: hybrid, structure-aware search with filters, and paragraph look-ups."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from index.ann import configure_search
from index.build import SPEAKERS, TEXT_TERMS
from index.decision_frame import DecisionClassifier
from index.embedder import Embedder, lazy_embedder
from index.glossary import GLOSSARY, Glossary, build_glossary, stored_glossary
from index.keyword import FILES as KEYWORD_FILES, KeywordIndex, keyword_problem
from index.query import Catalogue, Decider, Query, countries_in, parse_query, report_bodies
from index.ranking import NEG, RankingConfig, adaptive_weight, boost_speakers, cover_parts, fuse, move_up, structured
from index.speakers import introduces_speaker, takes_floor
from index.store import IndexLoadError, StoredIndex, read_index, rebuild_hint
from index.windows import context_line
from ingest.records import AgendaItem, Paragraph, ReportMeta, as_ref
from settings import Settings

# Above this many windows the dense step asks FAISS for a candidate list instead of every score.
_DENSE_CANDIDATES = 2000
# Paragraphs whose sentences are scored: the best of each side (all of them in a small index).
_SENTENCE_CANDIDATES = 200


@dataclass(frozen=True)
class Filters:
    """Restrictions applied as masks on the full score vectors before ranking.

    Each set is None (no restriction) or the allowed values: report ids, session strings
    (ReportMeta.sessions or short_name), meeting years (ReportMeta.year), agenda items. An item is a (report id, numeral) pair,
    e.g. ("PC0737E", "VI"), since numerals repeat across reports; a bare numeral ("VI") allows
    that numeral in every report.
    """

    docs: frozenset[str] | None = None
    sessions: frozenset[str] | None = None
    years: frozenset[int] | None = None
    items: frozenset[tuple[str, str] | str] | None = None
    decisions_only: bool = False


@dataclass(frozen=True)
class Hit:
    """One search result: the paragraph and its scores at each stage."""

    paragraph: Paragraph
    dense: float  # cosine similarity (best window)
    keyword: float  # BM25 score
    fused: float  # after dense/keyword fusion
    final: float  # after the structure-aware step (the rank order)

    def to_json(self) -> dict:
        """The hit as JSON: the paragraph's fields plus its scores."""
        data = self.paragraph.to_json()
        data.update(dense=self.dense, keyword=self.keyword, fused=self.fused, final=self.final)
        return data


class Index:
    """A loaded index folder; build one with `index.update_index`, open it with `Index.load`."""

    def __init__(
        self, stored: StoredIndex, embedder: Embedder, index_dir: Path, ranking: RankingConfig | None = None
    ) -> None:
        """Prepare the in-memory search structures (use `Index.load`); `ranking`: settings.ranking (defaults when None)."""
        self.index_dir = index_dir
        self.manifest = stored.manifest
        self.embedder = embedder
        self.paragraphs: list[Paragraph] = stored.paragraphs
        self.reports: list[ReportMeta] = [r.meta for r in stored.reports]
        self._agenda = {r.meta.id: list(r.agenda) for r in stored.reports}
        self._stored = stored
        self._faiss = stored.faiss_index
        self._row = {p.key: row for row, p in enumerate(self.paragraphs)}
        windows = stored.window_paragraphs
        # Windows are stored grouped by paragraph, so each paragraph's windows start at one offset.
        self._window_starts = np.searchsorted(windows, np.arange(len(self.paragraphs)))
        self.glossary, self.keyword, self.speaker_flags = _derived_structures(stored, index_dir)
        self._catalogue: Catalogue | None = None
        self._decision_classifier: DecisionClassifier | None = None
        self._docs = np.array([p.doc for p in self.paragraphs], dtype=object)
        self._items = np.array([p.item for p in self.paragraphs], dtype=object)
        self._decisions = np.array([p.decision for p in self.paragraphs], dtype=bool)
        sessions = {r.id: {r.sessions, r.short_name} for r in self.reports}
        self._sessions = [sessions.get(p.doc, set()) for p in self.paragraphs]
        years = {r.id: r.year or 0 for r in self.reports}
        self._years = np.array([years.get(p.doc, 0) for p in self.paragraphs], dtype=np.int64)
        group_keys = [(p.doc, p.item) for p in self.paragraphs]
        group_id = {key: g for g, key in enumerate(dict.fromkeys(group_keys))}
        self._group_id = group_id
        self._groups = np.array([group_id[key] for key in group_keys], dtype=np.int64)
        self._n_groups = len(group_id)
        # Tuners (eval/tune_retrieval.py, eval/run.py's baselines) replace it on a loaded index.
        self.ranking = ranking or RankingConfig()
        self._recent_parts: dict[str, np.ndarray] = {}
        self._floor: np.ndarray | None = None
        self._unused_wordings: tuple[Query, tuple] | None = None  # the last question's (see unused_wordings)

    @classmethod
    def load(
        cls,
        index_dir: str | Path,
        embedder: Embedder | None = None,
        verify: bool = True,
        model: str = Settings.model,
        ranking: RankingConfig | None = None,
    ) -> "Index":
        """Open an index folder.

        Args:
            index_dir: a folder written by `update_index`.
            embedder: the model to embed queries with (default: `model`, loaded when the first query
                is encoded, so opening an index and keyword search never import torch).
            verify: check file checksums.
            model: the configured model (settings.model) the index must have been built with, when no
                embedder is given.
            ranking: the ranking's tuned values (settings.ranking; its defaults when None).

        Returns:
            The Index.

        Raises:
            IndexLoadError: missing folder or files, corrupt files, another format version, or an
                index built with a different model than the one given or configured.
        """
        index_dir = Path(index_dir)
        stored = read_index(index_dir, verify=verify)
        built = stored.manifest.get("model", {})
        if embedder is None:
            if model != built.get("name"):
                raise _model_mismatch(index_dir, stored.manifest, (model, None, None))
            embedder = lazy_embedder(model)
        if (embedder.name, embedder.version, embedder.dim) != (built.get("name"), built.get("version"), stored.manifest.get("dim")):
            raise _model_mismatch(index_dir, stored.manifest, (embedder.name, embedder.version, embedder.dim))
        try:
            configure_search(stored.faiss_index, stored.manifest.get("index_type", ""))
        except ValueError as exc:
            raise IndexLoadError(f"{index_dir}: {exc}; {rebuild_hint(index_dir)}") from exc
        return cls(stored, embedder, index_dir, ranking)

    def text_term_stats(self) -> tuple[dict[str, int], int] | None:
        """(stem -> number of paragraph texts holding it, number of paragraphs), as stored at ingest;
        None for an index written before it was stored."""
        if TEXT_TERMS not in self._stored.derived:
            return None
        data = self._stored.derived[TEXT_TERMS]
        return data["doc_freq"], int(data["n_docs"])

    # --- search -------------------------------------------------------------------------

    def encode_query(self, text: str) -> np.ndarray:
        """The query's unit vector (dim,) (a part of the question last searched is not encoded again)."""
        recent = self._recent_parts.get(text)
        return recent if recent is not None else self.embedder.encode([text])[0]

    def encode_parts(self, parts: Sequence[str]) -> np.ndarray:
        """Unit vectors (len(parts), dim) of a question's parts, encoded in one batch.

        Kept until the next question's parts are encoded, so that the answer's stages that score each
        part (qa's cover_parts) read them instead of encoding them again; one question's worth only,
        so a question asked anew is encoded anew.
        """
        known = [self._recent_parts.get(part) for part in parts]
        if all(vector is not None for vector in known):
            return np.stack(known)
        vectors = self.embedder.encode(list(parts))
        self._recent_parts = dict(zip(parts, vectors))
        return vectors

    @property
    def catalogue(self) -> Catalogue:
        """What questions can name here (item and sub-item titles, acronyms, bodies), built on first use."""
        if self._catalogue is None:
            self._catalogue = Catalogue(
                self.paragraphs, self.glossary.expansions, report_bodies(self.reports), term_stats=self.text_term_stats()
            )
        return self._catalogue

    def parse(self, question: str, language: str = "en") -> Query:
        """The question understood once (kind, topic, named items, constraints), against this index's titles and glossary."""
        return parse_query(question, self.catalogue, language, self._decider())

    def _decider(self) -> Decider | None:
        """The configured decision-question classifier, when it was fitted on this index's model (None: the rules alone)."""
        frames = self.ranking.decision_frames
        if not frames.weights or frames.model != self.embedder.name:
            return None
        if self._decision_classifier is None or self._decision_classifier.frames is not frames:
            self._decision_classifier = DecisionClassifier(frames, self.embedder)
        return self._decision_classifier.decides

    def _as_query(self, query: str | Query) -> Query:
        return query if isinstance(query, Query) else self.parse(query)

    def query_vector(self, query: str | Query, ranking: RankingConfig | None = None) -> np.ndarray:
        """The vector `search` embeds for a query, for callers that also score with it (qa).

        Args:
            query: the user's words or their parsed Query.
            ranking: stage switches (default: the tuned pipeline); acronyms are expanded when it says so.

        Returns:
            The unit vector (dim,) of the normalised, possibly expanded query.
        """
        return self.encode_query(self._dense_text(self._as_query(query), ranking or self.ranking))

    def search(
        self,
        query: str | Query,
        k: int = 10,
        filters: Filters | None = None,
        ranking: RankingConfig | None = None,
        query_vector: np.ndarray | None = None,
    ) -> list[Hit]:
        """The `k` best paragraphs for a query.

        Args:
            query: the user's words, or the Query `parse` made of them (then nothing is parsed again).
            k: how many hits.
            filters: restrictions, applied before ranking.
            ranking: stage switches and weights (default: the tuned pipeline).
            query_vector: `query_vector(query, ranking)` when the caller has it already, so the
                query is not encoded twice (default: encoded here).

        Returns:
            Hits, best first (fewer than k when the filters allow fewer paragraphs; none for a blank query).
        """
        config = ranking or self.ranking
        parsed = self._as_query(query)
        if not parsed.text or not self.paragraphs or k <= 0:
            return []
        if query_vector is None:
            query_vector = self.encode_query(self._dense_text(parsed, config))
        dense, keyword = self.raw_scores(parsed, config, query_vector)
        mask = self.mask(filters)
        blended = self.sentence_blend(dense, keyword, mask, query_vector, config)
        fused, final = self.rank(blended, keyword, mask, parsed, config)
        if config.part_window > 0 and len(parsed.parts) >= 2 and (not config.part_parties or compares_parties(parsed)):
            # The parts ask about one matter: each part's paragraph comes from the best hits' agenda items.
            home = np.isin(self._groups, self._groups[np.argsort(-final, kind="stable")[: config.part_home]]) & mask
            parts = self.part_scores(parsed, home, query_vector, config)
            final = cover_parts(final, parts, config.part_start, config.part_window, config.part_choices, config.part_reach)
        if config.continuation_slot > 0 and config.fusion == "adaptive":
            final = self.continue_section(final, mask, config.continuation_slot, lambda: not self.keyword_weight(keyword, mask, parsed, config))
        allowed = int(np.isfinite(final).sum())
        top = np.argsort(-final, kind="stable")[: min(k, allowed)]
        return [
            Hit(self.paragraphs[i], float(dense[i]), float(keyword[i]), float(fused[i]), float(final[i])) for i in top
        ]

    def part_scores(self, query: Query, mask: np.ndarray, query_vector: np.ndarray, config: RankingConfig) -> list[np.ndarray]:
        """Each part of a multi-part question ranked on its own: final scores per part (-inf where filtered out).

        A part is parsed as a question of its own (its terms, a decision part's conclusions first) and
        scored with its vector plus `config.part_context` times the whole question's (`query_vector`).
        """
        vectors = self.encode_parts(query.parts) + config.part_context * query_vector
        # Without the learned decision classifier: it would encode each part once more.
        parts = [parse_query(part, self.catalogue, query.language) for part in query.parts]
        scores = []
        for parsed, vector in zip(parts, vectors):
            vector = (vector / max(float(np.linalg.norm(vector)), 1e-9)).astype(np.float32)
            keyword = self.keyword.scores(self._scored_text(parsed, config))
            blended = self.sentence_blend(self.dense_scores(vector), keyword, mask, vector, config)
            scores.append(self.rank(blended, keyword, mask, parsed, config)[1])
        return scores

    def raw_scores(
        self, query: str | Query, config: RankingConfig | None = None, query_vector: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Dense and BM25 scores of every paragraph (before filters and fusion).

        Args:
            query: the query (or its words).
            config: whether to expand acronyms (default: the tuned pipeline).
            query_vector: the query's vector from `query_vector` (default: encoded here).

        Returns:
            (dense, keyword) float32 arrays, one score per paragraph.
        """
        config = config or self.ranking
        parsed = self._as_query(query)
        text = self._scored_text(parsed, config)
        if query_vector is None:
            query_vector = self.encode_query(self._dense_text(parsed, config))
        keyword = self.keyword.scores(text)
        added = self.synonym_terms(parsed) if config.synonym_weight else ()
        if added:
            keyword = keyword + np.float32(config.synonym_weight) * self.keyword.term_scores(added)
        return self.dense_scores(query_vector), keyword

    def unused_wordings(self, query: Query) -> tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
        """The question's thesaurus wordings that no paragraph holds in full, with their report terms.

        A wording the reports use themselves ("concept note", "women") already finds its paragraphs;
        its synonyms would only lift paragraphs about something else. A wording they never use
        ("trusted traders", "one-stop shop") is where the report's own terms are the question's words.
        """
        if not query.thesaurus:
            return ()
        memo = self._unused_wordings
        if memo is not None and memo[0] is query:
            return memo[1]
        unused = tuple((w, alts) for w, alts in query.thesaurus if not self.keyword.holding_all(w))
        # One search reads them three times (keyword scores, the embedded text, keyword coverage).
        self._unused_wordings = (query, unused)
        return unused

    def synonym_terms(self, query: Query) -> tuple[str, ...]:
        """The stems the thesaurus adds to a question's keyword scores: report terms of its unused wordings."""
        if not query.synonym_terms:
            return ()
        added = {t for _, alts in self.unused_wordings(query) for alt in alts for t in alt}
        return tuple(t for t in query.synonym_terms if t in added)

    def _dense_text(self, query: Query, config: RankingConfig) -> str:
        """The query as embedded: the scored text, with the report's first term for each wording it never uses when the config says so."""
        text = self._scored_text(query, config)
        if not config.synonym_dense or not query.thesaurus:
            return text
        terms = [self._thesaurus_phrase(query, wording) for wording, _ in self.unused_wordings(query)]
        return f"{text} ({'; '.join(t for t in terms if t)})" if any(terms) else text

    @staticmethod
    def _thesaurus_phrase(query: Query, wording: tuple[str, ...]) -> str:
        """The first report term the thesaurus gives for a wording, as written in the thesaurus."""
        return dict(query.synonym_phrases).get(wording, "")

    @staticmethod
    def _scored_text(query: Query, config: RankingConfig) -> str:
        """The query as scored: with glossary acronyms and long forms when the config expands them."""
        return query.expanded if config.expand_acronyms else query.text

    def rank(
        self, dense: np.ndarray, keyword: np.ndarray, mask: np.ndarray, query: Query, config: RankingConfig
    ) -> tuple[np.ndarray, np.ndarray]:
        """Fused and final scores from raw scores (filtered-out paragraphs get -inf).

        Args:
            dense: per-paragraph cosine similarity.
            keyword: per-paragraph BM25 score.
            mask: paragraphs the filters allow.
            query: the parsed question (decision? speaker? which items it names).
            config: stage switches and weights.

        Returns:
            (fused, final) float32 arrays.
        """
        rarity = self._rarity(query, config)
        coverage = self.keyword_coverage(keyword, mask, query, config.synonym_weight > 0)
        fused = fuse(dense, keyword, mask, config, coverage, rarity)
        named = [self._group_id[item] for item in query.items if item in self._group_id]
        final = structured(
            fused, self._groups, self._n_groups, self._decisions, query.decision, config, self.speaker_flags, query.speaker, named
        )
        if query.floor and config.floor_boost and config.fusion == "adaptive" and not adaptive_weight(keyword, mask, config, coverage, rarity):
            final = boost_speakers(final, self.floor_flags, config.floor_boost)
        return fused, final

    @property
    def floor_flags(self) -> np.ndarray:
        """True for each paragraph reporting what participants from the floor said (`index.speakers.takes_floor`), found on first use."""
        if self._floor is None:
            sentences = self._stored.sentences
            self._floor = np.array(
                [takes_floor(next(iter(sentences[row]), p.text), p.decision) for row, p in enumerate(self.paragraphs)], dtype=bool
            )
        return self._floor

    def keyword_weight(self, keyword: np.ndarray, mask: np.ndarray, query: Query, config: RankingConfig) -> float:
        """The adaptive fusion's BM25 weight for a question (0: it shares too few words with any paragraph to count)."""
        coverage = self.keyword_coverage(keyword, mask, query, config.synonym_weight > 0)
        return adaptive_weight(keyword, mask, config, coverage, self._rarity(query, config))

    def _rarity(self, query: Query, config: RankingConfig) -> np.ndarray | None:
        """Per paragraph, how rare the rarest question name it holds is, when the adaptive fusion reads it (else None)."""
        if config.fusion == "adaptive" and config.rare_share:
            return self.keyword.rarities(query.names if config.rare_names else query.terms)
        return None

    def continue_section(
        self, final: np.ndarray, mask: np.ndarray, slot: int, applies: Callable[[], bool] = lambda: True
    ) -> np.ndarray:
        """Final scores with the paragraph printed after the best hit, in its section, moved up to place `slot` when it ranks lower.

        The section is the best hit's report, agenda item, sub-item and heading; a conclusion is not a
        continuation of the discussion before it. `applies` is asked last, only when there is such a
        paragraph to move (the question's keyword weight costs a pass over the scores).
        """
        allowed = int(np.isfinite(final).sum())
        if allowed <= slot:
            return final
        best = int(np.argmax(final))
        after = best + 1
        if after >= len(self.paragraphs) or not mask[after]:
            return final
        a, b = self.paragraphs[best], self.paragraphs[after]
        if b.decision or (a.doc, a.item, a.subitem, a.heading) != (b.doc, b.item, b.subitem, b.heading):
            return final
        order = np.argsort(-final, kind="stable")[:allowed]
        if after in order[:slot] or not applies():
            return final
        return move_up(final, order, after, slot - 1)

    def keyword_coverage(self, keyword: np.ndarray, mask: np.ndarray, query: Query, synonyms: bool = False) -> float:
        """IDF-weighted share of the question's content terms held by its best BM25 paragraph among the allowed ones (0: none matched).

        With `synonyms`, a thesaurus wording of the question counts as held when the paragraph holds
        every stem of one of its report terms ("trusted traders" by "Authorized Economic Operators").
        """
        if not mask.any():
            return 0.0
        top = int(np.argmax(np.where(mask, keyword, NEG)))
        if keyword[top] <= 0:
            return 0.0
        wordings = self.unused_wordings(query) if synonyms and query.terms else ()
        if not wordings:
            return float(self.keyword.coverages(query.terms)[top])
        held = {t for t in query.terms if self.keyword.holds(t, top)}
        for wording, alternatives in wordings:
            if any(all(self.keyword.holds(t, top) for t in alt) for alt in alternatives):
                held.update(wording)
        weights = {t: self.keyword.idf(t) for t in query.terms}
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t in held) / total if total else 0.0

    def sentence_blend(
        self, dense: np.ndarray, keyword: np.ndarray, mask: np.ndarray, query_vector: np.ndarray, config: RankingConfig
    ) -> np.ndarray:
        """Dense scores with `config.sentence_share` taken from each paragraph's best sentence.

        Only the best candidates of each side are scored by sentence (the others keep their window
        score), so the cost does not grow with the corpus.

        Args:
            dense: per-paragraph window cosine (`dense_scores`).
            keyword: per-paragraph BM25 score.
            mask: paragraphs the filters allow.
            query_vector: the query's unit vector.
            config: the sentence share (0: `dense` unchanged).

        Returns:
            float32 (paragraphs,).
        """
        share = config.sentence_share
        if not share or not mask.any():
            return dense
        rows = np.flatnonzero(mask)
        if len(rows) > 2 * _SENTENCE_CANDIDATES:
            best = lambda scores: rows[np.argsort(-scores[rows], kind="stable")[:_SENTENCE_CANDIDATES]]
            rows = np.union1d(best(dense), best(keyword))
        sentence = self.best_sentences(query_vector, rows)
        sentence = np.where(np.isnan(sentence), dense[rows], sentence)  # a paragraph without sentences keeps its window score
        blended = dense.astype(np.float32).copy()
        blended[rows] = (1 - share) * dense[rows] + share * sentence
        return blended

    def best_sentences(self, query_vector: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Cosine of each given paragraph's best sentence to a query vector (NaN for a paragraph without sentences)."""
        offsets = self._stored.sentence_offsets
        starts, stops = offsets[rows], offsets[rows + 1]
        counts = (stops - starts).astype(np.int64)
        result = np.full(len(rows), -np.inf, dtype=np.float32)
        if not counts.sum():
            return np.full(len(rows), np.nan, dtype=np.float32)
        # The sentences of the chosen paragraphs as one index array, then one matrix product.
        picked = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts) + np.arange(counts.sum())
        scores = self._stored.sentence_vectors[picked] @ query_vector.astype(np.float32)
        owners = np.repeat(np.arange(len(rows)), counts)
        np.maximum.at(result, owners, scores)
        return np.where(counts > 0, result, np.nan).astype(np.float32)

    def dense_scores(self, query_vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every paragraph to a query vector: the best of its windows.

        Args:
            query_vector: unit vector (dim,).

        Returns:
            float32 (paragraphs,); paragraphs outside an approximate index's candidates get -1.
        """
        n_windows = self._faiss.ntotal
        if not n_windows:
            return np.zeros(len(self.paragraphs), dtype=np.float32)
        # An exact index returns every window's score; an approximate one its best candidates.
        k = n_windows if n_windows <= _DENSE_CANDIDATES else _DENSE_CANDIDATES
        scores, ids = self._faiss.search(query_vector.reshape(1, -1).astype(np.float32), k)
        window_scores = np.full(n_windows, -1.0, dtype=np.float32)
        found = ids[0] >= 0
        window_scores[ids[0][found]] = scores[0][found]
        return np.maximum.reduceat(window_scores, self._window_starts).astype(np.float32)

    def mask(self, filters: Filters | None) -> np.ndarray:
        """Boolean mask of the paragraphs the filters allow (all when None)."""
        mask = np.ones(len(self.paragraphs), dtype=bool)
        if filters is None:
            return mask
        if filters.docs is not None:
            mask &= np.isin(self._docs, list(filters.docs))
        if filters.items is not None:
            numerals = [item for item in filters.items if isinstance(item, str)]
            # An agenda item of one report is one (doc, item) group.
            groups = [self._group_id[item] for item in filters.items if not isinstance(item, str) and item in self._group_id]
            mask &= np.isin(self._items, numerals) | np.isin(self._groups, groups)
        if filters.sessions is not None:
            mask &= np.array([bool(s & filters.sessions) for s in self._sessions], dtype=bool)
        if filters.years is not None:
            mask &= np.isin(self._years, list(filters.years))
        if filters.decisions_only:
            mask &= self._decisions
        return mask

    # --- look-ups -----------------------------------------------------------------------

    def agenda(self, doc: str) -> list[AgendaItem]:
        """The agenda of a report ([] for an unknown report)."""
        return list(self._agenda.get(doc, []))

    def row(self, doc: str, ref: int | str) -> int | None:
        """The row (position in `paragraphs` and in `mask`) of report `doc`'s paragraph `ref`, or None."""
        return self._row.get((doc, as_ref(ref)))

    def paragraph(self, doc: str, ref: int | str) -> Paragraph | None:
        """The paragraph of report `doc` with printed number or label `ref` (68, "¶68", "Annex II ¶3"), or None."""
        row = self.row(doc, ref)
        return None if row is None else self.paragraphs[row]

    def neighbours(self, doc: str, ref: int | str) -> tuple[Paragraph | None, Paragraph | None]:
        """The paragraphs printed just before and after one (number or label) in the same report."""
        row = self.row(doc, ref)
        if row is None:
            return None, None
        before = self.paragraphs[row - 1] if row > 0 and self.paragraphs[row - 1].doc == doc else None
        after = self.paragraphs[row + 1] if row + 1 < len(self.paragraphs) and self.paragraphs[row + 1].doc == doc else None
        return before, after

    def sentences(self, doc: str, ref: int | str) -> list[str]:
        """The sentences of a paragraph (number or label), as split at ingest ([] when unknown)."""
        row = self.row(doc, ref)
        return [] if row is None else list(self._stored.sentences[row])

    def sentence_vectors(self, doc: str, ref: int | str) -> np.ndarray:
        """Unit vectors of a paragraph's (number or label) sentences (len(sentences), dim), computed at ingest."""
        row = self.row(doc, ref)
        if row is None:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        offsets = self._stored.sentence_offsets
        return self._stored.sentence_vectors[offsets[row] : offsets[row + 1]]


def compares_parties(query: Query) -> bool:
    """Whether a multi-part question's parts are parties it compares, each naming a country of its own ("How do the US and the EU differ?")."""
    named = [frozenset(countries_in(part, query.language)) for part in query.parts]
    return all(named) and len(set(named)) == len(named)


def _derived_structures(stored: StoredIndex, index_dir: Path) -> tuple[Glossary, KeywordIndex, np.ndarray]:
    """Glossary, keyword index and speaker flags as stored at ingest; an index written before they
    were stored gets them computed here (slow on a large corpus: re-ingest to store them)."""
    derived, paragraphs = stored.derived, stored.paragraphs
    if GLOSSARY in derived and SPEAKERS in derived and all(name in derived for name in KEYWORD_FILES):
        problem = keyword_problem(derived, len(paragraphs))
        if problem is None and len(derived[SPEAKERS]) != len(paragraphs):
            problem = f"{SPEAKERS}: {len(derived[SPEAKERS])} rows for {len(paragraphs)} paragraphs"
        if problem is not None:
            raise IndexLoadError(f"{index_dir}: inconsistent index ({problem}); {rebuild_hint(index_dir)}")
        return stored_glossary(derived), KeywordIndex(derived, len(paragraphs)), np.asarray(derived[SPEAKERS], dtype=bool)
    # Titles go with their paragraph so "how common is this acronym" counts paragraphs.
    contextual = [f"{context_line(p)}\n{p.text}" for p in paragraphs]
    speakers = np.array(
        [introduces_speaker(next(iter(s), p.text), p.decision) for p, s in zip(paragraphs, stored.sentences)], dtype=bool
    )
    return build_glossary(contextual), KeywordIndex.from_texts(contextual), speakers


def _model_mismatch(index_dir: Path, manifest: dict, loaded: tuple[str, str | None, int | None]) -> IndexLoadError:
    """The one-line error for an index built with another model, naming what differs (name, version, dim)."""
    built = manifest.get("model", {})
    index_side = (built.get("name"), built.get("version"), manifest.get("dim"))
    differences = [
        f"{label} {ours!r} in the index, {theirs!r} in the model" if label != "name" else
        f"model {ours} in the index, {theirs} in use"
        for label, ours, theirs in zip(("name", "version", "dim"), index_side, loaded)
        if theirs is not None and ours != theirs
    ]
    return IndexLoadError(
        f"{index_dir}: index built with another model ({'; '.join(differences)}); "
        f"re-embed it with `python -m ingest data/reports --index {index_dir}` (or set PTC_MODEL={built.get('name')})"
    )
