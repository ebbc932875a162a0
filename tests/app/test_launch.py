"""`python app.py` as a user starts it: host/port from Gradio's env vars, --share without network."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(*args: str, **env: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PERSONA_CHAT_", "HF_TOKEN", "SPACE_"))}
    environ.update(GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False",
                   **env)
    proc = subprocess.Popen([sys.executable, "app.py", *args], cwd=ROOT, env=environ, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    return proc, port


def wait_for_page(proc: subprocess.Popen, port: int, timeout: float = 90) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"app exited with {proc.returncode}: {proc.stdout.read()}")
        try:
            r = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
            if r.status_code == 200:
                return r.text
        except httpx.HTTPError:
            time.sleep(0.3)
    pytest.fail("app did not start")


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


def test_python_app_py_serves_on_the_configured_port_without_a_token():
    proc, port = start()
    try:
        page = wait_for_page(proc, port)
        assert "Persona Chat" in page
    finally:
        out = stop(proc)
    assert "Traceback" not in out


def test_share_without_network_says_so_and_keeps_serving():
    proc, port = start("--share")
    try:
        wait_for_page(proc, port)
        time.sleep(1)
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        out = stop(proc)
    assert "No public share link could be created" in out
    assert "keeps serving locally" in out
