"""Real-browser test: `streamlit run app.py` driven by Debian's chromium through Playwright."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = PROJECT_ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
# Offline and quiet: no QUIC, no component or sync traffic, no sandbox (CI runs as root).
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DE_MINIMIS = "What did the PTC decide on de minimis?"
WARM_UP = "What came out of the green customs item?"


def browser_or_skip() -> None:
    """Skip with the reason outside CI when chromium or Playwright is missing; under CI=true, fail."""
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append(f"{CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright package (pip install playwright)")
    if not missing:
        return
    reason = "real-browser test needs " + " and ".join(missing)
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; CI must run it")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout_s: float = 120) -> None:
    """Poll Streamlit's health endpoint until it answers "ok"."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"streamlit not healthy after {timeout_s:.0f} s")


@pytest.fixture
def app_url(bundled_index_dir):
    """`streamlit run app.py` on a free port over the session's index; always stopped afterwards."""
    browser_or_skip()
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    env = dict(os.environ, PTC_INDEX=str(bundled_index_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    command = [
        sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"), "--server.headless", "true",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
    ]
    with open(ARTIFACTS / "streamlit.log", "wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def ask(page, question: str, cited: str) -> float:
    """Type a question, press Enter, and wait until an expander citing `cited` is shown.

    Returns:
        Seconds from Enter to the citation being visible.
    """
    box = page.get_by_label("Ask a question about the reports")
    box.fill(question)
    started = time.perf_counter()
    box.press("Enter")
    page.locator('[data-testid="stExpander"]').filter(has_text=cited).first.wait_for(state="visible", timeout=60_000)
    return time.perf_counter() - started


def test_browser_answers_de_minimis_with_paragraph_68(app_url):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(app_url)
            page.get_by_label("Ask a question about the reports").wait_for(timeout=120_000)
            ask(page, WARM_UP, "¶84")  # loads the model's query path once
            seconds = ask(page, DE_MINIMIS, "¶68")
            print(f"\nwarm answer in the browser: {seconds:.2f} s after Enter")
            (ARTIFACTS / "browser-timing.txt").write_text(f"warm_answer_s={seconds:.3f}\n")
            expect(page.get_by_text("PTC 241/242 ¶68", exact=False).first).to_be_visible()
            expect(page.get_by_text("[¶68]").first).to_be_visible()
            expect(page.get_by_text("took note, with thanks", exact=False).first).to_be_visible()
            page.wait_for_timeout(500)  # let the expander finish opening before the picture
            page.screenshot(path=str(ARTIFACTS / "app-de-minimis.png"))
            if os.environ.get("PTC_SCREENSHOT"):  # README picture: PTC_SCREENSHOT=docs/screenshot.png
                shutil.copyfile(ARTIFACTS / "app-de-minimis.png", PROJECT_ROOT / os.environ["PTC_SCREENSHOT"])
        finally:
            browser.close()
