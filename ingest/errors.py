"""The one error ingest raises for bad input: a single line naming the file and the problem."""
from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    """A report file that cannot be ingested; `str(err)` is one line: "FILE: problem"."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = " ".join(str(problem).split())  # one line, whatever the cause said
        super().__init__(f"{self.path}: {self.problem}")
