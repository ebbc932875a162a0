"""Locale data from Faker, money and dates formatted by Babel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from persona import Formatter, describe, generate

AS_OF = date(2026, 1, 15)


def test_money_and_dates_follow_the_locale():
    amount = Decimal("1234.56")
    assert Formatter("en_US").money(amount) == "$1,234.56"
    assert Formatter("en_GB").money(amount) == "£1,234.56"
    assert Formatter("de_DE").money(amount) == "1.234,56\xa0€"
    assert Formatter("fr_FR").money(amount) == "1\u202f234,56\xa0€"
    day = date(2026, 3, 4)
    assert Formatter("en_US").date(day) == "Mar 4, 2026"
    assert Formatter("en_GB").date(day) == "4 Mar 2026"
    assert Formatter("de_DE").date(day) == "04.03.2026"
    assert Formatter("fr_FR").date(day) == "4 mars 2026"


def test_personas_use_their_locale():
    views = {loc: describe(generate("banking", 8, loc, AS_OF)) for loc in ("en_US", "en_GB", "de_DE", "fr_FR")}
    money = {loc: next(f.value for f in v.facts if f.key == "checking_balance") for loc, v in views.items()}
    assert money["en_US"].startswith("$") and money["en_GB"].startswith("£")
    assert money["de_DE"].endswith("€") and money["fr_FR"].endswith("€")
    countries = {generate("insurance", 8, loc, AS_OF).identity.address.country for loc in views}
    assert countries == {"United States", "United Kingdom", "Deutschland", "France"}


def test_german_and_french_addresses_put_the_postcode_first():
    for seed in range(50):
        de = generate("banking", seed, "de_DE", AS_OF).identity.address
        assert de.formatted.endswith(f"{de.postcode} {de.city}") and len(de.postcode) == 5
        us = generate("banking", seed, "en_US", AS_OF).identity.address
        assert us.formatted.endswith(f"{us.region} {us.postcode}")
