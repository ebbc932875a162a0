"""Configuration from the environment and which backend answers."""

from __future__ import annotations

import pytest

from inference import ChatSettings, InferenceConfig, resolve_backend
from inference.config import DEFAULT_MODEL, LOCAL_MODEL_NAME, backends_for


def test_defaults_from_an_empty_environment():
    config = InferenceConfig.from_env({})
    assert (config.backend, config.model, config.provider, config.base_url, config.api_key, config.hf_token,
            config.fallback_to_local) == ("auto", DEFAULT_MODEL, "auto", None, None, None, False)
    assert config.first_token_timeout > 0 and config.local_n_ctx == 2048 and config.local_threads == 2


def test_a_partial_mapping_is_enough():
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": "http://127.0.0.1:1/v1",
                                       "PERSONA_CHAT_MODEL": "echo-system", "PERSONA_CHAT_FALLBACK": "yes",
                                       "PERSONA_CHAT_TIMEOUT": "2.5"})
    assert config.backend == "hosted" and config.model == "echo-system"
    assert config.fallback_to_local and config.first_token_timeout == 2.5


@pytest.mark.parametrize(("env", "oauth", "kind"), [
    ({}, None, "local"),
    ({"HF_TOKEN": "hf_x"}, None, "hosted"),
    ({}, "hf_oauth", "hosted"),
    ({"PERSONA_CHAT_BASE_URL": "http://127.0.0.1:1/v1"}, None, "hosted"),
    ({"PERSONA_CHAT_BACKEND": "local", "HF_TOKEN": "hf_x"}, "hf_oauth", "local"),
    ({"PERSONA_CHAT_BACKEND": "hosted"}, None, "hosted"),
])
def test_auto_picks_hosted_only_with_a_token_or_server(env, oauth, kind):
    backend = resolve_backend(InferenceConfig.from_env(env), oauth)
    assert backend.kind == kind
    assert backend.prompt_style == ("full" if kind == "hosted" else "compact")


@pytest.mark.parametrize(("env", "kinds"), [
    ({}, ["local"]),
    ({"PERSONA_CHAT_FALLBACK": "on"}, ["local"]),  # the local model has nothing to fall back to
    ({"HF_TOKEN": "hf_x"}, ["hosted"]),
    ({"HF_TOKEN": "hf_x", "PERSONA_CHAT_FALLBACK": "on"}, ["hosted", "local"]),
])
def test_a_request_tries_the_resolved_backend_then_the_local_one_only_with_fallback(env, kinds):
    assert [b.kind for b in backends_for(InferenceConfig.from_env(env))] == kinds


def test_the_per_request_model_names_the_hosted_backend_only():
    config = InferenceConfig.from_env({"HF_TOKEN": "hf_x", "PERSONA_CHAT_FALLBACK": "on"})
    hosted, local = backends_for(config, None, "acme/Other-7B")
    assert hosted.model == "acme/Other-7B" and hosted.label == "Hosted · acme/Other-7B via auto"
    assert local.model == LOCAL_MODEL_NAME
    assert backends_for(config)[0].model == DEFAULT_MODEL
    assert resolve_backend(InferenceConfig.from_env({}), None, "acme/Other-7B").model == LOCAL_MODEL_NAME


def test_badges():
    assert resolve_backend(InferenceConfig.from_env({})).label == "Local · SmolLM2-135M-Instruct (Q4_1)"
    hf = resolve_backend(InferenceConfig.from_env({"HF_TOKEN": "hf_x"}))
    assert hf.label == f"Hosted · {DEFAULT_MODEL} via auto"
    custom = resolve_backend(InferenceConfig.from_env({"PERSONA_CHAT_BASE_URL": "http://10.0.0.5:8080/v1"}))
    assert custom.label == f"Hosted · {DEFAULT_MODEL}"  # visitors see the model, never the server's address


def test_oauth_token_comes_before_hf_token():
    config = InferenceConfig.from_env({"HF_TOKEN": "hf_env"})
    assert config.token_for("hf_oauth") == "hf_oauth" and config.token_for(None) == "hf_env"


@pytest.mark.parametrize("env", [{"PERSONA_CHAT_BACKEND": "cloud"}, {"PERSONA_CHAT_FALLBACK": "maybe"},
                                 {"PERSONA_CHAT_TIMEOUT": "-1"}])
def test_bad_values_are_rejected_with_the_variable_named(env):
    with pytest.raises(ValueError) as caught:
        InferenceConfig.from_env(env)
    name = next(iter(env)).removeprefix("PERSONA_CHAT_").lower()
    assert name in str(caught.value).lower() or next(iter(env)) in str(caught.value)


def test_settings_bounds():
    with pytest.raises(ValueError):
        ChatSettings(temperature=3)
    with pytest.raises(ValueError):
        ChatSettings(max_new_tokens=0)
    assert ChatSettings().temperature == 0.3 and ChatSettings().max_new_tokens == 256


@pytest.mark.parametrize("url", ["localhost:8080", "127.0.0.1:8080/v1", "ftp://host/v1"])
def test_a_base_url_without_http_scheme_is_rejected_at_start_up(url):
    with pytest.raises(ValueError, match="PERSONA_CHAT_BASE_URL"):
        InferenceConfig.from_env({"PERSONA_CHAT_BASE_URL": url})
