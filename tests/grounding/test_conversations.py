"""Conversation scripts: every kind for every mode, answers the record itself states, scorers that can fail."""

from __future__ import annotations

import pytest

from grounding.conversations import KIND_ORDER, SUMMARY_FACTS, chats, natural, other_language, templates
from grounding.run import personas
from persona import describe, list_modes

PEOPLE = personas(list_modes(), 12)


def _record(p) -> str:
    view = describe(p)
    return " ".join([*(f"{f.label}: {f.value}. {f.sentence}" for f in view.facts),
                     *("; ".join(row) for t in view.tables for row in t.rows)])


@pytest.mark.parametrize("mode", list_modes())
def test_every_mode_has_every_kind(mode):
    assert all(templates(mode, kind) for kind in KIND_ORDER)
    kinds = {c.kind for p in PEOPLE if p.mode == mode for c in chats(p)}
    assert kinds == set(KIND_ORDER)


@pytest.mark.parametrize("p", PEOPLE, ids=lambda p: f"{p.mode}-{p.seed}")
def test_the_record_answers_every_recall_script(p):
    """Follow-ups, lookups, later-turn questions and summaries ask only what the persona's record states."""
    for chat in chats(p, per_kind=3):
        if chat.kind in ("later_turn", "follow_up", "lookup"):
            assert chat.score(_record(p), "full").passed, (chat.template, chat.turns)
        elif chat.kind == "summary":
            assert chat.score(_record(p), "full").named >= SUMMARY_FACTS, chat.turns
        elif chat.kind == "absent":
            assert not chat.score(" ".join(f.sentence for f in describe(p).facts), "full").passed, chat.turns


@pytest.mark.parametrize("p", PEOPLE[:3], ids=lambda p: f"{p.mode}-{p.seed}")
def test_scripts_are_conversations_with_a_one_turn_twin(p):
    for chat in chats(p):
        assert chat.turns and chat.alone
        if chat.kind in ("later_turn", "follow_up", "summary", "lookup", "absent", "language"):
            assert len(chat.turns) >= 2, chat
        if chat.kind == "later_turn":
            assert 2 <= len(chat.turns) <= 4 and chat.turns[-1] == chat.alone


def test_scripts_are_reproducible_and_rotate_templates():
    p = PEOPLE[0]
    assert [c.turns for c in chats(p)] == [c.turns for c in chats(p)]
    used = {c.template for q in PEOPLE if q.mode == "banking" for c in chats(q) if c.kind == "small_talk"}
    assert len(used) >= 4


def test_summary_counts_each_distinct_fact_once():
    p = next(q for q in PEOPLE if q.mode == "banking")
    chat = next(c for c in chats(p) if c.kind == "summary")
    balance = next(f.sentence for f in describe(p).facts if f.key == "checking_balance")
    assert chat.score(f"{balance} {balance}", "compact").named == 1


def test_small_talk_scoring_refuses_refusals_and_loops():
    p = PEOPLE[0]
    greeting = natural(p)
    assert greeting("Hello! How can I help you today?", "compact").passed
    assert not greeting("I'm sorry, I don't have your name in my record.", "compact").passed
    assert not greeting("I'm sorry, I'm sorry, I'm sorry, I'm sorry", "compact").passed
    assert not greeting("", "compact").passed
    who = natural(p, "self")
    assert who("I'm the virtual assistant of Larkspur Savings Bank.", "compact").passed
    assert not who("Hello!", "compact").passed
    abilities = natural(p, "abilities")
    assert abilities("I can look up your balances, card and recent transactions.", "compact").passed
    assert not abilities("I can do many things.", "compact").passed


def test_other_language_scoring_depends_on_the_backend_style():
    from grounding.matchers import Amount
    from grounding.run import AS_OF
    from persona import generate

    p = generate("banking", 3, locale="de_DE", as_of=AS_OF)
    score = other_language(p, "de", Amount(p.checking_balance))
    figure = next(f.value for f in describe(p).facts if f.key == "checking_balance")
    assert score("Sorry, I can only answer in English. Please ask me in English.", "compact").passed
    assert score(f"Sorry, I answer in English. Your checking balance is {figure}.", "compact").passed  # true, so no harm
    assert not score("I answer in English: your balance is 12.345,67 €.", "compact").passed  # a figure not in the record
    assert not score(f"Ihr Kontostand beträgt {figure}.", "compact").passed  # the embedded model must not try German
    assert score(f"Ihr Kontostand auf dem Girokonto beträgt {figure}.", "full").passed
    assert not score(f"Your checking balance is {figure}.", "full").passed  # a hosted model answers in German


def test_the_hosted_backend_is_the_configured_base_url_when_there_is_one():
    from grounding.backends import backend_config

    with backend_config("hosted", {"PERSONA_CHAT_BASE_URL": "http://127.0.0.1:9/v1"}) as config:
        assert config.backend == "hosted" and config.base_url == "http://127.0.0.1:9/v1"
    with backend_config("embedded", {"PERSONA_CHAT_BASE_URL": "http://127.0.0.1:9/v1"}) as config:
        assert config.backend == "local"
    with pytest.raises(ValueError, match="embedded, hosted"), backend_config("cloud", {}):
        pass


def test_the_report_puts_each_kind_beside_its_one_turn_twin_per_backend():
    from grounding.chat_report import conversation_table
    from grounding.conversations import Verdict
    from grounding.converse import ChatOutcome

    p = PEOPLE[0]
    by_kind = {c.kind: c for c in chats(p)}
    outcomes = [
        ChatOutcome(by_kind["follow_up"], "embedded", "compact", ("a", "b"), Verdict(True), "c", Verdict(False), 1.0),
        ChatOutcome(by_kind["summary"], "embedded", "compact", ("a", "b"), Verdict(True, 4), "c", Verdict(False, 1), 2.0),
        ChatOutcome(by_kind["small_talk"], "hosted", "full", ("I'm sorry, I'm sorry, I'm sorry",), Verdict(False),
                    "Hello!", Verdict(True), 3.0),
    ]
    table = conversation_table(outcomes, ["embedded", "hosted"])
    lines = table.splitlines()
    assert [c.strip() for c in lines[0].split("|")[1:-1]] == [
        "script kind", "embedded · conversation", "embedded · alone", "hosted · conversation", "hosted · alone"]
    row = next(line for line in lines if line.startswith("| elliptical follow-up"))
    assert [c.strip() for c in row.split("|")[2:6]] == ["100% (1/1)", "0% (0/1)", "–", "–"]
    named = next(line for line in lines if "facts named" in line)
    assert [c.strip() for c in named.split("|")[2:4]] == ["4.0", "1.0"]
    loops = next(line for line in lines if line.startswith("| small-talk replies that loop"))
    assert [c.strip() for c in loops.split("|")[4:6]] == ["1 of 1", "0 of 1"]
