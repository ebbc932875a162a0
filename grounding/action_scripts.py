"""Scripted customer requests for the actions eval: per industry, each action asked several ways, with and
without the item named, and requests the record must refuse (an overdraft, a refill at 0, a past
appointment, an unknown merchant).

A script is the customer's turns (context first, the request last) and what should come of the last one:
the action and the arguments it means, checked by running them (``persona.ledger.call``) — a proposal
whose words the planner's must equal, or a refusal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from persona import Formatter, PersonaBase, Proposal, Reading, Refusal
from persona.ledger import call


@dataclass(frozen=True)
class ActionScript:
    """Turns a customer types, and the action (with arguments) the last one asks for."""

    mode: str
    seed: int
    action: str
    phrasing: str
    """"named" (the item in the request), "context" (named in an earlier turn), "plain" (no item needed)."""
    turns: tuple[str, ...]
    arguments: dict = field(default_factory=dict)
    expected: Proposal | Refusal | Reading | None = None

    @property
    def refusal(self) -> bool:
        return isinstance(self.expected, Refusal)


def _script(p: PersonaBase, action: str, phrasing: str, turns, arguments: dict) -> ActionScript | None:
    expected = call(p, action, arguments)
    if isinstance(expected, Refusal) and expected.reason.endswith("?"):
        return None  # these arguments don't name one item of this record (two charges alike): no script
    return ActionScript(p.mode, p.seed, action, phrasing, tuple(turns), arguments, expected)


def _weekday_after(p: PersonaBase, days: int, taken: set[date] = frozenset()) -> date:
    day = p.as_of + timedelta(days=days)
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


def _contact(p: PersonaBase) -> Iterator[ActionScript]:
    if p.locale != "en_US":
        return
    yield _script(p, "update_phone", "named", ["My new phone number is (312) 555-0147, please update it."],
                  {"phone": "(312) 555-0147"})
    yield _script(p, "update_phone", "named", ["Change my phone number to 312-867-5309."], {"phone": "312-867-5309"})
    yield _script(p, "update_address", "named", ["I moved: my new address is 12 Elm St, Dayton, OH 45402."],
                  {"street": "12 Elm St", "city": "Dayton", "postcode": "45402", "region": "OH"})


def banking(p) -> Iterator[ActionScript]:
    fmt, last4 = Formatter(p.locale), p.card_number[-4:]
    yield _script(p, "freeze_card", "plain", ["Please block my card."], {})
    yield _script(p, "freeze_card", "named", [f"Can you freeze my card ending {last4}?"], {})
    yield _script(p, "freeze_card", "plain", ["I think I lost my card, can you lock it?"], {})
    yield _script(p, "unfreeze_card", "plain", ["Please unfreeze my card."], {})  # not frozen: refused
    charges = [t for t in p.transactions if t.amount < 0 and t.category not in ("Income",)]
    merchants = [t.merchant for t in p.transactions]
    unique = [t for t in charges if merchants.count(t.merchant) == 1]
    repeated = [t for t in charges if merchants.count(t.merchant) > 1]
    for t in (unique[:1] + repeated[:1]):
        args = {"merchant": t.merchant, "amount": str(-t.amount), "date": t.date.isoformat()}
        amount, day = fmt.money(-t.amount), fmt.short_date(t.date)
        yield _script(p, "dispute_transaction", "named",
                      [f"I want to dispute the {t.merchant} charge of {amount} on {day}."], args)
        yield _script(p, "dispute_transaction", "context",
                      [f"Why was I charged {amount} at {t.merchant} on {day}?", "Can you dispute that charge?"], args)
        yield _script(p, "dispute_transaction", "named",
                      [f"I didn't make the {amount} purchase at {t.merchant}, please dispute it."], args)
    if unique:
        t = unique[0]
        yield _script(p, "dispute_transaction", "named", [f"Please dispute the {t.merchant} charge."],
                      {"merchant": t.merchant, "amount": str(-t.amount), "date": t.date.isoformat()})
    yield _script(p, "dispute_transaction", "named", ["Please dispute the charge from Acme Rockets."],
                  {"merchant": "Acme Rockets"})
    small = min(Decimal(200), (p.savings_balance / 2).quantize(Decimal(1)))
    yield _script(p, "transfer", "named", [f"Move {fmt.money(small)} from savings to checking."],
                  {"from_account": "savings", "to_account": "checking", "amount": str(small)})
    yield _script(p, "transfer", "named", ["Please transfer $150.00 to my savings."],
                  {"from_account": "checking", "to_account": "savings", "amount": "150.00"})
    yield _script(p, "transfer", "named", ["Can you put 100 dollars into savings?"],
                  {"from_account": "checking", "to_account": "savings", "amount": "100"})
    big = (p.savings_balance + 1000).quantize(Decimal(1))
    yield _script(p, "transfer", "named", [f"Transfer {fmt.money(big)} from my savings to checking."],
                  {"from_account": "savings", "to_account": "checking", "amount": str(big)})
    for x in p.pending_payments[:2]:
        noun = _noun(x.payee)
        yield _script(p, "pay_bill", "named", [f"Please pay my {noun} now."], {"payee": x.payee})
        later = x.due_date + timedelta(days=7)
        yield _script(p, "reschedule_bill", "named", [f"Can you move my {noun} to {fmt.short_date(later)}?"],
                      {"payee": x.payee, "new_date": later.isoformat()})
        yield _script(p, "reschedule_bill", "context",
                      [f"When is my {noun} due?", f"Can I move the due date to {fmt.short_date(later)}?"],
                      {"payee": x.payee, "new_date": later.isoformat()})
        yield _script(p, "reschedule_bill", "named", [f"Please push my {noun} back a week."],
                      {"payee": x.payee, "new_date": later.isoformat()})
        past = p.as_of - timedelta(days=3)
        yield _script(p, "reschedule_bill", "named", [f"Move my {noun} to {fmt.short_date(past)}."],
                      {"payee": x.payee, "new_date": past.isoformat()})
    start, end = p.as_of + timedelta(days=17), p.as_of + timedelta(days=26)
    yield _script(p, "add_travel_notice", "named",
                  [f"Add a travel notice for Lisbon from {fmt.short_date(start)} to {fmt.short_date(end)}."],
                  {"destination": "Lisbon", "start": start.isoformat(), "end": end.isoformat()})
    yield _script(p, "add_travel_notice", "named",
                  [f"I'm travelling to Japan from {fmt.short_date(start)} to {fmt.short_date(end)}, please note it "
                   "on my card."], {"destination": "Japan", "start": start.isoformat(), "end": end.isoformat()})
    yield _script(p, "add_travel_notice", "named",
                  [f"Please add a travel notice for Rome from {fmt.short_date(p.as_of - timedelta(days=9))} to "
                   f"{fmt.short_date(p.as_of - timedelta(days=2))}."],
                  {"destination": "Rome", "start": (p.as_of - timedelta(days=9)).isoformat(),
                   "end": (p.as_of - timedelta(days=2)).isoformat()})
    subs = list(dict.fromkeys(t.merchant for t in p.transactions if t.category == "Subscriptions"))
    for merchant in subs[:1]:
        t = next(t for t in p.transactions if t.merchant == merchant)
        yield _script(p, "cancel_subscription", "named", [f"Cancel my {merchant} subscription."], {"merchant": merchant})
        yield _script(p, "cancel_subscription", "named",
                      [f"How do I stop the {fmt.money(-t.amount)} {merchant} charges on my account?"],
                      {"merchant": merchant})
        yield _script(p, "cancel_subscription", "named", [f"Please unsubscribe me from {merchant}."],
                      {"merchant": merchant})
    yield _script(p, "cancel_subscription", "named", ["Cancel my Streamly subscription."], {"merchant": "Streamly"})
    yield _script(p, "request_credit_limit_increase", "plain", ["Can you raise my credit limit?"], {})
    yield _script(p, "request_credit_limit_increase", "plain", ["I'd like a higher credit limit, please."], {})
    target = (p.credit_limit * Decimal("1.2") / 100).quantize(Decimal(1)) * 100
    yield _script(p, "request_credit_limit_increase", "named",
                  [f"Please increase my limit to {fmt.money(target)}."], {"new_limit": str(target)})
    yield _script(p, "search_transactions", "named", [f"Show my transactions at {p.transactions[0].merchant}."],
                  {"merchant": p.transactions[0].merchant})
    yield from _contact(p)


_NOUNS = {"Car loan": "car loan payment", "Internet": "internet bill", "Credit card payment": "credit card bill"}


def _noun(payee: str) -> str:
    return _NOUNS.get(payee, payee.lower())


_INCIDENTS = {"auto": "a cracked windshield", "home": "storm damage", "renters": "stolen property",
              "pet": "veterinary treatment", "umbrella": "a liability claim"}


def insurance(p) -> Iterator[ActionScript]:
    fmt = Formatter(p.locale)
    for x in p.policies:
        if x.kind not in _INCIDENTS:
            continue
        what = _INCIDENTS[x.kind]
        bare = what.removeprefix("a ")
        yield _script(p, "file_claim", "named",
                      [f"I need to file a claim for {what} on my {x.kind} policy, about $1,200."],
                      {"policy": x.kind, "description": bare, "amount": "1200"})
        yield _script(p, "file_claim", "named", [f"File a claim on policy {x.policy_number} for {bare}, $800."],
                      {"policy": x.policy_number, "description": bare, "amount": "800"})
        over = (x.coverage + 5000).quantize(Decimal(1))
        yield _script(p, "file_claim", "named",
                      [f"I want to file a claim for {bare} on my {x.kind} policy for {fmt.money(over)}."],
                      {"policy": x.kind, "description": bare, "amount": str(over)})
        break
    yield _script(p, "add_driver", "named", ["Please add my son Jake Miller, 17, as a driver on my auto policy."],
                  {"name": "Jake Miller", "age": 17})
    yield _script(p, "add_driver", "named", ["Add a driver to my car insurance: Maria Lopez, age 34."],
                  {"name": "Maria Lopez", "age": 34})
    yield _script(p, "add_item", "named", ["Please add my new camera worth $2,400 to my home policy."],
                  {"item": "camera", "value": "2400"})
    yield _script(p, "add_item", "named", ["Can you cover my new laptop, worth $1,800, on my renters policy?"],
                  {"item": "laptop", "value": "1800"})
    later = p.next_premium_due + timedelta(days=5)
    yield _script(p, "change_premium_date", "named", [f"Can you move my premium to {fmt.short_date(later)}?"],
                  {"new_date": later.isoformat()})
    yield _script(p, "change_premium_date", "context",
                  ["When is my next premium due?", f"Please change the premium due date to {fmt.short_date(later)}."],
                  {"new_date": later.isoformat()})
    late = p.next_premium_due + timedelta(days=45)
    yield _script(p, "change_premium_date", "named", [f"Move my premium payment to {fmt.short_date(late)}."],
                  {"new_date": late.isoformat()})
    pending = [c for c in p.claims if c.status == "pending"]
    settled = [c for c in p.claims if c.status != "pending"]
    for c in pending[:1]:
        yield _script(p, "request_claim_update", "named", [f"Can you chase my claim {c.claim_id}?"],
                      {"claim_id": c.claim_id})
        yield _script(p, "request_claim_update", "named", [f"I'd like a status update on claim {c.claim_id}."],
                      {"claim_id": c.claim_id})
        yield _script(p, "request_claim_update", "context",
                      [f"My claim {c.claim_id} has been pending since {fmt.short_date(c.date)}. When will it be paid?",
                       "Can you follow up on it for me?"], {"claim_id": c.claim_id})
    for c in settled[:1]:
        yield _script(p, "request_claim_update", "named", [f"Please chase claim {c.claim_id}."],
                      {"claim_id": c.claim_id})
    if p.claims:
        yield _script(p, "claim_details", "named", [f"Tell me about claim {p.claims[-1].claim_id}."],
                      {"claim_id": p.claims[-1].claim_id})
    yield from _contact(p)


def healthcare(p) -> Iterator[ActionScript]:
    fmt = Formatter(p.locale)
    for rx in p.prescriptions[:2]:
        yield _script(p, "request_refill", "named", [f"Can I get a refill of my {rx.medication}?"],
                      {"medication": rx.medication})
        yield _script(p, "request_refill", "named", [f"Please refill my {rx.medication} prescription."],
                      {"medication": rx.medication})
        yield _script(p, "request_refill", "context",
                      [f"How many refills are left on my {rx.medication}?", "Can you refill it for me?"],
                      {"medication": rx.medication})
    taken = {a.date for a in p.appointments}
    day = _weekday_after(p, 10, taken)
    yield _script(p, "book_appointment", "named", [f"Book a dermatology appointment on {fmt.short_date(day)} at 10:30 am."],
                  {"specialty": "dermatology", "date": day.isoformat(), "time": "10:30"})
    yield _script(p, "book_appointment", "named",
                  [f"Can you schedule me a check-up with my doctor on {fmt.short_date(day)} at 2pm?"],
                  {"specialty": "primary care", "date": day.isoformat(), "time": "14:00"})
    yield _script(p, "book_appointment", "named", [f"I need to see a cardiologist on {fmt.short_date(day)} at 9:15."],
                  {"specialty": "cardiologist", "date": day.isoformat(), "time": "09:15"})
    past = p.as_of - timedelta(days=6)
    yield _script(p, "book_appointment", "named", [f"Book a dermatology appointment on {fmt.short_date(past)} at 10:00."],
                  {"specialty": "dermatology", "date": past.isoformat(), "time": "10:00"})
    if p.appointments:
        a = p.appointments[0]
        yield _script(p, "book_appointment", "named",
                      [f"Book a cardiology appointment on {fmt.short_date(a.date)} at {a.time.strftime('%H:%M')}."],
                      {"specialty": "cardiology", "date": a.date.isoformat(), "time": a.time.strftime("%H:%M")})
        new = _weekday_after(p, 12, taken)
        yield _script(p, "move_appointment", "named",
                      [f"Can I move my appointment on {fmt.short_date(a.date)} to {fmt.short_date(new)} at 11:00?"],
                      {"appointment_date": a.date.isoformat(), "new_date": new.isoformat(), "new_time": "11:00"})
        yield _script(p, "move_appointment", "named",
                      [f"Please reschedule my appointment with {a.provider} to {fmt.short_date(new)} at 3pm."],
                      {"provider": a.provider, "new_date": new.isoformat(), "new_time": "15:00"})
        yield _script(p, "move_appointment", "context",
                      [f"What time is my appointment with {a.provider} on {fmt.short_date(a.date)}?",
                       f"Please reschedule that appointment to {fmt.short_date(new)} at 11:00."],
                      {"appointment_date": a.date.isoformat(), "new_date": new.isoformat(), "new_time": "11:00"})
        yield _script(p, "move_appointment", "named",
                      [f"Move my appointment on {fmt.short_date(a.date)} to {fmt.short_date(past)} at 9am."],
                      {"appointment_date": a.date.isoformat(), "new_date": past.isoformat(), "new_time": "09:00"})
        yield _script(p, "cancel_appointment", "named", [f"Please cancel my appointment on {fmt.short_date(a.date)}."],
                      {"appointment_date": a.date.isoformat()})
        yield _script(p, "cancel_appointment", "named", [f"Cancel my visit with {a.provider}."],
                      {"provider": a.provider})
    if p.prescriptions:
        rx = p.prescriptions[-1]
        yield _script(p, "prescription_details", "named", [f"Tell me about my {rx.medication} prescription."],
                      {"medication": rx.medication})
    yield from _contact(p)


def banking_held_out(p) -> Iterator[ActionScript]:
    """A second set of phrasings, written after the planner was tuned on the first (its first run: 73% right,
    70% refused as they should be; the planner was then extended, see the README)."""
    fmt, h = Formatter(p.locale), "held-out"
    yield _script(p, "freeze_card", h, ["My wallet was stolen, please deactivate the card right away."], {})
    yield _script(p, "freeze_card", h, ["Could you put a block on my card?"], {})
    merchants = [t.merchant for t in p.transactions]
    for t in [t for t in p.transactions if t.amount < 0 and merchants.count(t.merchant) == 1][:1]:
        args = {"merchant": t.merchant, "amount": str(-t.amount), "date": t.date.isoformat()}
        yield _script(p, "dispute_transaction", h,
                      [f"That {fmt.money(-t.amount)} charge from {t.merchant} wasn't me. I want to contest it."], args)
        yield _script(p, "dispute_transaction", h, [f"What was the {t.merchant} transaction on {fmt.short_date(t.date)}?",
                                                    "I never made that purchase."], args)
    yield _script(p, "transfer", h, ["I'd like to shift $75 from checking over to savings."],
                  {"from_account": "checking", "to_account": "savings", "amount": "75"})
    yield _script(p, "transfer", h, ["Send 300 dollars from my savings account into checking please"],
                  {"from_account": "savings", "to_account": "checking", "amount": "300"})
    yield _script(p, "transfer", h, ["Please move $50,000 from checking to savings."],
                  {"from_account": "checking", "to_account": "savings", "amount": "50000"})
    for x in p.pending_payments[:1]:
        noun, later = _noun(x.payee), x.due_date + timedelta(days=6)
        yield _script(p, "pay_bill", h, [f"Could you settle my {noun} today?"], {"payee": x.payee})
        yield _script(p, "pay_bill", h, [f"I want to pay the {noun} early."], {"payee": x.payee})
        yield _script(p, "reschedule_bill", h, [f"Is it possible to postpone my {noun} until {fmt.short_date(later)}?"],
                      {"payee": x.payee, "new_date": later.isoformat()})
        yield _script(p, "reschedule_bill", h, [f"Please change the due date of my {noun} to {fmt.short_date(later)}."],
                      {"payee": x.payee, "new_date": later.isoformat()})
    d1, d2 = p.as_of + timedelta(days=20), p.as_of + timedelta(days=31)
    yield _script(p, "add_travel_notice", h,
                  [f"Heading to Canada from {fmt.short_date(d1)} to {fmt.short_date(d2)}, can you make sure my card "
                   "works there?"], {"destination": "Canada", "start": d1.isoformat(), "end": d2.isoformat()})
    yield _script(p, "add_travel_notice", h,
                  [f"Please put a travel alert on my card for Mexico, {fmt.short_date(d1)} to {fmt.short_date(d2)}."],
                  {"destination": "Mexico", "start": d1.isoformat(), "end": d2.isoformat()})
    for merchant in list(dict.fromkeys(t.merchant for t in p.transactions if t.category == "Subscriptions"))[:1]:
        yield _script(p, "cancel_subscription", h, [f"I don't want {merchant} anymore, please cancel it."],
                      {"merchant": merchant})
        yield _script(p, "cancel_subscription", h, [f"End the {merchant} membership."], {"merchant": merchant})
    yield _script(p, "request_credit_limit_increase", h, ["Could you bump up my credit limit?"], {})
    yield _script(p, "request_credit_limit_increase", h, ["Can I get a limit increase on my card?"], {})
    yield _script(p, "dispute_transaction", h, ["Dispute the Quantum Outfitters charge."],
                  {"merchant": "Quantum Outfitters"})


def insurance_held_out(p) -> Iterator[ActionScript]:
    fmt, h = Formatter(p.locale), "held-out"
    for x in [x for x in p.policies if x.kind in _INCIDENTS][:1]:
        bare = _INCIDENTS[x.kind].removeprefix("a ")
        yield _script(p, "file_claim", h,
                      [f"I'd like to report a claim for {bare} on my {x.kind} policy, it's about $640."],
                      {"policy": x.kind, "description": bare, "amount": "640"})
        yield _script(p, "file_claim", h, [f"Open a claim on {x.policy_number}: {bare}, $1,100."],
                      {"policy": x.policy_number, "description": bare, "amount": "1100"})
    yield _script(p, "add_driver", h, ["My wife Ana Silva (41) will be driving my car too, please add her to the policy."],
                  {"name": "Ana Silva", "age": 41})
    yield _script(p, "add_driver", h, ["Can you put my nephew Tom Baker, age 22, on my auto insurance as a driver?"],
                  {"name": "Tom Baker", "age": 22})
    yield _script(p, "add_item", h, ["I'd like to insure my new piano worth $6,000 under my home policy."],
                  {"item": "piano", "value": "6000"})
    yield _script(p, "add_item", h, ["Please schedule a watch valued at $3,200 on my home insurance."],
                  {"item": "watch", "value": "3200"})
    later = p.next_premium_due + timedelta(days=8)
    yield _script(p, "change_premium_date", h, [f"Could my premium be due on {fmt.short_date(later)} instead?"],
                  {"new_date": later.isoformat()})
    yield _script(p, "change_premium_date", h, [f"Please shift my premium payment to {fmt.short_date(later)}."],
                  {"new_date": later.isoformat()})
    for c in [c for c in p.claims if c.status == "pending"][:1]:
        yield _script(p, "request_claim_update", h, [f"Any update on claim {c.claim_id}? Please follow up."],
                      {"claim_id": c.claim_id})
        yield _script(p, "request_claim_update", h, [f"Can you check on the status of claim {c.claim_id} for me?"],
                      {"claim_id": c.claim_id})


def healthcare_held_out(p) -> Iterator[ActionScript]:
    fmt, h = Formatter(p.locale), "held-out"
    for rx in p.prescriptions[:1]:
        yield _script(p, "request_refill", h, [f"I'm almost out of my {rx.medication}. Could you order a refill?"],
                      {"medication": rx.medication})
        yield _script(p, "request_refill", h, [f"Refill {rx.medication}, please."], {"medication": rx.medication})
    taken = {a.date for a in p.appointments}
    day = _weekday_after(p, 15, taken)
    yield _script(p, "book_appointment", h, [f"I'd like to book a physical therapy visit on {fmt.short_date(day)} at 1:45 pm."],
                  {"specialty": "physical therapy", "date": day.isoformat(), "time": "13:45"})
    yield _script(p, "book_appointment", h, [f"Can you set up an eye exam for {fmt.short_date(day)} at 8:30am?"],
                  {"specialty": "eye", "date": day.isoformat(), "time": "08:30"})
    for a in p.appointments[:1]:
        new = _weekday_after(p, 16, taken)
        yield _script(p, "move_appointment", h,
                      [f"I can't make my appointment on {fmt.short_date(a.date)}; can we move it to "
                       f"{fmt.short_date(new)} at 10am?"],
                      {"appointment_date": a.date.isoformat(), "new_date": new.isoformat(), "new_time": "10:00"})
        yield _script(p, "move_appointment", h,
                      [f"Could you shift my visit with {a.provider} to {fmt.short_date(new)} at 4pm?"],
                      {"provider": a.provider, "new_date": new.isoformat(), "new_time": "16:00"})
        yield _script(p, "cancel_appointment", h, [f"Please call off my appointment on {fmt.short_date(a.date)}."],
                      {"appointment_date": a.date.isoformat()})
        yield _script(p, "cancel_appointment", h, [f"I need to cancel the visit on {fmt.short_date(a.date)}."],
                      {"appointment_date": a.date.isoformat()})
    yield _script(p, "update_phone", h, ["Please update my phone to 415 555 0133."], {"phone": "415 555 0133"})
    yield _script(p, "update_address", h, ["Change my address to 77 Pine Road, Austin, TX 78701."],
                  {"street": "77 Pine Road", "city": "Austin", "postcode": "78701", "region": "TX"})


def banking_blind(p) -> Iterator[ActionScript]:
    """A third set, written after the second was tuned on; its first, untuned run: 76% right, 68% refused as they
    should be. The planner then learnt its missing phrasings too (see the README)."""
    fmt, h = Formatter(p.locale), "blind"
    yield _script(p, "freeze_card", h, ["hey can u freeze the card asap"], {})
    yield _script(p, "freeze_card", h, ["Someone has my card details. Stop the card please."], {})
    merchants = [t.merchant for t in p.transactions]
    for t in [t for t in p.transactions if t.amount < 0 and merchants.count(t.merchant) == 1][:1]:
        args = {"merchant": t.merchant, "amount": str(-t.amount), "date": t.date.isoformat()}
        yield _script(p, "dispute_transaction", h, [f"I don't recognise {t.merchant} on my statement, dispute it please"],
                      args)
        yield _script(p, "dispute_transaction", h, [f"Please raise a dispute for {fmt.money(-t.amount)} at {t.merchant}."],
                      args)
    yield _script(p, "transfer", h, ["transfer 50 from checking to savings"],
                  {"from_account": "checking", "to_account": "savings", "amount": "50"})
    yield _script(p, "transfer", h, ["Could you move $120 over to my checking account from savings?"],
                  {"from_account": "savings", "to_account": "checking", "amount": "120"})
    for x in p.pending_payments[:1]:
        noun, later = _noun(x.payee), x.due_date + timedelta(days=4)
        yield _script(p, "pay_bill", h, [f"go ahead and pay the {noun}"], {"payee": x.payee})
        yield _script(p, "reschedule_bill", h, [f"Can the {noun} be due on {fmt.short_date(later)} instead?"],
                      {"payee": x.payee, "new_date": later.isoformat()})
    d1, d2 = p.as_of + timedelta(days=12), p.as_of + timedelta(days=19)
    yield _script(p, "add_travel_notice", h,
                  [f"I'll be in Spain {fmt.short_date(d1)} to {fmt.short_date(d2)}, please add a travel notice"],
                  {"destination": "Spain", "start": d1.isoformat(), "end": d2.isoformat()})
    for merchant in list(dict.fromkeys(t.merchant for t in p.transactions if t.category == "Subscriptions"))[:1]:
        yield _script(p, "cancel_subscription", h, [f"stop paying for {merchant}"], {"merchant": merchant})
    yield _script(p, "request_credit_limit_increase", h, ["I need more credit on my card, can you increase it?"], {})
    yield _script(p, "transfer", h, [f"Move {fmt.money(p.checking_balance + 500)} from checking into savings."],
                  {"from_account": "checking", "to_account": "savings", "amount": str(p.checking_balance + 500)})
    yield _script(p, "cancel_subscription", h, ["Cancel the Netflux subscription"], {"merchant": "Netflux"})


def insurance_blind(p) -> Iterator[ActionScript]:
    fmt, h = Formatter(p.locale), "blind"
    for x in [x for x in p.policies if x.kind in _INCIDENTS][:1]:
        bare = _INCIDENTS[x.kind].removeprefix("a ")
        yield _script(p, "file_claim", h, [f"need to make a {x.kind} claim for {bare}, cost me $430"],
                      {"policy": x.kind, "description": bare, "amount": "430"})
    yield _script(p, "add_driver", h, ["Add Chris Young, 29, to my auto policy please"], {"name": "Chris Young", "age": 29})
    yield _script(p, "add_item", h, ["Please add a bike worth $900 to my home insurance"], {"item": "bike", "value": "900"})
    later = p.next_premium_due + timedelta(days=3)
    yield _script(p, "change_premium_date", h, [f"Please move my next premium payment date to {fmt.short_date(later)}."],
                  {"new_date": later.isoformat()})
    for c in [c for c in p.claims if c.status == "pending"][:1]:
        yield _script(p, "request_claim_update", h, [f"Please ask the claims team about {c.claim_id}, it's taking ages"],
                      {"claim_id": c.claim_id})
    for c in [c for c in p.claims if c.status != "pending"][:1]:
        yield _script(p, "request_claim_update", h, [f"Can you follow up on claim {c.claim_id}?"], {"claim_id": c.claim_id})


def healthcare_blind(p) -> Iterator[ActionScript]:
    fmt, h = Formatter(p.locale), "blind"
    for rx in p.prescriptions[:1]:
        yield _script(p, "request_refill", h, [f"need a {rx.medication} refill"], {"medication": rx.medication})
    for rx in [rx for rx in p.prescriptions if rx.refills_left == 0][:1]:
        yield _script(p, "request_refill", h, [f"Can you send a refill for {rx.medication} to my pharmacy?"],
                      {"medication": rx.medication})
    taken = {a.date for a in p.appointments}
    day = _weekday_after(p, 20, taken)
    yield _script(p, "book_appointment", h, [f"Please book me with dermatology, {fmt.short_date(day)} at 11am"],
                  {"specialty": "dermatology", "date": day.isoformat(), "time": "11:00"})
    for a in p.appointments[:1]:
        new = _weekday_after(p, 21, taken)
        yield _script(p, "move_appointment", h,
                      [f"Reschedule my {fmt.short_date(a.date)} appointment to {fmt.short_date(new)}, 2:30 pm"],
                      {"appointment_date": a.date.isoformat(), "new_date": new.isoformat(), "new_time": "14:30"})
        yield _script(p, "cancel_appointment", h, [f"cancel the {fmt.short_date(a.date)} appointment pls"],
                      {"appointment_date": a.date.isoformat()})
        yield _script(p, "move_appointment", h,
                      [f"Move my appointment on {fmt.short_date(a.date)} to last Monday at 10am"],
                      {"appointment_date": a.date.isoformat(),
                       "new_date": (p.as_of - timedelta(days=p.as_of.weekday() or 7)).isoformat(), "new_time": "10:00"})


BLIND: dict[str, Callable[[PersonaBase], Iterator[ActionScript]]] = {
    "banking": banking_blind, "insurance": insurance_blind, "healthcare": healthcare_blind}


HELD_OUT: dict[str, Callable[[PersonaBase], Iterator[ActionScript]]] = {
    "banking": banking_held_out, "insurance": insurance_held_out, "healthcare": healthcare_held_out}


SCRIPTS: dict[str, Callable[[PersonaBase], Iterator[ActionScript]]] = {
    "banking": banking, "insurance": insurance, "healthcare": healthcare}
"""Each industry's scripts, by mode."""


def scripts(persona: PersonaBase, held_out: bool = True) -> list[ActionScript]:
    """The persona's scripts: the tuned set, then (``held_out``) the held-out phrasings."""
    made = [*SCRIPTS[persona.mode](persona),
            *((*HELD_OUT[persona.mode](persona), *BLIND[persona.mode](persona)) if held_out else ())]
    return [s for s in made if s is not None]
