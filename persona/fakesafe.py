"""Identifiers that can never belong to a real person.

Every number a persona carries comes from a range its authority reserves for fiction or
testing, so a demo can be shown, screenshotted and shared without pointing at anyone.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from random import Random

# NANP: 555-0100..555-0199 is reserved for fictional use (NANPA). The area code in front is a
# geographic-looking one: N (2-9), then not 9 (N9X is held for expansion), and never an N11
# service code, an N00 non-geographic code, a toll-free 8YY code (800, 822, ... 888), the
# reserved 37X and 96X, or 555.
_US_AREA_CODES = tuple(
    n for n in range(200, 1000)
    if (s := str(n))[1] != "9" and s[1:] not in {"11", "00"} and s[:2] not in {"37", "96"}
    and not (s[0] == "8" and s[1] == s[2]) and n != 555
)
_US_AREA_SET = frozenset(_US_AREA_CODES)



@dataclass(frozen=True)
class PhoneRange:
    """A block of numbers reserved for fiction: ``prefix`` then ``digits`` free digits, as written locally."""

    prefix: str
    digits: int
    sep: str = ""
    group: int = 0
    """Write the free digits in groups of this size (French numbers go in pairs)."""

    def draw(self, rng: Random) -> str:
        tail = _digits(rng, self.digits)
        if self.group:
            tail = " ".join(tail[i:i + self.group] for i in range(0, self.digits, self.group))
        return f"{self.prefix}{self.sep}{tail}"

    def pattern(self) -> str:
        free = r"\d" * self.digits if not self.group else " ".join([r"\d" * self.group] * (self.digits // self.group))
        return re.escape(self.prefix + self.sep) + free


# Ofcom's "telephone numbers for drama purposes": 1,000 numbers in each of 15 areas, the
# no-area 01632 range and the 07700 mobile range.
_GB_DRAMA = tuple(PhoneRange(prefix, 3) for prefix in (
    "020 7946 0",  # London
    "0113 496 0",  # Leeds
    "0114 496 0",  # Sheffield
    "0115 496 0",  # Nottingham
    "0116 496 0",  # Leicester
    "0117 496 0",  # Bristol
    "0118 496 0",  # Reading
    "0121 496 0",  # Birmingham
    "0131 496 0",  # Edinburgh
    "0141 496 0",  # Glasgow
    "0151 496 0",  # Liverpool
    "0161 496 0",  # Manchester
    "0191 498 0",  # Tyneside, Durham, Sunderland
    "028 9649 6",  # Northern Ireland
    "029 2018 0",  # Cardiff
    "01632 960",  # no area
    "07700 900",  # mobile
))

# Bundesnetzagentur, Mitteilung 148/2021 (Amtsblatt 7/2021): 1,000 "Drama Numbers" in each of five
# local networks.
_DE_DRAMA = tuple(PhoneRange(prefix, 3, sep=" ") for prefix in (
    "030 23125",  # Berlin
    "069 90009",  # Frankfurt am Main
    "040 66969",  # Hamburg
    "0221 4710",  # Köln
    "089 99998",  # München
))

# ARCEP: numbers reserved for use in fiction, 10,000 in each geographic zone (01-05) and for mobiles (06).
_FR_FICTION = tuple(PhoneRange(prefix, 4, sep=" ", group=2) for prefix in (
    "01 99 00", "02 61 91", "03 53 01", "04 65 71", "05 36 49", "06 39 98",
))

FICTIONAL_RANGES: dict[str, tuple[PhoneRange, ...]] = {"en_GB": _GB_DRAMA, "de_DE": _DE_DRAMA, "fr_FR": _FR_FICTION}
"""The reserved ranges per locale (en_US: any geographic area code, then 555-0100..0199)."""

_US_PHONE = re.compile(r"\((\d{3})\) 555-01\d\d")
_PHONE_PATTERNS = {locale: re.compile("|".join(r.pattern() for r in ranges))
                   for locale, ranges in FICTIONAL_RANGES.items()}


def is_fictional_phone(locale: str, phone: str) -> bool:
    """True if ``phone`` lies in a range the locale's regulator reserves for fiction."""
    if locale == "en_US":
        m = _US_PHONE.fullmatch(phone)
        return bool(m) and int(m.group(1)) in _US_AREA_SET
    pattern = _PHONE_PATTERNS.get(locale)
    return bool(pattern and pattern.fullmatch(phone))


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


def _digits(rng: Random, n: int) -> str:
    return str(int(rng.random() * 10**n)).zfill(n)


def us_phone(rng: Random) -> str:
    area = _US_AREA_CODES[int(rng.random() * len(_US_AREA_CODES))]
    return f"({area}) 555-01{_digits(rng, 2)}"


def gb_phone(rng: Random) -> str:
    return _GB_DRAMA[int(rng.random() * len(_GB_DRAMA))].draw(rng)


def de_phone(rng: Random) -> str:
    return _DE_DRAMA[int(rng.random() * len(_DE_DRAMA))].draw(rng)


def fr_phone(rng: Random) -> str:
    return _FR_FICTION[int(rng.random() * len(_FR_FICTION))].draw(rng)


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


def never_issued_ssn(ssn: str) -> bool:
    """True if ``ssn`` is written ddd-dd-dddd in a form the SSA never issues."""
    m = _SSN.fullmatch(ssn)
    if not m:
        return False
    area, group, serial = m.groups()
    return area in ("000", "666") or area[0] == "9" or group == "00" or serial == "0000"


_SSN = re.compile(r"(\d{3})-(\d{2})-(\d{4})")


def invalid_ssn(rng: Random) -> str:
    """An SSN in a form the SSA never issues: area 000, 666 or 900-999, group 00, or serial 0000.

    Faker's ``invalid_ssn`` does the same; drawing with ``rng`` keeps it on the persona's
    seeded stream whatever the locale. One of the three parts is made invalid, the others are
    drawn from their issued ranges (area 001-899 but 666, group 01-99, serial 0001-9999).
    """
    kind = int(rng.random() * 4)
    area = 1 + int(rng.random() * 898)  # 001-898, then 666 is skipped to 899
    if area >= 666:
        area += 1
    group = 1 + int(rng.random() * 99)
    serial = 1 + int(rng.random() * 9999)
    if kind == 0:
        area = 0 if rng.random() < 0.5 else 666
    elif kind == 1:
        area = 900 + int(rng.random() * 100)
    elif kind == 2:
        group = 0
    else:
        serial = 0
    return f"{area:03d}-{group:02d}-{serial:04d}"


REFERENCE = re.compile(r"TEST-[0-9A-F]{4}-[0-9A-F]{4}")
"""A confirmed action's reference: "TEST-" says on its face that it is no real confirmation number."""


def reference(mode: str, seed: int, index: int) -> str:
    """The reference of a session's ``index``-th action on the persona (mode, seed): the same on every replay.

    Hashed, so references look like the arbitrary numbers institutions give, yet any process gives the
    same one; the "TEST-" prefix marks it as a demo's, never a real institution's.
    """
    digest = hashlib.sha256(f"{mode}:{seed}:{index}".encode()).hexdigest().upper()
    return f"TEST-{digest[:4]}-{digest[4:8]}"


def demo_number(key: str, digits: int) -> int:
    """A reproducible ``digits``-digit number (leading digit not 0) for a record item an action creates."""
    low = 10 ** (digits - 1)
    return low + int(hashlib.sha256(key.encode()).hexdigest(), 16) % (9 * low)
