"""Does an answer state a fact? Matchers for amounts, counts, dates and names in any common spelling.

A model may write the same figure as "$3,385.81", "3385.81 dollars", "3.385,81 €" or "3 385,81 €",
and the same day as "2026-01-29", "Jan 29, 2026", "29 January 2026", "01/29/2026" or "29.01.2026".
Each matcher lists every value the text could mean and checks the expected one is among them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Protocol

from babel.dates import get_month_names

_GROUPING = "\u00a0\u202f\u2009\u2007'’"
"""Characters that only ever group thousands (no-break, narrow no-break, thin, figure spaces, apostrophes)."""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                 "eleven", "twelve")
_MONTH_LOCALES = ("en", "de", "fr")
"""Month names are read in the languages the persona engine formats dates in."""


class Matcher(Protocol):
    def __call__(self, text: str) -> bool: ...


def plain(text: str) -> str:
    """Casefold, drop accents and collapse whitespace: the form every text comparison uses."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _ungroup(text: str) -> str:
    """Remove grouping characters that sit between digits, so '3 385,81' reads '3385,81'."""
    return re.sub(rf"(?<=\d)[{_GROUPING}](?=\d)", "", text)


def _readings(token: str) -> set[Decimal]:
    """Every value a digit run with '.'/',' separators can mean: thousands groups and/or a decimal mark."""
    parts = re.split(r"([.,])", token)
    digits, seps = parts[0::2], parts[1::2]
    out: set[Decimal] = set()
    if not seps:
        return {Decimal(token)}
    # All separators group thousands: '1,234,567' or '1.234'.
    if len(set(seps)) == 1 and len(digits[0]) <= 3 and all(len(g) == 3 for g in digits[1:]):
        out.add(Decimal("".join(digits)))
    # The last separator is the decimal mark, the others (all the other character) group thousands.
    *head_seps, mark = seps
    groups_ok = all(len(g) == 3 for g in digits[1:-1]) and (not head_seps or len(digits[0]) <= 3)
    if groups_ok and all(s == head_seps[0] != mark for s in head_seps):
        try:
            out.add(Decimal("".join(digits[:-1]) + "." + digits[-1]))
        except InvalidOperation:  # pragma: no cover - the regex only yields digits
            pass
    return out


def numbers_in(text: str) -> set[Decimal]:
    """All numeric values ``text`` may state, under en, de and fr conventions alike."""
    text = _ungroup(text)
    found: set[Decimal] = set()
    for token in _NUMBER.findall(text):
        found |= _readings(token)
    for token in _SPACE_GROUPED.findall(text):
        found |= _readings(token.replace(" ", ""))
    return found


@lru_cache(maxsize=1)
def _month_table() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in _MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    names[plain(name).rstrip(".")] = number
    names["sept"] = 9
    return names


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    month = "|".join(sorted((re.escape(m) for m in _month_table()), key=len, reverse=True))
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"
    year = r"(?P<year>\d{4})"
    mon = rf"(?P<month>{month})\.?"
    return (
        re.compile(rf"\b{mon}\s+{day},?\s+{year}\b"),  # Jan 29, 2026 / January 29th 2026
        re.compile(rf"\b{day}\s+(?:of\s+)?{mon},?\s+{year}\b"),  # 29 January 2026 / 29. Januar 2026
    )


_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})\b")


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str) -> set[date]:
    """All calendar dates ``text`` may state; '03/04/2026' yields both 3 April and 4 March."""
    text = plain(text)
    found: set[date | None] = set()
    for y, m, d in _ISO.findall(text):
        found.add(_day(int(y), int(m), int(d)))
    for a, _, b, y in _NUMERIC.findall(text):
        year = int(y) + (2000 if len(y) == 2 else 0)
        found |= {_day(year, int(a), int(b)), _day(year, int(b), int(a))}
    months = _month_table()
    for pattern in _date_patterns():
        for m in pattern.finditer(text):
            found.add(_day(int(m["year"]), months[m["month"]], int(m["day"])))
    found.discard(None)
    return found  # type: ignore[return-value]


@dataclass(frozen=True)
class Amount:
    """A money amount or other decimal: '$1,700.00' is stated by '1700', '1.700,00 €' or '$1,700'."""

    value: Decimal

    def __call__(self, text: str) -> bool:
        return self.value in numbers_in(text)


@dataclass(frozen=True)
class Count:
    """A whole number; small ones may be spelt out, and zero may be said as 'no <noun>'."""

    value: int
    noun: str = ""

    def __call__(self, text: str) -> bool:
        if Decimal(self.value) in numbers_in(text):
            return True
        words = plain(text)
        if self.value < len(_NUMBER_WORDS) and re.search(rf"\b{_NUMBER_WORDS[self.value]}\b", words):
            return True
        if self.value == 0 and self.noun:
            return bool(re.search(rf"(?:\bno|\bnot any|n't have any|\bnot have any)\s+(?:\w+\s+){{0,2}}{self.noun}", words))
        return False


@dataclass(frozen=True)
class Day:
    """A calendar date in any common format (ISO, 'Jan 29, 2026', '29 January 2026', '29.01.2026', …)."""

    value: date

    def __call__(self, text: str) -> bool:
        return self.value in dates_in(text)


@dataclass(frozen=True)
class Text:
    """A name or label, case- and accent-insensitive; any one of ``aliases`` also counts."""

    value: str
    aliases: tuple[str, ...] = field(default=())

    def __call__(self, text: str) -> bool:
        haystack = plain(text)
        return any(re.search(rf"(?<!\w){re.escape(plain(v))}(?!\w)", haystack) for v in (self.value, *self.aliases))


def person(name: str) -> Text:
    """A person's name with or without a 'Dr.' title."""
    bare = re.sub(r"^(?:dr\.?|mr\.?|mrs\.?|ms\.?)\s+", "", name, flags=re.IGNORECASE)
    return Text(bare)


def dosage(value: str) -> Text:
    """A dose such as '10 mg', also written '10mg'."""
    return Text(value, (value.replace(" ", ""),))


@dataclass(frozen=True)
class AnyOf:
    """Any one of several facts: 'what about the second one?' is answered by its coverage or its premium."""

    options: tuple[Matcher, ...]

    def __call__(self, text: str) -> bool:
        return any(match(text) for match in self.options)
