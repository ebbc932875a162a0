"""What a visitor does in the page, as Playwright steps shared by the browser tests (no fixtures here).

Every wait is on a condition the page shows (a name on the card, the input idle again), never on time.
"""

from __future__ import annotations

import time
from datetime import date
from urllib.parse import parse_qs, urlsplit

from persona import generate

MESSAGES_JS = """() => [...document.querySelectorAll('#chatbot [data-testid="user"], #chatbot [data-testid="bot"]')]
    .map(e => [e.dataset.testid, e.innerText.trim()])"""
IDLE_JS = """() => !document.querySelector('#chat-input .stop-button')
    && !document.querySelector('#chat-input textarea').disabled"""
SETTLED_JS = """() => document.getAnimations().every(a => a.playState !== 'running'
    || a.effect?.getTiming().iterations === Infinity)"""
"""True once no finite animation runs (updated components fade in; fonts and layout have settled)."""


def name_of(mode: str, seed: int, locale: str = "en_US") -> str:
    return generate(mode, seed, locale, date.today()).identity.full_name


def card_name(page) -> str:
    return page.locator("#persona-card .persona-name").inner_text().strip()


def wait_card(page, name: str | None = None) -> str:
    """Wait until the card shows a customer (``name`` if given); the name shown."""
    if name is None:
        page.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")
    else:
        page.wait_for_function(
            "n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n", arg=name)
    return card_name(page)


def open_app(page, url: str, query: str = "mode=banking&seed=42") -> str:
    page.goto(f"{url}/?{query}")
    return wait_card(page)


def choose(page, elem_id: str, label: str) -> None:
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=label, exact=True).click()


def query(page) -> dict[str, list[str]]:
    """The address bar's parameters."""
    return parse_qs(urlsplit(page.url).query)


def messages(page) -> list[list[str]]:
    return page.evaluate(MESSAGES_JS)


def last_bot(page) -> str:
    bots = [text for role, text in messages(page) if role == "bot"]
    return bots[-1] if bots else ""


def chat_input(page):
    return page.locator("#chat-input textarea")


def button(page, name: str):
    return page.locator("#chat-input").get_by_role("button", name=name, exact=True)


def wait_idle(page, timeout: float = 60_000) -> None:
    page.wait_for_function(IDLE_JS, timeout=timeout)


def send(page, text: str) -> None:
    box = chat_input(page)
    box.fill(text)
    box.press("Enter")


RUNNING: dict[str, object] = {}
"""The apps launched in this process (conftest's ``launch``), by address: their queue can be asked if it is idle."""


def server_idle(url: str, timeout: float = 30.0) -> None:
    """Wait until the in-process app serving ``url`` runs and queues no event (nothing left to stream or chain).

    An app in another process (``python app.py``) cannot be asked: only the page's own state is waited on then.
    """
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    demo = RUNNING.get(origin)
    if demo is None:
        return
    queue = demo._queue
    deadline = time.monotonic() + timeout
    while busy := len(queue) + sum(job is not None for job in queue.active_jobs):
        assert time.monotonic() < deadline, f"{busy} events still running after {timeout} s"
        time.sleep(0.02)


def settled(page) -> None:
    """Wait until the page's app has no event running, the page's input is idle and its animations have ended.

    Whatever the server would still send has arrived by then: a late chunk or a second warning shows up here.
    """
    server_idle(page.url)
    wait_idle(page)
    page.wait_for_function(SETTLED_JS)


def watch(page) -> None:
    """Track the requests ``page`` has in flight, for ``quiet`` (the ``page`` fixture does this for every tab)."""
    inflight: set = set()
    page.on("request", lambda request: inflight.add(request))
    page.on("requestfinished", lambda request: inflight.discard(request))
    page.on("requestfailed", lambda request: inflight.discard(request))
    page.inflight = inflight


STREAMS = ("/gradio_api/queue/data", "/gradio_api/heartbeat", "/gradio_api/stream")
"""Requests that stay open while the page lives (Gradio's event streams): never "finished"."""


def quiet(page, timeout: float = 30.0) -> None:
    """Wait until whatever the page shows now has had its chance to fetch, and every fetch has ended.

    Two animation frames after this call, anything in the DOM has been styled and laid out, so every image,
    frame, stylesheet or background it names has been requested; then wait until each request the page
    started has finished or failed. A loopback server that saw nothing by then was not asked for anything.
    """
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    deadline = time.monotonic() + timeout
    while pending := [r.url for r in page.inflight if not any(s in r.url for s in STREAMS)]:
        assert time.monotonic() < deadline, f"still loading after {timeout} s: {pending}"
        page.wait_for_timeout(20)  # lets Playwright deliver the request events; the loop waits on the condition
