"""Seeded, realistic, fake-safe customer personas for regulated-industry chat demos.

>>> from datetime import date
>>> p = generate("banking", 42, locale="en_US", as_of=date(2026, 1, 15))
>>> p == generate("banking", "  42 ", as_of=date(2026, 1, 15))
True
>>> example_prompts(p)[0] == p.scenario.opening
True
"""

from .actions import (
    Action,
    ActionError,
    Event,
    InvalidArgumentsError,
    NothingPendingError,
    Proposal,
    Reading,
    Refusal,
    RefusedError,
    UnknownActionError,
)
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
from .ledger import (
    Ledger,
    Outcome,
    actions_of,
    changed_paths,
    list_actions,
    replay,
    tool_schemas,
)
from .locales import DEFAULT_LOCALE, Formatter, list_locales, reply_language_instruction
from .models import (
    ActionRecord,
    Example,
    Fact,
    Figure,
    Identity,
    PersonaBase,
    PersonaView,
    RecordRef,
    Scenario,
    Section,
    Table,
)
from .registry import CardLayout, Industry, ScenarioKind, Story, get_industry, list_modes, list_scenarios, register
from .scenarios import applicable_scenarios
from .seeds import SEED_SPACE, normalise_seed

__all__ = [
    "AS_OF_RANGE",
    "DEFAULT_LOCALE",
    "SEED_SPACE",
    "Action",
    "ActionError",
    "ActionRecord",
    "CardLayout",
    "Event",
    "Example",
    "Fact",
    "Figure",
    "Formatter",
    "Identity",
    "Industry",
    "InvalidArgumentsError",
    "InvalidAsOfError",
    "InvalidSeedError",
    "Ledger",
    "NothingPendingError",
    "Outcome",
    "PersonaBase",
    "PersonaError",
    "PersonaView",
    "Proposal",
    "Reading",
    "RecordRef",
    "Refusal",
    "RefusedError",
    "Scenario",
    "ScenarioKind",
    "ScenarioNotApplicableError",
    "Section",
    "Story",
    "Table",
    "UnknownActionError",
    "UnknownLocaleError",
    "UnknownModeError",
    "UnknownScenarioError",
    "actions_of",
    "applicable_scenarios",
    "changed_paths",
    "describe",
    "example_prompts",
    "generate",
    "get_industry",
    "grounded_examples",
    "list_actions",
    "list_locales",
    "list_modes",
    "list_scenarios",
    "load_persona",
    "normalise_seed",
    "register",
    "replay",
    "reply_language_instruction",
    "tool_schemas",
]
