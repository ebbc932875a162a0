"""Hostile links, messages and model output reach the page as text and load nothing (issue 12, rows 1, 9, 10).

Headless Chromium against the app on loopback; a second loopback server records every request, so
"nothing was fetched" is observed, not assumed.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest

from .conftest import hosted_config, launch

pytestmark = pytest.mark.slow

SETTLE_MS = 1500  # images and frames start loading within milliseconds; wait well past that
BOT = "#chatbot [data-testid='bot']"
USER = "#chatbot [data-testid='user']"


def wait_for_card(page) -> None:
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")


def test_hostile_link_keys_and_values_show_as_text_and_load_nothing(page, hosted_app, recorder):
    query = urlencode([
        ("mode", f"<img src=//127.0.0.1:{recorder.port}/t.png>"),  # short enough to be shown whole
        ("<h1>Account locked</h1>", "1"),
        ("[click](http://example.invalid)", "1"),
        ("seed", f'<img src="{recorder.url}/seed.png" onerror="document.title=1">'),  # cut: an unclosed tag
        ("locale", "**x** _it_ <b>bold"),
    ])
    page.goto(f"{hosted_app.url}/?{query}")
    banner = page.locator("#link-warning")
    banner.wait_for(state="visible")
    wait_for_card(page)
    page.wait_for_timeout(SETTLE_MS)
    assert recorder.requests == []

    text = banner.inner_text()
    # every warning is there (a cut value left open no tag that swallowed the ones after it) ...
    for words in ("Unknown mode", "Ignored unknown link parameter", "Seed", "Unknown locale"):
        assert words in text, text
    # ... and shows what the link held, as characters
    assert "<h1>Account locked</h1>" in text and f"<img src=//127.0.0.1:{recorder.port}/t.png>" in text
    assert "[click](http://example.invalid)" in text and "**x** _it_ <b>bold" in text
    # nothing became markup anywhere on the page (banner or toast)
    assert page.locator("h1", has_text="Account locked").count() == 0
    # by host and port: Gradio's own icons are data: SVGs whose path digits can hold any port number
    assert page.locator(f"img[src*='127.0.0.1:{recorder.port}']").count() == 0
    assert banner.locator("a, b, strong, em, img").count() == 0


def test_a_visitors_message_shows_as_typed(page, hosted_app, recorder, fake_openai):
    page.goto(f"{hosted_app.url}/?mode=banking&seed=5")
    wait_for_card(page)
    typed = f"<img src={recorder.url}/msg.png> **not bold** <h2>Big</h2> [link](http://example.invalid)"
    box = page.locator("#chat-input textarea")
    box.fill(typed)
    box.press("Enter")
    page.locator(BOT).last.wait_for()
    page.wait_for_function("s => [...document.querySelectorAll(s)].some(e => e.innerText.includes('SYSTEM-SHA256'))",
                           arg=BOT)
    page.wait_for_timeout(SETTLE_MS)
    assert recorder.requests == []

    shown = page.locator(USER).last
    assert typed in shown.inner_text()
    assert shown.locator("img, h2, strong, a").count() == 0

    # Retry sends the message again as typed (not escaped twice), and Undo gives it back to the box as typed
    sent = len(fake_openai.requests_for("echo-system"))
    page.locator("#chatbot button[aria-label='Retry']").first.click()
    page.wait_for_function("() => !document.querySelector('#chatbot .pending, #chatbot [aria-label=\"Stop\"]')")
    deadline = time.monotonic() + 30
    while len(fake_openai.requests_for("echo-system")) == sent and time.monotonic() < deadline:
        time.sleep(0.1)
    assert fake_openai.requests_for("echo-system")[-1]["body"]["messages"][-1]["content"].endswith(typed)
    page.locator(BOT).last.wait_for()
    assert page.locator(USER).last.inner_text().strip() == typed
    page.locator("#chatbot button[aria-label='Undo']").first.click()
    page.wait_for_function("t => document.querySelector('#chat-input textarea').value === t", arg=typed)


def test_model_output_cannot_make_the_browser_fetch_anything(browser, fake_openai, recorder):
    running = launch(hosted_config(fake_openai.base_url, f"image:{recorder.port}"))
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{running.url}/?mode=banking&seed=5")
        wait_for_card(page)
        box = page.locator("#chat-input textarea")
        box.fill("my balance is 1234")
        box.press("Enter")
        page.wait_for_function("s => [...document.querySelectorAll(s)].some(e => e.innerText.includes('reference'))",
                               arg=BOT)
        page.wait_for_timeout(SETTLE_MS)
        assert recorder.requests == []

        bot = page.locator(BOT).last
        assert "Here is your chart" in bot.inner_text()
        assert bot.locator("img, iframe, video, svg image, link, style").count() == 0
    finally:
        context.close()
        running.demo.close()


def test_the_page_refuses_remote_images_even_if_markup_slipped_through(page, hosted_app, recorder):
    """Defence in depth: a Content-Security-Policy stops what any future rendering bug would let in."""
    page.goto(f"{hosted_app.url}/?mode=banking&seed=5")
    wait_for_card(page)
    page.evaluate("""url => {
        const img = document.createElement('img'); img.src = url + '/csp.png'; document.body.append(img);
        const frame = document.createElement('iframe'); frame.src = url + '/csp-frame'; document.body.append(frame);
    }""", recorder.url)
    page.wait_for_timeout(SETTLE_MS)
    assert recorder.requests == []


def test_the_badge_names_the_model_not_the_servers_address(page, fake_openai):
    running = launch(hosted_config(fake_openai.base_url, "ok"))
    try:
        page.goto(running.url + "/")
        wait_for_card(page)
        badge = page.locator("#backend-badge").inner_text()
        assert "ok" in badge
        assert "127.0.0.1" not in badge and str(fake_openai.port) not in badge
    finally:
        running.demo.close()
