"""The backends one eval command compares: the embedded model, and the hosted path on loopback.

"hosted" is ``PERSONA_CHAT_BASE_URL`` when it is set; otherwise the eval starts a real llama.cpp
OpenAI-compatible server (``python -m llama_cpp.server``) on a free loopback port with the embedded
model's own GGUF file — the hosted code path with the same small model, a worst case — and stops
it when the run ends.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import httpx

from inference import InferenceConfig
from inference.model_file import gguf_path

BACKENDS = ("embedded", "hosted")
START_TIMEOUT = 180.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def llama_server(model: Path, threads: int, n_ctx: int = 2048) -> Iterator[str]:
    """A llama.cpp server for ``model`` on a free loopback port; yields its base URL (…/v1)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", str(n_ctx), "--n_threads", str(threads)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with code {process.returncode} before serving")
            try:
                if httpx.get(base_url + "/models", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"llama_cpp.server did not answer within {START_TIMEOUT:g} s")
            time.sleep(0.3)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def backend_config(name: str, environ: Mapping[str, str] | None = None) -> Iterator[InferenceConfig]:
    """The config that makes ``name`` ("embedded" or "hosted") answer, with the rest of the environment's settings."""
    env = dict(os.environ if environ is None else environ)
    if name == "embedded":
        yield InferenceConfig.from_env({**env, "PERSONA_CHAT_BACKEND": "local"})
        return
    if name != "hosted":
        raise ValueError(f"unknown backend {name!r}; choose from {', '.join(BACKENDS)}")
    if env.get("PERSONA_CHAT_BASE_URL") or env.get("HF_TOKEN"):
        yield InferenceConfig.from_env({**env, "PERSONA_CHAT_BACKEND": "hosted"})
        return
    local = InferenceConfig.from_env(env)
    with llama_server(gguf_path(local.gguf_path), local.local_threads, local.local_n_ctx) as base_url:
        yield InferenceConfig.from_env({**env, "PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                        "PERSONA_CHAT_MODEL": "SmolLM2-135M-Instruct"})
