"""The hosted path against a real llama.cpp OpenAI-compatible server on loopback."""

from __future__ import annotations

import pytest

from inference import NOTICE_MARK, ChatSettings, InferenceConfig, complete, resolve_backend

pytestmark = pytest.mark.slow
QUESTION = [{"role": "user", "content": "Tell me about the weather in two sentences."}]


@pytest.fixture
def llama_config(llama_server) -> InferenceConfig:
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": llama_server,
                                     "PERSONA_CHAT_MODEL": "smollm2"})


def test_reply_streams_in_several_chunks(reply, llama_config):
    deltas, _ = reply(QUESTION, llama_config, ChatSettings(max_new_tokens=32))
    assert len(deltas) >= 5
    assert "".join(deltas).strip() and NOTICE_MARK not in "".join(deltas)


def test_max_new_tokens_is_honoured(reply, llama_config, gguf_path):
    from llama_cpp import Llama

    deltas, _ = reply(QUESTION, llama_config, ChatSettings(max_new_tokens=5, temperature=0))
    vocab = Llama(model_path=str(gguf_path), vocab_only=True, verbose=False)
    tokens = vocab.tokenize("".join(deltas).encode(), add_bos=False, special=True)
    assert 1 <= len(deltas) <= 5 and len(tokens) <= 6  # re-tokenising can split one generated token in two


def test_temperature_zero_gives_identical_replies(llama_config):
    import asyncio

    settings = ChatSettings(max_new_tokens=24, temperature=0)
    first, second = (asyncio.run(complete("You are helpful.", QUESTION, settings, config=llama_config))
                     for _ in range(2))
    assert first == second and first.strip()


def test_badge_names_the_model_not_the_server(llama_config, llama_server):
    backend = resolve_backend(llama_config)
    assert backend.kind == "hosted" and backend.prompt_style == "full"
    assert backend.model in backend.label and llama_server.split("//")[1].split("/")[0] not in backend.label
