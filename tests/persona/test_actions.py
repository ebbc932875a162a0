"""Actions on a record: each one's effect and refusals, confirmation before anything changes, events and undo,
and the record's invariants after any sequence of actions (hypothesis)."""

from __future__ import annotations

import re
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persona import (
    InvalidArgumentsError,
    Ledger,
    NothingPendingError,
    Proposal,
    Reading,
    Refusal,
    RefusedError,
    UnknownActionError,
    changed_paths,
    generate,
    list_actions,
    list_modes,
    load_persona,
    replay,
    tool_schemas,
)
from persona.ledger import apply, call

AS_OF = date(2026, 1, 15)
REFERENCE = re.compile(r"^TEST-[0-9A-F]{4}-[0-9A-F]{4}$")


def ledger(mode: str, seed: int, scenario: str | None = None) -> Ledger:
    return Ledger(generate(mode, seed, "en_US", AS_OF, scenario))


def run(book: Ledger, name: str, args: dict) -> tuple[Ledger, object]:
    """Ask, and confirm when it is a proposal: the ledger after, and the outcome (or the refusal/reading)."""
    book, answer = book.call(name, args)
    if isinstance(answer, Proposal):
        return book.confirm()
    return book, answer


# The Done-when flow, at the domain level.

def test_block_the_card_then_dispute_the_charge_each_after_a_yes_with_a_reference():
    book = ledger("banking", 42, "unrecognised_charge")
    charge = book.persona.scenario.refs  # merchant, amount, date of the charge the customer doesn't recognise
    named = {r.path.rpartition(".")[2]: r.value for r in charge if r.path.startswith("transactions")}
    index = int(re.search(r"\[(\d+)\]", charge[0].path)[1])

    book, proposal = book.call("freeze_card", {})
    assert isinstance(proposal, Proposal) and proposal.text.startswith("Freeze your card ending 3222?")
    assert book.persona.card_frozen is False  # proposed, not run
    book, frozen = book.confirm()
    assert book.persona.card_frozen is True and REFERENCE.match(frozen.reference)

    ambiguous = book.call("dispute_transaction", {"merchant": named["merchant"]})[1]
    assert ambiguous.reason.startswith("There are 2 charges from Gadget Hub ($54.30 on Jan 4, 2026; ")
    charge = {"merchant": named["merchant"], "amount": named["amount"].lstrip("-"), "date": named["date"]}
    book, proposal = book.call("dispute_transaction", charge)
    assert proposal.text == "Dispute the $54.30 charge from Gadget Hub on Jan 4, 2026?"
    assert not book.persona.transactions[index].disputed
    book, disputed = book.confirm()
    assert book.persona.transactions[index].disputed and REFERENCE.match(disputed.reference)
    assert disputed.reference != frozen.reference
    assert [r.reference for r in book.persona.actions] == [frozen.reference, disputed.reference]


def test_an_overdraft_transfer_is_refused_with_the_reason_and_changes_nothing():
    book = ledger("banking", 42, "unrecognised_charge")
    book, answer = book.call("transfer", {"from_account": "savings", "to_account": "checking", "amount": 99999})
    assert isinstance(answer, Refusal)
    assert answer.reason == "Your savings account holds $2,645.86, so moving $99,999.00 would overdraw it."
    assert book.pending is None and book.persona == book.origin


# Confirmation: nothing changes before a yes, whatever asks.

def test_a_proposal_changes_nothing_and_no_or_a_new_question_drops_it():
    book = ledger("banking", 7)
    asked, proposal = book.call("freeze_card", {})
    assert asked.persona == book.origin and asked.pending == proposal and not asked.events
    assert asked.cancel().pending is None and asked.cancel().persona == book.origin
    with pytest.raises(NothingPendingError):
        asked.cancel().confirm()


def test_confirm_with_nothing_pending_raises_and_a_refused_call_leaves_no_proposal():
    book = ledger("healthcare", 3)
    with pytest.raises(NothingPendingError):
        book.confirm()
    book, answer = book.call("book_appointment", {"specialty": "Dermatology", "date": "2026-01-10", "time": "10:00"})
    assert isinstance(answer, Refusal) and "after today" in answer.reason
    with pytest.raises(NothingPendingError):
        book.confirm()


def test_a_proposal_the_record_no_longer_allows_is_refused_at_confirmation():
    book = ledger("banking", 42, "unrecognised_charge")
    book, _ = book.call("freeze_card", {})
    book, _ = book.confirm()
    stale = Ledger(book.origin, book.events, pending=Proposal("freeze_card", book.events[0].arguments, "again?"))
    with pytest.raises(RefusedError, match="already frozen"):
        stale.confirm()


def test_unknown_actions_and_bad_arguments_raise_readable_errors():
    p = generate("banking", 1, as_of=AS_OF)
    with pytest.raises(UnknownActionError, match="choose one of: freeze_card"):
        call(p, "delete_everything", {})
    with pytest.raises(InvalidArgumentsError, match=r"transfer: amount: .*greater than 0"):
        call(p, "transfer", {"from_account": "savings", "to_account": "checking", "amount": -5})
    with pytest.raises(InvalidArgumentsError, match="confirmed: Extra inputs are not permitted"):
        call(p, "freeze_card", {"confirmed": True})
    with pytest.raises(InvalidArgumentsError, match="JSON object"):
        call(p, "freeze_card", ["yes"])


def test_a_read_tool_answers_at_once_and_is_never_an_event():
    p = generate("banking", 0, as_of=AS_OF)
    reading = call(p, "search_transactions", {"merchant": "the daily grind"})
    assert isinstance(reading, Reading) and reading.text.startswith("1 transaction found, -$25.10 in all:")
    with pytest.raises(InvalidArgumentsError, match="only reads"):
        from persona import Event
        apply(p, Event("search_transactions", reading.arguments), 0)


# Events, replay, undo, references.

def test_events_replay_to_the_same_record_and_undo_drops_the_last_one():
    book = ledger("insurance", 0)
    book, first = run(book, "change_premium_date", {"new_date": "2026-02-06"})
    book, second = run(book, "add_driver", {"name": "Sam Doe", "age": 17})
    assert replay(book.origin, book.events) == book.persona
    undone = book.undo()
    assert undone.events == book.events[:1] and undone.persona.policies == book.origin.policies
    assert undone.persona.next_premium_due == date(2026, 2, 6)
    assert undone.undo().persona == book.origin and undone.undo().undo().persona == book.origin
    again, redo = run(undone, "add_driver", {"name": "Sam Doe", "age": 17})
    assert redo.reference == second.reference and again.persona == book.persona  # reproducible


def test_references_are_fake_safe_and_depend_on_the_persona_and_the_position():
    from persona.fakesafe import reference

    refs = {reference(mode, seed, i) for mode in list_modes() for seed in range(20) for i in range(5)}
    assert len(refs) == 300 and all(REFERENCE.match(r) for r in refs)
    assert reference("banking", 42, 0) == "TEST-C1A3-38FB"  # the same in every process


def test_an_acted_record_round_trips_through_json_and_a_fresh_one_dumps_as_before():
    book, _ = run(ledger("banking", 42, "unrecognised_charge"), "freeze_card", {})
    book, _ = run(book, "pay_bill", {"payee": book.persona.pending_payments[0].payee})
    assert load_persona(book.persona.model_dump_json()) == book.persona
    fresh = book.origin.model_dump_json()
    for key in ("actions", "card_frozen", "disputed", "paid", "travel_notices", "cancelled_subscriptions"):
        assert f'"{key}"' not in fresh  # golden files of generated personas keep their bytes


def test_changed_paths_name_what_an_action_changed():
    book = ledger("banking", 42, "unrecognised_charge")
    after, _ = run(book, "transfer", {"from_account": "savings", "to_account": "checking", "amount": "200"})
    assert changed_paths(book.persona, after.persona) == {"checking_balance", "savings_balance"}
    after, _ = run(book, "dispute_transaction", {"merchant": "Gadget Hub", "date": "2026-01-04"})
    (path,) = changed_paths(book.persona, after.persona)
    assert re.fullmatch(r"transactions\[\d+\]\.disputed", path)


# Each action: its effect and its refusals.

def test_banking_effects():
    b = ledger("banking", 0)
    p = b.persona
    after, out = run(b, "transfer", {"from_account": "checking", "to_account": "savings", "amount": "100.50"})
    assert after.persona.checking_balance == p.checking_balance - Decimal("100.50")
    assert after.persona.savings_balance == p.savings_balance + Decimal("100.50")
    bill = p.pending_payments[0]
    after, out = run(b, "pay_bill", {"payee": bill.payee.lower()})
    assert after.persona.pending_payments[0].paid and after.persona.checking_balance == p.checking_balance - bill.amount
    assert "(paid)" in after.persona.pending_payments[0].payee + " (paid)"
    later = p.pending_payments[0].due_date + timedelta(days=20)
    after, out = run(b, "reschedule_bill", {"payee": bill.payee, "new_date": later.isoformat()})
    moved = {x.payee: x.due_date for x in after.persona.pending_payments}
    assert moved[bill.payee] == later
    assert [x.due_date for x in after.persona.pending_payments] == sorted(moved.values())
    after, out = run(b, "add_travel_notice", {"destination": "Lisbon", "start": "2026-02-01", "end": "2026-02-10"})
    assert after.persona.travel_notices[0].destination == "Lisbon"
    sub = next(t for t in p.transactions if t.category == "Subscriptions")
    after, out = run(b, "cancel_subscription", {"merchant": sub.merchant})
    assert after.persona.cancelled_subscriptions == (sub.merchant,) and "charges stop" in out.result
    after, out = run(b, "request_credit_limit_increase", {})
    assert after.persona.credit_limit == Decimal("4500.00") and p.credit_limit == Decimal("3600.00")


def test_banking_refusals():
    b = ledger("banking", 0)
    p = b.persona
    reasons = {
        "unfreeze_card": {},
        "dispute_transaction": {"merchant": "Acme Rockets"},
        "transfer": {"from_account": "checking", "to_account": "checking", "amount": 5},
        "pay_bill": {"payee": "Yacht club"},
        "reschedule_bill": {"payee": p.pending_payments[0].payee, "new_date": "2026-01-14"},
        "add_travel_notice": {"destination": "Rome", "start": "2026-03-10", "end": "2026-03-01"},
        "cancel_subscription": {"merchant": "FreshMart"},
        "request_credit_limit_increase": {"new_limit": 100000},
    }
    said = {name: b.call(name, args)[1] for name, args in reasons.items()}
    assert all(isinstance(r, Refusal) for r in said.values()), said
    assert said["unfreeze_card"].reason == "Your card ending 1111 is not frozen."
    assert said["dispute_transaction"].reason == "There is no charge from Acme Rockets on your account in the last 45 days."
    assert "after today" in said["reschedule_bill"].reason
    assert said["cancel_subscription"].reason == "There is no subscription to FreshMart charged to your account."
    assert said["request_credit_limit_increase"].reason == "We can raise your limit to at most $5,400.00 at once, not $100,000.00."


def test_a_credit_limit_increase_is_decided_on_score_and_usage():
    low = next(s for s in range(200) if generate("banking", s, as_of=AS_OF).credit_score < 670)
    refused = call(generate("banking", low, as_of=AS_OF), "request_credit_limit_increase", {})
    assert isinstance(refused, Refusal) and "credit score of at least 670" in refused.reason
    good = generate("banking", 0, as_of=AS_OF)
    assert good.credit_score >= 670
    maxed = good.model_copy(update={"credit_used": good.credit_limit * Decimal("0.95")})
    refused = call(maxed, "request_credit_limit_increase", {})
    assert isinstance(refused, Refusal) and "used 90% or less" in refused.reason


def test_paying_more_than_checking_holds_is_refused():
    people = (generate("banking", s, as_of=AS_OF) for s in range(200))
    p = next(p for p in people if any(x.amount > p.checking_balance for x in p.pending_payments))
    bill = next(x for x in p.pending_payments if x.amount > p.checking_balance)
    refused = call(p, "pay_bill", {"payee": bill.payee})
    assert isinstance(refused, Refusal) and "would overdraw it" in refused.reason


def test_insurance_effects_recompute_premiums_totals_and_the_risk_tier():
    b = ledger("insurance", 0)
    p = b.persona
    auto = next(x for x in p.policies if x.kind == "auto")
    after, out = run(b, "file_claim", {"policy": "auto", "description": "hail damage", "amount": 800})
    claim = after.persona.claims[0]
    assert claim.status == "pending" and claim.date == AS_OF and claim.claim_id in out.result
    assert after.persona.pending_claims == p.pending_claims + 1
    after, out = run(b, "add_driver", {"name": "Sam Doe", "age": 17})
    new = next(x for x in after.persona.policies if x.kind == "auto")
    assert new.monthly_premium == (auto.monthly_premium * Decimal("1.6")).quantize(Decimal("0.01"))
    assert after.persona.monthly_premium == p.monthly_premium - auto.monthly_premium + new.monthly_premium
    home = next(x for x in p.policies if x.kind == "home")
    after, out = run(b, "add_item", {"item": "laptop", "value": 1500})
    covered = next(x for x in after.persona.policies if x.kind == "home")
    assert covered.coverage == home.coverage + 1500 and covered.monthly_premium > home.monthly_premium
    assert after.persona.total_coverage == p.total_coverage + 1500
    after, out = run(b, "change_premium_date", {"new_date": "2026-02-01"})
    assert after.persona.next_premium_due == date(2026, 2, 1)


def test_insurance_refusals():
    p = generate("insurance", 1, as_of=AS_OF)
    life = call(p, "file_claim", {"policy": "life", "description": "x", "amount": 10})
    assert isinstance(life, Refusal) and "beneficiaries" in life.reason
    settled = call(p, "request_claim_update", {"claim_id": p.claims[0].claim_id})
    assert isinstance(settled, Refusal) and "already settled" in settled.reason
    late = call(p, "change_premium_date", {"new_date": (p.next_premium_due + timedelta(days=31)).isoformat()})
    assert isinstance(late, Refusal) and "at most 30 days" in late.reason
    assert isinstance(call(p, "add_item", {"item": "ring", "value": 900}), Refusal)  # no home or renters policy


def test_a_status_update_on_a_pending_claim_is_recorded_once():
    seed = next(s for s in range(100) if any(c.status == "pending" for c in generate("insurance", s, as_of=AS_OF).claims))
    b = ledger("insurance", seed)
    claim = next(c for c in b.persona.claims if c.status == "pending")
    b, out = run(b, "request_claim_update", {"claim_id": claim.claim_id})
    assert b.persona.status_requests == (claim.claim_id,)
    again = b.call("request_claim_update", {"claim_id": claim.claim_id})[1]
    assert isinstance(again, Refusal) and "already requested" in again.reason


def test_healthcare_refill_only_with_refills_left():
    b = ledger("healthcare", 0)
    rx = b.persona.prescriptions[0]
    after, out = run(b, "request_refill", {"medication": rx.medication.lower()})
    assert after.persona.prescriptions[0].refills_left == rx.refills_left - 1
    assert after.persona.prescriptions[0].last_filled == AS_OF
    too_soon = after.call("request_refill", {"medication": rx.medication})[1]
    assert isinstance(too_soon, Refusal) and "7 days after the last fill" in too_soon.reason
    seed = next(s for s in range(100) if generate("healthcare", s, as_of=AS_OF, scenario=None).prescriptions
                and any(x.refills_left == 0 for x in generate("healthcare", s, as_of=AS_OF).prescriptions))
    p = generate("healthcare", seed, as_of=AS_OF)
    empty = next(x for x in p.prescriptions if x.refills_left == 0)
    refused = call(p, "request_refill", {"medication": empty.medication})
    assert isinstance(refused, Refusal) and "no refills left" in refused.reason and empty.prescriber in refused.reason


def test_healthcare_appointments_no_past_dates_no_weekends_no_double_booking():
    b = ledger("healthcare", 0)
    first = b.persona.appointments[0]
    taken = call(b.persona, "book_appointment", {"specialty": "Cardiology", "date": first.date.isoformat(),
                                                  "time": first.time.isoformat()})
    assert isinstance(taken, Refusal) and "already have an appointment" in taken.reason
    weekend = call(b.persona, "book_appointment", {"specialty": "Cardiology", "date": "2026-01-17", "time": "10:00"})
    assert isinstance(weekend, Refusal) and "weekend" in weekend.reason
    after, out = run(b, "book_appointment", {"specialty": "skin", "date": "2026-02-03", "time": "10:30"})
    booked = [x for x in after.persona.appointments if x.date == date(2026, 2, 3)]
    assert booked[0].specialty == "Dermatology" and booked[0].time == time(10, 30)
    after, out = run(after, "move_appointment", {"appointment_date": "2026-02-03", "new_date": "2026-02-05",
                                                 "new_time": "09:00"})
    assert [x.date for x in after.persona.appointments].count(date(2026, 2, 5)) >= 1
    after, out = run(after, "cancel_appointment", {"appointment_date": "2026-02-05"})
    assert after.persona.appointments == b.persona.appointments
    past = call(b.persona, "move_appointment", {"appointment_date": first.date.isoformat(), "new_date": "2025-12-01",
                                                "new_time": "09:00"})
    assert isinstance(past, Refusal) and "after today" in past.reason


def test_a_new_phone_must_be_reserved_for_fiction():
    b = ledger("healthcare", 0)
    real = b.call("update_phone", {"phone": "(212) 867-5309"})[1]
    assert isinstance(real, Refusal) and "reserved for fiction" in real.reason
    after, out = run(b, "update_phone", {"phone": "212 555 0142"})
    assert after.persona.identity.phone == "(212) 555-0142"
    after, out = run(b, "update_address", {"street": "12 Elm St", "city": "Dayton", "postcode": "45402",
                                           "region": "OH"})
    assert after.persona.identity.address.formatted == "12 Elm St, Dayton, OH 45402"


# Machine-readable: every action's schema, for tools= and for an API.

@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_every_action_has_an_openai_tool_schema(mode):
    tools = tool_schemas(mode)
    names = [t["function"]["name"] for t in tools]
    assert len(set(names)) == len(names) >= 7
    for t in tools:
        assert t["type"] == "function" and t["function"]["description"]
        params = t["function"]["parameters"]
        assert params["type"] == "object" and params["additionalProperties"] is False and "title" not in params
    listed = list_actions(generate(mode, 0, as_of=AS_OF))
    assert [a["name"] for a in listed] == names
    assert any(not a["changes_record"] for a in listed) and any(a["changes_record"] for a in listed)


# Invariants after any sequence of actions.

def _candidates(p) -> list[tuple[str, dict]]:
    """Plausible calls on this record: most are allowed, some refused (which must change nothing)."""
    day = lambda n: (p.as_of + timedelta(days=n)).isoformat()  # noqa: E731
    contact = [("update_phone", {"phone": "(312) 555-0123"}),
               ("update_address", {"street": "5 Oak Ave", "city": "Salem", "postcode": "97301", "region": "OR"})]
    if p.mode == "banking":
        out = [("freeze_card", {}), ("unfreeze_card", {}), ("request_credit_limit_increase", {}),
               ("transfer", {"from_account": "savings", "to_account": "checking", "amount": "250.00"}),
               ("transfer", {"from_account": "checking", "to_account": "savings", "amount": str(p.checking_balance + 1)}),
               ("add_travel_notice", {"destination": "Oslo", "start": day(3), "end": day(9)})]
        out += [("dispute_transaction", {"merchant": t.merchant, "date": t.date.isoformat(), "amount": str(-t.amount)})
                for t in p.transactions[:6] if t.amount < 0]
        out += [("pay_bill", {"payee": x.payee}) for x in p.pending_payments]
        out += [("reschedule_bill", {"payee": x.payee, "new_date": (x.due_date + timedelta(days=9)).isoformat()})
                for x in p.pending_payments]
        out += [("cancel_subscription", {"merchant": t.merchant}) for t in p.transactions if t.category == "Subscriptions"]
    elif p.mode == "insurance":
        out = [("file_claim", {"policy": x.policy_number, "description": "storm", "amount": "950.00"}) for x in p.policies]
        out += [("add_driver", {"name": "Alex Roe", "age": 19}), ("add_item", {"item": "camera", "value": 2400}),
                ("change_premium_date", {"new_date": (p.next_premium_due + timedelta(days=4)).isoformat()})]
        out += [("request_claim_update", {"claim_id": c.claim_id}) for c in p.claims[:4]]
    else:
        out = [("request_refill", {"medication": rx.medication}) for rx in p.prescriptions]
        out += [("book_appointment", {"specialty": "Cardiology", "date": day(n), "time": "11:15"}) for n in (5, 6, 19)]
        out += [("move_appointment", {"appointment_date": x.date.isoformat(), "new_date": day(12), "new_time": "14:00"})
                for x in p.appointments]
        out += [("cancel_appointment", {"appointment_date": x.date.isoformat()}) for x in p.appointments]
    return out + contact


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mode=st.sampled_from(["banking", "insurance", "healthcare"]), seed=st.integers(0, 10**6), data=st.data())
def test_any_sequence_of_actions_keeps_every_invariant(mode, seed, data):
    book = Ledger(generate(mode, seed, "en_US", AS_OF))
    for _ in range(data.draw(st.integers(1, 8), label="steps")):
        before = book.persona
        name, args = data.draw(st.sampled_from(_candidates(before)), label="call")
        book, answer = book.call(name, args)
        if isinstance(answer, Proposal):
            if data.draw(st.booleans(), label="confirm"):
                book, outcome = book.confirm()
                assert REFERENCE.match(outcome.reference)
                assert changed_paths(before, book.persona)  # a confirmed action changes the record
            else:
                book = book.cancel()
                assert book.persona == before
        else:
            assert book.persona == before
        # The model validators ran on construction; re-validating the JSON runs them all again.
        assert load_persona(book.persona.model_dump_json()) == book.persona
    assert replay(book.origin, book.events) == book.persona
    assert len(book.persona.actions) == len(book.events)
