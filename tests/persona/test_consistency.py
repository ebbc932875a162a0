"""Internal consistency: invariants hold over thousands of seeds, locales and days, and the model
validators reject a persona with one field made inconsistent, saying what is wrong."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from persona import AS_OF_RANGE, SEED_SPACE, generate, list_locales, load_persona
from persona.fakesafe import is_fictional_phone
from persona.models import add_years, years_between

AS_OF = date(2026, 1, 15)
seeds = st.integers(0, SEED_SPACE - 1)
locales = st.sampled_from(sorted(list_locales()))
as_ofs = st.dates(*AS_OF_RANGE)
MANY = settings(max_examples=2500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def common(p, as_of: date) -> None:
    ident = p.identity
    assert p.as_of == as_of
    assert 18 <= ident.age <= 90 and years_between(ident.birth_date, as_of) == ident.age
    assert add_years(ident.birth_date, 18) <= p.member_since < as_of
    assert is_fictional_phone(p.locale, ident.phone)
    assert ident.email.split("@")[1] in {"example.com", "example.net", "example.org"}
    assert "\n" not in ident.address.formatted and ident.address.city in ident.address.formatted


def places(amount: Decimal) -> int:
    return max(0, -amount.as_tuple().exponent)


@MANY
@given(seed=seeds, locale=locales, as_of=as_ofs)
def test_banking_invariants(seed, locale, as_of):
    p = generate("banking", seed, locale, as_of)
    common(p, as_of)
    assert 0 <= p.credit_used <= p.credit_limit and p.available_credit == p.credit_limit - p.credit_used
    assert 300 <= p.credit_score <= 850
    ages = [(as_of - t.date).days for t in p.transactions]
    assert ages == sorted(ages) and all(0 <= a < 45 for a in ages)  # newest first, past, in the window
    assert p.monthly_spending == sum((-t.amount for t in p.transactions if t.amount < 0 and (as_of - t.date).days < 30),
                                     Decimal("0.00"))
    assert all(places(t.amount) == 2 for t in p.transactions)
    income = [t for t in p.transactions if t.category == "Income"]
    assert income and all(t.amount > 0 for t in income) and all(t.amount < 0 for t in p.transactions if t not in income)
    due = [x.due_date for x in p.pending_payments]
    assert due == sorted(due) and all(d > as_of for d in due)
    assert all(x.amount <= p.credit_used for x in p.pending_payments if x.payee == "Credit card payment")


def tier(claims, as_of: date) -> str:
    recent = sum(1 for c in claims if (as_of - c.date).days <= 3 * 365 and c.status != "denied")
    return ["low", "moderate", "elevated", "high"][min(recent, 3)]


@MANY
@given(seed=seeds, locale=locales, as_of=as_ofs)
def test_insurance_invariants(seed, locale, as_of):
    p = generate("insurance", seed, locale, as_of)
    common(p, as_of)
    kinds = [x.kind for x in p.policies]
    assert 1 <= len(kinds) == len(set(kinds)) <= 4 and not {"home", "renters"} <= set(kinds)
    assert "umbrella" not in kinds or {"auto", "home", "renters"} & set(kinds)
    assert p.total_coverage == sum(x.coverage for x in p.policies)
    assert p.monthly_premium == sum(x.monthly_premium for x in p.policies)
    assert p.pending_claims == sum(c.status == "pending" for c in p.claims)
    assert p.next_premium_due > as_of
    for x in p.policies:
        assert p.member_since <= x.term_start <= as_of < x.renewal_date == x.term_start + timedelta(days=365)
    coverage = {x.kind: x.coverage for x in p.policies}
    for c in p.claims:
        assert p.member_since <= c.date <= as_of and c.amount <= coverage[c.kind]
        assert c.status != "pending" or (as_of - c.date).days < 60
    assert [c.date for c in p.claims] == sorted((c.date for c in p.claims), reverse=True)
    assert p.risk_tier == tier(p.claims, as_of)


@MANY
@given(seed=seeds, locale=locales, as_of=as_ofs)
def test_healthcare_invariants(seed, locale, as_of):
    p = generate("healthcare", seed, locale, as_of)
    common(p, as_of)
    assert 0 <= p.deductible_met <= p.deductible <= p.out_of_pocket_max
    assert p.deductible_met <= p.out_of_pocket_spent <= p.out_of_pocket_max
    slots = [(a.date, a.time) for a in p.appointments]
    assert slots == sorted(set(slots))  # in order, no double booking
    assert all(as_of < a.date <= as_of + timedelta(days=92) and a.date.weekday() < 5 for a in p.appointments)
    assert p.member_since <= p.last_visit <= as_of
    assert all(as_of - timedelta(days=80) <= rx.last_filled < as_of for rx in p.prescriptions)
    meds = {rx.medication for rx in p.prescriptions}
    assert len(meds) == len(p.prescriptions)
    assert not {"Sertraline", "Escitalopram"} <= meds and not {"Lisinopril", "Losartan"} <= meds


@settings(max_examples=300, deadline=None)
@given(mode=st.sampled_from(["banking", "insurance", "healthcare"]), seed=seeds, locale=locales, as_of=as_ofs)
def test_json_round_trips_through_validation(mode, seed, locale, as_of):
    p = generate(mode, seed, locale, as_of)
    assert load_persona(p.model_dump_json()) == p
    assert load_persona(p.model_dump(mode="json")) == p


def tweak(p, **changes):
    """``model_dump(mode="json")`` with one field replaced; ``a__0__b`` reaches into lists.

    A scenario reference to a replaced field follows it, so the field itself is the one inconsistency.
    """
    data = p.model_dump(mode="json")
    for path, value in changes.items():
        target = data
        *parents, leaf = path.split("__")
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[int(leaf) if isinstance(target, list) else leaf] = value
        dotted = re.sub(r"__(\d+)", r"[\1]", path).replace("__", ".")
        for ref in data["scenario"]["refs"] if not path.startswith("scenario") else ():
            if ref["path"] == dotted:
                ref["value"] = str(value)
    return data


def first(mode: str, test) -> object:
    """The first en_US persona (seed 0, 1, …) for which ``test(persona)`` holds."""
    return next(p for p in (generate(mode, s, "en_US", AS_OF) for s in range(500)) if test(p))


DAY = timedelta(days=1)
REJECTED = [
    # banking
    ("banking", lambda p: True, lambda p: {"credit_used": str(p.credit_limit + Decimal("0.01"))},
     "credit_used .* exceeds credit_limit"),
    ("banking", lambda p: True, lambda p: {"monthly_spending": str(p.monthly_spending + 1)}, "monthly_spending .* must equal"),
    ("banking", lambda p: True, lambda p: {"transactions__0__amount": "-1.005"}, "at most two decimal places"),
    ("banking", lambda p: True, lambda p: {"transactions__0__date": str(AS_OF + DAY)}, "newest first, within"),
    ("banking", lambda p: True, lambda p: {"transactions__0__date": str(AS_OF - 45 * DAY)}, "within the 45 days"),
    ("banking", lambda p: len(p.transactions) > 2, lambda p: {"transactions__0__date": str(p.transactions[-1].date - DAY)},
     "newest first"),
    ("banking", lambda p: p.pending_payments, lambda p: {"pending_payments__0__due_date": str(AS_OF)}, "due after as_of"),
    ("banking", lambda p: any(x.payee == "Credit card payment" for x in p.pending_payments),
     lambda p: {f"pending_payments__{[x.payee for x in p.pending_payments].index('Credit card payment')}__amount":
                str(p.credit_used + 1)}, "cannot exceed the card balance"),
    ("banking", lambda p: True, lambda p: {"card_number": "4242424242424241"}, "published test numbers"),
    ("banking", lambda p: True, lambda p: {"checking_account": "1234567890"}, "String should match pattern"),
    ("banking", lambda p: True, lambda p: {"credit_score": 900}, "less than or equal to 850"),
    # insurance
    ("insurance", lambda p: True, lambda p: {"total_coverage": str(p.total_coverage + 1)}, "total_coverage must equal"),
    ("insurance", lambda p: True, lambda p: {"monthly_premium": "1.00"}, "monthly_premium must equal"),
    ("insurance", lambda p: True, lambda p: {"pending_claims": p.pending_claims + 1}, "pending_claims must count"),
    ("insurance", lambda p: True, lambda p: {"policies__0__renewal_date": str(AS_OF)}, "renewal after as_of"),
    ("insurance", lambda p: True, lambda p: {"policies__0__term_start": str(p.member_since - DAY)}, "during membership"),
    ("insurance", lambda p: True, lambda p: {"next_premium_due": str(AS_OF)}, "next premium is due after"),
    ("insurance", lambda p: p.claims, lambda p: {"claims__0__date": str(AS_OF + DAY)}, "past events"),
    ("insurance", lambda p: p.claims, lambda p: {"claims__0__amount": str(10**9)}, "exceeds the .* coverage"),
    ("insurance", lambda p: any(c.status != "pending" and (AS_OF - c.date).days > 60 for c in p.claims),
     lambda p: {f"claims__{next(i for i, c in enumerate(p.claims) if (AS_OF - c.date).days > 60)}__status": "pending",
                "pending_claims": p.pending_claims + 1}, "can still be pending"),
    ("insurance", lambda p: p.claims, lambda p: {"risk_tier": "high" if p.risk_tier != "high" else "low"},
     "risk_tier must follow"),
    ("insurance", lambda p: len(p.policies) == 1 and p.policies[0].kind != "umbrella",
     lambda p: {"policies__0__kind": "umbrella", "claims": [], "pending_claims": 0, "risk_tier": "low"},
     "umbrella policy needs"),
    # healthcare
    ("healthcare", lambda p: True, lambda p: {"deductible_met": str(p.deductible + 1)}, "deductible_met .* exceeds"),
    ("healthcare", lambda p: True, lambda p: {"out_of_pocket_spent": str(p.out_of_pocket_max + 1)}, "out-of-pocket spent"),
    ("healthcare", lambda p: True, lambda p: {"last_visit": str(AS_OF + DAY)}, "last_visit is a past event"),
    ("healthcare", lambda p: p.appointments, lambda p: {"appointments__0__date": str(AS_OF)}, "appointments are after"),
    ("healthcare", lambda p: p.appointments,
     lambda p: {"appointments__0__date": str(next(AS_OF + i * DAY for i in range(1, 8) if (AS_OF + i * DAY).weekday() == 5))},
     "weekdays"),
    ("healthcare", lambda p: len(p.appointments) >= 2,
     lambda p: {"appointments__1__date": str(p.appointments[0].date), "appointments__1__time": str(p.appointments[0].time)},
     "one per slot"),
    ("healthcare", lambda p: len(p.prescriptions) >= 2,
     lambda p: {"prescriptions__1__medication": p.prescriptions[0].medication}, "prescribed once"),
    ("healthcare", lambda p: p.prescriptions, lambda p: {"prescriptions__0__last_filled": str(AS_OF + DAY)},
     "filled before as_of"),
    # identity, checked for every mode
    ("banking", lambda p: True, lambda p: {"identity__age": p.identity.age + 1}, "age .* does not match"),
    ("insurance", lambda p: True, lambda p: {"member_since": str(AS_OF + DAY)}, "member_since .* must fall"),
    ("healthcare", lambda p: True,
     lambda p: {"member_since": str(add_years(p.identity.birth_date, 18) - DAY)}, "18th birthday"),
    ("banking", lambda p: True, lambda p: {"identity__email": "someone@gmail.com"}, "email"),
    ("insurance", lambda p: True, lambda p: {"identity__phone": "(212) 555-1234"}, "reserved for fiction"),
    ("healthcare", lambda p: True, lambda p: {"identity__ssn": "123-45-6789"}, "never issues"),
    ("banking", lambda p: True, lambda p: {"locale": "xx_XX"}, "unknown locale 'xx_XX'; choose one of"),
    # the scenario names the record exactly
    ("banking", lambda p: True, lambda p: {"scenario__refs__0__value": "Someone Else Ltd"},
     "scenario names transactions.* = 'Someone Else Ltd' but the record holds"),
    ("insurance", lambda p: True, lambda p: {"scenario__refs__0__path": "policies[9].kind"},
     r"scenario names policies\[9\].kind is not in the record"),
    ("healthcare", lambda p: True, lambda p: {"scenario__refs__0__path": "model_config"}, "not in the record"),
    ("healthcare", lambda p: True, lambda p: {"scenario__refs__0__path": "Deductible"}, "Deductible is not in the record"),
    ("healthcare", lambda p: True, lambda p: {"scenario__refs__0__path": "appointments.0"}, "not in the record"),
    ("banking", lambda p: True, lambda p: {"scenario__questions": []}, "at least 1 item"),
]


@pytest.mark.parametrize(("mode", "applies", "changes", "message"), REJECTED,
                         ids=[f"{m}-{msg.split()[0]}-{i}" for i, (m, _, _, msg) in enumerate(REJECTED)])
def test_validators_reject_one_inconsistent_field(mode, applies, changes, message):
    p = first(mode, applies)
    assert load_persona(p.model_dump(mode="json")) == p  # the untouched data validates
    with pytest.raises(ValidationError, match=message):
        load_persona(tweak(p, **changes(p)))


def test_a_persona_without_its_scenario_is_rejected():
    data = generate("insurance", 1, "en_US", AS_OF).model_dump(mode="json")
    del data["scenario"]
    with pytest.raises(ValidationError, match="scenario is missing: every persona carries one"):
        load_persona(data)
    with pytest.raises(ValidationError, match="scenario"):
        load_persona({**data, "scenario": None})


def test_unknown_mode_in_data_is_rejected():
    data = generate("banking", 1, "en_US", AS_OF).model_dump(mode="json")
    with pytest.raises(ValidationError, match="does not match any of the expected tags"):
        load_persona({**data, "mode": "mortgages"})
