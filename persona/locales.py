"""Locales the engine supports: Faker provides names and addresses, Babel formats money and dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cache
from random import Random

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal

from . import fakesafe
from .errors import UnknownLocaleError


@dataclass(frozen=True)
class LocaleProfile:
    code: str
    currency: str
    country: str
    phone: Callable[[Random], str]
    address_format: str
    has_region: bool = False
    has_ssn: bool = False


_PROFILES: dict[str, LocaleProfile] = {
    p.code: p
    for p in (
        LocaleProfile("en_US", "USD", "United States", fakesafe.us_phone,
                      "{street}, {city}, {region} {postcode}", has_region=True, has_ssn=True),
        LocaleProfile("en_GB", "GBP", "United Kingdom", fakesafe.gb_phone,
                      "{street}, {city} {postcode}"),
        LocaleProfile("de_DE", "EUR", "Deutschland", fakesafe.de_phone,
                      "{street}, {postcode} {city}"),
        LocaleProfile("fr_FR", "EUR", "France", fakesafe.fr_phone,
                      "{street}, {postcode} {city}"),
    )
}

DEFAULT_LOCALE = "en_US"


def list_locales() -> list[str]:
    return list(_PROFILES)


def get_profile(locale: str) -> LocaleProfile:
    try:
        return _PROFILES[locale]
    except (KeyError, TypeError):
        raise UnknownLocaleError(
            f"unknown locale {locale!r}; choose one of: {', '.join(_PROFILES)}"
        ) from None


@cache
def _babel_locale(code: str) -> Locale:
    return Locale.parse(code)


def reply_language_instruction(locale: str) -> str:
    """The system prompt's line asking the model to reply in the persona's language, named by Babel.

    "Reply in German (Deutsch)." for de_DE, "Reply in English." for en_GB: the record stays English,
    so without it hosted models answer a German customer in English.
    """
    language = _babel_locale(get_profile(locale).code)
    english, native = language.get_language_name("en"), language.get_language_name(language)
    return f"Reply in {english} ({native})." if native.casefold() != english.casefold() else f"Reply in {english}."


@dataclass(frozen=True)
class Formatter:
    """Locale-aware display of money, numbers and dates, all delegated to Babel."""

    locale: str

    @property
    def currency(self) -> str:
        return get_profile(self.locale).currency

    def money(self, amount: Decimal) -> str:
        return format_currency(amount, self.currency, locale=_babel_locale(self.locale))

    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=_babel_locale(self.locale))

    def date(self, value: date) -> str:
        return format_date(value, format="medium", locale=_babel_locale(self.locale))

    def long_date(self, value: date) -> str:
        return format_date(value, format="long", locale=_babel_locale(self.locale))

    def time(self, value: time) -> str:
        """Clock time as the locale writes it: "2:30\u202fPM" in en_US, "14:30" in de_DE."""
        return format_time(value, format="short", locale=_babel_locale(self.locale))
