"""Many users at once: one `streamlit run app.py` serving 8 concurrent browser sessions (Debian chromium).

Usage: python benchmarks/app_load.py [--index DIR] [--sessions 8] [--rounds 2]

Without --index it builds an index of the bundled report in a temporary folder. Every session opens
the app, then all ask at the same moment, each its own question; a round is repeated with the next
questions. An answer is correct when the answer text cites a paragraph the gold set marks relevant
(`[¶N]` or `[<report> ¶N]`). The questions are 16 dev gold questions of six types that the pipeline
answers correctly when asked alone, so a wrong answer here means concurrency changed it. Prints the
time from Enter to the cited paragraph being shown (p50/p95/max), how many answers were correct, and
the app's RSS; the load average is printed with them. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "tests"))
from test_app_browser import CHROMIUM, CHROMIUM_ARGS, DE_MINIMIS, WARM_UP, free_port, wait_healthy  # noqa: E402

BOX = "Ask a question about the reports"
# (question, relevant paragraph numbers) from eval/gold/ptc_241_242.jsonl (dev).
QUESTIONS = [
    ("What did the PTC decide about the future of the passenger facilitation working group?", (20,)),
    ("What did the PTC decide on de minimis?", (68,)),
    ("What did the PTC do with the updates to the Green Customs Action Plan?", (84,)),
    ("What was the outcome of the WTO Trade Facilitation Agreement item?", (92,)),
    ("What did the PTC decide on updating the Time Release Study Guide?", (149,)),
    ("When is the next PTC meeting?", (153,)),
    ("From what date will Norway tax all low-value consignments?", (55,)),
    ("How many people attended the 6th PFCWG meeting?", (14,)),
    ("What came out of the green customs item?", (84,)),
    ("Is Brussels planning to scrap the 150 euro duty exemption for online purchases?", (47,)),
    ("Can records on a blockchain be wiped to satisfy privacy rules?", (97,)),
    ("What does SCCP mean?", (79,)),
    ("What is SEED+?", (29,)),
    ("Who presented the US data pilots?", (38,)),
    ("Who organised the Women at Borders workshop?", (122,)),
    ("Who gave the opening remarks at the meeting?", (2,)),
]


class App:
    """`streamlit run app.py` over an index on a free port; stop it with `stop`."""

    def __init__(self, index_dir: Path) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        env = dict(os.environ, PTC_INDEX=str(index_dir), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"), "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
            cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_healthy(self.url, self.process, timeout_s=300)

    def memory_mb(self) -> tuple[float, float]:
        """(current, peak) resident memory of the app process in MB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024

    def stop(self) -> None:
        """Terminate the app (killed if it does not stop)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def cited(numbers: tuple[int, ...]) -> re.Pattern:
    """An inline citation of any of the paragraph numbers: "[¶68]" or "[PTC 241/242 #3 ¶68]"."""
    return re.compile(r"¶(?:%s)\]" % "|".join(str(n) for n in numbers))


async def ask(page, question: str, numbers: tuple[int, ...]) -> tuple[float, bool]:
    """Ask in one page; (seconds from Enter until the answer cites a relevant paragraph, whether it did).

    A session's consecutive questions have different relevant paragraphs, so the citation cannot
    come from the previous answer still on the page. An answer that never cites one counts as
    wrong after 90 s.
    """
    box = page.get_by_label(BOX)
    await box.fill(question)
    started = time.perf_counter()
    await box.press("Enter")
    answer = page.locator('[data-testid="stMarkdownContainer"]').filter(has_text=cited(numbers))
    try:
        await answer.first.wait_for(state="visible", timeout=90_000)
        correct = True
    except Exception:  # Playwright's TimeoutError: the relevant citation never appeared
        correct = False
    if not correct:
        print(f"  no relevant citation (¶{'/'.join(map(str, numbers))}) for: {question}", file=sys.stderr)
    return time.perf_counter() - started, correct


async def sessions_load(url: str, sessions: int, rounds: int) -> list[tuple[float, bool]]:
    """Open `sessions` browser sessions and ask `rounds` rounds of concurrent questions."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            contexts = [await browser.new_context() for _ in range(sessions)]  # separate sessions (cookies)
            pages = [await c.new_page() for c in contexts]
            await asyncio.gather(*(p.goto(url) for p in pages))
            await asyncio.gather(*(p.get_by_label(BOX).wait_for(timeout=300_000) for p in pages))
            results = []
            for round_ in range(rounds):
                batch = [QUESTIONS[(round_ * sessions + i) % len(QUESTIONS)] for i in range(sessions)]
                results += await asyncio.gather(*(ask(p, q, n) for p, (q, n) in zip(pages, batch)))
            return results
        finally:
            await browser.close()


async def one_session(url: str) -> tuple[float, float, bool]:
    """Open one session: (seconds to the question box, seconds to answer DE_MINIMIS, whether it cites ¶68)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            started = time.perf_counter()
            await page.goto(url)
            await page.get_by_label(BOX).wait_for(timeout=300_000)
            box_s = time.perf_counter() - started
            seconds, correct = await ask(page, DE_MINIMIS, (68,))
            return box_s, seconds, correct
        finally:
            await browser.close()


def app_start(index_dir: Path) -> dict:
    """Start the app on a prebuilt index: seconds from `streamlit run` to the question box, first answer, RSS."""
    app = App(index_dir)
    try:
        healthy = time.perf_counter() - app.started
        box_s, answer_s, correct = asyncio.run(one_session(app.url))
        rss, peak = app.memory_mb()
        return {"healthy_s": healthy, "question_box_s": healthy + box_s, "first_answer_s": answer_s,
                "cites_68": correct, "rss_mb": rss, "peak_mb": peak}
    finally:
        app.stop()


def percentile95(times: list[float]) -> float:
    """The 95th percentile of sorted times (nearest rank)."""
    return times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def run_load(index_dir: Path, sessions: int = 8, rounds: int = 2) -> dict:
    """One app process, `sessions` concurrent browser sessions: latency percentiles, correctness and RSS."""
    app = App(index_dir)
    try:
        asyncio.run(one_session(app.url))  # warm-up: the model loads once for the process
        load_before = os.getloadavg()[0]
        results = asyncio.run(sessions_load(app.url, sessions, rounds))
        rss, peak = app.memory_mb()
    finally:
        app.stop()
    times = sorted(seconds for seconds, _ in results)
    # A wrong answer counts as the 90 s wait in p95; the correct answers' own times are printed beside it.
    right = sorted(seconds for seconds, ok in results if ok) or [float("nan")]
    return {"answers": len(results), "correct": sum(ok for _, ok in results), "p50_s": statistics.median(times),
            "p95_s": percentile95(times), "max_s": times[-1], "correct_p50_s": statistics.median(right),
            "correct_p95_s": percentile95(right),
            "rss_mb": rss, "peak_mb": peak, "load_before": load_before, "load_after": os.getloadavg()[0]}


def main() -> None:
    """Parse options, run the load test, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="a prebuilt index (default: the bundled report, built now)")
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    index_dir = args.index
    if index_dir is None:
        index_dir = Path(tempfile.mkdtemp(prefix="ptc-load-")) / "index"
        subprocess.run([sys.executable, "-m", "ingest", str(PROJECT_ROOT / "data" / "reports"), "--index", str(index_dir)],
                       cwd=PROJECT_ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = run_load(index_dir, args.sessions, args.rounds)
    print(f"{args.sessions} concurrent sessions x {args.rounds} rounds on {index_dir}: "
          f"{result['correct']}/{result['answers']} answers cite a relevant paragraph; Enter -> answer shown "
          f"p50 {result['p50_s']:.2f} s, p95 {result['p95_s']:.2f} s, max {result['max_s']:.2f} s "
          f"(correct answers only: p50 {result['correct_p50_s']:.2f} s, p95 {result['correct_p95_s']:.2f} s); "
          f"app RSS {result['rss_mb']:.0f} MB (peak {result['peak_mb']:.0f} MB); "
          f"load average {result['load_before']:.1f} -> {result['load_after']:.1f}")


if __name__ == "__main__":
    main()
