"""Take the README's screenshot: the real UI in headless Chromium, answered by the embedded model.

    .venv/bin/python scripts/screenshot.py   # writes docs/screenshot.png
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from app import LAUNCH, build_demo  # noqa: E402
from inference import InferenceConfig  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def main() -> None:
    demo = build_demo(InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local"}))
    demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, **LAUNCH)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.goto(demo.local_url + "?mode=banking&seed=42")
            page.wait_for_function("() => document.querySelector('#persona-card .persona-name')")
            box = page.locator("#chat-input textarea")
            box.fill("What's my checking balance?")
            box.press("Enter")
            page.wait_for_function("() => document.querySelector('#chat-input textarea') && "
                                   "!document.querySelector('#chat-input textarea').disabled && "
                                   "document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length > 0")
            page.wait_for_timeout(500)
            out = ROOT / "docs" / "screenshot.png"
            out.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(out))
            print(f"wrote {out}")
            browser.close()
    finally:
        demo.close()


if __name__ == "__main__":
    main()
