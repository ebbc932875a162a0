"""Seeded, realistic, fake-safe customer personas for regulated-industry chat demos.

>>> from datetime import date
>>> p = generate("banking", 42, locale="en_US", as_of=date(2026, 1, 15))
>>> p == generate("banking", "  42 ", as_of=date(2026, 1, 15))
True
>>> example_prompts(p)[0] == p.scenario.opening
True
"""

from .engine import AS_OF_RANGE, describe, generate, load_persona
from .errors import (
    InvalidAsOfError,
    InvalidSeedError,
    PersonaError,
    ScenarioNotApplicableError,
    UnknownLocaleError,
    UnknownModeError,
    UnknownScenarioError,
)
from .examples import example_prompts, grounded_examples
from .locales import DEFAULT_LOCALE, Formatter, list_locales, reply_language_instruction
from .models import Example, Fact, Identity, PersonaBase, PersonaView, RecordRef, Scenario, Table
from .registry import Industry, ScenarioKind, Story, get_industry, list_modes, list_scenarios, register
from .scenarios import applicable_scenarios
from .seeds import SEED_SPACE, normalise_seed

__all__ = [
    "AS_OF_RANGE",
    "DEFAULT_LOCALE",
    "SEED_SPACE",
    "Example",
    "Fact",
    "Formatter",
    "Identity",
    "Industry",
    "InvalidAsOfError",
    "InvalidSeedError",
    "PersonaBase",
    "PersonaError",
    "PersonaView",
    "RecordRef",
    "Scenario",
    "ScenarioKind",
    "ScenarioNotApplicableError",
    "Story",
    "Table",
    "UnknownLocaleError",
    "UnknownModeError",
    "UnknownScenarioError",
    "applicable_scenarios",
    "describe",
    "example_prompts",
    "generate",
    "get_industry",
    "grounded_examples",
    "list_locales",
    "list_modes",
    "list_scenarios",
    "load_persona",
    "normalise_seed",
    "register",
    "reply_language_instruction",
]
