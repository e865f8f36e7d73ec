"""Shared by the app tests: a tiny second report, a private copy of the session's index, index snapshots."""
from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from settings import Settings

# A second report on a topic the bundled one never mentions, small enough to embed in a second.
TINY_REPORT_NAME = "PC0999E_PTC-999_2030-01.md"
TINY_REPORT = """**Permanent Technical Committee**

999<sup>th</sup> Session
 10 – 11 January 2030
 PC0999E

**SUMMARY REPORT**

## ITEM I – ZEBRA CROSSINGS AT BORDER POSTS

1. The Secretariat presented a study on zebra crossings at land border posts, covering painted
pedestrian lanes for travellers walking between Customs and immigration booths.

2. Several Members described how the zebra crossings reduced accidents involving cargo trucks at
their busiest land border posts.

3. **In conclusion, the PTC:**

- endorsed the study on zebra crossings at border posts; and
- agreed to revisit the topic at its next session.
"""


def copy_index(source: Path, tmp_path: Path) -> Settings:
    """Settings pointing at a private copy of an index, with its own uploads folder.

    Args:
        source: an index folder (the session's bundled index).
        tmp_path: the test's temp folder.

    Returns:
        Settings whose index_dir is the copy and uploads_dir is beside it.
    """
    target = tmp_path / "index"
    shutil.copytree(source, target)
    return replace(Settings(), index_dir=target, uploads_dir=tmp_path / "uploads")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of an index folder by name, to show that a refused upload changed nothing."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def plain(markdown: str) -> str:
    """What escaped Markdown displays: backslash escapes undone."""
    return re.sub(r"\\(.)", r"\1", markdown)
