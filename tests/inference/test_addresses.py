"""Visitors see the model's name, never the server's address; the owner's log keeps it (issue 12, row 9)."""

from __future__ import annotations

import logging

import pytest

from inference import InferenceConfig, resolve_backend


def test_the_badge_label_names_the_model_and_not_the_host():
    config = InferenceConfig.from_env({"PERSONA_CHAT_BASE_URL": "http://10.1.2.3:8443/v1", "PERSONA_CHAT_MODEL": "m"})
    label = resolve_backend(config).label
    assert "m" in label and "10.1.2.3" not in label and "8443" not in label


def test_connection_refused_says_what_without_where_and_logs_where(reply, unused_port, caplog):
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted",
                                       "PERSONA_CHAT_BASE_URL": f"http://127.0.0.1:{unused_port}/v1"})
    with caplog.at_level(logging.INFO):
        deltas, _ = reply([{"role": "user", "content": "hi"}], config)
    assert "connection refused" in deltas[0]
    assert "127.0.0.1" not in deltas[0] and str(unused_port) not in deltas[0]
    assert f"127.0.0.1:{unused_port}" in caplog.text  # the owner can still tell which server failed


@pytest.mark.parametrize("behaviour", ["fault:401", "fault:403", "fault:404", "fault:429", "fault:500", "fault:cut",
                                       "fault:end:first", "fault:malformed:first", "fault:timeout=5"])
def test_no_fault_notice_shows_the_servers_address(reply, hosted_config, fake_openai, behaviour):
    deltas, _ = reply([{"role": "user", "content": "hi"}], hosted_config(behaviour, PERSONA_CHAT_TIMEOUT="1"))
    text = "".join(deltas)
    assert "127.0.0.1" not in text and str(fake_openai.port) not in text, text
