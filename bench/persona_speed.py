"""Time this engine against the seed's style: a new ``Faker()`` per persona filling the seed's
banking schema with 10 transactions. Prints the median per persona of each and the ratio.

    python bench/persona_speed.py [--n 300] [--rounds 7]
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


def per_item(fn, seeds) -> float:
    start = time.perf_counter()
    for s in seeds:
        fn(s)
    return (time.perf_counter() - start) / len(seeds)


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="personas per round")
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args(argv)
    as_of = date(2026, 1, 15)
    engines = {"seed style (banking)": seed_style_banking}
    for mode in list_modes():
        engines[f"engine {mode}"] = lambda s, m=mode: generate(m, s, "en_US", as_of)
    for fn in engines.values():  # warm caches and imports
        fn(0)
    times: dict[str, list[float]] = {name: [] for name in engines}
    for r in range(args.rounds):  # interleave so machine noise hits every contender alike
        seeds = range(r * args.n, (r + 1) * args.n)
        for name, fn in engines.items():
            times[name].append(per_item(fn, seeds))
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = medians["seed style (banking)"]
    print(f"{'contender':<24} {'median/persona':>15} {'speed-up':>9}")
    for name, m in medians.items():
        print(f"{name:<24} {m * 1e6:>12.1f} µs {base / m:>8.1f}×")
    return medians


if __name__ == "__main__":
    main()
