"""The registry, seeds and errors: what a caller sees when input is wrong."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import Field

from persona import (SEED_SPACE, Industry, InvalidSeedError, PersonaError, UnknownLocaleError, UnknownModeError,
                     generate, get_industry, list_locales, list_modes, normalise_seed, register)
from persona.facts import fact
from persona.models import PersonaBase
from persona.registry import unregister

AS_OF = date(2026, 1, 15)


def test_modes_and_locales():
    assert list_modes()[:3] == ["banking", "insurance", "healthcare"]
    assert set(list_locales()) >= {"en_US", "en_GB", "de_DE", "fr_FR"}
    for mode in list_modes():
        industry = get_industry(mode)
        assert industry.institution and len(industry.examples) >= 3 and industry.role


@pytest.mark.parametrize(("value", "expected"), [
    (42, 42), ("42", 42), ("  42\n", 42), ("+7", 7), ("007", 7), (0, 0),
    (-1, SEED_SPACE - 1), ("-5", SEED_SPACE - 5), (2**64 + 3, 3), (SEED_SPACE, 0), (str(2**80), 2**80 % SEED_SPACE),
])
def test_seed_normalisation(value, expected):
    assert normalise_seed(value) == expected
    assert generate("banking", value, as_of=AS_OF) == generate("banking", expected, as_of=AS_OF)


@pytest.mark.parametrize("value", [True, 1.0, "1e5", "abc", "", "  ", "4 2", "0x10", None, "1" * 5000])
def test_bad_seeds_raise_a_clear_error(value):
    with pytest.raises(InvalidSeedError, match="0 to 4294967295"):
        normalise_seed(value)


def test_unknown_mode_and_locale_name_the_choices():
    with pytest.raises(UnknownModeError, match="banking, insurance, healthcare"):
        generate("mortgages", 1)
    with pytest.raises(UnknownLocaleError, match="en_US, en_GB, de_DE, fr_FR"):
        generate("banking", 1, "xx_XX")
    assert issubclass(UnknownModeError, PersonaError) and issubclass(PersonaError, ValueError)


def test_a_new_industry_registers_without_touching_other_modules():
    from typing import Literal

    class TelecomPersona(PersonaBase):
        mode: Literal["telecom"] = "telecom"
        data_used_gb: float = Field(ge=0)

    register(Industry(
        mode="telecom", label="Telecom", institution="Fictel Mobile", role="a support assistant at Fictel Mobile",
        model=TelecomPersona, build=lambda d: {"data_used_gb": round(d.rng.uniform(0, 50), 1)},
        facts=lambda p, fmt: [fact("data", "Data used", f"{p.data_used_gb} GB")], tables=lambda p, fmt: [],
        examples=("How much data have I used?",), order=99))
    try:
        assert "telecom" in list_modes()
        p = generate("telecom", 5, "de_DE", AS_OF)
        assert p.mode == "telecom" and p == generate("telecom", 5, "de_DE", AS_OF)
        from persona import build_system_prompt
        assert "Fictel Mobile" in build_system_prompt(p) and "Data used" in build_system_prompt(p)
    finally:
        unregister("telecom")
    assert "telecom" not in list_modes()
