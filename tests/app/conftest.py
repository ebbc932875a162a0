"""The app launched in-process on loopback, answering from the local fake OpenAI-compatible server."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from inference import InferenceConfig
from loopback import RequestRecorder
from webui.config import AppConfig


def launch(config: InferenceConfig, app: AppConfig | None = None) -> SimpleNamespace:
    from app import LAUNCH, build_demo

    demo = build_demo(config, app or AppConfig())
    demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True, **LAUNCH)
    return SimpleNamespace(url=demo.local_url.rstrip("/"), demo=demo)


def hosted_config(base_url: str, model: str) -> InferenceConfig:
    return InferenceConfig.from_env({
        "PERSONA_CHAT_BACKEND": "hosted",
        "PERSONA_CHAT_BASE_URL": base_url,
        "PERSONA_CHAT_MODEL": model,
    })


@pytest.fixture(scope="session")
def launch_hosted(fake_openai):
    """Launch the app against the fake server with a chosen behaviour (its `model`); closed at the end."""
    apps = []

    def start(model: str) -> SimpleNamespace:
        apps.append(launch(hosted_config(fake_openai.base_url, model)))
        return apps[-1]

    try:
        yield start
    finally:
        for running in apps:
            running.demo.close()


@pytest.fixture(scope="session")
def hosted_app(fake_openai):
    """The app with a backend that streams back the Name line of the system prompt it received."""
    running = launch(hosted_config(fake_openai.base_url, "echo-system"))
    try:
        yield running
    finally:
        running.demo.close()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the tests that need a real page."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required: run scripts/test.sh (apt-get install chromium)"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    p = context.new_page()
    p.set_default_timeout(30_000)
    try:
        yield p
    finally:
        context.close()


@pytest.fixture
def recorder():
    """A loopback server that records every request: anything a page fetches from it shows up here."""
    with RequestRecorder() as rec:
        yield rec
