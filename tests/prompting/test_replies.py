"""What the conversation-aware strategies send: the small model sees an example saying exactly the planned
lines and then the latest message; a hosted model gets the lines above the question, with notes."""

from __future__ import annotations

from datetime import date

import pytest

from inference import BackendInfo
from persona import describe, generate
from prompting import STRATEGIES
from prompting.turns import NOT_ON_RECORD

AS_OF = date(2026, 1, 15)
LOCAL = BackendInfo("local", "SmolLM2", "Local", "compact", 2048)
HOSTED = BackendInfo("hosted", "big", "Hosted", "full", 8192)


@pytest.fixture(scope="module")
def banking():
    return generate("banking", 42, as_of=AS_OF)


def _sent(persona, strategy: str, backend: BackendInfo, *turns: str) -> list[dict]:
    messages: list[dict] = []
    for turn in turns:
        if messages:
            messages.append({"role": "assistant", "content": "Sure."})
        messages.append({"role": "user", "content": turn})
    return STRATEGIES[strategy].bind(persona)(backend, messages)[1]


def _sentence(persona, key: str) -> str:
    return next(f.sentence for f in describe(persona).facts if f.key == key)


def test_compact_follow_up_sends_the_resolved_fact_without_the_earlier_turns(banking):
    savings = _sentence(banking, "savings_balance")
    sent = _sent(banking, "chat", LOCAL, "What's my checking balance?", "and my savings?")
    assert sent == [{"role": "user", "content": f"{savings}\n\nand my savings?"},
                    {"role": "assistant", "content": savings},
                    {"role": "user", "content": f"{savings}\n\nand my savings?"}]


def test_chat_with_history_keeps_the_earlier_turns(banking):
    sent = _sent(banking, "chat+history", LOCAL, "What's my checking balance?", "and my savings?")
    assert [m["content"] for m in sent[:2]] == ["What's my checking balance?", "Sure."]
    assert sent[-1]["content"].startswith(_sentence(banking, "savings_balance"))


def test_compact_greeting_is_answered_by_example_not_refused(banking):
    sent = _sent(banking, "chat", LOCAL, "hi")
    greeting = sent[1]["content"]
    assert sent[1]["role"] == "assistant" and "Larkspur Savings Bank" in greeting and NOT_ON_RECORD not in greeting
    assert sent[-1]["content"] == f"{greeting}\n\nhi"


def test_compact_summary_example_says_every_line(banking):
    sent = _sent(banking, "chat", LOCAL, "Can you summarize my account?")
    for key in ("checking_balance", "savings_balance", "credit_score"):
        assert _sentence(banking, key) in sent[1]["content"]


def test_compact_unheld_question_gets_the_refusal_example(banking):
    sent = _sent(banking, "chat", LOCAL, "Hi!", "What's my mortgage rate?")
    assert sent[-1]["content"] == f"{NOT_ON_RECORD}\n\nWhat's my mortgage rate?"
    assert "don't have" in sent[1]["content"]


def test_full_style_lists_the_planned_facts_and_keeps_history(banking):
    sent = _sent(banking, "full+chat", HOSTED, "What's my checking balance?", "and my savings?")
    assert sent[0]["content"] == "What's my checking balance?"
    assert sent[-1]["content"].startswith(f"From my record:\n- {_sentence(banking, 'savings_balance')}")
    assert sent[-1]["content"].endswith("Question: and my savings?")


def test_full_style_small_talk_gets_a_note_not_not_on_record(banking):
    content = _sent(banking, "full+chat", HOSTED, "Thanks!")[-1]["content"]
    assert content.startswith("(Small talk:") and NOT_ON_RECORD not in content and content.endswith("Message: Thanks!")


def test_full_style_other_language_is_answered_in_that_language_from_the_record():
    german = generate("banking", 42, locale="de_DE", as_of=AS_OF)
    content = _sent(german, "full+chat", HOSTED, "Wie hoch ist mein Kontostand auf dem Girokonto?")[-1]["content"]
    assert _sentence(german, "checking_balance") in content and "Answer in German" in content
    compact = _sent(german, "chat", LOCAL, "Wie hoch ist mein Kontostand auf dem Girokonto?")
    assert "only answer in English" in compact[-1]["content"]
    assert "€" not in compact[-1]["content"]  # no figure to misread
