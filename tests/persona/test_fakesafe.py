"""No identifier can be a real person's: checked over 10,000 seeds per mode, against patterns written
here from the regulators' lists (not derived from the engine's own tables)."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

import pytest

from persona import describe, generate, list_locales
from persona.fakesafe import (
    FICTIONAL_RANGES,
    TEST_CARD_NUMBERS,
    de_phone,
    fr_phone,
    gb_phone,
    invalid_ssn,
    is_fictional_phone,
    luhn_valid,
    mask,
    never_issued_ssn,
    us_phone,
)
from prompting import build_system_prompt

AS_OF = date(2026, 1, 15)
SEEDS = 10_000

PHONES = {
    # NANP: 555-0100..0199 is fictional in every area code; the area code looks geographic.
    "en_US": re.compile(r"\([2-9][0-8]\d\) 555-01\d\d"),
    # Ofcom, telephone numbers for drama purposes.
    "en_GB": re.compile(r"020 7946 0\d{3}|01(1[3-8]|21|31|41|51|61) 496 0\d{3}|0191 498 0\d{3}|028 9649 6\d{3}"
                        r"|029 2018 0\d{3}|01632 960\d{3}|07700 900\d{3}"),
    # Bundesnetzagentur, Mitteilung 148/2021.
    "de_DE": re.compile(r"(030 23125|069 90009|040 66969|0221 4710|089 99998) \d{3}"),
    # ARCEP, numbers reserved for fiction.
    "fr_FR": re.compile(r"0(1 99 00|2 61 91|3 53 01|4 65 71|5 36 49|6 39 98) \d\d \d\d"),
}
EMAIL = re.compile(r"[a-z0-9]+\.[a-z0-9]+\d\d@example\.(com|net|org)")
MASKED = re.compile(r"•••• \d{4}")
# Card numbers from processors' published test lists (Stripe, Braintree/PayPal, Adyen docs).
PUBLISHED_TEST_CARDS = {
    "4242424242424242", "4000056655665556", "4111111111111111", "4012888888881881", "5555555555554444",
    "5200828282828210", "5105105105105100", "2223003122003222", "378282246310005", "371449635398431",
    "6011111111111117", "6011000990139424",
}


def ssn_never_issued(ssn: str) -> bool:
    area, group, serial = ssn.split("-")
    return area in {"000", "666"} or "900" <= area <= "999" or group == "00" or serial == "0000"


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_identifiers_are_fictional_over_10000_seeds(mode):
    locales = list_locales()
    seen_locales = Counter()
    for seed in range(SEEDS):
        locale = locales[seed % len(locales)]
        p = generate(mode, seed, locale, AS_OF)
        ident = p.identity
        seen_locales[locale] += 1
        assert PHONES[locale].fullmatch(ident.phone), (seed, locale, ident.phone)
        assert EMAIL.fullmatch(ident.email), (seed, ident.email)
        if locale == "en_US":
            assert re.fullmatch(r"\d{3}-\d{2}-\d{4}", ident.ssn) and ssn_never_issued(ident.ssn), ident.ssn
        else:
            assert ident.ssn is None
        if mode == "banking":
            assert MASKED.fullmatch(p.checking_account) and MASKED.fullmatch(p.savings_account)
            assert p.card_number in PUBLISHED_TEST_CARDS and luhn_valid(p.card_number)
            assert p.card_masked == "•••• " + p.card_number[-4:]
        elif mode == "healthcare":
            assert re.fullmatch(r"CDL\d{9}", p.member_id)
    assert set(seen_locales) == set(PHONES)


def test_every_documented_range_is_used_and_nothing_else():
    rng = random.Random(7)
    for locale, draw in (("en_GB", gb_phone), ("de_DE", de_phone), ("fr_FR", fr_phone)):
        numbers = [draw(rng) for _ in range(20_000)]
        assert all(PHONES[locale].fullmatch(n) and is_fictional_phone(locale, n) for n in numbers)
        prefixes = {r.prefix for r in FICTIONAL_RANGES[locale]}
        assert {next(p for p in prefixes if n.startswith(p)) for n in numbers} == prefixes
    assert len(FICTIONAL_RANGES["en_GB"]) == 17 and len(FICTIONAL_RANGES["de_DE"]) == 5
    assert len(FICTIONAL_RANGES["fr_FR"]) == 6
    us = [us_phone(rng) for _ in range(20_000)]
    assert all(PHONES["en_US"].fullmatch(n) for n in us)
    assert len({n[-2:] for n in us}) == 100  # the whole 0100-0199 block
    areas = {n[1:4] for n in us}
    assert not areas & {"800", "833", "844", "855", "866", "877", "888", "900", "911", "555", "500"}


@pytest.mark.parametrize(("locale", "number", "fictional"), [
    ("en_US", "(212) 555-0123", True), ("en_US", "(212) 555-1234", False), ("en_US", "(800) 555-0123", False),
    ("en_GB", "020 7946 0999", True), ("en_GB", "020 7946 1000", False), ("en_GB", "0191 498 0000", True),
    ("de_DE", "030 23125 000", True), ("de_DE", "030 23126 000", False),
    ("fr_FR", "06 39 98 12 34", True), ("fr_FR", "06 39 99 12 34", False), ("xx_XX", "555", False),
])
def test_is_fictional_phone(locale, number, fictional):
    assert is_fictional_phone(locale, number) is fictional


def test_ssns_use_every_never_issued_form():
    rng = random.Random(3)
    ssns = [invalid_ssn(rng) for _ in range(20_000)]
    assert all(never_issued_ssn(s) and ssn_never_issued(s) for s in ssns)
    forms = Counter("area 000" if s[:3] == "000" else "area 666" if s[:3] == "666" else "area 9xx" if s[0] == "9"
                    else "group 00" if s[4:6] == "00" else "serial 0000" for s in ssns)
    assert set(forms) == {"area 000", "area 666", "area 9xx", "group 00", "serial 0000"}
    assert not never_issued_ssn("123-45-6789") and not never_issued_ssn("123456789")


def test_documented_test_cards_are_luhn_valid_and_luhn_catches_typos():
    assert set(TEST_CARD_NUMBERS) == PUBLISHED_TEST_CARDS
    assert all(luhn_valid(n) for n in TEST_CARD_NUMBERS)
    assert not any(luhn_valid(n[:-1] + str((int(n[-1]) + 1) % 10)) for n in TEST_CARD_NUMBERS)
    assert mask("4242424242424242") == "•••• 4242"


def test_what_is_shown_never_has_a_full_card_number_or_ssn():
    for seed in range(300):
        p = generate("banking", seed, "en_US", AS_OF)
        shown = build_system_prompt(p) + repr(describe(p).model_dump())
        assert p.card_number not in shown and p.identity.ssn not in shown
        assert p.identity.ssn[-4:] in shown and p.card_number[-4:] in shown
