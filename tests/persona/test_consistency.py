"""Internal consistency: the model validators hold over thousands of seeds and reject broken data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from persona import SEED_SPACE, generate, list_locales, load_persona

AS_OF = date(2026, 1, 15)
seeds = st.integers(0, SEED_SPACE - 1)
locales = st.sampled_from(list_locales())
as_ofs = st.dates(date(2000, 1, 1), date(2060, 12, 31))
MANY = settings(max_examples=2000, deadline=None)


def adult_and_member(p) -> None:
    ident = p.identity
    assert 18 <= ident.age <= 90
    eighteenth = date(ident.birth_date.year + 18, ident.birth_date.month,
                      min(ident.birth_date.day, 28 if ident.birth_date.month == 2 else 31))
    assert eighteenth <= p.member_since <= p.as_of


@MANY
@given(seed=seeds, locale=locales, as_of=as_ofs)
def test_banking_invariants(seed, locale, as_of):
    p = generate("banking", seed, locale, as_of)
    adult_and_member(p)
    assert p.credit_used <= p.credit_limit
    assert 300 <= p.credit_score <= 850
    debits = sum(-t.amount for t in p.transactions if t.amount < 0 and (as_of - t.date).days < 30)
    assert p.monthly_spending == debits
    assert all(t.date <= as_of for t in p.transactions)
    assert all(x.due_date > as_of for x in p.pending_payments)


@MANY
@given(seed=seeds, locale=locales, as_of=as_ofs)
def test_insurance_invariants(seed, locale, as_of):
    p = generate("insurance", seed, locale, as_of)
    adult_and_member(p)
    assert p.total_coverage == sum(x.coverage for x in p.policies)
    assert p.monthly_premium == sum(x.monthly_premium for x in p.policies)
    assert p.pending_claims == sum(c.status == "pending" for c in p.claims)
    assert all(x.renewal_date > as_of for x in p.policies) and p.next_premium_due > as_of
    assert all(p.member_since <= c.date <= as_of for c in p.claims)
    assert not {"home", "renters"} <= {x.kind for x in p.policies}


@MANY
@given(seed=seeds, locale=locales, as_of=as_ofs)
def test_healthcare_invariants(seed, locale, as_of):
    p = generate("healthcare", seed, locale, as_of)
    adult_and_member(p)
    assert p.deductible_met <= p.deductible
    assert p.deductible_met <= p.out_of_pocket_spent <= p.out_of_pocket_max
    assert all(a.date > as_of and a.date.weekday() < 5 for a in p.appointments)
    assert p.last_visit <= as_of and all(rx.last_filled <= as_of for rx in p.prescriptions)


def tweak(p, **changes):
    data = p.model_dump(mode="json")
    for path, value in changes.items():
        target = data
        *parents, leaf = path.split("__")
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        target[leaf] = value
    return data


@pytest.mark.parametrize(("mode", "changes", "message"), [
    ("banking", {"credit_used": Decimal("999999.99")}, "credit_used exceeds credit_limit"),
    ("banking", {"monthly_spending": Decimal("0.01")}, "monthly_spending"),
    ("banking", {"pending_payments__0__due_date": AS_OF}, "due after as_of"),
    ("insurance", {"total_coverage": Decimal("1.00")}, "total_coverage"),
    ("insurance", {"pending_claims": 99}, "pending_claims"),
    ("insurance", {"policies__0__renewal_date": AS_OF - timedelta(days=1)}, "renewal"),
    ("healthcare", {"deductible_met": Decimal("999999.00")}, "deductible_met exceeds"),
    ("healthcare", {"out_of_pocket_spent": Decimal("999999.00")}, "out-of-pocket"),
    ("healthcare", {"last_visit": AS_OF + timedelta(days=1)}, "last_visit"),
    ("banking", {"identity__age": 17}, "age"),
    ("banking", {"member_since": AS_OF + timedelta(days=1)}, "member_since"),
    ("banking", {"identity__email": "someone@gmail.com"}, "email"),
])
def test_validators_reject_inconsistent_personas(mode, changes, message):
    p = generate(mode, 3, "en_US", AS_OF)
    assert load_persona(p.model_dump()) == p  # untouched data validates
    with pytest.raises(ValidationError, match=message):
        load_persona(tweak(p, **changes))


def test_load_persona_round_trips_json():
    for mode in ("banking", "insurance", "healthcare"):
        p = generate(mode, 11, "fr_FR", AS_OF)
        assert load_persona(p.model_dump_json()) == p
