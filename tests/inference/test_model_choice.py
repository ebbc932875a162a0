"""Visitors spend the owner's token only on models the owner listed (issue 12, row 7)."""

from __future__ import annotations

import pytest

from envconfig import ConfigError
from inference import NOTICE_MARK, ChatSettings, InferenceConfig

OWNER = "hf_OWNERtokenOWNERtokenOWNERtoken12"
VISITOR = "hf_VISITORtokenVISITORtokenVISIT34"


@pytest.fixture
def offline(monkeypatch):
    """huggingface_hub refuses every network call, so a test can tell "refused by us" from "tried to call"."""
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", True)


def owner_server(base_url: str, **env: str) -> InferenceConfig:
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                     "PERSONA_CHAT_MODEL": "ok", "PERSONA_CHAT_API_KEY": "sk-owner", **env})


def ask(reply, config, model: str, **kw) -> str:
    deltas, _ = reply([{"role": "user", "content": "hi"}], config, ChatSettings(model=model), **kw)
    return "".join(deltas)


def test_on_the_owners_server_another_model_is_refused_and_never_called(reply, fake_openai):
    before = len(fake_openai.requests_for("echo-system"))
    text = ask(reply, owner_server(fake_openai.base_url), "echo-system")
    assert text.startswith(NOTICE_MARK) and "ok" in text and "PERSONA_CHAT_MODELS" in text, text
    assert len(fake_openai.requests_for("echo-system")) == before


def test_the_owner_lists_the_models_visitors_may_pick(reply, fake_openai):
    config = owner_server(fake_openai.base_url, PERSONA_CHAT_MODELS="echo-system, slow:0.1")
    assert "SYSTEM-SHA256" in ask(reply, config, "echo-system")
    assert ask(reply, config, "ok") == "Hello! How can I help?"  # the default is always allowed
    before = len(fake_openai.requests_for("fault:500"))
    refused = ask(reply, config, "fault:500")
    assert refused.startswith(NOTICE_MARK) and all(m in refused for m in ("ok", "echo-system", "slow:0.1")), refused
    assert len(fake_openai.requests_for("fault:500")) == before


def test_a_star_lets_visitors_pick_any_model(reply, fake_openai):
    config = owner_server(fake_openai.base_url, PERSONA_CHAT_MODELS="*")
    assert "SYSTEM-SHA256" in ask(reply, config, "echo-system")


def test_on_the_owners_hf_token_another_model_is_refused_before_any_call(reply, offline):
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "HF_TOKEN": OWNER})
    text = ask(reply, config, "someone/very-expensive-model")
    assert text.startswith(NOTICE_MARK) and "meta-llama/Llama-3.1-8B-Instruct" in text, text
    assert "HF_HUB_OFFLINE" not in text  # refused by the app, not by huggingface_hub


def test_a_signed_in_visitor_may_pick_any_model_on_their_own_token(reply, offline):
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "HF_TOKEN": OWNER})
    text = ask(reply, config, "someone/very-expensive-model", oauth_token=VISITOR)
    assert "HF_HUB_OFFLINE" in text  # the call was attempted (and stopped only by the offline switch)


@pytest.mark.parametrize(("model", "ok"), [
    ("meta-llama/Llama-3.1-8B-Instruct", True), ("Qwen/Qwen2.5-7B-Instruct", True), ("a/b", True),
    ("meta-llama/Llama-3.1-8B-Instruct:fastest", False),  # a provider: the owner's choice on the owner's token
    ("http://127.0.0.1:8080/", False), ("https://x.example/v1", False), ("HTTP://x", False), ("//x/y", False),
    ("gpt2", False), ("owner/name/extra", False), ("owner/..", False), ("-owner/name", False), ("owner/name\n", False),
    ("owner/" + "n" * 97, False), ("", False),
])
def test_on_the_hugging_face_route_a_visitors_model_id_is_a_hub_id(model, ok):
    from inference.model_ids import model_refusal

    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_MODELS": "*"})
    assert (model_refusal(model, config, None) is None) is ok


def test_a_provider_suffix_is_for_the_owner_or_a_visitor_on_their_own_account():
    from inference.model_ids import model_refusal

    listed = InferenceConfig.from_env({"PERSONA_CHAT_MODELS": "Qwen/Qwen2.5-7B-Instruct:cerebras"})
    assert model_refusal("Qwen/Qwen2.5-7B-Instruct:cerebras", listed, None) is None
    assert model_refusal("Qwen/Qwen2.5-7B-Instruct:cerebras", InferenceConfig(), "hf_visitor") is None
    assert model_refusal("Qwen/Qwen2.5-7B-Instruct:Bad Provider", InferenceConfig(), "hf_visitor") is not None


@pytest.mark.parametrize(("model", "ok"), [
    ("llama3:8b", True), ("fault:timeout=60", True), ("org/model@q4", True),
    ("http://169.254.169.254/", False), ("a b", False), ("../etc", False), ("x" * 201, False),
])
def test_on_the_owners_server_a_visitors_model_id_is_a_plain_name(model, ok):
    from inference.model_ids import model_refusal

    config = InferenceConfig.from_env({"PERSONA_CHAT_BASE_URL": "http://127.0.0.1:8080/v1", "PERSONA_CHAT_MODELS": "*"})
    assert (model_refusal(model, config, None) is None) is ok


@pytest.mark.parametrize("var", ["PERSONA_CHAT_MODEL", "PERSONA_CHAT_MODELS"])
def test_the_owner_cannot_configure_a_url_as_a_model_id(var):
    with pytest.raises(ConfigError, match=var):
        InferenceConfig.from_env({var: "http://127.0.0.1:8080/v1"})
