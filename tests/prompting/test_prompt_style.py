"""PERSONA_CHAT_PROMPT_STYLE: a small model behind a base URL can get the embedded model's prompt wording."""

from __future__ import annotations

import asyncio
from datetime import date

import pytest

from envconfig import ConfigError
from inference import InferenceConfig, complete
from persona import describe, generate
from prompting import chat_prompt

QUESTION = "What is my checking balance?"


@pytest.mark.parametrize("style", ["full", "compact"])
def test_the_request_a_base_url_server_receives_follows_the_prompt_style(style, fake_openai):
    persona = generate("banking", 11, as_of=date(2026, 1, 15))
    balance = next(f for f in describe(persona).facts if "checking" in f.label.lower())
    model = f"ok:{style}"  # tells this test's requests apart on the shared server
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                       "PERSONA_CHAT_MODEL": model, "PERSONA_CHAT_PROMPT_STYLE": style})
    assert asyncio.run(complete(chat_prompt(persona), [{"role": "user", "content": QUESTION}], config=config))
    messages = fake_openai.requests_for(model)[-1]["body"]["messages"]
    system, last = messages[0], messages[-1]
    assert system["role"] == "system" and last["role"] == "user" and last["content"].endswith(QUESTION)
    if style == "full":  # the whole record in the system prompt, its most relevant facts above the question
        assert "Customer record:" in system["content"] and persona.identity.full_name in system["content"]
    else:  # one line of role; the fact itself sits next to the question, after a worked example
        assert "Customer record:" not in system["content"] and len(system["content"].splitlines()) == 1
        assert any(m["role"] == "assistant" for m in messages[1:-1])
    assert balance.value in last["content"]


def test_an_unknown_prompt_style_stops_start_up_naming_the_variable():
    with pytest.raises(ConfigError, match="PERSONA_CHAT_PROMPT_STYLE='tiny'.*'full' or 'compact'"):
        InferenceConfig.from_env({"PERSONA_CHAT_PROMPT_STYLE": "tiny"})
