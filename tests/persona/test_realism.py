"""Distributions a banker, insurer or clinician would find believable, over 2,000 seeds."""

from __future__ import annotations

import math
import statistics
from datetime import date

import pytest

from persona import generate

AS_OF = date(2026, 1, 15)
N = 2000


@pytest.fixture(scope="module")
def banking():
    return [generate("banking", s, "en_US", AS_OF) for s in range(N)]


def test_checking_is_lognormal_and_weighted_low(banking):
    values = [float(p.checking_balance) for p in banking]
    assert statistics.median(values) < 0.75 * statistics.mean(values)
    logs = [math.log(v) for v in values]
    assert abs(statistics.mean(logs) - statistics.median(logs)) < 0.1  # symmetric in log space
    assert sum(v < 2000 for v in values) > N * 0.45


def test_savings_are_lognormal(banking):
    logs = [math.log(float(p.savings_balance)) for p in banking]
    assert abs(statistics.mean(logs) - statistics.median(logs)) < 0.12
    assert 0.9 < statistics.stdev(logs) < 1.8


def test_credit_scores_are_bell_shaped_around_700(banking):
    scores = [p.credit_score for p in banking]
    assert 680 <= statistics.mean(scores) <= 725
    assert 55 <= statistics.stdev(scores) <= 90
    within_one_sd = sum(abs(s - statistics.mean(scores)) <= statistics.stdev(scores) for s in scores) / N
    assert 0.6 < within_one_sd < 0.76
    assert min(scores) >= 300 and max(scores) <= 850


def test_transactions_are_weighted_toward_recent(banking):
    ages = [(AS_OF - t.date).days for p in banking for t in p.transactions if t.category != "Income"]
    recent, old = sum(a < 15 for a in ages), sum(30 <= a < 45 for a in ages)
    assert recent > 2.5 * old


def test_amounts_are_plausible_per_category_and_never_round(banking):
    by_category: dict[str, list[float]] = {}
    for p in banking:
        for t in p.transactions:
            by_category.setdefault(t.category, []).append(abs(float(t.amount)))
    medians = {c: statistics.median(v) for c, v in by_category.items()}
    assert 10 < medians["Dining"] < 40 < medians["Groceries"] < 110
    assert medians["Subscriptions"] < medians["Dining"] < medians["Utilities"] < medians["Travel"]
    assert 1200 < medians["Income"] < 3500
    amounts = [t.amount for p in banking for t in p.transactions]
    assert sum(a == a.to_integral_value() for a in amounts) == 0
    balances = [p.checking_balance for p in banking] + [p.savings_balance for p in banking]
    assert sum(b == b.to_integral_value() for b in balances) == 0


def test_ages_span_adulthood():
    ages = [generate("healthcare", s, "en_US", AS_OF).identity.age for s in range(N)]
    assert min(ages) == 18 and max(ages) >= 85
    assert 40 <= statistics.median(ages) <= 55


def test_insurance_premiums_and_claims_are_plausible():
    people = [generate("insurance", s, "en_US", AS_OF) for s in range(N)]
    autos = [float(x.monthly_premium) for p in people for x in p.policies if x.kind == "auto"]
    assert 90 < statistics.median(autos) < 200
    tiers = {t: sum(p.risk_tier == t for p in people) for t in ("low", "moderate", "elevated", "high")}
    assert tiers["low"] > tiers["moderate"] > tiers["elevated"] and tiers["high"] > 0
