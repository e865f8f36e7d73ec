"""Time the app on a fresh clone: first start (index build included) until the question box shows, then a warm answer.

Usage: python benchmarks/app_start.py [--source REPO] [--worktree]
  --worktree copies the working tree (uncommitted files included) instead of `git clone`.
Needs /usr/bin/chromium and the playwright package; prints the figures, asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_app_browser import CHROMIUM, CHROMIUM_ARGS, DE_MINIMIS, WARM_UP, ask, free_port, wait_healthy  # noqa: E402

IGNORED = shutil.ignore_patterns(".git", ".index*", "test-artifacts", "__pycache__", ".pytest_cache", ".hypothesis")


def fresh_copy(source: Path, target: Path, worktree: bool) -> None:
    """A clone of the repository (or a copy of its working tree) without any index."""
    if worktree:
        shutil.copytree(source, target, ignore=IGNORED)
    else:
        subprocess.run(["git", "clone", "-q", str(source), str(target)], check=True)


def main() -> None:
    """Clone, start `streamlit run app.py`, and print the first-start and warm-answer times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--worktree", action="store_true", help="copy the working tree instead of git clone")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="ptc-clone-") as tmp:
        clone = Path(tmp) / "clone"
        fresh_copy(args.source, clone, args.worktree)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PTC_")}
        env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port",
             str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=clone, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        try:
            wait_healthy(url, process)
            healthy = time.perf_counter() - started
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(url)
                page.get_by_label("Ask a question about the reports").wait_for(timeout=300_000)
                ready = time.perf_counter() - started
                cold = ask(page, WARM_UP, "¶84")
                warm = [ask(page, q, "¶68") for q in (DE_MINIMIS,)]
                warm += [ask(page, q, "¶84") for q in ("What did the PTC decide on green customs?",)]
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)
        print(f"server healthy after        {healthy:6.1f} s")
        print(f"question box shown after    {ready:6.1f} s  (first start, index built: {(clone / '.index').is_dir()})")
        print(f"first answer                {cold:6.2f} s after Enter")
        print("warm answers                " + ", ".join(f"{s:.2f}" for s in warm) + " s after Enter")


if __name__ == "__main__":
    main()
