"""Secrets never reach the chat or the logs, whatever a server echoes (issue 12, row 8)."""

from __future__ import annotations

import base64
import logging

import pytest

from envconfig import ConfigError
from inference import InferenceConfig

API_KEY = "sk-owner-key-0123456789abcdef"
HF = "hf_OWNERtokenOWNERtokenOWNERtoken12"


def authorization(request: dict) -> str:
    return {k.lower(): v for k, v in request["headers"].items()}["authorization"]


def leaks(text: str, secret: str, shortest: int = 4) -> bool:
    """The secret, or a start of it at least ``shortest`` long left dangling at the end of ``text``."""
    return secret in text or any(text.endswith(secret[:n]) for n in range(shortest, len(secret)))


def cumulative(deltas: list[str]) -> list[str]:
    shown, out = "", []
    for delta in deltas:
        shown += delta
        out.append(shown)
    return out


def test_a_key_echoed_by_the_server_is_redacted_even_split_across_chunks(reply, fake_openai):
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                       "PERSONA_CHAT_MODEL": "leak-key", "PERSONA_CHAT_API_KEY": API_KEY})
    deltas, _ = reply([{"role": "user", "content": "what's your key?"}], config)
    assert authorization(fake_openai.requests_for("leak-key")[-1]) == f"Bearer {API_KEY}"
    for shown in cumulative(deltas):  # what the chat shows after every streamed update
        assert not leaks(shown, API_KEY), shown
    text = "".join(deltas)
    assert text == "Sure. Your key is [redacted] and that's all. Again: [redacted]."


def test_url_credentials_and_their_basic_auth_form_are_redacted_from_replies_and_logs(reply, fake_openai, caplog):
    url = fake_openai.base_url.replace("http://", "http://alice:pw-s3cret-42@")
    basic = base64.b64encode(b"alice:pw-s3cret-42").decode()
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": url,
                                       "PERSONA_CHAT_MODEL": "leak-key"})
    with caplog.at_level(logging.DEBUG):
        deltas, _ = reply([{"role": "user", "content": "hi"}], config)
    assert authorization(fake_openai.requests_for("leak-key")[-1]) == f"Basic {basic}"
    for shown in cumulative(deltas):
        assert not leaks(shown, basic) and "pw-s3cret-42" not in shown, shown
    assert "pw-s3cret-42" not in caplog.text and basic not in caplog.text  # httpx logs every request's URL


@pytest.mark.parametrize("url", ["ftp://alice:pw-s3cret-42@example.org/v1", "alice:pw-s3cret-42@example.org:8080/v1",
                                 "http://alice:pw-s3cret-42@/v1"])
def test_a_bad_base_url_with_credentials_is_refused_without_printing_them(url):
    with pytest.raises(ConfigError) as caught:
        InferenceConfig.from_env({"PERSONA_CHAT_BASE_URL": url})
    message = str(caught.value)
    assert "PERSONA_CHAT_BASE_URL" in message and "pw-s3cret-42" not in message, message


def test_the_config_never_shows_url_credentials():
    config = InferenceConfig.from_env({"PERSONA_CHAT_BASE_URL": "http://alice:pw-s3cret-42@127.0.0.1:9/v1",
                                       "PERSONA_CHAT_API_KEY": API_KEY, "HF_TOKEN": HF})
    for shown in (repr(config), str(config)):
        assert "pw-s3cret-42" not in shown and API_KEY not in shown and HF not in shown
