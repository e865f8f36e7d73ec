"""The index manifest's schema: field types checked at load, one readable line per failure."""
from __future__ import annotations

import re
from typing import Any, Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class _Strict(BaseModel):
    # Unknown keys are kept: newer writers may add fields that older readers ignore.
    model_config = ConfigDict(strict=True, extra="allow")


class ModelInfo(_Strict):
    """The embedding model the vectors came from."""

    name: str = Field(min_length=1)
    version: str = Field(min_length=1)
    max_tokens: int = Field(gt=0)
    precision: str = Field(min_length=1)


class Counts(_Strict):
    """Row counts of the data files, compared with the files at load."""

    reports: int = Field(ge=0)
    paragraphs: int = Field(ge=0)
    windows: int = Field(ge=0)
    sentences: int = Field(ge=0)


class ReportEntry(_Strict):
    """One report's summary in the manifest."""

    content_hash: str
    file_name: str
    short_name: str
    sessions: str
    paragraphs: int = Field(ge=0)
    decisions: int = Field(ge=0)


class Manifest(_Strict):
    """manifest.json of an index folder."""

    format_version: int
    # The keyword tokenizer the stored tokens came from (index.text.TOKENIZER_VERSION); absent in
    # indexes written before it was recorded, which all used version 1.
    tokenizer_version: int = Field(default=1, ge=1)
    created: str
    model: ModelInfo
    dim: int = Field(gt=0)
    index_type: str = Field(min_length=1)
    corpus_hash: str
    counts: Counts
    reports: dict[str, ReportEntry]
    files: dict[str, str] = Field(min_length=1)

    @field_validator("files")
    @classmethod
    def _checksums(cls, files: dict[str, str]) -> dict[str, str]:
        bad = [name for name, digest in files.items() if not _SHA256.match(digest)]
        if bad:
            raise ValueError(f"checksum of {bad[0]} is not a sha256 hex digest")
        return files


def manifest_problem(raw: Any, data_files: Iterable[str]) -> str | None:
    """What is wrong with a parsed manifest, as a short phrase, or None when it is valid.

    Args:
        raw: the parsed JSON.
        data_files: file names the manifest must list checksums for.

    Returns:
        e.g. "model: input should be an object" or "files: no checksum for vectors.faiss".
    """
    if not isinstance(raw, dict):
        return f"expected a JSON object, found {type(raw).__name__}"
    try:
        manifest = Manifest.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "manifest"
        extra = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        return f"{where}: {error['msg'][:1].lower()}{error['msg'][1:]}{extra}"
    missing = [name for name in data_files if name not in manifest.files]
    if missing:
        return f"files: no checksum for {missing[0]}"
    if manifest.counts.reports != len(manifest.reports):
        return f"counts.reports is {manifest.counts.reports} but {len(manifest.reports)} reports are listed"
    return None
