"""Realistic draws, all from the persona's seeded ``Random`` (never the ``random`` module).

Money is drawn as whole cents (ints: fast to add and compare) and turned into ``Decimal`` once,
with ``cents_to_money``, when it goes into the persona.
"""

from __future__ import annotations

import math
from bisect import bisect
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from random import Random

_TRIES = 16
"""Redraws before an out-of-range log-normal value is clipped (about never: bounds sit far in the tails)."""


def below(rng: Random, n: int) -> int:
    """A uniform int in [0, n): ``rng.randrange(n)`` at a quarter of the cost (the bias, under n/2**53, is nil)."""
    return int(rng.random() * n)


def pick(rng: Random, items: tuple | list):
    """A uniform element of ``items``, like ``rng.choice`` but cheaper."""
    return items[int(rng.random() * len(items))]


def unround(cents: int) -> int:
    """Nudge a whole amount off the dollar so no value looks suspiciously round.

    The nudge (1-98 cents) is a function of the amount, so it costs no draw from the stream.
    """
    if cents % 100 == 0:
        cents += 1 + (cents // 100) % 98
    return cents


def cents_to_money(cents: int) -> Decimal:
    """Whole cents as a two-place ``Decimal`` (``1234`` -> ``Decimal("12.34")``)."""
    return Decimal(cents).scaleb(-2)


def lognormal_cents(rng: Random, median: float, sigma: float, lo: float, hi: float) -> int:
    """Log-normal amount in cents within [lo, hi]: most values modest, a long tail of large ones.

    Values outside the bounds are redrawn rather than clipped, so no amount repeats at a bound.
    """
    for _ in range(_TRIES):
        value = median * math.exp(rng.gauss(0.0, sigma))
        if lo <= value <= hi:
            break
    else:
        value = min(max(value, lo), hi)
    return unround(round(value * 100))


def lognormal_money(rng: Random, median: float, sigma: float, lo: float, hi: float) -> Decimal:
    """``lognormal_cents`` as a ``Decimal``."""
    return cents_to_money(lognormal_cents(rng, median, sigma, lo, hi))


def bell_int(rng: Random, mean: float, sd: float, lo: int, hi: int) -> int:
    """Normal draw clipped to [lo, hi], e.g. credit scores around 700 within 300-850."""
    return int(min(max(round(rng.gauss(mean, sd)), lo), hi))


def days_ago_recent(rng: Random, window: int, mean: float) -> int:
    """Days before as_of, exponentially weighted toward recent, within [0, window).

    The exponential is truncated by redrawing (cheap: ``1 - exp(-window/mean)`` of draws land
    inside), so the last day of the window is not piled up with the overflow.
    """
    while True:
        days = int(rng.expovariate(1 / mean))
        if days < window:
            return days


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


def add_working_days(day: date, n: int) -> date:
    """The ``n``-th Monday-to-Friday date after ``day`` (n >= 1).

    Counting working days from as_of, rather than moving weekend dates to Monday, keeps
    distinct draws on distinct days in the same order whatever weekday as_of falls on, and a
    shift of as_of by whole weeks shifts the result by exactly as much.
    """
    weeks, rest = divmod(n - 1, 5)
    d = day + timedelta(days=1)
    while d.weekday() >= 5:
        d += timedelta(days=1)
    # d is the first working day; step ``rest`` working days, then whole weeks.
    for _ in range(rest):
        d += timedelta(days=3 if d.weekday() == 4 else 1)
    return d + timedelta(weeks=weeks)


# Adult age bands with weights close to the adult population pyramid of the supported countries.
AGE_BANDS = Weights({(18, 24): 11, (25, 34): 17, (35, 44): 17, (45, 54): 16, (55, 64): 16,
                     (65, 74): 14, (75, 89): 9})


def adult_age(rng: Random) -> int:
    lo, hi = weighted(rng, AGE_BANDS)
    return rng.randint(lo, hi)


def birth_date_for_age(rng: Random, age: int, as_of: date) -> date:
    """A birth date giving exactly ``age`` on as_of, kept clear of birthdays and leap drift."""
    return as_of - timedelta(days=round(365.2425 * age) + rng.randint(5, 355))
