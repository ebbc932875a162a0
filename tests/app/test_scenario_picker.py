"""Scenarios and example prompts as a demo builder uses them (issue 13, items 1-2), in Debian's Chromium.

A ``&scenario=`` link opens that scenario; the Scenario picker changes it for the same customer; a scenario
that does not fit warns once, naming those that do; the chat's examples are this persona's own and send
themselves when clicked. The backend is the fake OpenAI-compatible server (``echo-turns`` repeats the
user turns it was sent).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from persona import applicable_scenarios, example_prompts, generate, list_scenarios

from .browsing import settled

pytestmark = pytest.mark.slow

MESSAGES_JS = """() => [...document.querySelectorAll('#chatbot [data-testid="user"], #chatbot [data-testid="bot"]')]
    .map(e => [e.dataset.testid, e.innerText.trim()])"""
EXAMPLES_JS = "() => [...document.querySelectorAll('#chatbot .example-text')].map(e => e.innerText.trim())"
CARD_JS = "() => document.querySelector('#persona-card .persona-card')?.dataset.scenario"


@pytest.fixture(scope="module")
def turns_app(launch_hosted):
    return launch_hosted("echo-turns")


def persona(mode: str, seed: int, scenario: str | None = None):
    return generate(mode, seed, "en_US", date.today(), scenario=scenario)


def open_app(page, url: str, query: str, scenario: str) -> None:
    """Open a link and wait until the card shows the persona with ``scenario``."""
    page.goto(f"{url}/?{query}")
    page.wait_for_function(f"k => ({CARD_JS})() === k", arg=scenario)


def picker(page) -> str:
    return page.locator("#scenario input").input_value()


def examples(page) -> list[str]:
    return page.evaluate(EXAMPLES_JS)


def address(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def wait_address(page, key: str, value: str) -> None:
    page.wait_for_function("([k, v]) => new URLSearchParams(location.search).get(k) === v", arg=[key, value],
                           timeout=5_000)


def test_a_scenario_link_opens_that_scenario(page, hosted_app, tmp_path):
    drawn = persona("banking", 42)
    kind = next(k for k in applicable_scenarios(drawn) if k != drawn.scenario.kind)
    chosen = persona("banking", 42, kind)
    open_app(page, hosted_app.url, f"mode=banking&seed=42&scenario={kind}", kind)

    assert picker(page) == list_scenarios("banking")[kind]
    card = page.locator("#persona-card").inner_text()
    assert chosen.identity.full_name in card and chosen.scenario.title in card
    wait_address(page, "scenario", kind)
    assert address(page) == {"mode": ["banking"], "seed": ["42"], "locale": ["en_US"], "scenario": [kind]}
    assert page.locator("#share-link textarea, #share-link input").first.input_value().endswith(
        f"?mode=banking&seed=42&locale=en_US&scenario={kind}")
    page.wait_for_function(f"e => JSON.stringify(({EXAMPLES_JS})()) === JSON.stringify(e)",
                           arg=example_prompts(chosen))
    assert page.locator("#link-warning").is_hidden()
    # the picker lists exactly what this customer's record supports
    page.locator("#scenario input").click()
    options = [o.replace("✓", "").strip() for o in page.get_by_role("option").all_inner_texts()]
    assert options == list(applicable_scenarios(drawn).values())
    assert page.get_by_role("option", selected=True).inner_text().replace("✓", "").strip() == chosen.scenario.title
    page.keyboard.press("Escape")
    page.screenshot(path=str(tmp_path / "scenario-link.png"))


def test_the_picker_changes_the_scenario_of_the_same_customer(page, turns_app):
    drawn = persona("insurance", 7)
    open_app(page, turns_app.url, "mode=insurance&seed=7", drawn.scenario.kind)
    assert picker(page) == drawn.scenario.title
    name = page.locator("#persona-card .persona-name").inner_text().strip()
    record_before = page.locator("#persona-card table").all_text_contents()
    assert record_before
    before = examples(page)
    assert before == example_prompts(drawn)

    box = page.locator("#chat-input textarea")
    box.fill("Hello there")
    box.press("Enter")
    page.wait_for_function("() => /TURNS/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText)")

    kind = next(k for k in applicable_scenarios(drawn) if k != drawn.scenario.kind)
    page.locator("#scenario input").click()
    page.get_by_role("option", name=list_scenarios("insurance")[kind], exact=True).click()
    page.wait_for_function(f"k => ({CARD_JS})() === k", arg=kind)

    # the same customer and record, a new story: chat cleared, examples and address bar follow
    assert page.locator("#persona-card .persona-name").inner_text().strip() == name
    assert page.locator("#persona-card table").all_text_contents() == record_before
    assert picker(page) == list_scenarios("insurance")[kind]
    page.wait_for_function(f"() => ({MESSAGES_JS})().length === 0", timeout=5_000)
    after = persona("insurance", 7, kind)
    page.wait_for_function(f"e => JSON.stringify(({EXAMPLES_JS})()) === JSON.stringify(e)",
                           arg=example_prompts(after))
    assert examples(page) != before
    wait_address(page, "scenario", kind)
    assert address(page)["seed"] == ["7"]
    # the new scenario survives a reload (the address bar names it)
    page.reload()
    page.wait_for_function(f"k => ({CARD_JS})() === k", arg=kind)
    assert picker(page) == list_scenarios("insurance")[kind]


def test_a_scenario_that_does_not_fit_warns_once_and_names_those_that_do(page, hosted_app):
    drawn = persona("healthcare", 3)
    lacking = next(k for k in list_scenarios("healthcare") if k not in applicable_scenarios(drawn))
    open_app(page, hosted_app.url, f"mode=healthcare&seed=3&scenario={lacking}", drawn.scenario.kind)
    banner = page.locator("#link-warning")
    banner.wait_for(state="visible")
    settled(page)  # toasts would arrive with the load event's result
    text = banner.inner_text()
    assert lacking in text and all(k in text for k in applicable_scenarios(drawn)), text
    assert page.locator("body").inner_text().count(f"Scenario '{lacking}'") == 1, "the warning shows more than once"
    # the persona is the seed's own, and the address bar names the scenario shown
    assert picker(page) == drawn.scenario.title
    assert drawn.identity.full_name in page.locator("#persona-card").inner_text()
    wait_address(page, "scenario", drawn.scenario.kind)

    # an unknown kind, given as markup, shows as text
    open_app(page, hosted_app.url, "mode=healthcare&seed=3&scenario=%3Cb%3Ebold%3C%2Fb%3E", drawn.scenario.kind)
    banner.wait_for(state="visible")
    page.wait_for_function("() => /Unknown scenario/.test(document.querySelector('#link-warning').innerText)")
    assert "<b>bold</b>" in banner.inner_text() and banner.locator("b").count() == 0


def test_examples_are_this_personas_own_and_clicking_one_sends_it(page, turns_app):
    one, two = persona("banking", 11), persona("banking", 12)
    open_app(page, turns_app.url, "mode=banking&seed=11", one.scenario.kind)
    page.wait_for_function(f"e => JSON.stringify(({EXAMPLES_JS})()) === JSON.stringify(e)", arg=example_prompts(one))
    first = examples(page)
    assert len(first) >= 4

    seed = page.locator("#seed textarea, #seed input").first
    seed.fill("12")
    seed.press("Enter")
    page.wait_for_function(f"e => JSON.stringify(({EXAMPLES_JS})()) === JSON.stringify(e)", arg=example_prompts(two))
    second = examples(page)
    assert len(second) >= 4 and set(first) != set(second)

    # the scenario's opening question, clicked, is sent to the model as the customer's turn
    example = second[0]
    assert example == two.scenario.opening
    page.get_by_role("button", name=f"Select example 1: {example}").click()
    page.wait_for_function("() => /TURNS/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText)")
    page.wait_for_function("() => !document.querySelector('#chat-input .stop-button')")
    shown = page.evaluate(MESSAGES_JS)
    assert shown[0] == ["user", example]
    assert shown[1][0] == "bot" and shown[1][1].startswith("TURNS:") and shown[1][1].endswith(example), shown
