"""The HF token never shows up in logs, chat messages, or requests to a custom base_url."""

from __future__ import annotations

import json
import logging

import pytest

from inference import InferenceConfig, resolve_backend

CANARY = "hf_CANARYcanaryCANARYcanary0123456789"
API_KEY = "sk-local-server-key-42"


def sent_anywhere(request: dict) -> str:
    return json.dumps(request["headers"]) + json.dumps(request["body"]) + request["path"]


@pytest.mark.parametrize("behaviour", ["ok", "fault:401", "fault:500", "fault:cut", "fault:error-event"])
def test_custom_server_gets_its_own_key_never_the_hf_token(reply, fake_openai, monkeypatch, caplog, behaviour):
    monkeypatch.setenv("HF_TOKEN", CANARY)  # also where huggingface_hub would look for an implicit token
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                       "PERSONA_CHAT_API_KEY": API_KEY, "PERSONA_CHAT_MODEL": behaviour,
                                       "HF_TOKEN": CANARY})
    with caplog.at_level(logging.DEBUG):
        deltas, statuses = reply([{"role": "user", "content": "hi"}], config, oauth_token=CANARY + "oauth")

    request = fake_openai.requests_for(behaviour)[-1]
    assert request["headers"]["authorization"] == f"Bearer {API_KEY}"
    assert CANARY not in sent_anywhere(request)
    assert CANARY not in "".join(deltas) + "".join(statuses)
    assert CANARY not in caplog.text and API_KEY not in caplog.text


def test_custom_server_without_a_key_still_gets_no_hf_token(reply, fake_openai, monkeypatch):
    monkeypatch.setenv("HF_TOKEN", CANARY)
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                       "PERSONA_CHAT_MODEL": "ok", "HF_TOKEN": CANARY})
    reply([{"role": "user", "content": "hi"}], config)
    assert CANARY not in sent_anywhere(fake_openai.requests_for("ok")[-1])


def test_token_is_not_in_config_repr_badge_or_errors():
    config = InferenceConfig.from_env({"HF_TOKEN": CANARY, "PERSONA_CHAT_API_KEY": API_KEY})
    assert CANARY not in repr(config) and CANARY not in str(config) and API_KEY not in repr(config)
    assert CANARY not in resolve_backend(config, CANARY).label
    assert CANARY not in config.model_dump_json()
