"""The scorer reads a fact in any common spelling, and only that fact."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.matchers import Amount, Count, Day, Text, dates_in, dosage, numbers_in, person
from persona import Formatter


@pytest.mark.parametrize("text", [
    "Your balance is $3,385.81.", "3385.81 dollars", "3.385,81 €", "3 385,81 €", "3\u202f385,81\u00a0€",
    "USD 3,385.81", "£3,385.81", "3'385.81 CHF", "It's 3385,81.",
])
def test_amount_in_any_convention(text):
    assert Amount(Decimal("3385.81"))(text)


@pytest.mark.parametrize("text", ["$1,700.00", "1700", "1.700,00 €", "$1,700", "1 700 €", "1700.0"])
def test_whole_amount(text):
    assert Amount(Decimal("1700.00"))(text)


@pytest.mark.parametrize("text", ["$3,385.18", "$338.58", "33,858.10", "no amount here", "$3,385"])
def test_amount_rejects_other_figures(text):
    assert not Amount(Decimal("3385.81"))(text)


@given(st.decimals(min_value=0, max_value=10_000_000, places=2),
       st.sampled_from(["en_US", "en_GB", "de_DE", "fr_FR"]))
def test_amount_reads_every_babel_format(value, locale):
    assert Amount(value)(f"That comes to {Formatter(locale).money(value)}.")


@pytest.mark.parametrize("text", [
    "2026-11-23", "Nov 23, 2026", "November 23rd, 2026", "23 November 2026", "23 Nov 2026", "11/23/2026",
    "23.11.2026", "23/11/2026", "23. November 2026", "23 novembre 2026", "23 nov. 2026", "the 23rd of November, 2026",
])
def test_day_in_any_format(text):
    assert Day(date(2026, 11, 23))(text)


@given(st.dates(min_value=date(1920, 1, 1), max_value=date(2040, 12, 31)),
       st.sampled_from(["en_US", "en_GB", "de_DE", "fr_FR"]))
def test_day_reads_every_babel_format(value, locale):
    assert Day(value)(f"It is on {Formatter(locale).date(value)}.")


def test_day_rejects_other_days():
    assert not Day(date(2026, 11, 23))("Nov 24, 2026 or 2025-11-23")


def test_ambiguous_numeric_date_reads_both_ways():
    assert dates_in("03/04/2026") == {date(2026, 3, 4), date(2026, 4, 3)}


def test_numbers_in_keeps_each_reading():
    assert {Decimal("1.234"), Decimal("1234")} <= numbers_in("1,234")


@pytest.mark.parametrize(("value", "text", "expected"), [
    (3, "You have 3 pending claims.", True),
    (3, "You have three pending claims.", True),
    (0, "You have no pending claims.", True),
    (0, "You don't have any pending claims.", True),
    (2, "You have 3 pending claims.", False),
    (0, "You have some claims.", False),
])
def test_count(value, text, expected):
    assert Count(value, noun="claim")(text) is expected


def test_text_is_case_and_accent_insensitive_and_whole_word():
    assert Text("Zoë Müller")("your name is ZOE MULLER.")
    assert not Text("Ann Lee")("Your name is Joann Leeds.")


def test_person_ignores_the_title():
    assert person("Dr. Tanya Huff")("You will see Tanya Huff.")
    assert person("Dr. Tanya Huff")("You will see Dr. Tanya Huff.")


def test_dosage_with_or_without_space():
    assert dosage("10 mg")("Take 10mg daily.")
    assert not dosage("10 mg")("Take 100 mg daily.")
