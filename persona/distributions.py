"""Realistic draws, all from the persona's seeded ``Random`` (never the ``random`` module)."""

from __future__ import annotations

import math
from bisect import bisect
from itertools import accumulate
from datetime import date, timedelta
from decimal import Decimal
from random import Random

CENT = Decimal("0.01")


def money(value: float) -> Decimal:
    """Round to cents, nudging whole amounts so no value looks suspiciously round."""
    cents = round(value * 100)
    if cents % 100 == 0:
        cents += 1 + (cents // 100) % 98
    return Decimal(cents).scaleb(-2)


def lognormal_money(rng: Random, median: float, sigma: float, lo: float, hi: float) -> Decimal:
    """Log-normal amount clipped to [lo, hi]: most values modest, a long tail of large ones."""
    value = median * math.exp(rng.gauss(0.0, sigma))
    return money(min(max(value, lo), hi))


def bell_int(rng: Random, mean: float, sd: float, lo: int, hi: int) -> int:
    """Normal draw clipped to [lo, hi], e.g. credit scores around 700 within 300-850."""
    return int(min(max(round(rng.gauss(mean, sd)), lo), hi))


def days_ago_recent(rng: Random, window: int, mean: float) -> int:
    """Days before as_of, exponentially weighted toward recent, within [0, window)."""
    return min(int(rng.expovariate(1 / mean)), window - 1)


class Weights:
    """A categorical distribution with cumulative weights computed once, not per draw."""

    __slots__ = ("keys", "_cum", "_total")

    def __init__(self, weights: dict):
        self.keys = tuple(weights)
        self._cum = tuple(accumulate(weights.values()))
        self._total = self._cum[-1]

    def draw(self, rng: Random):
        return self.keys[bisect(self._cum, rng.random() * self._total)]


def weighted(rng: Random, weights: dict | Weights) -> object:
    """Pick a key of ``weights`` with probability proportional to its value."""
    if not isinstance(weights, Weights):
        weights = Weights(weights)
    return weights.draw(rng)


def next_weekday(day: date) -> date:
    """Move a weekend date to Monday: clinics and due dates fall on working days."""
    return day + timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


# Adult age bands with weights close to the adult population pyramid of the supported countries.
AGE_BANDS = Weights({(18, 24): 11, (25, 34): 17, (35, 44): 17, (45, 54): 16, (55, 64): 16,
                     (65, 74): 14, (75, 89): 9})


def adult_age(rng: Random) -> int:
    lo, hi = weighted(rng, AGE_BANDS)
    return rng.randint(lo, hi)


def birth_date_for_age(rng: Random, age: int, as_of: date) -> date:
    """A birth date giving exactly ``age`` on as_of, kept clear of birthdays and leap drift."""
    return as_of - timedelta(days=round(365.2425 * age) + rng.randint(5, 355))
