"""Sessions left open, sessions by the thousand, files nobody asked for (issue 12, rows 4, 5, 6).

Times to live of a few seconds stand in for the default hours; Gradio checks states every second.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from datetime import date
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from persona import applicable_scenarios, generate
from webui.config import AppConfig
from webui.history import PERSONA_LOADING


def short_lived(**update) -> AppConfig:
    """The app's settings with limits below what the environment allows (seconds instead of hours)."""
    return AppConfig().model_copy(update=update)


@pytest.fixture
def start(launch_hosted):
    """Launch the app (replying with the system prompt's Name line) with the given settings."""
    return lambda app: launch_hosted("echo-system", app)


def name_of(mode: str, seed: int, locale: str = "en_US") -> str:
    return generate(mode, seed, locale, date.today()).identity.full_name


def share_link_of(outputs) -> str:
    return next(v for v in outputs if isinstance(v, str) and v.startswith("http") and "seed=" in v)


def direct(url: str, api_name: str, session: str, *data) -> dict:
    """An unqueued event called as the page calls it, for one session."""
    response = httpx.post(f"{url}/gradio_api/run/{api_name}", json={"data": list(data), "session_hash": session},
                          timeout=60)
    response.raise_for_status()
    return response.json()


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
        time.sleep(4)  # idle past the time to live: the state is gone, the page still shows the card and its link
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
    time.sleep(4)  # the tab idles past the time to live; nothing on the page changes
    box = page.locator("#chat-input textarea")
    box.fill("Who am I?")
    box.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length === 1 "
                           "&& !document.querySelector('#chat-input .stop-button')")
    reply = page.locator('#chatbot [data-testid="bot"]').last.inner_text()
    assert name in reply and "still loading" not in reply, reply


# -- row 5: memory per session ------------------------------------------------------------------------------

def retained_after(url: str, sessions: range) -> int:
    """Bytes still allocated (by anything since tracing began) once these sessions have opened their page."""
    for i in sessions:
        direct(url, "on_load", f"mem-{i}")
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def test_memory_stops_growing_at_the_session_capacity(start):
    running = start(short_lived(max_sessions=60))
    tracemalloc.start()
    try:
        base = retained_after(running.url, range(0))
        at_capacity = retained_after(running.url, range(60)) - base
        three_times = retained_after(running.url, range(60, 180)) - base
    finally:
        tracemalloc.stop()
    print(f"retained: {at_capacity / 60 / 1024:.0f} KB a session at capacity; after 3x capacity "
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

def test_an_anonymous_50_mb_upload_is_refused_and_nothing_is_stored(start):
    running = start(AppConfig())
    upload_dir = Path(running.demo.server_app.uploaded_file_dir)
    before = {p for p in upload_dir.rglob("*") if p.is_file()} if upload_dir.exists() else set()
    body = b"x" * (50 * 1024 * 1024)
    try:
        response = httpx.post(f"{running.url}/gradio_api/upload", files={"files": ("big.bin", body)}, timeout=120)
        status = response.status_code
    except httpx.HTTPError:  # the server may close the connection before the body is sent: refused too
        status = 413
    after = {p for p in upload_dir.rglob("*") if p.is_file()} if upload_dir.exists() else set()
    assert status == 413
    assert not [p for p in after - before if p.name == "big.bin" or p.stat().st_size >= 1024 * 1024]


def test_a_persona_download_is_one_file_in_gradios_cache_deleted_on_schedule(start):
    running = start(short_lived(file_ttl=2))
    seed = time.time_ns() % 900_000 + 100_000  # a persona no other test shows
    out = direct(running.url, "open_link", f"files-{seed}", f"mode=banking&seed={seed}")["data"]
    download = next(v for v in out if isinstance(v, dict) and str(v.get("path", "")).endswith(".json"))
    path = Path(download["path"])
    cache = Path(running.demo.GRADIO_CACHE)
    copies = list(cache.rglob(path.name))  # a copy keeps the name
    assert copies == [path]  # before: the original in the temp folder and a copy in Gradio's cache, never deleted
    assert httpx.get(f"{running.url}/gradio_api/file={path}").status_code == 200
    deadline = time.monotonic() + 15
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not path.exists(), "still there after 15 s with PERSONA_CHAT_FILE_TTL=2"
