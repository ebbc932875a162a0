"""Many visitors at once: 50 API sessions chatting, ten tabs of one browser; nobody sees another's persona
(timing lives in bench/app_speed.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from gradio_client import Client

from persona import generate

from .browsing import name_of, send, wait_card

pytestmark = pytest.mark.slow

USERS, TURNS = 50, 3


@pytest.fixture(scope="module")
def slow_app(launch_hosted):
    return launch_hosted("echo-system:slow=1.0")


def distinct_seeds(n: int) -> dict[int, str]:
    names: dict[str, int] = {}
    seed = 1000
    while len(names) < n:
        names.setdefault(generate("banking", seed, "en_US", date.today()).identity.full_name, seed)
        seed += 1
    return {s: name for name, s in names.items()}


def test_fifty_sessions_three_turns_each_get_only_their_own_persona(slow_app):
    seeds = distinct_seeds(USERS)
    all_names = set(seeds.values())

    def user(seed: int) -> list[str]:
        client = Client(slow_app.url + "/", verbose=False)
        try:
            client.predict(f"mode=banking&seed={seed}", api_name="/open_link")
            return [client.predict(f"turn {t}: who am I?", api_name="/chat") for t in range(TURNS)]
        finally:
            client.close()

    with ThreadPoolExecutor(USERS) as pool:
        results = dict(zip(seeds, pool.map(user, seeds), strict=True))
    crossed = []
    for seed, replies in results.items():
        assert len(replies) == TURNS
        for reply in replies:
            own = seeds[seed]
            others = {n for n in all_names - {own} if n in reply}
            if own not in reply or others:
                crossed.append((seed, reply))
    assert crossed == []


def test_ten_tabs_of_one_browser_all_load_and_chat(chromium, hosted_app):
    context = chromium.new_context(viewport={"width": 1000, "height": 800})
    try:
        tabs = []
        for i in range(10):
            tab = context.new_page()
            tab.set_default_timeout(30_000)
            tab.goto(f"{hosted_app.url}/?mode=banking&seed={100 + i}", wait_until="commit")
            tabs.append(tab)
        for i, tab in enumerate(tabs):
            try:
                wait_card(tab, name_of("banking", 100 + i))
            except Exception as exc:  # noqa: BLE001 - say which tab
                pytest.fail(f"tab {i} never loaded its persona: {type(exc).__name__}")
        for tab in tabs:
            send(tab, "Who am I?")
        for i, tab in enumerate(tabs):
            tab.wait_for_function(
                "n => document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText.includes(n)",
                arg=name_of("banking", 100 + i))
    finally:
        context.close()
