"""Take the README's Actions screenshots: the embedded model's planner acting on a customer, in headless Chromium.

    .venv/bin/python scripts/actions_screenshots.py   # docs/actions-{desktop,phone,proposal}{,-dark}.png

The customer (banking, seed 42, "a charge I don't recognise") asks to block the card and dispute the charge,
confirms both, then asks for a transfer that would overdraw the account.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshot import ARGS, DOCS, start_app  # noqa: E402

QUERY = "mode=banking&seed=42&scenario=unrecognised_charge"
REQUESTS = ("Please block my card", "Can you dispute the charge?")
OVERDRAFT = "Transfer $100,000 from checking to savings"
VIEWS = {"actions-desktop": {"width": 1440, "height": 1280}, "actions-phone": {"width": 390, "height": 844}}


def act(page, url: str, theme: str, proposal_shot: Path | None = None) -> None:
    page.goto(f"{url}/?{QUERY}" + ("&__theme=dark" if theme == "dark" else ""))
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')")
    confirm = page.locator("#chatbot").get_by_role("button", name="Confirm", exact=True)
    for n, request in enumerate(REQUESTS, start=1):
        page.locator("#chat-input textarea").fill(request)
        page.locator("#chat-input textarea").press("Enter")
        confirm.last.wait_for()
        page.wait_for_function("() => !document.querySelector('#chat-input textarea').disabled")
        if proposal_shot is not None and n == len(REQUESTS):  # the proposal waiting, with its options
            page.locator("#chat-input").scroll_into_view_if_needed()
            page.screenshot(path=str(proposal_shot))
            print(f"wrote {proposal_shot.relative_to(DOCS.parent)}")
        confirm.last.click()
        page.wait_for_function("n => (document.querySelector('#chatbot').innerText.match(/Your reference is/g) ?? [])"
                               ".length >= n", arg=n)
        page.wait_for_function("() => !document.querySelector('#chat-input textarea').disabled")
    page.locator("#chat-input textarea").fill(OVERDRAFT)
    page.locator("#chat-input textarea").press("Enter")
    page.wait_for_function("() => /would overdraw it/.test(document.querySelector('#chatbot').innerText)")
    page.wait_for_function("() => !document.querySelector('#chat-input textarea').disabled")


def main() -> None:
    proc, url = start_app()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for name, viewport in VIEWS.items():
                for theme in ("light", "dark"):
                    page = browser.new_page(viewport=viewport)
                    page.set_default_timeout(120_000)
                    dark = "-dark" if theme == "dark" else ""
                    act(page, url, theme, DOCS / f"actions-proposal{dark}.png" if "phone" in name else None)
                    out = DOCS / f"{name}{'-dark' if theme == 'dark' else ''}.png"
                    if viewport["width"] < 500:  # the phone: the card (below the chat) with what changed, Undo
                        page.evaluate("() => document.querySelector('#persona-card .pc-changed')"
                                      "?.scrollIntoView({block: 'end'})")
                    page.screenshot(path=str(out))
                    print(f"wrote {out.relative_to(DOCS.parent)}")
                    page.close()
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        proc.wait(timeout=15)


if __name__ == "__main__":
    main()
