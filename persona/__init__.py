"""Seeded, realistic, fake-safe customer personas for regulated-industry chat demos.

>>> from datetime import date
>>> p = generate("banking", 42, locale="en_US", as_of=date(2026, 1, 15))
>>> p == generate("banking", "  42 ", as_of=date(2026, 1, 15))
True
"""

from .engine import AS_OF_RANGE, describe, generate, load_persona
from .errors import InvalidAsOfError, InvalidSeedError, PersonaError, UnknownLocaleError, UnknownModeError
from .locales import DEFAULT_LOCALE, Formatter, list_locales, reply_language_instruction
from .models import Fact, Figure, Identity, PersonaBase, PersonaView, Section, Table
from .registry import CardLayout, Industry, get_industry, list_modes, register
from .seeds import SEED_SPACE, normalise_seed

__all__ = [
    "AS_OF_RANGE",
    "DEFAULT_LOCALE",
    "SEED_SPACE",
    "CardLayout",
    "Fact",
    "Figure",
    "Formatter",
    "Identity",
    "Industry",
    "InvalidAsOfError",
    "InvalidSeedError",
    "PersonaBase",
    "PersonaError",
    "PersonaView",
    "Section",
    "Table",
    "UnknownLocaleError",
    "UnknownModeError",
    "describe",
    "generate",
    "get_industry",
    "list_locales",
    "list_modes",
    "load_persona",
    "normalise_seed",
    "register",
    "reply_language_instruction",
]
