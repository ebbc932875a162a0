"""A tab whose state expired still shows its customer: every persona event goes on from the page's share link.

The state expires after a time to live of one second here (hours by default); the page still shows the card and
its share link, which every persona event sends along, as the chat does (issue 16, item 5).
"""

from __future__ import annotations

import time
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from gradio_client import Client

from persona import applicable_scenarios, generate
from webui.config import AppConfig

LINK_QUERY = "mode=insurance&seed=42&locale=en_GB"


@pytest.fixture(scope="module")
def running(launch_hosted):
    return launch_hosted("echo-system", AppConfig().model_copy(update={"state_ttl": 1}))


def shown_link(outputs) -> str:
    return next(v for v in outputs if isinstance(v, str) and v.startswith("http") and "seed=" in v)


def persona_of(link: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}


def wait_until_expired(client: Client, deadline_s: float = 20) -> None:
    """Until the session's state is gone (the export is empty without a persona); reading it renews nothing."""
    deadline = time.monotonic() + deadline_s
    while client.predict(api_name="/export_conversation"):
        assert time.monotonic() < deadline, "the state did not expire"
        time.sleep(0.2)


@pytest.fixture
def expired(running):
    """A client whose tab showed LINK_QUERY's customer, then idled until its state expired; and that link."""
    client = Client(running.url + "/", verbose=False)
    try:
        link = shown_link(client.predict(LINK_QUERY, api_name="/open_link"))
        wait_until_expired(client)
        yield client, link
    finally:
        client.close()


@pytest.mark.parametrize(("api_name", "value", "expected"), [
    ("/switch_locale", "fr_FR", ("insurance", "42", "fr_FR")),
    ("/switch_mode", "healthcare", ("healthcare", "42", "en_GB")),
    ("/load_seed", "7", ("insurance", "7", "en_GB")),
])
def test_changing_one_choice_keeps_the_others_of_the_customer_on_the_card(expired, api_name, value, expected):
    client, link = expired
    after = persona_of(shown_link(client.predict(value, link, api_name=api_name)))
    assert (after["mode"], after["seed"], after["locale"]) == expected, after


def test_a_new_persona_keeps_the_industry_and_locale(expired):
    client, link = expired
    after = persona_of(shown_link(client.predict(link, api_name="/new_persona")))
    assert (after["mode"], after["locale"]) == ("insurance", "en_GB") and after["seed"] != "42", after


def test_picking_a_scenario_keeps_the_customer(expired):
    client, link = expired
    drawn = generate("insurance", 42, "en_GB", date.today()).scenario.kind
    kind = next(k for k in applicable_scenarios(generate("insurance", 42, "en_GB", date.today())) if k != drawn)
    after = persona_of(shown_link(client.predict(kind, link, api_name="/switch_scenario")))
    assert after == {"mode": "insurance", "seed": "42", "locale": "en_GB", "scenario": kind}, after


def test_in_the_browser_a_tab_whose_state_expired_changes_locale_for_the_same_customer(running, page):
    """What a visitor sees: the card's customer, in the new locale, not a new customer of the default industry."""
    page.goto(f"{running.url}/?{LINK_QUERY}")
    name = generate("insurance", 42, "en_GB", date.today()).identity.full_name
    page.wait_for_function("n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n",
                           arg=name)
    client = Client(running.url + "/", verbose=False)
    try:
        client.session_hash = page.evaluate("() => window.__gradio_session_hash__")  # to see the tab's state expire
        wait_until_expired(client)
    finally:
        client.close()
    page.locator("#locale input").click()
    page.get_by_role("option", name="fr_FR").click()
    french = generate("insurance", 42, "fr_FR", date.today()).identity.full_name
    page.wait_for_function("n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n",
                           arg=french)
    assert "seed=42" in page.url and "mode=insurance" in page.url and "locale=fr_FR" in page.url
