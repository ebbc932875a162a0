"""Model output and whatever markup slips through make the visitor's browser fetch nothing (issue 20, row 6).

Gradio renders Mermaid blocks in replies, and a diagram's ``%%{init}%%`` theme CSS can load a font from
anywhere; an SVG, a CSS ``url()`` or a ``<link>`` could too. Headless Chromium against the app on loopback, a
second loopback server recording every request: nothing may reach it. The page's Content-Security-Policy
(``default-src 'self'``) is what stops what any renderer lets through.
"""

from __future__ import annotations

import pytest

from .conftest import hosted_config, launch

pytestmark = pytest.mark.slow

BOT = "#chatbot [data-testid='bot']"
TRIED_MS = 3000  # how long a fetch that never leaves may take to show up as a blocked one

VIOLATIONS = """
window.__blocked = [];
document.addEventListener('securitypolicyviolation', e => window.__blocked.push(e.blockedURI), true);
"""


def wait_until_tried(page, recorder, expected: int) -> None:
    """Until the browser has tried ``expected`` fetches of the recorder (arrived, or blocked by the CSP), or TRIED_MS."""
    try:
        page.wait_for_function("([port, n]) => (window.__blocked || []).filter(u => u.includes(':' + port)).length >= n",
                               arg=[recorder.port, expected], timeout=TRIED_MS)
    except Exception:  # noqa: BLE001 - a fetch that was made shows up in recorder.requests instead
        pass


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.add_init_script(VIOLATIONS)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def test_a_reply_with_mermaid_svg_and_css_fetches_nothing(tab, fake_openai, recorder):
    """On Gradio 6.31 the diagram's ``@font-face`` is dropped by Mermaid's CSS scoping and its ``fill:url()`` is an
    image (``img-src``); this keeps it so whatever Gradio or Mermaid render next."""
    running = launch(hosted_config(fake_openai.base_url, f"mermaid:{recorder.port}"))
    try:
        tab.goto(f"{running.url}/?mode=banking&seed=5")
        tab.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")
        box = tab.locator("#chat-input textarea")
        box.fill("draw my accounts")
        box.press("Enter")
        tab.wait_for_function("s => [...document.querySelectorAll(s)].some(e => e.innerText.includes('That is all'))",
                              arg=BOT)
        wait_until_tried(tab, recorder, 2)
        assert recorder.requests == []
    finally:
        running.demo.close()


def test_the_page_policy_lets_nothing_load_from_another_host(tab, hosted_app, recorder):
    """Defence in depth: a stylesheet, a font, a fetch and a beacon planted in the page all stay blocked."""
    tab.goto(f"{hosted_app.url}/?mode=banking&seed=5")
    tab.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")
    tab.evaluate("""url => {
        const link = document.createElement('link'); link.rel = 'stylesheet'; link.href = url + '/sheet.css';
        document.head.append(link);
        const style = document.createElement('style');
        style.textContent = `@font-face{font-family:planted;src:url(${url}/font.woff)} body{font-family:planted}`;
        document.head.append(style);
        fetch(url + '/fetch').catch(() => {});
        navigator.sendBeacon(url + '/beacon', 'x');
    }""", recorder.url)
    wait_until_tried(tab, recorder, 4)
    assert recorder.requests == []
    policy = tab.evaluate("() => document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]')?.content")
    assert "default-src 'self'" in policy, policy
