"""`python app.py` as a user starts it: host/port from Gradio's env vars, --share without network, settings
that stop start-up with one clear line. Plain `python app.py` is the shared ``local_app`` (conftest); a start
with its own flags or environment gets its own process."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest

from loopback import free_port

ROOT = Path(__file__).resolve().parents[2]


def start(*args: str, command: tuple[str, ...] = (sys.executable, "app.py"), **env: str
          ) -> tuple[subprocess.Popen, int]:
    """Launch in its own process group: `gradio app.py` forks a server child that outlives a signal to its parent."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PERSONA_CHAT_", "HF_TOKEN", "SPACE_"))}
    environ.update(GRADIO_SERVER_NAME="127.0.0.1", GRADIO_SERVER_PORT=str(port), GRADIO_ANALYTICS_ENABLED="False",
                   **env)
    proc = subprocess.Popen([*command, *args], cwd=ROOT, env=environ, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
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


def read_until(proc: subprocess.Popen, text: str, timeout: float = 60) -> str:
    """Read the app's output until it holds ``text`` (or it ends, or time runs out); what was read."""
    said, deadline = "", time.monotonic() + timeout
    while text not in said and time.monotonic() < deadline:
        if select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))[0]:
            chunk = os.read(proc.stdout.fileno(), 65536)  # the raw pipe: nothing waits in a reader's buffer
            if not chunk:
                break
            said += chunk.decode(errors="replace")
    return said


def stop(proc: subprocess.Popen) -> str:
    """Stop the whole group as Ctrl+C would; whatever still holds the pipe after 15 s is killed."""
    group = os.getpgid(proc.pid)
    os.killpg(group, signal.SIGINT)
    try:
        out, _ = proc.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(group, signal.SIGKILL)
        out, _ = proc.communicate(timeout=15)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(group, signal.SIGKILL)
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
    said = ""
    try:
        wait_for_page(proc, port)
        said = read_until(proc, "keeps serving locally")  # the share attempt has failed and been reported
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    finally:
        out = said + stop(proc)
    assert "No public share link could be created" in out
    assert "keeps serving locally" in out


def has_sign_in(port: int) -> bool:
    config = httpx.get(f"http://127.0.0.1:{port}/config", timeout=5).json()
    return any("Sign in with Hugging Face" in str(c.get("props", {}).get("value")) for c in config["components"])


def test_sign_in_button_only_on_a_space_with_oauth(local_app):
    assert not has_sign_in(local_app.port)  # plain `python app.py`
    # What a Space with `hf_oauth: true` provides (no network is used until someone signs in).
    proc, port = start(SYSTEM="spaces", SPACE_ID="acme/persona-chat", SPACE_HOST="acme-persona-chat.hf.space",
                       OAUTH_CLIENT_ID="client", OAUTH_CLIENT_SECRET="secret",
                       OAUTH_SCOPES="openid profile inference-api", OPENID_PROVIDER_URL="http://127.0.0.1:9")
    try:
        wait_for_page(proc, port)
        assert has_sign_in(port)
    finally:
        out = stop(proc)
    # Off a real Space, Gradio's Spaces hot-reload thread misses the `spaces` package a Space preinstalls.
    assert out.count("Traceback") == out.count("`spaces` package is required to run hot-reloading"), out


def test_space_id_alone_never_adds_a_sign_in_that_would_need_a_local_hf_login():
    proc, port = start(SPACE_ID="acme/persona-chat")
    try:
        wait_for_page(proc, port)
        assert not has_sign_in(port)
    finally:
        out = stop(proc)
    assert "Traceback" not in out


BAD_SETTINGS = [("PERSONA_CHAT_CONCURRENCY", "lots"), ("PERSONA_CHAT_TIMEOUT", "soon"),
                ("PERSONA_CHAT_BASE_URL", "localhost:8080"), ("PERSONA_CHAT_BACKEND", "cloud")]
BAD_BASE_URL = "ftp://alice:pw-s3cret-42@example.org/v1"


@pytest.fixture(scope="module")
def refused(tmp_path_factory):
    """Every start-up that must stop with one line, all launched at once (each imports the app, then exits):
    ``runs[case]`` is its exit code and output, ``brand`` the bad brand file."""
    brand = tmp_path_factory.mktemp("bad-brand") / "persona_chat.toml"
    brand.write_text('[modes.banking]\nassistant_name = 5\n', encoding="utf-8")
    procs = {name: start(**{name: value})[0] for name, value in BAD_SETTINGS}
    procs["brand"] = start(PERSONA_CHAT_CONFIG=str(brand))[0]
    procs["base_url"] = subprocess.Popen([sys.executable, "-c", "import app"], cwd=ROOT, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, text=True,
                                         env={"PATH": "/usr/bin:/bin", "PERSONA_CHAT_BASE_URL": BAD_BASE_URL})
    runs = {}
    try:
        for case, proc in procs.items():
            out, _ = proc.communicate(timeout=120)
            runs[case] = (proc.returncode, out)
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
    return SimpleNamespace(runs=runs, brand=brand)


@pytest.mark.parametrize(("name", "value"), BAD_SETTINGS)
def test_a_bad_setting_stops_start_up_with_one_clear_line(refused, name, value):
    returncode, out = refused.runs[name]
    assert returncode == 1
    assert "Traceback" not in out and name in out and value in out
    assert out.strip().startswith("Persona Chat:")


def test_python_app_py_chats_offline_with_the_embedded_model(gguf_path, local_app):
    from gradio_client import Client

    from webui.history import is_ui_line

    assert "Persona Chat" in httpx.get(local_app.url + "/", timeout=10).text
    client = Client(f"{local_app.url}/", verbose=False)
    try:
        client.predict("mode=banking&seed=5", api_name="/open_link")
        reply = client.predict("What is my checking balance?", api_name="/chat")
    finally:
        client.close()
    assert reply.strip() and not is_ui_line(reply), reply  # a real reply, not a notice or a status
    assert "Traceback" not in local_app.output()


def test_gradio_hot_reload_serves_the_app():
    proc, port = start(command=(str(Path(sys.executable).with_name("gradio")), "app.py"))
    try:
        assert "Persona Chat" in wait_for_page(proc, port)
        assert "mode" in [c.get("props", {}).get("elem_id") for c in
                          httpx.get(f"http://127.0.0.1:{port}/config", timeout=5).json()["components"]]
    finally:
        out = stop(proc)
    assert "Watching" in out and "Traceback" not in out


def test_a_bad_brand_file_stops_start_up_with_one_line_naming_the_key(refused):
    (returncode, out), brand = refused.runs["brand"], refused.brand
    assert returncode == 1 and "Traceback" not in out
    assert out.strip() == f"Persona Chat: {brand}: modes.banking.assistant_name: Input should be a valid string"


def test_the_mcp_server_starts_with_the_app_and_can_be_turned_off(local_app):
    r = httpx.get(f"{local_app.url}/gradio_api/mcp/", timeout=10)
    assert r.status_code == 200 and "MCP" in r.text  # Gradio's landing page for a browser (plain `python app.py`)
    proc, port = start(PERSONA_CHAT_MCP="0")
    try:
        wait_for_page(proc, port)
        assert httpx.get(f"http://127.0.0.1:{port}/gradio_api/mcp/", timeout=10).status_code == 404
    finally:
        stop(proc)


def test_start_up_with_a_bad_base_url_never_prints_its_credentials(refused):
    returncode, out = refused.runs["base_url"]  # `import app` with only PATH and this base URL set
    assert returncode == 1 and "PERSONA_CHAT_BASE_URL" in out, out
    assert "pw-s3cret-42" not in out, out
