"""Reading the conversation: follow-ups inherit the earlier topic, named items pull their rows, summaries
get several facts, small talk gets a natural reply, other languages are recognised."""

from __future__ import annotations

import re
from datetime import date

import pytest

from persona import describe, generate
from prompting.conversation import conversation_query, plan_reply
from prompting.intent import leans_on_earlier, ordinal, small_talk, wants_summary
from prompting.retrieval import terms

AS_OF = date(2026, 1, 15)


def _chat(*turns: str) -> list[dict]:
    """User turns with a placeholder assistant reply between them."""
    out: list[dict] = []
    for turn in turns:
        if out:
            out.append({"role": "assistant", "content": "OK."})
        out.append({"role": "user", "content": turn})
    return out


def _fact(p, key: str):
    return next(f for f in describe(p).facts if f.key == key)


@pytest.fixture(scope="module")
def banking():
    return generate("banking", 42, as_of=AS_OF)


@pytest.fixture(scope="module")
def insurance():
    return next(p for s in range(50) if len((p := generate("insurance", s, as_of=AS_OF)).policies) >= 2 and p.claims)


@pytest.fixture(scope="module")
def healthcare():
    return next(p for s in range(50) if (p := generate("healthcare", s, as_of=AS_OF)).appointments
                and len(p.prescriptions) >= 2)


@pytest.mark.parametrize(("text", "kind"), [
    ("hi", "greeting"), ("Hello there!", "greeting"), ("Good morning!", "greeting"), ("Hey, how are you?", "how_are_you"),
    ("Thanks!", "thanks"), ("Thank you, that's all for now.", "thanks"), ("ok thanks", "thanks"), ("bye", "goodbye"),
    ("Who are you?", "who"), ("What's your name?", "who"), ("Are you a bot?", "who"),
    ("What can you do?", "abilities"), ("Hello, what can you do for me?", "abilities"),
    ("Hi, I have a couple of questions.", "greeting"),
])
def test_small_talk_is_recognised(text, kind):
    assert small_talk(text).kind == kind


@pytest.mark.parametrize("text", ["Hi, what's my balance?", "What's my name?", "What name do you have on file for me?",
                                  "Thanks! And my savings?", "When is my next appointment?"])
def test_questions_are_not_small_talk(text):
    assert small_talk(text) is None


def test_follow_up_cues():
    assert all(leans_on_earlier(t) for t in ("and my savings?", "When is that due?", "What about the second one?",
                                             "Who is it with?", "what about checking?"))
    assert not leans_on_earlier("What's my checking balance?")
    assert ordinal("What about the second one?") == 1 and ordinal("and the last one?") == -1
    assert ordinal("What's my balance?") is None
    assert wants_summary("Can you summarize my account?") and wants_summary("Give me an overview of my policies")
    assert not wants_summary("What's my savings balance?")


def test_a_follow_up_inherits_the_earlier_topic_at_a_lower_weight(banking):
    facts = describe(banking).facts
    query = conversation_query(_chat("What's my checking balance?", "and my savings?"), facts)
    assert query == {**dict.fromkeys(terms("checking balance"), 0.5), **dict.fromkeys(terms("savings"), 1.0)}
    alone = conversation_query(_chat("Hi!", "What's my checking balance?"), facts)
    assert alone == dict.fromkeys(terms("checking balance"), 1.0)


@pytest.mark.parametrize(("turns", "key"), [
    (("What's my checking balance?", "And my savings?"), "savings_balance"),
    (("How much do I have in savings?", "what about checking?"), "checking_balance"),
    (("What's my next bill?", "When is that due?"), "pending_0"),
    (("What's my credit card limit?", "And how much of it have I used?"), "credit_used"),
    (("Hi!", "Thanks!", "What's my credit score?"), "credit_score"),
])
def test_banking_follow_ups_find_the_fact(banking, turns, key):
    reply = plan_reply(banking, _chat(*turns))
    assert reply.kind == "facts" and reply.lines[0] == _fact(banking, key).sentence


def test_insurance_follow_ups(insurance):
    second = insurance.policies[1]
    reply = plan_reply(insurance, _chat("What policies do I have?", "What about the second one?"))
    assert reply.lines[0] == _fact(insurance, f"policy_{second.kind}").sentence
    reply = plan_reply(insurance, _chat("When is my next premium due?", "And how much is it?"))
    assert reply.lines[0] == _fact(insurance, "next_premium_due").sentence
    kind = next(x.kind for x in insurance.policies if x.deductible > 0)
    reply = plan_reply(insurance, _chat(f"What's my {kind} deductible?", "And the coverage?"))
    assert reply.lines[0] == _fact(insurance, f"policy_{kind}").sentence
    reply = plan_reply(insurance, _chat("What's my latest claim?", "What's its status?"))
    assert reply.lines[0] == _fact(insurance, "last_claim").sentence


def test_healthcare_follow_ups(healthcare):
    for follow in ("Who is it with?", "Where is it?"):
        reply = plan_reply(healthcare, _chat("When is my next appointment?", follow))
        assert reply.lines[0] == _fact(healthcare, "next_appointment").sentence
    first = healthcare.prescriptions[0].medication
    reply = plan_reply(healthcare, _chat("What prescriptions do I have?", "What's the dosage of the first one?"))
    assert reply.lines == (_fact(healthcare, f"rx_{first.split()[0].lower()}").sentence,)


def test_a_merchant_pulls_its_transactions_not_the_monthly_total(banking):
    merchant = next(t.merchant for t in banking.transactions if t.amount < 0)
    reply = plan_reply(banking, _chat(f"What did I spend at {merchant}?"))
    assert reply.kind == "facts" and reply.topic == "items"
    assert all(merchant in line for line in reply.lines)
    bought = [t for t in banking.transactions if t.merchant == merchant]
    assert len(reply.lines) == min(len(bought), 5)
    assert not any(line == _fact(banking, "monthly_spending").sentence for line in reply.lines)


def test_a_date_pulls_that_days_rows(banking):
    day = banking.transactions[3].date
    reply = plan_reply(banking, _chat(f"What did I buy on {day:%b} {day.day}?"))
    assert reply.topic == "items" and reply.lines
    assert all(f"{day:%b} {day.day}," in line for line in reply.lines)


def test_a_claim_number_pulls_that_claim(insurance):
    claim = insurance.claims[-1]
    reply = plan_reply(insurance, _chat(f"What's the status of claim {claim.claim_id}?"))
    assert len(reply.lines) == 1 and claim.claim_id in reply.lines[0] and claim.status in reply.lines[0]


def test_a_provider_pulls_their_appointments(healthcare):
    visit = healthcare.appointments[-1]
    surname = visit.provider.split()[-1]
    reply = plan_reply(healthcare, _chat(f"When do I see Dr. {surname}?"))
    assert reply.lines and all(visit.provider in line for line in reply.lines)
    assert any("ppointment" in line for line in reply.lines)


def test_a_summary_states_several_headline_facts(banking, insurance):
    reply = plan_reply(banking, _chat("Hi!", "Can you summarize my account?"))
    assert reply.topic == "summary" and len(reply.lines) >= 5
    assert _fact(banking, "checking_balance").sentence in reply.lines
    reply = plan_reply(insurance, _chat("Give me an overview of my policies."))
    assert all(_fact(insurance, f"policy_{x.kind}").sentence in reply.lines for x in insurance.policies[:3])


def test_small_talk_gets_a_natural_reply_not_a_fact(banking):
    reply = plan_reply(banking, _chat("hi"))
    assert reply.kind == "small_talk" and banking.identity.first_name in reply.lines[0]
    assert "Larkspur Savings Bank" in plan_reply(banking, _chat("Who are you?")).lines[0]
    assert "balances" in plan_reply(banking, _chat("What can you do?")).lines[0]


def test_unheld_possessions_stay_not_on_record_mid_conversation(banking):
    assert plan_reply(banking, _chat("What's my checking balance?", "What's my mortgage rate?")).kind == "not_on_record"
    assert plan_reply(banking, _chat("Hi!", "What's my driver's license number?")).kind == "not_on_record"


def test_another_language_gets_the_english_only_reply_or_the_facts(banking):
    german = generate("banking", 42, locale="de_DE", as_of=AS_OF)
    reply = plan_reply(german, _chat("Wie hoch ist mein Kontostand auf dem Girokonto?"))
    assert reply.kind == "other_language" and "English" in reply.lines[0] and "German" in reply.lines[0]
    hosted = plan_reply(german, _chat("Wie hoch ist mein Kontostand auf dem Girokonto?"), english_only=False)
    assert hosted.language == "de" and hosted.lines == (_fact(german, "checking_balance").sentence,)


def test_the_summary_and_the_capabilities_come_from_the_industry(monkeypatch):
    """An industry that declares other overview facts and another capability sentence is read as declared."""
    import dataclasses

    from persona import get_industry
    from persona.registry import _REGISTRY
    from prompting.conversation import small_talk_reply

    p = generate("insurance", 4, "en_US", AS_OF)
    reply = plan_reply(p, _chat("Can you summarize my insurance?"))
    assert [f"{f.label}" for f in describe(p).facts if f.sentence in reply.lines] == \
        ["Active policies", "Total coverage", "Monthly premium", "Next premium due", "Pending claims"]
    industry = get_industry("insurance")
    monkeypatch.setitem(_REGISTRY, "insurance", dataclasses.replace(
        industry, summary=("risk_tier", "claim_count"), capabilities="your risk tier and nothing else"))
    reply = plan_reply(p, _chat("Can you summarize my insurance?"))
    assert reply.lines == (_fact(p, "risk_tier").sentence, _fact(p, "claim_count").sentence)
    assert "I can look up your risk tier and nothing else." in small_talk_reply(p, "who")
    monkeypatch.setitem(_REGISTRY, "insurance", dataclasses.replace(industry, summary=(), capabilities=""))
    assert "I can look up your policies and claims." in small_talk_reply(p, "who")  # its tables' titles


def test_the_planner_names_no_industry():
    """What an industry's record holds is declared in persona/industries: the planner's code names none of them."""
    import ast
    from pathlib import Path

    from persona import list_modes

    names = set(list_modes())
    for path in sorted((Path(__file__).resolve().parents[2] / "prompting").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.value) for node in ast.walk(tree)  # a string on its own line documents, it isn't used
                      if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not names & set(re.findall(r"[a-z]+", node.value.lower())), (path.name, node.value[:80])
