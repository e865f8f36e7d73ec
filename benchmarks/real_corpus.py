"""Structure recovered from the real-report corpus (tests/data/real/): exact paragraphs, decisions, units, time.

Usage: python benchmarks/real_corpus.py [FOLDER_OF_UNFCCC_TXT ...]

For each report with an expectation file it prints the share of printed paragraphs whose text the
parser recovers exactly (words compared, spacing and punctuation ignored; text reports) or whose
opening and closing words match (PDFs), the share of expected decisions found, the longest citable
unit and the ingest time. Extra folders of UNFCCC text reports are measured against the independent
reference reader only (holdout: nothing was tuned on them); the reference itself fails on some of
them, so its count is printed beside the parser's. The load average is printed with the figures.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "data" / "real"
sys.path[:0] = [str(ROOT), str(REAL)]

from ingest import Report, read_report  # noqa: E402
from reference import fingerprint, is_decision, normalise, read  # noqa: E402


def printed(report: Report) -> dict[str, str]:
    """Printed paragraph label -> whole text (sub-units joined back)."""
    texts: dict[str, list[str]] = defaultdict(list)
    for paragraph in report.paragraphs:
        texts[f"{paragraph.scope} ¶{paragraph.number}".strip()].append(paragraph.text)
    return {label: "\n".join(parts) for label, parts in texts.items()}


def measure(expected: dict) -> str:
    """One line of figures for a report with an expectation file."""
    started = time.perf_counter()
    report = read_report(REAL / expected["file"])
    seconds = time.perf_counter() - started
    found = printed(report)
    if "texts" in expected:
        exact = sum(fingerprint(found.get(label, "")) == digest for label, digest in expected["texts"].items())
        total = len(expected["texts"])
    else:
        exact = sum(
            normalise(found.get(label, "")).startswith(normalise(expected["openings"][label]))
            and normalise(found.get(label, "")).endswith(normalise(closing))
            for label, closing in expected["closings"].items()
        )
        total = len(expected["closings"])
    decided = {f"{p.scope} ¶{p.number}".strip() for p in report.paragraphs if p.decision}
    wanted = set(expected["decisions"])
    longest = max(len(p.text) for p in report.paragraphs)
    return (f"{expected['file'][:48]:48} exact {exact}/{total} ({exact / total:.1%})  decisions "
            f"{len(wanted & decided)}/{len(wanted)}  longest unit {longest}  {seconds:.1f} s")


def holdout(folder: Path) -> None:
    """Figures for unseen UNFCCC text reports, against the reference reader's main-scope paragraphs."""
    for path in sorted(folder.glob("*.txt")):
        reference = {f"{p['scope']} ¶{p['number']}".strip(): p["text"] for p in read(path)}
        report = read_report(path)
        found = printed(report)
        main = [label for label in reference if label.startswith("¶")]
        agree = sum(normalise(found.get(label, "")) == normalise(reference[label]) for label in main)
        wanted = {label for label, text in reference.items() if is_decision(text, report.meta.body)}
        decided = {f"{p.scope} ¶{p.number}".strip() for p in report.paragraphs if p.decision}
        print(f"holdout {path.name[:40]:40} parser {len(found)} printed ¶ / reference {len(reference)}; "
              f"main-scope agreement {agree}/{len(main)}; decisions {len(wanted & decided)}/{len(wanted)}")


def main(folders: list[str]) -> None:
    """Print the corpus figures, then any holdout folders'."""
    print(f"load average {os.getloadavg()[0]:.1f}")
    for path in sorted((REAL / "expected").glob("*.json")):
        print(measure(json.loads(path.read_text(encoding="utf-8"))))
    for folder in folders:
        holdout(Path(folder))


if __name__ == "__main__":
    main(sys.argv[1:])
