"""Prompt strategies: what each sends, and that ``chat_prompt`` picks the one for the backend answering."""

from __future__ import annotations

from datetime import date
from typing import get_args

import pytest

from inference import BackendInfo, PromptStyle
from inference.budget import estimate_tokens
from persona import describe, generate, list_modes
from prompting import DEFAULTS, STRATEGIES, build_system_prompt, chat_prompt
from prompting.turns import ECHO_QUESTION, NOT_ON_RECORD

AS_OF = date(2026, 1, 15)
LOCAL = BackendInfo("local", "SmolLM2", "Local", "compact", 2048)
HOSTED = BackendInfo("hosted", "big", "Hosted", "full", 8192)
HISTORY = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello! How can I help?"}]


@pytest.fixture
def banking():
    return generate("banking", 7, "en_US", AS_OF)


def test_every_prompt_style_has_a_default_registered_strategy():
    assert set(DEFAULTS) == set(get_args(PromptStyle)) == {"compact", "full"}
    assert set(DEFAULTS.values()) <= set(STRATEGIES)


def test_echo_puts_the_fact_before_the_question_after_one_example_repeating_it(banking):
    question = "What's my checking balance?"
    system, sent = chat_prompt(banking, {"compact": "echo"})(LOCAL, [*HISTORY, {"role": "user", "content": question}])
    fact = next(f for f in describe(banking).facts if f.key == "checking_balance")
    assert system.startswith("You are a customer service assistant at Larkspur Savings Bank")
    assert sent == [
        *HISTORY,
        {"role": "user", "content": f"{fact.sentence}\n\n{ECHO_QUESTION}"},
        {"role": "assistant", "content": fact.sentence},
        {"role": "user", "content": f"{fact.sentence}\n\n{question}"},
    ]


def test_echo_shows_a_refusal_when_the_record_has_nothing(banking):
    _, sent = chat_prompt(banking, {"compact": "echo"})(LOCAL, [{"role": "user", "content": "What's my mortgage rate?"}])
    assert sent[-1]["content"] == f"{NOT_ON_RECORD}\n\nWhat's my mortgage rate?"
    assert sent[0]["content"].startswith(NOT_ON_RECORD)
    assert "don't have" in sent[1]["content"]


def test_full_retrieval_keeps_the_full_prompt_and_adds_the_facts_above_the_question(banking):
    system, sent = chat_prompt(banking, {"full": "full+retrieval"})(HOSTED, [{"role": "user", "content": "What's my credit score?"}])
    assert system == build_system_prompt(banking)
    assert sent[-1]["content"] == (f"From my record:\n- Your credit score is {banking.credit_score}.\n\n"
                                   "Question: What's my credit score?")


def test_override_and_callers_list_untouched(banking):
    messages = [{"role": "user", "content": "What's my savings balance?"}]
    system, sent = chat_prompt(banking, {"compact": "seed"})(LOCAL, messages)
    assert "Reference this customer's information naturally" in system
    assert sent == messages == [{"role": "user", "content": "What's my savings balance?"}]


@pytest.mark.parametrize("name", STRATEGIES)
@pytest.mark.parametrize("mode", list_modes())
def test_every_strategy_alternates_roles_ends_with_the_user_and_fits_the_local_context(name, mode):
    p = generate(mode, 3, "en_US", AS_OF)
    system, sent = STRATEGIES[name].bind(p)(LOCAL, [*HISTORY, {"role": "user", "content": "When is my next payment?"}])
    roles = [m["role"] for m in sent]
    assert roles[-1] == "user" and roles[0] == "user"
    assert all(a != b for a, b in zip(roles, roles[1:], strict=False))
    assert estimate_tokens(system) + sum(estimate_tokens(m["content"]) for m in sent) < 2048 - 256


def test_no_user_turn_leaves_messages_alone(banking):
    assert chat_prompt(banking)(LOCAL, [])[1] == []
