"""Sessions left open, sessions by the thousand, a chat that goes on (issue 12, rows 4, 5; files: test_files).

Times to live of a few seconds stand in for the default hours; Gradio checks states every second.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from datetime import date

from gradio_client import Client

from persona import applicable_scenarios, generate
from webui.history import PERSONA_LOADING

from .conftest import direct, short_lived


def name_of(mode: str, seed: int, locale: str = "en_US") -> str:
    return generate(mode, seed, locale, date.today()).identity.full_name


def share_link_of(outputs) -> str:
    return next(v for v in outputs if isinstance(v, str) and v.startswith("http") and "seed=" in v)


def idle_past_the_time_to_live(running, timeout: float = 30.0) -> None:
    """Wait until Gradio has deleted every state that had a time to live, in every session of this app."""
    holder = running.demo.state_holder
    deadline = time.monotonic() + timeout
    while any(key in session._state_ttl for session in list(holder.session_data.values())
              for key in list(session.state_data)):
        assert time.monotonic() < deadline, f"states still held {timeout} s later"
        time.sleep(0.1)


# -- row 4: a tab in use loses its persona -----------------------------------------------------------------

def test_chatting_renews_the_session_so_the_persona_outlives_the_time_to_live(start):
    running = start(short_lived(state_ttl=2))
    client = Client(running.url + "/", verbose=False)
    try:
        client.predict("mode=insurance&seed=42&locale=en_US", api_name="/open_link")
        name = name_of("insurance", 42)
        began, replies = time.monotonic(), []
        while time.monotonic() - began < 5:  # 2.5 times the time to live, a message every 0.6 s
            replies.append(client.predict("Who am I?", api_name="/chat"))
            time.sleep(0.6)
        assert all(name in r for r in replies), [r for r in replies if name not in r][:1]
    finally:
        client.close()


def test_a_chat_whose_state_expired_goes_on_about_the_customer_on_the_card(start):
    running = start(short_lived(state_ttl=2))
    client = Client(running.url + "/", verbose=False)
    try:
        kind = list(applicable_scenarios(generate("healthcare", 7, "en_GB", date.today())))[-1]  # not the drawn one
        shown = client.predict(f"mode=healthcare&seed=7&locale=en_GB&scenario={kind}", api_name="/open_link")
        link = share_link_of(shown)
        idle_past_the_time_to_live(running)  # the state is gone, the page still shows the card and its link
        reply = client.predict("Who am I?", None, 0.3, 64, link, api_name="/chat")
        assert name_of("healthcare", 7, "en_GB") in reply and reply != PERSONA_LOADING, reply
        exported = client.predict(api_name="/export_conversation")  # the recovered persona is the session's again
        assert exported["persona"]["scenario"]["kind"] == kind and exported["persona"]["seed"] == 7
    finally:
        client.close()


def test_in_the_browser_a_tab_whose_state_expired_still_chats_with_the_customer_on_its_card(start, page):
    running = start(short_lived(state_ttl=2))
    page.goto(f"{running.url}/?mode=insurance&seed=42&locale=en_GB")
    name = name_of("insurance", 42, "en_GB")
    page.wait_for_function("n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n",
                           arg=name)
    idle_past_the_time_to_live(running)  # the tab idles; nothing on the page changes
    box = page.locator("#chat-input textarea")
    box.fill("Who am I?")
    box.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length === 1 "
                           "&& !document.querySelector('#chat-input .stop-button')")
    reply = page.locator('#chatbot [data-testid="bot"]').last.inner_text()
    assert name in reply and "still loading" not in reply, reply


# -- row 5: memory per session ------------------------------------------------------------------------------

CAPACITY = 30
"""Sessions kept: enough that one session's share stands out from noise, few enough to open 3x quickly (each
call is traced by tracemalloc, which slows the whole process)."""


def retained_after(url: str, sessions: range) -> int:
    """Bytes still allocated (by anything since tracing began) once these sessions have opened their page."""
    for i in sessions:
        direct(url, "on_load", f"mem-{i}")
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def test_memory_stops_growing_at_the_session_capacity(start):
    running = start(short_lived(max_sessions=CAPACITY))
    tracemalloc.start()
    try:
        base = retained_after(running.url, range(0))
        at_capacity = retained_after(running.url, range(CAPACITY)) - base
        three_times = retained_after(running.url, range(CAPACITY, 3 * CAPACITY)) - base
    finally:
        tracemalloc.stop()
    print(f"retained: {at_capacity / CAPACITY / 1024:.0f} KB a session at capacity; after 3x capacity "
          f"{three_times / at_capacity:.2f}x that")
    assert three_times < 1.3 * at_capacity, (three_times, at_capacity)  # before: about 3x (capacity 10,000)


def test_a_long_chat_keeps_only_its_last_turns_and_goes_on(start):
    running = start(short_lived(max_turns=3))
    client = Client(running.url + "/", verbose=False)
    try:
        client.predict("mode=banking&seed=5", api_name="/open_link")
        for i in range(6):
            assert name_of("banking", 5) in client.predict(f"question {i}", api_name="/chat")
        kept = [m["content"] for m in client.predict(api_name="/export_conversation")["messages"]
                if m["role"] == "user"]
        assert kept == ["question 3", "question 4", "question 5"], kept
    finally:
        client.close()


# -- row 6: files on disk --------------------------------------------------------------------------------
