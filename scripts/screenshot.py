"""Take the README's screenshots: the real UI in headless Chromium, answered by the embedded model.

    .venv/bin/python scripts/screenshot.py   # writes docs/screenshot.png, docs/screenshot-phone.png, docs/chat-desktop.png, docs/chat-mobile.png

The app runs as ``python app.py`` in its own process, as a visitor's would. ``chat-*.png`` are taken
mid-reply, so they show the Stop button that replaces Send while the model writes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
SHOTS = ("screenshot.png", "screenshot-phone.png", "chat-desktop.png", "chat-mobile.png")
BOT = "document.querySelector('#chatbot [data-testid=\"bot\"]')"


def start_app() -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PERSONA_CHAT_", "HF_TOKEN"))}
    env.update(GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), PERSONA_CHAT_BACKEND="local")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            time.sleep(0.3)
    raise SystemExit("python app.py did not start")


def open_page(browser, url: str, viewport: dict):
    page = browser.new_page(viewport=viewport)
    page.set_default_timeout(180_000)
    page.goto(url + "/?mode=banking&seed=42")
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')")
    return page


def answered(browser, url: str, viewport: dict, out: Path) -> None:
    page = open_page(browser, url, viewport)
    page.locator("#chat-input textarea").fill("What's my checking balance?")
    page.locator("#chat-input textarea").press("Enter")
    page.wait_for_function(f"() => {BOT} && !document.querySelector('#chat-input .stop-button')")
    page.wait_for_timeout(500)
    page.screenshot(path=str(out))
    page.close()


def mid_reply(browser, url: str, viewport: dict, out: Path) -> None:
    page = open_page(browser, url, viewport)
    page.locator("#chat-input textarea").fill("Can you give me an overview of all my accounts and cards?")
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_function(f"() => ({BOT}?.innerText || '').split(/\\s+/).length >= 8"
                           " && document.querySelector('#chat-input .stop-button')")
    page.screenshot(path=str(out))
    page.get_by_role("button", name="Stop", exact=True).click()
    page.close()


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    proc, url = start_app()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            answered(browser, url, {"width": 1400, "height": 1000}, DOCS / "screenshot.png")
            answered(browser, url, {"width": 390, "height": 844}, DOCS / "screenshot-phone.png")
            mid_reply(browser, url, {"width": 1440, "height": 900}, DOCS / "chat-desktop.png")
            mid_reply(browser, url, {"width": 390, "height": 844}, DOCS / "chat-mobile.png")
            browser.close()
        print(f"wrote {', '.join(str(DOCS / n) for n in SHOTS)}")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
