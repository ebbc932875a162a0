"""The common identity every persona carries, drawn first from the persona's seeded stream."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from . import fakesafe
from .distributions import adult_age, below, birth_date_for_age, pick
from .locales import LocaleProfile
from .models import Identity
from .templates import Templates

if TYPE_CHECKING:
    from faker import Generator

_DAYS_PER_YEAR = 365.2425


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans({"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Œ": "OE", "œ": "oe", "Ł": "L", "ł": "l"})


def email_part(name: str) -> str:
    """A name as an e-mail local part: accents folded, apostrophes, hyphens and spaces dropped.

    "Zoë O'Connor-Müller" gives "zoeoconnormuller"; a name with no Latin letters gives "customer".
    """
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.translate(_FOLD)).encode("ascii", "ignore").decode()
    return _NOT_ALNUM.sub("", name.lower()) or "customer"


def make_identity(fake: Generator, templates: Templates, rng: Random, profile: LocaleProfile,
                  as_of: date) -> tuple[Identity, int]:
    """Return the identity and the number of days between its 18th birthday and as_of.

    The day count is computed from the draw, not the calendar, so the same seed on another
    as_of shifts every date by the same amount.
    """
    first, last = templates.first_name(rng), templates.last_name(rng)
    age = adult_age(rng)
    birth = birth_date_for_age(rng, age, as_of)
    adult_days = (as_of - birth).days - round(_DAYS_PER_YEAR * 18) - 2
    region = fake.state_abbr(include_territories=False, include_freely_associated_states=False) \
        if profile.has_region else None
    # Some locales put a flat on its own line ("Flat 4\nMill Lane"): keep the street on one line.
    street = templates.street_address(rng).replace("\n", ", ")
    city = templates.city(rng)
    postcode = fake.zipcode_in_state(region) if region else fake.postcode()
    address = dict(
        street=street, city=city, postcode=postcode, region=region, country=profile.country,
        formatted=profile.address_format.format(street=street, city=city, postcode=postcode, region=region),
    )
    email = f"{email_part(first)}.{email_part(last)}{10 + below(rng, 90)}@{pick(rng, fakesafe.EXAMPLE_DOMAINS)}"
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
