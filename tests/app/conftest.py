"""The app launched in-process on loopback, answering from the local fake OpenAI-compatible server."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from gradio_client import Client

from inference import InferenceConfig
from loopback import RequestRecorder, free_port, wait_until_serving
from webui.config import AppConfig

from .browsing import RUNNING, watch

ROOT = Path(__file__).resolve().parents[2]


def launch(config: InferenceConfig, app: AppConfig | None = None, mcp_server: bool = False) -> SimpleNamespace:
    from app import LAUNCH, build_demo

    demo = build_demo(config, app or AppConfig())
    demo.launch(server_name="127.0.0.1", server_port=None, prevent_thread_lock=True, quiet=True,
                mcp_server=mcp_server, **LAUNCH)
    url = demo.local_url.rstrip("/")
    RUNNING[url] = demo
    return SimpleNamespace(url=url, demo=demo)


def hosted_config(base_url: str, model: str, **env: str) -> InferenceConfig:
    """The owner's OpenAI-compatible server and model, plus any other ``PERSONA_CHAT_*`` settings (``env``)."""
    return InferenceConfig.from_env({
        "PERSONA_CHAT_BACKEND": "hosted",
        "PERSONA_CHAT_BASE_URL": base_url,
        "PERSONA_CHAT_MODEL": model,
        **env,
    })


@contextmanager
def visitor(running: SimpleNamespace, link: str = "mode=banking&seed=3") -> Iterator[Client]:
    """A gradio_client visitor of a running app, on the persona of ``link``; closed afterwards."""
    client = Client(running.url + "/", verbose=False)
    try:
        client.predict(link, api_name="/open_link")
        yield client
    finally:
        client.close()


@pytest.fixture(scope="session")
def launch_hosted(fake_openai):
    """Launch the app against the fake server with a chosen behaviour (its `model`), settings and other
    ``PERSONA_CHAT_*`` variables; closed at the end.

    One app per (model, settings) for the whole run: tests that ask for the same pair share its server.
    """
    apps: dict[tuple[str, str], SimpleNamespace] = {}

    def start(model: str, app: AppConfig | None = None, **env: str) -> SimpleNamespace:
        key = (model, (app or AppConfig()).model_dump_json(), tuple(sorted(env.items())))
        if key not in apps:
            apps[key] = launch(hosted_config(fake_openai.base_url, model, **env), app)
        return apps[key]

    try:
        yield start
    finally:
        for running in apps.values():
            running.demo.close()


@pytest.fixture(scope="session")
def hosted_app(launch_hosted):
    """The app with a backend that streams back the Name line of the system prompt it received."""
    return launch_hosted("echo-system")


def short_lived(**update) -> AppConfig:
    """The app's settings with limits below what the environment allows (seconds instead of hours)."""
    return AppConfig().model_copy(update=update)


@pytest.fixture(scope="session")
def start(launch_hosted):
    """Launch the app (replying with the system prompt's Name line) with the given settings (shared per settings)."""
    return lambda app: launch_hosted("echo-system", app)


def direct(url: str, api_name: str, session: str, *data) -> dict:
    """An unqueued event called as the page calls it, for one session."""
    response = httpx.post(f"{url}/gradio_api/run/{api_name}", json={"data": list(data), "session_hash": session},
                          timeout=60)
    response.raise_for_status()
    return response.json()


def readme_block(section: str, language: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8").split(f"## {section}", 1)[1]
    return re.search(rf"```{language}\n(.*?)```", text, re.S).group(1)


@pytest.fixture(scope="session")
def studio(fake_openai, tmp_path_factory):
    """The app with the README's example brand file and the MCP server on, answering with ``echo-system``."""
    from webui.brand import find_brand

    folder = tmp_path_factory.mktemp("brand")
    (folder / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "example-logo.svg", folder / "docs")
    (folder / "persona_chat.toml").write_text(readme_block("Your brand and instructions", "toml"), encoding="utf-8")
    app = AppConfig(brand=find_brand(str(folder / "persona_chat.toml")))
    running = launch(hosted_config(fake_openai.base_url, "echo-system"), app, mcp_server=True)
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


@pytest.fixture(scope="session")
def local_app(tmp_path_factory):
    """``python app.py`` as started with no token, answering from the embedded model, in its own process (a native
    crash fails a test, not the run); one for the whole run. ``output()`` is what it has printed so far."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PERSONA_CHAT_", "HF_TOKEN", "SPACE_"))}
    environ.update(GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False")
    log = tmp_path_factory.mktemp("local-app") / "output.txt"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=environ, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url + "/", timeout=90, process=proc)
        yield SimpleNamespace(url=url, port=port, process=proc, output=lambda: log.read_text(errors="replace"))
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
    watch(p)
    try:
        yield p
    finally:
        context.close()


@pytest.fixture
def recorder():
    """A loopback server that records every request: anything a page fetches from it shows up here."""
    with RequestRecorder() as rec:
        yield rec
