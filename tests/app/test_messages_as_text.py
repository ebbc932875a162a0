"""Messages and model output reach the page as text and load nothing (issue 12, rows 1, 9, 10; hostile
links: test_open_link).

Headless Chromium against the app on loopback; a second loopback server records every request, so
"nothing was fetched" is observed, not assumed.
"""

from __future__ import annotations

import time

import pytest

from .browsing import quiet, watch
from .conftest import hosted_config, launch

pytestmark = pytest.mark.slow

BOT = "#chatbot [data-testid='bot']"
USER = "#chatbot [data-testid='user']"


def wait_for_card(page) -> None:
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")


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
    quiet(page)
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
        watch(page)
        page.goto(f"{running.url}/?mode=banking&seed=5")
        wait_for_card(page)
        box = page.locator("#chat-input textarea")
        box.fill("my balance is 1234")
        box.press("Enter")
        page.wait_for_function("s => [...document.querySelectorAll(s)].some(e => e.innerText.includes('reference'))",
                               arg=BOT)
        quiet(page)
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
    quiet(page)
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
