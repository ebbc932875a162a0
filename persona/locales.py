"""Locales the engine supports: Faker provides names and addresses, Babel formats money and dates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import cache, lru_cache
from random import Random

from babel import Locale
from babel.dates import format_date, format_time, match_skeleton
from babel.numbers import (
    NumberPattern,
    format_currency,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    parse_pattern,
)

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


@cache
def _money_pattern(code: str) -> NumberPattern | None:
    """The locale's currency pattern with its currency's symbol written in, or None if that would differ.

    ``format_currency`` looks up the currency's name, symbol and digits on every call; with them
    resolved once, Babel formats the same text about twice as fast (test_locales.py compares them).
    """
    locale, currency = _babel_locale(code), get_profile(code).currency
    standard = locale.currency_formats["standard"]
    if standard.pattern.count("¤") != 1 or standard.frac_prec != (get_currency_precision(currency),) * 2:
        return None
    return parse_pattern(standard.pattern.replace("¤", f"'{get_currency_symbol(currency, locale)}'"))


@cache
def _skeleton(code: str, skeleton: str) -> str:
    """The locale's date pattern for a skeleton ("MMMd"), matched once rather than on every call."""
    locale = _babel_locale(code)
    return locale.datetime_skeletons[match_skeleton(skeleton, locale.datetime_skeletons)].pattern


@lru_cache(maxsize=8192)
def _format_money(code: str, amount: str) -> str:
    """Babel's currency format, remembered: prices, limits and deductibles recur from persona to persona.

    Keyed by the amount's text, not its value: Decimal("-0.00") equals Decimal("0.00") but is written "-$0.00".
    """
    pattern = _money_pattern(code)
    if pattern is None:
        return format_currency(Decimal(amount), get_profile(code).currency, locale=_babel_locale(code))
    return pattern.apply(Decimal(amount), _babel_locale(code))


@lru_cache(maxsize=8192)
def _format_date(code: str, value: date, format: str) -> str:
    """Babel's ``format_date``, remembered: the dates of a record cluster around as_of, so they repeat."""
    return format_date(value, format=format, locale=_babel_locale(code))


@lru_cache(maxsize=1024)
def _format_time(code: str, value: time) -> str:
    return format_time(value, format="short", locale=_babel_locale(code))


@dataclass(frozen=True)
class Formatter:
    """Locale-aware display of money, numbers and dates, all delegated to Babel."""

    locale: str

    @property
    def currency(self) -> str:
        return get_profile(self.locale).currency

    def money(self, amount: Decimal) -> str:
        return _format_money(self.locale, str(amount))

    def number(self, value: int | Decimal) -> str:
        return format_decimal(value, locale=_babel_locale(self.locale))

    def date(self, value: date) -> str:
        return _format_date(self.locale, value, "medium")

    def short_date(self, value: date) -> str:
        """Day and month as people say them: "Nov 23" in en_US, "23 Nov" in en_GB, "23. Nov." in de_DE."""
        return _format_date(self.locale, value, _skeleton(self.locale, "MMMd"))

    def long_date(self, value: date) -> str:
        return _format_date(self.locale, value, "long")

    def time(self, value: time) -> str:
        """Clock time as the locale writes it: "2:30\u202fPM" in en_US, "14:30" in de_DE."""
        return _format_time(self.locale, value)
