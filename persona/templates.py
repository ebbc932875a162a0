"""Faker's own locale formats, compiled once per Faker instance: the same locale data, no regex per call.

Faker builds a street or a company by picking one of the provider's format strings
(``"{{building_number}} {{street_name}}"``) and expanding it with a regular expression on every
call, recursively. That is most of the time an address takes. ``Templates`` reads the same format
tuples from the locale's providers once and expands them with plain calls drawing from the
persona's seeded ``Random``. A method is compiled only where the locale keeps Faker's stock
implementation ("pick a format, parse it", "pick a name"); anything a locale overrides (fr_FR
postcodes, en_GB flats) is called through Faker as-is. Names and suffixes are picked uniformly
from the locale's lists, as Faker does with ``use_weighting=False``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from random import Random
from typing import TYPE_CHECKING

from faker.providers import address as _address
from faker.providers import company as _company
from faker.providers import person as _person
from faker.providers.address import en_GB as _address_en_GB
from faker.providers.address import en_US as _address_en_US

if TYPE_CHECKING:
    from faker import Generator

_TOKEN = re.compile(r"\{\{\s*(\w+)\s*\}\}")

# method -> (the provider attribute holding its formats, the Faker implementations known to do just that).
_PARSED = {
    "street_address": ("street_address_formats", {_address.Provider.street_address}),
    "street_name": ("street_name_formats", {_address.Provider.street_name}),
    "city": ("city_formats", {_address.Provider.city}),
    "company": ("formats", {_company.Provider.company}),
}
_NUMERIFIED = {
    "building_number": ("building_number_formats", {_address.Provider.building_number}),
    "secondary_address": ("secondary_address_formats", {_address_en_US.Provider.secondary_address,
                                                        _address_en_GB.Provider.secondary_address}),
}
# Methods that pick one element of a provider attribute: read the attribute once, pick with the stream.
_PICKED = {
    "first_name": ("first_names", {_person.Provider.first_name}),
    "last_name": ("last_names", {_person.Provider.last_name}),
    "street_suffix": ("street_suffixes", {_address.Provider.street_suffix}),
    "city_suffix": ("city_suffixes", {_address.Provider.city_suffix}),
    "company_suffix": ("company_suffixes", {_company.Provider.company_suffix}),
}

_DIGITS = "0123456789"
_LETTERS = string.ascii_letters
# Faker's numerify placeholders: '#' any digit, '%' 1-9, '$' 2-9, '!' a digit or nothing, '@' 1-9 or nothing.
_PLACEHOLDERS: dict[str, Callable[[Random], str]] = {
    "#": lambda rng: _DIGITS[int(rng.random() * 10)],
    "%": lambda rng: _DIGITS[1 + int(rng.random() * 9)],
    "$": lambda rng: _DIGITS[2 + int(rng.random() * 8)],
    "!": lambda rng: _DIGITS[int(rng.random() * 10)] if rng.random() < 0.5 else "",
    "@": lambda rng: _DIGITS[1 + int(rng.random() * 9)] if rng.random() < 0.5 else "",
    "?": lambda rng: _LETTERS[int(rng.random() * 52)],
}

Part = str | Callable[[Random], str]


def _expand(parts: tuple[Part, ...], rng: Random) -> str:
    return "".join(p if isinstance(p, str) else p(rng) for p in parts)


class Templates:
    """Compiled expanders for one Faker generator: ``templates.street_address(rng)`` and friends."""

    def __init__(self, fake: Generator):
        self._fake = fake
        self._compiled: dict[str, Callable[[Random], str]] = {}
        self._through_faker: set[str] = set()

    def __getattr__(self, method: str) -> Callable[[Random], str]:
        if method.startswith("_"):
            raise AttributeError(method)
        fn = self._compile(method)
        setattr(self, method, fn)  # later lookups skip __getattr__
        return fn

    def _compile(self, method: str) -> Callable[[Random], str]:
        if method in self._compiled:
            return self._compiled[method]
        bound = getattr(self._fake, method)
        provider = getattr(bound, "__self__", None)
        if method in _PARSED and _stock(provider, method, _PARSED[method][1]):
            choices = tuple(self._parts(f) for f in _formats(provider, _PARSED[method][0]))
            fn = self._choose(choices)
        elif method in _PICKED and _stock(provider, method, _PICKED[method][1]):
            fn = _picker(tuple(_formats(provider, _PICKED[method][0])))
        elif method in _NUMERIFIED and _stock(provider, method, _NUMERIFIED[method][1]):
            choices = tuple(tuple(_PLACEHOLDERS.get(ch, ch) for ch in _no_leading_zero(f))
                            for f in _formats(provider, _NUMERIFIED[method][0]))
            fn = self._choose(choices)
        else:
            def fn(rng: Random, call=bound) -> str:  # the locale's own implementation
                return call()
            self._through_faker.add(method)
        self._compiled[method] = fn
        return fn

    def through_faker(self, method: str) -> bool:
        """True if ``method`` is called through Faker rather than compiled (a locale override)."""
        self._compile(method)
        return method in self._through_faker

    def _parts(self, fmt: str) -> tuple[Part, ...]:
        parts: list[Part] = []
        pos = 0
        for m in _TOKEN.finditer(fmt):
            if m.start() > pos:
                parts.append(fmt[pos:m.start()])
            parts.append(self._compile(m.group(1)))
            pos = m.end()
        if pos < len(fmt):
            parts.append(fmt[pos:])
        return tuple(parts)

    @staticmethod
    def _choose(choices: tuple[tuple[Part, ...], ...]) -> Callable[[Random], str]:
        if len(choices) == 1:
            only = choices[0]
            return lambda rng: _expand(only, rng)
        n = len(choices)
        return lambda rng: _expand(choices[int(rng.random() * n)], rng)


def _picker(items: tuple[str, ...]) -> Callable[[Random], str]:
    n = len(items)
    return lambda rng: items[int(rng.random() * n)]


def _stock(provider: object, method: str, implementations: set[Callable]) -> bool:
    """True if the locale's provider implements ``method`` with one of the known implementations."""
    return provider is not None and getattr(type(provider), method, None) in implementations


def _no_leading_zero(fmt: str) -> str:
    """A house or flat number never starts with 0 (Faker's "###" can give "074"): lead with 1-9."""
    head = fmt.rstrip("#%$!@?")
    return head + "%" + fmt[len(head) + 1:] if fmt[len(head):].startswith("#") else fmt


def _formats(provider: object, attribute: str) -> tuple[str, ...]:
    return tuple(getattr(provider, attribute))  # a weighted mapping gives its keys, drawn uniformly as use_weighting=False does
