"""The embedded model in a real conversation: a greeting is answered, not refused; a follow-up gets its figure."""

from __future__ import annotations

import asyncio

import pytest

from grounding.conversations import natural
from grounding.converse import talk
from grounding.matchers import Amount
from grounding.refusal import says_not_on_record
from grounding.run import personas
from inference import ChatSettings, InferenceConfig
from inference.loops import has_loop

pytestmark = pytest.mark.slow
SETTINGS = ChatSettings(temperature=0, max_new_tokens=96)
"""Greedy decoding, so the test sees the same reply on every run."""


@pytest.fixture(scope="module")
def config(gguf_path):
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local", "PERSONA_CHAT_GGUF": str(gguf_path)})


@pytest.mark.parametrize("greeting", ["hi", "Hello there!"])
def test_a_greeting_gets_a_natural_reply(config, greeting):
    p = personas(["banking"], 1, seed_start=42)[0]
    (reply,) = asyncio.run(talk(p, [greeting], SETTINGS, config))
    assert natural(p)(reply, "compact").passed, reply
    assert not says_not_on_record(reply) and not has_loop(reply)


def test_a_follow_up_gets_the_figure_it_leans_on(config):
    p = personas(["banking"], 1, seed_start=42)[0]
    first, second = asyncio.run(talk(p, ["What's my checking balance?", "and my savings?"], SETTINGS, config))
    assert Amount(p.checking_balance)(first), first
    assert Amount(p.savings_balance)(second), second
