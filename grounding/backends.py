"""The backends one eval command compares: the embedded model, and the hosted path on loopback.

"hosted" is ``PERSONA_CHAT_BASE_URL`` (or HF Inference Providers with ``HF_TOKEN``) when set; otherwise
the eval starts a real llama.cpp OpenAI-compatible server (``loopback.start_llama_server``) on a free
loopback port with the embedded model's own GGUF file — the hosted code path with the same small
model, a worst case — and stops it when the run ends.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping

from inference import InferenceConfig
from inference.model_file import gguf_path
from loopback import start_llama_server, stop_process

BACKENDS = ("embedded", "hosted")


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
    process, base_url = start_llama_server(gguf_path(local.gguf_path), n_threads=local.local_threads)
    try:
        yield InferenceConfig.from_env({**env, "PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                        "PERSONA_CHAT_MODEL": "SmolLM2-135M-Instruct"})
    finally:
        stop_process(process)
