"""The HF Inference Providers path: which token is sent, and what the user is told when the Hub says no.

huggingface_hub sends provider "auto" chat requests to its router at a fixed URL; these tests point that
URL at the loopback fake, so the real client, headers and status handling are exercised without network.
"""

from __future__ import annotations

import copy
import logging

import pytest
from huggingface_hub.inference._providers import CONVERSATIONAL_AUTO_ROUTER

from inference import NOTICE_MARK, ChatSettings, InferenceConfig, resolve_backend
from webui import normalise_history

HISTORY = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"},
           {"role": "user", "content": "What is my balance?"}]
ENV_TOKEN = "hf_ENVtokenENVtokenENVtoken0123"
OAUTH_TOKEN = "hf_oauth_SIGNEDinSIGNEDin0123"


@pytest.fixture
def router(fake_openai, monkeypatch):
    """The fake server standing in for router.huggingface.co; HF_TOKEN is only what each test's config says."""
    monkeypatch.setattr(CONVERSATIONAL_AUTO_ROUTER, "base_url", f"http://127.0.0.1:{fake_openai.port}")
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return fake_openai


def hf_config(model: str, **env: str) -> InferenceConfig:
    return InferenceConfig.from_env({"PERSONA_CHAT_MODEL": model, **env})


def sent_token(router, model: str) -> str:
    return router.requests_for(model)[-1]["headers"]["authorization"].removeprefix("Bearer ")


def test_the_signed_in_users_token_comes_first_then_hf_token(reply, router):
    config = hf_config("ok", HF_TOKEN=ENV_TOKEN)
    assert resolve_backend(config).label == "Hosted · ok via auto"

    deltas, _ = reply(list(HISTORY), config, oauth_token=OAUTH_TOKEN)
    assert "".join(deltas) == "Hello! How can I help?"
    assert sent_token(router, "ok") == OAUTH_TOKEN
    assert ENV_TOKEN not in str(router.requests_for("ok")[-1])

    reply(list(HISTORY), config)
    assert sent_token(router, "ok") == ENV_TOKEN


# (fake behaviour, with a token?, words the message must contain)
HF_FAULTS = [
    ("fault:401", True, ["token was rejected (401)", "Sign in again", "HF_TOKEN"]),
    ("fault:403", True, ["(403)", "“Make calls to Inference Providers” permission"]),
    ("fault:402", True, ["credits (402)", "PERSONA_CHAT_BACKEND=local"]),
    ("fault:404", True, ["“fault:404” was not found by Hugging Face Inference Providers (404)", "PERSONA_CHAT_MODEL"]),
    ("fault:429:retry=30", True, ["Rate limited by Hugging Face Inference Providers (429)", "Wait 30 s"]),
    ("fault:503", True, ["loading or unavailable (503)", "Try again in a minute"]),
]


@pytest.mark.parametrize(("behaviour", "with_token", "words"), HF_FAULTS, ids=[f[0] for f in HF_FAULTS])
def test_hub_refusals_say_what_to_do(reply, router, caplog, behaviour, with_token, words):
    history = copy.deepcopy(HISTORY)
    with caplog.at_level(logging.DEBUG):
        deltas, _ = reply(history, hf_config(behaviour), oauth_token=OAUTH_TOKEN)

    assert history == HISTORY
    assert len(deltas) == 1 and deltas[0].startswith(NOTICE_MARK)
    for word in words:
        assert word in deltas[0]
    assert OAUTH_TOKEN not in deltas[0] and OAUTH_TOKEN not in caplog.text

    following = [*normalise_history([*history, {"role": "assistant", "content": deltas[0]}]),
                 {"role": "user", "content": "And now?"}]
    # the fake's "ok" is no Hub id (owner/name): the owner lists it, as an owner's own ids need no pattern
    again, _ = reply(following, hf_config(behaviour, PERSONA_CHAT_MODELS="ok"), ChatSettings(model="ok"),
                     oauth_token=OAUTH_TOKEN)
    assert "".join(again) == "Hello! How can I help?"


def test_a_token_that_is_not_a_hugging_face_token_is_named_not_sent(reply, router):
    before = len(router.requests)
    deltas, _ = reply(list(HISTORY), hf_config("ok", HF_TOKEN="sk-openai-style-key"))

    assert len(deltas) == 1 and deltas[0].startswith(NOTICE_MARK)
    assert "should start with hf_" in deltas[0] and "sk-openai-style-key" not in deltas[0]
    assert len(router.requests) == before


def test_hosted_forced_without_any_token_asks_to_sign_in(reply, router):
    before = len(router.requests)
    deltas, _ = reply(list(HISTORY), hf_config("ok", PERSONA_CHAT_BACKEND="hosted"))

    assert len(deltas) == 1 and "Sign in" in deltas[0] and "HF_TOKEN" in deltas[0]
    assert len(router.requests) == before  # nothing is sent without a token (no cached-login fallback)


def test_a_named_provider_is_looked_up_off_the_event_loop_and_a_mismatch_is_explained(reply, router, monkeypatch):
    """huggingface_hub resolves a named provider with a blocking Hub call; it must not stall other chats."""
    import threading

    calls = []

    def lookup(model: str):
        calls.append((model, threading.current_thread() is threading.main_thread()))
        raise ValueError(f"Model {model} is not supported by provider together.")

    monkeypatch.setattr("inference.hosted._fetch_inference_provider_mapping", lookup)
    deltas, _ = reply(list(HISTORY), hf_config("org/some-model", PERSONA_CHAT_PROVIDER="together"),
                      oauth_token=OAUTH_TOKEN)

    assert calls == [("org/some-model", False)]
    assert len(deltas) == 1 and "PERSONA_CHAT_PROVIDER doesn't serve model “org/some-model”" in deltas[0]
