"""The embedded path's action planner: requests recognised and proposed, run only on yes, refusals relayed."""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from grounding.action_eval import play
from grounding.action_scripts import scripts
from persona import Ledger, generate
from prompting.actions import dates, is_no, is_yes, money, plan_action, respond, times

AS_OF = date(2026, 1, 15)


def test_block_my_card_and_dispute_the_charge_end_with_two_references_and_an_overdraft_is_refused():
    """The Done-when flow on the domain: banking seed 42, scenario unrecognised_charge."""
    ledger = Ledger(generate("banking", 42, as_of=AS_OF, scenario="unrecognised_charge"))
    history = [{"role": "user", "content": ledger.persona.scenario.opening}]
    ledger, plan = respond(ledger, "Can you block my card while you look into it?", history)
    assert plan.kind == "propose" and plan.text.startswith("Freeze your card ending 3222?")
    assert not ledger.persona.card_frozen
    ledger, plan = respond(ledger, "Yes please", history)
    assert plan.kind == "confirm" and ledger.persona.card_frozen
    first = plan.outcome.reference
    assert plan.text == f"Done. Your card ending 3222 is frozen: new purchases are declined. Your reference is {first}."

    ledger, plan = respond(ledger, "And dispute the charge, please.", history)
    assert plan.kind == "propose" and plan.text == "Dispute the $54.30 charge from Gadget Hub on Jan 4, 2026?"
    ledger, plan = respond(ledger, "yes", history)
    second = plan.outcome.reference
    assert second != first and [r.reference for r in ledger.persona.actions] == [first, second]
    assert [t.merchant for t in ledger.persona.transactions if t.disputed] == ["Gadget Hub"]

    ledger, plan = respond(ledger, "Move $5,000 from savings to checking.", history)
    assert plan.kind == "refuse"
    assert plan.text == "Your savings account holds $2,645.86, so moving $5,000.00 would overdraw it."
    assert ledger.pending is None and len(ledger.events) == 2


def test_yes_with_nothing_proposed_runs_nothing_and_no_drops_the_proposal():
    ledger = Ledger(generate("banking", 3, as_of=AS_OF))
    assert respond(ledger, "yes", []) == (ledger, None)
    asked, plan = respond(ledger, "Please freeze my card", [])
    cancelled, plan = respond(asked, "No, leave it", [])
    assert plan.kind == "cancel" and cancelled.pending is None and cancelled.persona == ledger.origin
    waiting, plan = respond(asked, "What's my checking balance?", [])
    assert plan is None and waiting.pending == asked.pending  # a question leaves the proposal waiting
    ran, plan = respond(waiting, "ok", [])
    assert plan.kind == "confirm" and ran.persona.card_frozen


@pytest.mark.parametrize("message", ["Will asking for a higher limit affect my credit score?",
                                     "What's my checking balance?", "Why was I charged $54.30 at Gadget Hub?"])
def test_questions_ask_for_no_action(message):
    assert plan_action(generate("banking", 42, as_of=AS_OF), message) is None


def test_a_missing_detail_is_asked_for_not_guessed():
    p = generate("banking", 42, as_of=AS_OF)
    plan = plan_action(p, "Please add a travel notice to my card.")
    assert plan.kind == "clarify" and "where you are going" in plan.text and plan.proposal is None
    plan = plan_action(p, "Please dispute the Gadget Hub charge.")  # two charges from Gadget Hub
    assert plan.kind == "clarify" and plan.text.endswith("which one?")


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_the_planner_passes_every_eval_script(mode):
    """The eval's scripts on two personas: the right proposal or refusal, nothing run before yes, invariants."""
    for seed in (0, 7):
        persona = generate(mode, seed, as_of=AS_OF)
        for script in scripts(persona):
            outcome = play(persona, script)
            assert outcome.right, (script.turns, outcome.plan)
            assert outcome.before_run and outcome.invariants is not False, script.turns


def test_values_read_from_text():
    assert money("move $1,450.00 and 20 dollars, not above $3,000", targets_only=True) == [1450, 20]
    assert [d for _, d in dates("Jan 4, the 28th, 3 February 2026, 2026-02-10, next Friday", AS_OF)] == [
        date(2026, 1, 4), date(2026, 1, 28), date(2026, 2, 3), date(2026, 2, 10), date(2026, 1, 16)]
    assert times("at 2pm, 9:15 or 10:30 am, noon") == [time(14), time(9, 15), time(10, 30), time(12)]
    assert is_yes("Yes please") and is_yes("ok") and not is_yes("yes but wait") and is_no("no thanks")


def test_the_readme_actions_examples_run_as_written(capsys):
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Actions", 1)[1].split("\n## ", 1)[0]
    # the domain's examples; the chat API's (gradio_client, against a running app) is tests/app/test_actions.py's
    blocks = [b for b in re.findall(r"```python\n(.*?)```", section, re.S) if "gradio_client" not in b]
    assert len(blocks) == 2
    scope: dict = {}
    for code in blocks:
        exec(compile(code, "README.md", "exec"), scope)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Move $200.00 from savings •••• 3300 to checking •••• 0140?"
    assert out[1].endswith("TEST-C1A3-38FB") and out[3].endswith("would overdraw it.") and out[4] == "True"
    assert out[5] == "propose Dispute the $54.30 charge from Gadget Hub on Jan 4, 2026?"
    assert out[6].startswith("Done. The $54.30 charge from Gadget Hub") and "TEST-AD86-5198" in out[6]
    for line in (b for block in blocks for b in block.splitlines() if "# " in b and "..." not in b):
        comment = line.split("# ", 1)[1]
        if comment[:1] in "[$MTYpD" and not comment.startswith(("only", "Undo", "OpenAI")):
            assert any(comment in o for o in out), comment  # each printed value the README shows is real
