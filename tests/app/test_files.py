"""Files a visitor downloads or uploads: the conversation export (API and buttons, under the studio's brand),
the persona download in Gradio's cache deleted on schedule, and an anonymous upload refused.
"""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from persona import generate
from webui.config import AppConfig

from .conftest import direct, short_lived


@pytest.fixture
def client(studio):
    c = Client(studio.url + "/", verbose=False)
    try:
        yield c
    finally:
        c.close()


def download(page, selector: str, until, tries: int = 20):
    """Click a download button until the file it gives satisfies ``until``; the download and its text."""
    for _ in range(tries):
        with page.expect_download() as info:
            page.locator(selector).click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        if until(text):
            return info.value, text
        page.wait_for_timeout(500)
    raise AssertionError(f"{selector} never gave the expected file; last one:\n{text}")


def test_export_through_the_api_has_the_welcome_the_turns_and_the_settings(client, fake_openai):
    client.predict("mode=banking&seed=42&locale=en_US", api_name="/open_link")
    before = len(fake_openai.requests_for("echo-system"))
    reply = client.predict("Who am I?", api_name="/chat")
    data = client.predict(api_name="/export_conversation")
    p = generate("banking", 42, "en_US", date.today())
    assert data["persona"]["link"].endswith("?mode=banking&seed=42&locale=en_US")
    assert data["assistant"] == {"name": "Nora", "institution": "Northwind Bank", "industry": "Banking"}
    assert data["backend"]["model"] == "echo-system" and data["settings"] == {"temperature": 0.3,
                                                                               "max_new_tokens": 256}
    roles = [(m["role"], m.get("welcome")) for m in data["messages"]]
    assert roles == [("assistant", True), ("user", None), ("assistant", False)]  # open_link's fresh chat: the welcome
    welcome = f"Hi {p.identity.first_name}, I'm Nora from Northwind Bank. How can I help you today?"
    assert [m["content"] for m in data["messages"]] == [welcome, "Who am I?", reply]
    assert p.identity.full_name in reply
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", m["time"]) for m in data["messages"])
    system = fake_openai.requests_for("echo-system")[before]["body"]["messages"][0]["content"]
    assert system.startswith("You are Nora, a customer service assistant at Northwind Bank")
    assert "Never quote interest rates or fees" in system


@pytest.mark.slow
def test_in_the_browser_the_brand_shows_and_the_conversation_downloads(studio, tmp_path):
    from playwright.sync_api import sync_playwright

    from .conftest import CHROMIUM
    from .conftest import CHROMIUM_ARGS as ARGS

    p = generate("banking", 42, "en_US", date.today())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True).new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{studio.url}/?mode=banking&seed=42")
            page.wait_for_function("n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n",
                                   arg=p.identity.full_name)
            # the brand: tab title, header logo and title, accent colour, institution on the card, welcome first
            assert page.title() == "Northwind Demo Studio"
            assert page.locator("#brand-header .brand-title").inner_text() == "Northwind Demo Studio"
            assert page.locator("#brand-header img.brand-logo").get_attribute("src").startswith("data:image/svg+xml")
            primary = page.get_by_role("button", name="New persona")
            assert primary.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(15, 118, 110)"
            assert "Northwind Bank" in page.locator("#persona-card").inner_text()
            bot = "#chatbot [data-testid='bot']"
            welcome = f"Hi {p.identity.first_name}, I'm Nora from Northwind Bank. How can I help you today?"
            page.wait_for_function("([s, w]) => document.querySelector(s)?.innerText.trim() === w", arg=[bot, welcome])

            box = page.locator("#chat-input textarea")
            box.fill("Who am I?")
            box.press("Enter")
            page.wait_for_function("([s, n]) => [...document.querySelectorAll(s)].some(e => e.innerText.includes(n))",
                                   arg=[bot, p.identity.full_name])
            page.screenshot(path=str(tmp_path / "studio.png"))
            # the downloads follow the finished turn: the buttons get new files just after the reply ends
            md_download, md = download(page, "#download-chat-md", until=lambda text: "Who am I?" in text)
            json_download, text = download(page, "#download-chat-json", until=lambda text: "Who am I?" in text)
            data = json.loads(text)
            # clearing the chat clears the downloads too
            page.locator("#chatbot").get_by_role("button", name=re.compile("clear", re.I)).first.click()
            _, cleared = download(page, "#download-chat-md", until=lambda text: "*No messages yet.*" in text)
        finally:
            browser.close()
    assert md_download.suggested_filename.endswith(".md") and "Who am I?" not in cleared
    assert md.startswith(f"# Northwind Demo Studio: conversation with {p.identity.full_name}")
    assert "*(welcome message)*" in md and "Who am I?" in md and "?mode=banking&seed=42&locale=en_US>" in md
    assert [(m["role"], m.get("welcome")) for m in data["messages"]] == [("assistant", True), ("user", None),
                                                                          ("assistant", False)]
    assert p.identity.full_name in data["messages"][2]["content"] and data["persona"]["seed"] == 42


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
