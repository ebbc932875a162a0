"""The common identity every persona carries, drawn first from the persona's seeded stream."""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from . import fakesafe
from .distributions import adult_age, birth_date_for_age
from .locales import LocaleProfile
from .models import Address, Identity

if TYPE_CHECKING:
    from faker import Generator

_DAYS_PER_YEAR = 365.2425


def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("Æ", "AE").replace("æ", "ae").replace("Ø", "O").replace("ø", "o")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def make_identity(fake: Generator, rng: Random, profile: LocaleProfile, as_of: date) -> tuple[Identity, int]:
    """Return the identity and the number of days between its 18th birthday and as_of.

    The day count is computed from the draw, not the calendar, so the same seed on another
    as_of shifts every date by the same amount.
    """
    first, last = fake.first_name(), fake.last_name()
    age = adult_age(rng)
    birth = birth_date_for_age(rng, age, as_of)
    adult_days = (as_of - birth).days - round(_DAYS_PER_YEAR * 18) - 2
    region = fake.state_abbr(include_territories=False, include_freely_associated_states=False) \
        if profile.has_region else None
    street, city = fake.street_address(), fake.city()
    postcode = fake.zipcode_in_state(region) if region else fake.postcode()
    address = Address(
        street=street, city=city, postcode=postcode, region=region, country=profile.country,
        formatted=profile.address_format.format(street=street, city=city, postcode=postcode, region=region),
    )
    email = f"{_ascii(first)}.{_ascii(last)}{rng.randrange(10, 100)}@{rng.choice(fakesafe.EXAMPLE_DOMAINS)}"
    identity = Identity(
        first_name=first, last_name=last, full_name=f"{first} {last}", email=email,
        phone=profile.phone(rng), address=address, birth_date=birth, age=age,
        ssn=fakesafe.invalid_ssn(rng) if profile.has_ssn else None,
    )
    return identity, adult_days


def draw_member_since(rng: Random, as_of: date, adult_days: int) -> date:
    """Tenure is roughly exponential (mean ~6 years), never before the 18th birthday."""
    tenure = min(30 + int(rng.expovariate(1 / (6 * _DAYS_PER_YEAR))), adult_days)
    return as_of - timedelta(days=tenure)
