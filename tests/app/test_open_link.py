"""Opening a link to the app, in Debian's Chromium: the link's persona, the address bar that follows it
(reload, Back), and a bad or hostile link that warns once, as text, and loads nothing.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

import pytest

from persona import example_prompts, generate

from .browsing import card_name, choose, name_of, open_app, query, quiet, settled, wait_card

pytestmark = pytest.mark.slow


def test_link_opens_that_persona_and_mode_switch_clears_chat(page, hosted_app, tmp_path):
    page.goto(f"{hosted_app.url}/?mode=insurance&seed=42")
    expected = name_of("insurance", 42)
    page.wait_for_function(
        "n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n", arg=expected)
    assert "Bluestem" in page.locator("#persona-card").inner_text()
    kind = generate("insurance", 42, "en_US", date.today()).scenario.kind
    assert page.locator("#share-link textarea, #share-link input").first.input_value().endswith(
        f"?mode=insurance&seed=42&locale=en_US&scenario={kind}")

    # chat: a streamed reply appears and names this persona (the echo backend repeats the Name line)
    box = page.locator("#chat-input textarea")
    box.fill("Who am I?")
    box.press("Enter")
    bot = page.locator("#chatbot .message.bot, #chatbot [data-testid='bot']").last
    bot.wait_for()
    page.wait_for_function(
        "n => [...document.querySelectorAll('#chatbot [data-testid=\"bot\"], #chatbot .message.bot')]"
        ".some(e => e.innerText.includes(n))", arg=expected)

    # switch mode: new persona, chat emptied
    choose(page, "mode", "Healthcare")
    expected_hc = name_of("healthcare", 42)
    page.wait_for_function(
        "n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n", arg=expected_hc)
    page.wait_for_function(
        "() => document.querySelectorAll('#chatbot [data-testid=\"bot\"], #chatbot [data-testid=\"user\"]').length === 0")
    assert "Cedarline" in page.locator("#persona-card").inner_text()
    # example prompts follow the persona: this healthcare customer's own questions
    assert page.get_by_text(example_prompts(generate("healthcare", 42, "en_US", date.today()))[0]).first.is_visible()

    # the chat works again after the switch, with the new persona
    box.fill("Who am I?")
    box.press("Enter")
    page.wait_for_function(
        "n => [...document.querySelectorAll('#chatbot [data-testid=\"bot\"], #chatbot .message.bot')]"
        ".some(e => e.innerText.includes(n))", arg=expected_hc)
    page.screenshot(path=str(tmp_path / "after-switch.png"))  # kept by pytest for a look after a failure


def test_bad_link_shows_a_warning_and_the_page_still_works(page, hosted_app):
    page.goto(f"{hosted_app.url}/?mode=unknown&seed=abc&locale=xx&seed=-5&__theme=light")
    warning = page.locator("#link-warning")
    warning.wait_for(state="visible")
    text = warning.inner_text()
    assert "Unknown mode" in text and "Unknown locale" in text and "seed" in text.lower()
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")
    # the page is usable: a new persona loads, and a typed seed loads that persona
    seed_box = page.locator("#seed textarea, #seed input").first
    seed_box.fill("314")
    seed_box.press("Enter")
    expected = name_of("banking", 314)
    page.wait_for_function(
        "n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n", arg=expected)
    assert not page.get_by_text("Traceback").count()


def test_locale_switch_reformats_money(page, hosted_app):
    page.goto(f"{hosted_app.url}/?mode=banking&seed=7")
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")
    choose(page, "locale", "de_DE")
    expected = name_of("banking", 7, "de_DE")
    page.wait_for_function(
        "n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n", arg=expected)
    assert "€" in page.locator("#persona-card").inner_text()


def test_the_address_bar_follows_the_persona_for_reload_and_back(page, hosted_app):
    first = open_app(page, hosted_app.url, "mode=banking&seed=42&__theme=light")
    page.get_by_role("button", name="New persona").click()
    page.wait_for_function("n => document.querySelector('#persona-card .persona-name')?.innerText.trim() !== n",
                           arg=first)
    seed = page.locator("#persona-card .persona-card").get_attribute("data-seed")
    page.wait_for_function("s => new URLSearchParams(location.search).get('seed') === s", arg=seed, timeout=5_000)
    kind = page.locator("#persona-card .persona-card").get_attribute("data-scenario")
    assert query(page) == {"mode": ["banking"], "seed": [seed], "locale": ["en_US"], "scenario": [kind],
                           "__theme": ["light"]}
    second = card_name(page)

    page.reload()
    assert wait_card(page) == second, "a reload brought back another customer"

    choose(page, "mode", "Insurance")
    wait_card(page, name_of("insurance", int(seed)))
    page.wait_for_function("() => new URLSearchParams(location.search).get('mode') === 'insurance'", timeout=5_000)

    page.go_back()
    wait_card(page, second)
    assert query(page)["mode"] == ["banking"] and query(page)["seed"] == [seed]
    page.go_back()
    wait_card(page, first)
    assert query(page)["seed"] == ["42"]


def test_a_plain_link_is_pinned_to_its_random_customer(page, hosted_app):
    name = open_app(page, hosted_app.url, "")
    page.wait_for_function("() => new URLSearchParams(location.search).has('seed')", timeout=5_000)
    page.reload()
    assert wait_card(page) == name


def test_a_bad_link_warns_once_and_as_text(page, hosted_app):
    page.goto(f"{hosted_app.url}/?mode=%3Cb%3Ebold%3C%2Fb%3E&seed=abc&__theme=light")
    banner = page.locator("#link-warning")
    banner.wait_for(state="visible")
    wait_card(page)
    settled(page)  # toasts arrive with the load event's result
    body = page.locator("body").inner_text()
    assert body.count("Unknown mode") == 1, "the mode warning is shown more than once"
    assert body.count("is not a whole number") == 1, "the seed warning is shown more than once"
    assert "<b>bold</b>" in banner.inner_text(), "the visitor's text was not shown as typed"
    assert banner.locator("b").count() == 0, "the visitor's text became markup"
    # the address bar now names the customer shown (the banner says what was wrong with the link)
    page.wait_for_function("() => new URLSearchParams(location.search).get('mode') === 'banking'", timeout=5_000)
    assert set(query(page)) == {"mode", "seed", "locale", "scenario", "__theme"}
    # a bad seed typed into the Seed box warns in the same one place
    seed = page.locator("#seed textarea, #seed input").first
    seed.fill("twelve")
    seed.press("Enter")
    page.wait_for_function("() => /twelve/.test(document.querySelector('#link-warning')?.innerText)")
    settled(page)
    assert page.locator("body").inner_text().count("twelve") == 1


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
    wait_card(page)
    quiet(page)
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
