"""A full chat queue never locks visitors out of the page, the persona controls or the health check (row 3)."""

from __future__ import annotations

import time

import httpx
import pytest
from gradio_client import Client

from webui.config import AppConfig

from .conftest import hosted_config, launch

pytestmark = pytest.mark.slow

QUEUE = 3


def waiting(url: str) -> int:
    """How many events wait in the app's queue (Gradio's ``/queue/status``)."""
    return httpx.get(f"{url}/gradio_api/queue/status", timeout=10).json()["queue_size"]


@pytest.fixture(scope="module")
def busy_app(fake_openai):
    """One chat at a time and room for QUEUE waiting events, answering from a server that never replies."""
    running = launch(hosted_config(fake_openai.base_url, "fault:timeout=60"),
                     AppConfig(chat_concurrency=1, queue_size=QUEUE))
    chatters = [Client(running.url + "/", verbose=False) for _ in range(QUEUE + 1)]
    jobs = []
    try:
        for c in chatters:
            c.predict("mode=banking&seed=1", api_name="/open_link")  # while the queue is still empty
        for c in chatters:
            jobs.append(c.submit("hello?", api_name="/chat"))
        deadline = time.monotonic() + 30
        while waiting(running.url) < QUEUE:  # one chat runs, the others wait: the probe below finds no room
            assert time.monotonic() < deadline, f"only {waiting(running.url)} chats waiting after 30 s"
            time.sleep(0.05)
        probe = Client(running.url + "/", verbose=False)
        while time.monotonic() < deadline:  # wait until the queue is observably full
            try:
                probe.predict("still room?", api_name="/chat")
            except Exception as exc:  # noqa: BLE001 - gradio_client raises a bare error for "Queue is full"
                if "full" in str(exc).lower():
                    break
            time.sleep(0.5)
        else:
            pytest.fail("the chat queue never filled up")
        probe.close()
        yield running
    finally:
        for job in jobs:
            job.cancel()
        for c in chatters:
            c.close()
        running.demo.close()


def run(url: str, api_name: str, *data) -> httpx.Response:
    """A direct call, as the page makes for events outside the queue (and a load balancer for /ping)."""
    return httpx.post(f"{url}/gradio_api/run/{api_name}", json={"data": list(data), "session_hash": "new-visitor"},
                      timeout=30)


def test_a_new_visitor_can_use_the_persona_controls_while_the_chat_queue_is_full(busy_app):
    # the page sends every input, its session state as null (the server holds the state) and the share link it
    # shows (empty for a new visitor)
    for api_name, data in (("open_link", ["mode=insurance&seed=42"]), ("switch_mode", [None, "healthcare", ""]),
                           ("switch_locale", [None, "de_DE", ""]), ("load_seed", [None, "314", ""]),
                           ("new_persona", [None, ""])):
        response = run(busy_app.url, api_name, *data)
        assert response.status_code == 200, (api_name, response.text)
        assert any("persona-card" in str(value) for value in response.json()["data"]), api_name


def test_the_health_check_answers_while_the_chat_queue_is_full(busy_app):
    response = run(busy_app.url, "ping")
    assert response.status_code == 200 and response.json()["data"] == []


def test_nobody_skips_the_chat_queue_with_a_direct_call(busy_app):
    """Off Spaces Gradio opens its REST routes by default, which would let any caller skip the chat's limits."""
    response = run(busy_app.url, "chat", "hi", "fault:timeout=60", 0.3, 64)
    # refused before the chat runs (a 500 would mean it ran and failed)
    assert response.status_code == 404 and "join the queue" in response.json()["detail"], response.text


def test_a_new_visitor_gets_the_page_and_its_persona_while_the_chat_queue_is_full(busy_app, page):
    page.goto(f"{busy_app.url}/?mode=insurance&seed=42")
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()",
                           timeout=15_000)
    page.locator("#mode input").click()
    page.get_by_role("option", name="Healthcare", exact=True).click()
    page.wait_for_function("() => document.querySelector('#persona-card')?.innerText.includes('Cedarline')",
                           timeout=15_000)
