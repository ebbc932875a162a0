"""No identifier can be a real person's, checked over 10,000 seeds per mode."""

from __future__ import annotations

import re
from datetime import date

import pytest

from persona import generate, list_locales
from persona.fakesafe import TEST_CARD_NUMBERS, luhn_valid

AS_OF = date(2026, 1, 15)
SEEDS = 10_000

PHONES = {
    "en_US": re.compile(r"\([2-9]\d\d\) 555-01\d\d"),
    "en_GB": re.compile(r"(020 7946 0\d{3}|01(1[3-8]|21|31|41|51|61) 496 0\d{3}|028 9649 6\d{3}|029 2018 0\d{3}"
                        r"|01632 960\d{3}|07700 900\d{3})"),
    "de_DE": re.compile(r"(030 23125|069 90009|040 66969|0221 4710|089 99998) \d{3}"),
    "fr_FR": re.compile(r"(01 99 00|02 61 91|03 53 01|04 65 71|05 36 49|06 39 98) \d\d \d\d"),
}
EMAIL = re.compile(r"[a-z0-9.]+@example\.(com|net|org)")
MASKED = re.compile(r"•••• \d{4}")


def never_issued_ssn(ssn: str) -> bool:
    area, group, serial = ssn.split("-")
    return area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000"


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_identifiers_are_fictional(mode):
    locales = list_locales()
    for seed in range(SEEDS):
        locale = locales[seed % len(locales)]
        p = generate(mode, seed, locale, AS_OF)
        ident = p.identity
        assert PHONES[locale].fullmatch(ident.phone), (seed, locale, ident.phone)
        assert EMAIL.fullmatch(ident.email), (seed, ident.email)
        if locale == "en_US":
            assert re.fullmatch(r"\d{3}-\d{2}-\d{4}", ident.ssn) and never_issued_ssn(ident.ssn), ident.ssn
        else:
            assert ident.ssn is None
        if mode == "banking":
            assert MASKED.fullmatch(p.checking_account) and MASKED.fullmatch(p.savings_account)
            assert p.card_number in TEST_CARD_NUMBERS and luhn_valid(p.card_number)
            assert p.card_masked == "•••• " + p.card_number[-4:]


def test_documented_test_cards_are_luhn_valid_and_luhn_catches_typos():
    assert all(luhn_valid(n) for n in TEST_CARD_NUMBERS)
    assert not luhn_valid("4242424242424241")


def test_prompt_and_card_never_show_a_full_card_number_or_ssn():
    from persona import build_system_prompt, describe

    for seed in range(200):
        p = generate("banking", seed, "en_US", AS_OF)
        shown = build_system_prompt(p) + str(describe(p).model_dump())
        assert p.card_number not in shown and p.identity.ssn not in shown
