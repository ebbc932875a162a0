"""Distributions a banker, insurer or clinician would find believable, over 2,000 seeds per mode."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest

from persona import generate
from persona.industries.banking import _BILLS, _CATEGORIES, _SUBSCRIPTIONS

AS_OF = date(2026, 1, 15)
N = 2000


@pytest.fixture(scope="module")
def banking():
    return [generate("banking", s, ("en_US", "en_GB", "de_DE", "fr_FR")[s % 4], AS_OF) for s in range(N)]


@pytest.fixture(scope="module")
def insurance():
    return [generate("insurance", s, "en_US", AS_OF) for s in range(N)]


@pytest.fixture(scope="module")
def healthcare():
    return [generate("healthcare", s, "en_US", AS_OF) for s in range(N)]


def skewness(values: list[float]) -> float:
    m, sd = statistics.mean(values), statistics.stdev(values)
    return sum(((v - m) / sd) ** 3 for v in values) / len(values)


def is_whole(amount: Decimal) -> bool:
    return amount == amount.to_integral_value()


def test_checking_balances_are_lognormal_and_weighted_low(banking):
    values = [float(p.checking_balance) for p in banking]
    assert statistics.median(values) < 0.8 * statistics.mean(values)  # a long tail of large balances
    assert sum(v < 2000 for v in values) > 0.45 * N
    logs = [math.log(v) for v in values]
    assert abs(statistics.mean(logs) - statistics.median(logs)) < 0.1 and abs(skewness(logs)) < 0.2
    assert 0.7 < statistics.stdev(logs) < 1.3
    assert len(set(values)) > 0.99 * N  # no pile-up at a clipping bound


def test_savings_are_lognormal_and_grow_with_age(banking):
    values = [float(p.savings_balance) for p in banking]
    logs = [math.log(v) for v in values]
    assert statistics.median(values) < statistics.mean(values)
    assert abs(statistics.mean(logs) - statistics.median(logs)) < 0.12 and abs(skewness(logs)) < 0.25
    assert 1.0 < statistics.stdev(logs) < 1.8
    young = statistics.median(float(p.savings_balance) for p in banking if p.identity.age < 30)
    older = statistics.median(float(p.savings_balance) for p in banking if p.identity.age >= 60)
    assert older > 1.5 * young


def test_credit_scores_are_bell_shaped_around_700_within_300_850(banking):
    scores = [p.credit_score for p in banking]
    mean, sd = statistics.mean(scores), statistics.stdev(scores)
    assert 675 <= mean <= 725 and 55 <= sd <= 90
    assert 0.62 < sum(abs(s - mean) <= sd for s in scores) / N < 0.74  # ~68% within one sd
    assert 0.93 < sum(abs(s - mean) <= 2 * sd for s in scores) / N < 0.98
    assert min(scores) >= 300 and max(scores) <= 850
    assert sum(s == 850 for s in scores) < 0.04 * N  # clipping touches only the very top


def test_credit_limits_are_round_and_use_is_modest(banking):
    assert all(p.credit_limit % 100 == 0 and p.credit_limit >= 500 for p in banking)
    utilisation = [float(p.credit_used / p.credit_limit) for p in banking]
    assert 0.15 < statistics.mean(utilisation) < 0.35
    good = statistics.median(float(p.credit_limit) for p in banking if p.credit_score >= 760)
    poor = statistics.median(float(p.credit_limit) for p in banking if p.credit_score < 620)
    assert good > 1.5 * poor  # better scores get higher limits


def test_transaction_dates_are_weighted_toward_recent(banking):
    ages = [(AS_OF - t.date).days for p in banking for t in p.transactions if t.description.startswith("Card")]
    recent, old = sum(a < 15 for a in ages), sum(30 <= a < 45 for a in ages)
    assert recent > 3 * old > 0
    by_day = Counter(ages)
    assert by_day[44] < by_day[43] * 1.5  # no pile-up on the window's last day


def test_card_amounts_are_plausible_per_category(banking):
    amounts: dict[str, list[float]] = {}
    for p in banking:
        for t in p.transactions:
            if t.description.startswith("Card"):
                amounts.setdefault(t.category, []).append(-float(t.amount))
    for category, values in amounts.items():
        _, median, _, (lo, hi), _ = _CATEGORIES[category]
        assert lo <= min(values) and max(values) <= hi, category
        assert 0.8 * median < statistics.median(values) < 1.2 * median, category
    medians = {c: statistics.median(v) for c, v in amounts.items()}
    assert medians["Dining"] < medians["Groceries"] < medians["Utilities"] < medians["Travel"]


def test_recurring_income_and_subscriptions(banking):
    for p in banking:
        pay = [t for t in p.transactions if t.category == "Income"]
        assert len({t.amount for t in pay}) == 1 and len({t.merchant for t in pay}) == 1
        gaps = {(a.date - b.date).days for a, b in zip(pay, pay[1:], strict=False)}
        assert gaps == {14}
        subs: dict[str, list] = {}
        for t in p.transactions:
            if t.category == "Subscriptions":
                subs.setdefault(t.merchant, []).append(t)
        for merchant, charges in subs.items():
            assert int(-charges[0].amount * 100) in _SUBSCRIPTIONS[merchant]
            assert len({t.amount for t in charges}) == 1 and len(charges) <= 2
            assert all((a.date - b.date).days == 30 for a, b in zip(charges, charges[1:], strict=False))
    pay = statistics.median(float(t.amount) for p in banking for t in p.transactions if t.category == "Income")
    assert 1500 < pay < 3000  # biweekly net pay


def test_bills_are_plausible(banking):
    for p in banking:
        for bill in p.pending_payments:
            if bill.payee != "Credit card payment":
                lo, hi = _BILLS[bill.payee][2]
                assert lo <= bill.amount <= hi, bill
            assert 1 <= (bill.due_date - AS_OF).days <= 21


def test_no_amount_is_suspiciously_round(banking, insurance, healthcare):
    amounts = [t.amount for p in banking for t in p.transactions]
    amounts += [x for p in banking for x in (p.checking_balance, p.savings_balance)]
    amounts += [b.amount for p in banking for b in p.pending_payments]
    amounts += [x.monthly_premium for p in insurance for x in p.policies] + [c.amount for p in insurance for c in p.claims]
    amounts += [p.last_claim_amount for p in healthcare]
    amounts += [p.deductible_met for p in healthcare if p.deductible_met not in (0, p.deductible)]
    assert len(amounts) > 50_000
    assert sum(is_whole(a) for a in amounts) == 0  # drawn amounts; a sum (monthly spending) may land on one
    assert all(-a.as_tuple().exponent == 2 for a in amounts)


def test_ages_span_adulthood(healthcare):
    ages = [p.identity.age for p in healthcare]
    assert min(ages) == 18 and 85 <= max(ages) <= 90
    assert 40 <= statistics.median(ages) <= 55
    tenure = [(AS_OF - p.member_since).days / 365.25 for p in healthcare]
    assert 3 < statistics.median(tenure) < 7


def test_insurance_premiums_follow_kind_age_and_coverage(insurance):
    premiums: dict[str, list[float]] = {}
    for p in insurance:
        for x in p.policies:
            premiums.setdefault(x.kind, []).append(float(x.monthly_premium))
    medians = {k: statistics.median(v) for k, v in premiums.items()}
    assert 90 < medians["auto"] < 200 and 80 < medians["home"] < 200 and medians["renters"] < 30
    life = [(p.identity.age, x) for p in insurance for x in p.policies if x.kind == "life"]
    assert statistics.median(float(x.monthly_premium) for a, x in life if a >= 60) > \
        1.5 * statistics.median(float(x.monthly_premium) for a, x in life if a < 40)
    big = statistics.median(float(x.monthly_premium) for _, x in life if x.coverage >= 750_000)
    small = statistics.median(float(x.monthly_premium) for _, x in life if x.coverage <= 250_000)
    assert big > 2 * small


def test_claims_and_risk_tiers_are_plausible(insurance):
    tiers = Counter(p.risk_tier for p in insurance)
    assert tiers["low"] > tiers["moderate"] > tiers["elevated"] > 0 and tiers["high"] > 0
    statuses = Counter(c.status for p in insurance for c in p.claims)
    assert statuses["paid"] > statuses["denied"] > 0 and statuses["pending"] > 0
    windshield = [float(c.amount) for p in insurance for c in p.claims if c.description == "Windshield replacement"]
    collision = [float(c.amount) for p in insurance for c in p.claims if c.description == "Auto collision"]
    assert statistics.median(windshield) < statistics.median(collision) / 3


def test_healthcare_is_plausible(healthcare):
    plans = Counter(p.plan_name for p in healthcare)
    assert plans.most_common(1)[0][0] == "Silver PPO 3500" and len(plans) == 4
    young = statistics.mean(len(p.prescriptions) for p in healthcare if p.identity.age < 35)
    old = statistics.mean(len(p.prescriptions) for p in healthcare if p.identity.age >= 65)
    assert old > 2 * young
    weekdays = Counter(a.date.weekday() for p in healthcare for a in p.appointments)
    assert set(weekdays) == {0, 1, 2, 3, 4} and max(weekdays.values()) < 1.3 * min(weekdays.values())
    met = [float(p.deductible_met / p.deductible) for p in healthcare]
    assert 0.15 < sum(m == 1 for m in met) / N < 0.3 and 0.35 < statistics.mean(met) < 0.65
    assert 120 < statistics.median(float(p.last_claim_amount) for p in healthcare) < 260
