"""Real-browser test: the app answers a French question by quoting the English report (Debian's chromium)."""
from __future__ import annotations

import pytest

from tests.test_app_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, app_url, ask  # noqa: F401 (app_url: fixture)

FRENCH = "Qu'a décidé le CTP au sujet du seuil de minimis ?"


@pytest.fixture
def french_app_url(bundled_index_dir, bundled_index, app_url):
    """The app over the session's index, its multilingual vectors built beforehand (as a first French question would)."""
    from index.multilingual import multilingual_vectors

    multilingual_vectors(bundled_index)  # writes the cache beside the index, which the app process reads
    return app_url


def test_browser_answers_a_french_question_with_paragraph_68(french_app_url):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.goto(french_app_url)
            page.get_by_label("Ask a question about the reports").wait_for(timeout=120_000)
            seconds = ask(page, FRENCH, "¶68")
            print(f"\nFrench answer in the browser: {seconds:.2f} s after Enter (multilingual model loaded on first use)")
            expect(page.get_by_text("Les citations sont tirées du rapport", exact=False).first).to_be_visible()
            expect(page.get_by_text("[¶68]").first).to_be_visible()
            expect(page.get_by_text("took note, with thanks", exact=False).first).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "app-french-de-minimis.png"))
        finally:
            browser.close()
