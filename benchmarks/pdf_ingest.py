"""Print the time `python -m ingest --dump` takes on a long PDF report (the bundled report's body repeated, ~200 pages).

Run: `python benchmarks/pdf_ingest.py [--copies N] [--keep DIR]`. The PDF is rendered with reportlab first
(not timed). A benchmark, not a test: figures depend on the machine and on what else it is running (the load
average is printed with them).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "tests"))  # the renderers live with the tests


def make_long_pdf(folder: Path, copies: int) -> Path:
    """Render the bundled report's body `copies` times over (about 30 pages each) into one PDF."""
    from ingest_pdf_render import long_markdown, render_reportlab

    from ingest import read_report

    source = read_report(PROJECT_ROOT / "data" / "reports" / "PC0737E_PTC-241-242_2023-10.md")
    markdown = folder / "long-report.md"
    markdown.write_text(long_markdown(source, copies), encoding="utf-8")
    return render_reportlab(markdown, folder / "long-report.pdf")


def main() -> int:
    """Print pages, paragraphs and seconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=7, help="copies of the report body (default 7: ~210 pages)")
    parser.add_argument("--keep", type=Path, default=None, help="folder to write the PDF to (default: a temp folder)")
    args = parser.parse_args()
    from pypdf import PdfReader

    folder = args.keep or Path(tempfile.mkdtemp(prefix="ptc-pdf-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    pdf = make_long_pdf(folder, args.copies)
    pages = len(PdfReader(pdf).pages)
    print(f"load average before: {os.getloadavg()[0]:.2f}; {pages} pages: {pdf}")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ingest", "--dump", str(pdf)],
        cwd=PROJECT_ROOT, check=True, capture_output=True, text=True,
    )
    seconds = time.perf_counter() - started
    paragraphs = done.stdout.count("\n")
    print(f"python -m ingest --dump: {seconds:.1f} s for {pages} pages ({seconds / pages * 1000:.0f} ms/page), "
          f"{paragraphs} paragraphs; load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
