"""Helpers for the inference tests: configs pointing at the loopback servers and a synchronous reply runner."""

from __future__ import annotations

import asyncio

import pytest

from inference import ChatSettings, InferenceConfig, Status, stream_reply

PERSONA_PROMPT = "You are a support assistant.\nCustomer record:\n- Name: Jane Doe\n- Plan: Gold\n"


@pytest.fixture
def hosted_config(fake_openai):
    """A config answering from the fake server with the given behaviour (its ``model``) and extra env vars.

    Tests pick other behaviours per request through ``ChatSettings(model=...)``, so any model is allowed
    (``PERSONA_CHAT_MODELS=*``) unless a test says otherwise; tests/inference/test_model_choice.py covers the list.
    """

    def make(model: str = "ok", **env: str) -> InferenceConfig:
        return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                         "PERSONA_CHAT_MODEL": model, "PERSONA_CHAT_MODELS": "*", **env})

    return make


@pytest.fixture
def local_config(gguf_path):
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local", "PERSONA_CHAT_GGUF": str(gguf_path)})


@pytest.fixture(scope="session")
def reply():
    """Run ``stream_reply`` to the end; returns (text deltas, status lines)."""

    def run(messages: list[dict], config: InferenceConfig, settings: ChatSettings | None = None,
            prompt=PERSONA_PROMPT, **kw) -> tuple[list[str], list[Status]]:
        async def collect():
            items = [item async for item in stream_reply(prompt, messages, settings, config=config, **kw)]
            return [i for i in items if not isinstance(i, Status)], [i for i in items if isinstance(i, Status)]

        return asyncio.run(collect())

    return run
