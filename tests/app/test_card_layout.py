"""The persona card in a real browser: desktop and phone widths, light and dark schemes (issue 13, item 4).

Each case is screenshotted (kept under pytest's basetemp, ``card-screens/``) and its layout asserted: nothing
wider than the page or the card, the sections and headline figures there, text contrast at least 4.5:1,
on a phone the customer named on the first screen, and the long tables folding and unfolding.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from persona import describe, generate
from webui.layout import NARROW

from .browsing import SETTLED_JS

pytestmark = pytest.mark.slow

DESKTOP, PHONE = (1440, 900), (390, 844)
MIN_CONTRAST = 4.5

# Reads every visible text of the card with its colour and the colour behind it (the first opaque
# background up the tree, semi-transparent ones blended over it), via a canvas so any CSS colour syntax
# (rgb, color(srgb …) from color-mix) is compared as pixels.
CONTRAST_JS = """
(root) => {
  const ctx = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const rgba = (c) => { ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = c;
                        ctx.fillRect(0, 0, 1, 1); const d = ctx.getImageData(0, 0, 1, 1).data;
                        return [d[0], d[1], d[2], d[3] / 255]; };
  const over = (top, bottom) => top.slice(0, 3).map((v, i) => v * top[3] + bottom[i] * (1 - top[3]));
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const behind = (el) => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let base = [255, 255, 255]; for (const c of layers.reverse()) base = over(c, base); return base; };
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement; if (!n.textContent.trim() || !el.getClientRects().length) continue;
    const bg = behind(el), fg = over(rgba(getComputedStyle(el).color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({text: n.textContent.trim().slice(0, 40), ratio: (a + 0.05) / (b + 0.05), bgLum: lum(bg)});
  }
  // the pseudo-element column names of reflowed tables are text too
  for (const td of root.querySelectorAll('td')) {
    const s = getComputedStyle(td, '::before'); if (s.content === 'none' || s.display === 'none' || !td.getClientRects().length) continue;
    const bg = behind(td), fg = over(rgba(s.color), bg); const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    out.push({text: 'label:' + td.dataset.label, ratio: (a + 0.05) / (b + 0.05), bgLum: lum(bg)});
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def local_app(local_app) -> str:
    """The address of the app as it runs with no token (conftest's ``python app.py``; no message is sent here)."""
    return local_app.url


@pytest.fixture(scope="module")
def screens(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("card-screens")


def open_page(browser, url: str, size: tuple[int, int]):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(url)
    page.wait_for_function("() => document.querySelector('#persona-card .persona-card .persona-name')")
    page.evaluate("() => document.fonts.ready.then(() => undefined)")  # fonts, then the strip's layout style
    page.wait_for_function(SETTLED_JS)
    return context, page


def overflow(page, selector: str) -> list[int]:
    return page.evaluate("s => { const e = document.querySelector(s); return [e.scrollWidth, e.clientWidth]; }", selector)


CASES = [(mode, size, theme) for mode in ("banking", "insurance", "healthcare")
         for size in (DESKTOP, PHONE) for theme in ("light", "dark")]


@pytest.mark.parametrize(("mode", "size", "theme"), CASES,
                         ids=[f"{m}-{s[0]}-{t}" for m, s, t in CASES])
def test_card_layout(browser, local_app, screens, mode, size, theme):
    seed = 42
    persona = generate(mode, seed, "en_US", date.today())
    view = describe(persona)
    context, page = open_page(browser, f"{local_app}/?mode={mode}&seed={seed}&__theme={theme}", size)
    try:
        page.screenshot(path=str(screens / f"{mode}-{size[0]}x{size[1]}-{theme}.png"))
        card = "#persona-card .persona-card"
        assert page.evaluate("() => document.body.classList.contains('dark')") == (theme == "dark")

        # nothing sticks out: not the page, not the card, not a section
        width, client = overflow(page, "html")
        assert width <= client, f"the page scrolls sideways: {width} > {client}"
        width, client = overflow(page, card)
        assert width <= client, f"the card is cut off: {width} > {client}"
        for box in page.locator(f"{card} .pc-section").all():
            assert box.evaluate("e => e.scrollWidth <= e.clientWidth")

        # what a viewer reads: why they are in touch, then the sections in order, the headline figures
        assert page.locator(f"{card} section[data-section]").evaluate_all(
            "els => els.map(e => e.dataset.section)") == ["scenario", "holdings", "activity", "identity"]
        assert page.locator(f"{card} .pc-scenario-title").inner_text() == persona.scenario.title
        assert page.locator(f"{card} .pc-value").all_inner_texts() == [f.value for f in view.headline]
        assert page.locator(f"{card} .persona-name").inner_text() == persona.identity.full_name

        # contrast of every text on the card, in this scheme
        texts = page.evaluate(CONTRAST_JS, page.locator(card).element_handle())
        assert len(texts) > 40
        low = [(t["text"], round(t["ratio"], 2)) for t in texts if t["ratio"] < MIN_CONTRAST]
        assert not low, f"below {MIN_CONTRAST}:1 in {theme}: {low[:8]}"
        assert all((t["bgLum"] < 0.2) == (theme == "dark") for t in texts)  # the card follows the scheme

        strip = page.locator("#customer-strip .customer-strip")
        if size == PHONE:
            # the customer is on the first screen, above the chat; the card follows the chat
            assert strip.is_visible()
            assert strip.locator(".cs-name").inner_text() == persona.identity.full_name
            assert strip.locator(".cs-reason").inner_text() == persona.scenario.title
            box = strip.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= size[1]
            assert box["y"] < page.locator("#chatbot").bounding_box()["y"] < page.locator("#persona-card").bounding_box()["y"]
        else:
            # side by side: no strip; the card starts level with the chat, its figures on the first screen
            assert not strip.is_visible()
            chat, card_box = page.locator("#chatbot").bounding_box(), page.locator("#persona-card").bounding_box()
            assert card_box["x"] > chat["x"] + chat["width"]
            assert abs(card_box["y"] - chat["y"]) < 60
            figures = page.locator(f"{card} .pc-figures").bounding_box()
            assert figures["y"] + figures["height"] <= size[1]
        page.locator("#persona-card").screenshot(path=str(screens / f"{mode}-{size[0]}-{theme}-card.png"))
    finally:
        context.close()


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_long_tables_fold_and_unfold_by_mouse_and_keyboard(browser, local_app, size):
    persona = generate("banking", 42, "en_US", date.today())
    context, page = open_page(browser, f"{local_app}/?mode=banking&seed=42", size)
    try:
        folded = page.locator("#persona-card details.pc-table").filter(has_text="Recent transactions")
        assert not folded.evaluate("d => d.open")  # a month of transactions starts folded
        assert folded.locator("summary .pc-count").inner_text() == str(len(persona.transactions))
        rows = folded.locator("tbody tr")
        assert rows.count() == len(persona.transactions) and not rows.first.is_visible()
        folded.locator("summary").click()
        assert folded.evaluate("d => d.open") and rows.first.is_visible()
        # the open table scrolls inside its own box, never the page
        box = folded.locator(".pc-scroll")
        assert box.evaluate("e => e.scrollHeight > e.clientHeight && getComputedStyle(e).overflowY === 'auto'")
        width, client = overflow(page, "html")
        assert width <= client
        folded.locator("summary").click()
        assert not folded.evaluate("d => d.open") and not rows.first.is_visible()
        # keyboard: Tab reaches the summary, Enter opens it
        folded.locator("summary").focus()
        page.keyboard.press("Enter")
        assert folded.evaluate("d => d.open")
        assert page.evaluate("() => document.activeElement.tagName") == "SUMMARY"
    finally:
        context.close()


def test_the_strip_appears_exactly_when_the_columns_stack(browser, local_app):
    """Just above NARROW the columns sit side by side and the strip hides; at NARROW the strip shows and they stack."""
    for width, stacked in ((NARROW + 1, False), (NARROW, True), (1440, False), (768, True)):
        context, page = open_page(browser, f"{local_app}/?mode=insurance&seed=3", (width, 900))
        try:
            chat, card = page.locator("#chatbot").bounding_box(), page.locator("#persona-card").bounding_box()
            assert (card["y"] > chat["y"] + chat["height"]) == stacked, width
            assert page.locator("#customer-strip .customer-strip").is_visible() == stacked, width
            width_px, client = overflow(page, "html")
            assert width_px <= client, width
        finally:
            context.close()


def test_the_profile_link_jumps_to_the_card(browser, local_app):
    context, page = open_page(browser, f"{local_app}/?mode=healthcare&seed=9", PHONE)
    try:
        assert page.locator("#persona-card").bounding_box()["y"] > PHONE[1]
        page.locator("#customer-strip .cs-more").click()
        page.wait_for_function("() => document.querySelector('#persona-card').getBoundingClientRect().top < 200")
    finally:
        context.close()


def test_a_german_persona_on_the_embedded_model_says_replies_come_in_english(browser, local_app, screens):
    context, page = open_page(browser, f"{local_app}/?mode=banking&seed=42&locale=de_DE", DESKTOP)
    try:
        note = page.locator("#language-note")
        note.wait_for(state="visible")
        assert "English only" in note.inner_text() and "German" in note.inner_text()
        assert "Kontostand Girokonto" in page.locator("#persona-card").inner_text()  # the card itself is German
        chat, box = page.locator("#chatbot").bounding_box(), note.bounding_box()
        assert box["y"] + box["height"] <= chat["y"] and box["x"] <= chat["x"] + 20  # right above the chat
        page.screenshot(path=str(screens / "banking-de_DE-local-note.png"))
        page.locator("#locale input").click()
        page.get_by_role("option", name="en_US", exact=True).click()
        page.wait_for_function("() => document.querySelector('#persona-card .pc-figure dt')?.innerText === 'Checking balance'")
        note.wait_for(state="hidden")
    finally:
        context.close()
