"""Identifiers that can never belong to a real person.

Every number a persona carries comes from a range its authority reserves for fiction or
testing, so a demo can be shown, screenshotted and shared without pointing at anyone.
"""

from __future__ import annotations

from random import Random

# NANP: 555-0100..555-0199 is reserved for fictional use in every area code (ATIS/NANPA).
# Area codes: first digit 2-9, no N11 service codes, no x9x (reserved for expansion).
_US_AREA_CODES = tuple(
    n for n in range(201, 990) if str(n)[1] != "9" and str(n)[1:] != "11"
)

# Ofcom's numbers reserved for TV, radio and film ("drama numbers"): (prefix, digits to add).
_GB_DRAMA = (
    ("020 7946 0", 3),
    ("0113 496 0", 3),
    ("0114 496 0", 3),
    ("0115 496 0", 3),
    ("0116 496 0", 3),
    ("0117 496 0", 3),
    ("0118 496 0", 3),
    ("0121 496 0", 3),
    ("0131 496 0", 3),
    ("0141 496 0", 3),
    ("0151 496 0", 3),
    ("0161 496 0", 3),
    ("028 9649 6", 3),
    ("029 2018 0", 3),
    ("01632 960", 3),
    ("07700 900", 3),
)

# Bundesnetzagentur, Mitteilung 148/2021: 1000 "Drama Numbers" in each of five local networks.
_DE_DRAMA = (
    ("030 23125", 3),
    ("069 90009", 3),
    ("040 66969", 3),
    ("0221 4710", 3),
    ("089 99998", 3),
)

# ARCEP: numbers reserved for fiction and tests in each geographic zone and for mobiles.
_FR_FICTION = (
    ("01 99 00", 4),
    ("02 61 91", 4),
    ("03 53 01", 4),
    ("04 65 71", 4),
    ("05 36 49", 4),
    ("06 39 98", 4),
)

# Card numbers payment processors publish for testing (Stripe, Adyen, Braintree docs):
# Luhn-valid, accepted by test gateways, never issued to a cardholder.
TEST_CARD_NUMBERS = (
    "4242424242424242",
    "4000056655665556",
    "4111111111111111",
    "4012888888881881",
    "5555555555554444",
    "5200828282828210",
    "5105105105105100",
    "2223003122003222",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
)

EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
"""RFC 2606 reserves these: mail to them goes nowhere."""


def _blocks(rng: Random, prefix: str, digits: int, group: int | None = None) -> str:
    tail = "".join(str(rng.randrange(10)) for _ in range(digits))
    if group:
        tail = " ".join(tail[i : i + group] for i in range(0, len(tail), group))
    return f"{prefix} {tail}" if group else f"{prefix}{tail}"


def us_phone(rng: Random) -> str:
    area = rng.choice(_US_AREA_CODES)
    return f"({area}) 555-01{rng.randrange(100):02d}"


def gb_phone(rng: Random) -> str:
    prefix, digits = rng.choice(_GB_DRAMA)
    return _blocks(rng, prefix, digits)


def de_phone(rng: Random) -> str:
    prefix, digits = rng.choice(_DE_DRAMA)
    return _blocks(rng, prefix + " ", digits)


def fr_phone(rng: Random) -> str:
    prefix, digits = rng.choice(_FR_FICTION)
    return _blocks(rng, prefix, digits, group=2)


def luhn_valid(number: str) -> bool:
    """Check the Luhn checksum card numbers carry."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def mask(number: str, keep: int = 4) -> str:
    """Show only the last ``keep`` digits, as statements do."""
    return "•••• " + number[-keep:]


def invalid_ssn(rng: Random) -> str:
    """An SSN in a form the SSA never issues: area 000/666/9xx, group 00 or serial 0000.

    Faker's ``invalid_ssn`` does the same; drawing with ``rng`` keeps it on the persona's
    seeded stream whatever the locale.
    """
    kind = rng.randrange(4)
    area = rng.randrange(1, 900)
    while area == 666:
        area = rng.randrange(1, 900)
    group = rng.randrange(1, 100)
    serial = rng.randrange(1, 10000)
    if kind == 0:
        area = rng.choice((0, 666))
    elif kind == 1:
        area = rng.randrange(900, 1000)
    elif kind == 2:
        group = 0
    else:
        serial = 0
    return f"{area:03d}-{group:02d}-{serial:04d}"
