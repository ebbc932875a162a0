"""Start a real llama.cpp OpenAI-compatible server (``python -m llama_cpp.server``) on loopback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .serving import free_port, stop_process, wait_until_serving

START_TIMEOUT = 180.0


def start_llama_server(model: Path, port: int | None = None, log_path: Path | None = None,
                       n_threads: int = 2) -> tuple[subprocess.Popen, str]:
    """The server on a free loopback port, ready to answer; returns (process, base_url ending in /v1)."""
    port = port or free_port()
    log = open(log_path, "wb") if log_path else subprocess.DEVNULL  # noqa: SIM115 - handed to the child
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "2048", "--n_threads", str(n_threads)],
        stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_until_serving(base_url + "/models", START_TIMEOUT, process)
    except BaseException:
        stop_process(process)
        raise
    return process, base_url
