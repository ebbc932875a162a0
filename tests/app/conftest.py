"""The app launched in-process on loopback, answering from the local fake OpenAI-compatible server."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from inference import InferenceConfig
from loopback import RequestRecorder, free_port
from webui.config import AppConfig

ROOT = Path(__file__).resolve().parents[2]


def launch(config: InferenceConfig, app: AppConfig | None = None, mcp_server: bool = False) -> SimpleNamespace:
    from app import LAUNCH, build_demo

    demo = build_demo(config, app or AppConfig())
    demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                mcp_server=mcp_server, **LAUNCH)
    return SimpleNamespace(url=demo.local_url.rstrip("/"), demo=demo)


def hosted_config(base_url: str, model: str) -> InferenceConfig:
    return InferenceConfig.from_env({
        "PERSONA_CHAT_BACKEND": "hosted",
        "PERSONA_CHAT_BASE_URL": base_url,
        "PERSONA_CHAT_MODEL": model,
    })


@pytest.fixture(scope="session")
def launch_hosted(fake_openai):
    """Launch the app against the fake server with a chosen behaviour (its `model`) and settings; closed at the end."""
    apps = []

    def start(model: str, app: AppConfig | None = None) -> SimpleNamespace:
        apps.append(launch(hosted_config(fake_openai.base_url, model), app))
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


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium():
    """Debian's Chromium driven by Playwright, as a visitor's browser (one per test module)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required: run scripts/test.sh (apt-get install chromium)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def local_app():
    """``python app.py`` answering from the embedded model, in its own process (a native crash fails a test, not the run)."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PERSONA_CHAT_", "HF_TOKEN", "SPACE_"))}
    environ.update(GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False",
                   PERSONA_CHAT_BACKEND="local")
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=environ, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, f"python app.py exited with {proc.returncode}"
            assert time.monotonic() < deadline, "python app.py did not start in 90 s"
            try:
                if httpx.get(url + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield SimpleNamespace(url=url, process=proc)
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)




@pytest.fixture(scope="module")
def browser(chromium):
    """The hardening tests' name for the module's Chromium."""
    return chromium


@pytest.fixture
def page(browser):
    """A fresh desktop-sized tab (1440×900) in the module's Chromium."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
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
