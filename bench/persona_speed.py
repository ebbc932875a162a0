"""Time this engine against the seed's style: a new ``Faker()`` per persona filling the seed's
banking schema with 10 transactions. Prints the median per persona of each, the ratio, and how
many values each persona carries (the engine's are richer: identity, 20-odd transactions, bills).

    python bench/persona_speed.py [--n 300] [--rounds 7] [--locale en_US] [--clock cpu|wall]

Rounds interleave the contenders so machine noise hits them alike; the ratio is measured in one
run, never against a stored figure. Goal: every engine mode at least 10x the seed style.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from persona import generate, list_modes  # noqa: E402

_CATEGORIES = ["Groceries", "Dining", "Shopping", "Utilities", "Transport", "Entertainment"]


def seed_style_banking(seed: int) -> dict:
    """The seed app's persona: a fresh Faker per persona, today's date, 10 transactions."""
    fake = Faker()
    fake.seed_instance(seed)
    return {
        "name": fake.name(),
        "member_since": fake.date_between(start_date="-10y", end_date="-1y").isoformat(),
        "checking_balance": round(fake.pyfloat(min_value=100, max_value=25000, right_digits=2), 2),
        "savings_balance": round(fake.pyfloat(min_value=0, max_value=80000, right_digits=2), 2),
        "account_number": "****" + fake.numerify("####"),
        "credit_score": fake.random_int(550, 850),
        "credit_limit": fake.random_int(1000, 20000, step=500),
        "credit_used": round(fake.pyfloat(min_value=0, max_value=5000, right_digits=2), 2),
        "recent_transactions": [
            {
                "date": fake.date_between(start_date="-30d", end_date="today").isoformat(),
                "description": fake.company(),
                "category": fake.random_element(_CATEGORIES),
                "amount": -round(fake.pyfloat(min_value=5, max_value=500, right_digits=2), 2),
            }
            for _ in range(10)
        ],
    }


CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
CLOCK_HELP = "cpu (default): this process's CPU time, so other work on a shared machine does not count; wall: elapsed"


def per_item(fn, seeds, clock=time.process_time) -> float:
    start = clock()
    for s in seeds:
        fn(s)
    return (clock() - start) / len(seeds)


def leaves(value) -> int:
    """How many scalar values a persona holds (a rough measure of richness)."""
    if isinstance(value, dict):
        return sum(leaves(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(leaves(v) for v in value)
    return 1


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="personas per round")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--locale", default="en_US", help="locale of the engine's personas")
    ap.add_argument("--clock", choices=sorted(CLOCKS), default="cpu", help=CLOCK_HELP)
    args = ap.parse_args(argv)
    as_of = date(2026, 1, 15)
    engines = {"seed style (banking)": seed_style_banking}
    for mode in list_modes():
        engines[f"engine {mode}"] = lambda s, m=mode: generate(m, s, args.locale, as_of)
    for fn in engines.values():  # warm caches and imports
        fn(0)
    times: dict[str, list[float]] = {name: [] for name in engines}
    for r in range(args.rounds):  # interleave so machine noise hits every contender alike
        seeds = range(r * args.n, (r + 1) * args.n)
        for name, fn in engines.items():
            times[name].append(per_item(fn, seeds, CLOCKS[args.clock]))
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["seed style (banking)"]
    sizes = {name: statistics.mean(leaves(_as_data(fn(s))) for s in range(50)) for name, fn in engines.items()}
    print(f"{'contender':<24} {'median/persona':>15} {'speed-up':>9} {'values':>7}")
    for name, m in medians.items():
        print(f"{name:<24} {m * 1e6:>12.1f} µs {base / m:>8.1f}× {sizes[name]:>7.0f}")
    return medians


def _as_data(persona) -> dict:
    return persona if isinstance(persona, dict) else persona.model_dump(mode="json")


if __name__ == "__main__":
    main()
