"""The industry registry: each module in ``persona.industries`` registers one ``Industry``."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import TYPE_CHECKING

from .errors import UnknownModeError
from .locales import Formatter, LocaleProfile
from .models import Fact, Figure, Identity, PersonaBase, Table

if TYPE_CHECKING:
    from faker import Generator

    from .templates import Templates


@dataclass(frozen=True, slots=True)
class Draw:
    """What an industry's ``build`` draws from: the seeded stream and the common identity.

    Draw every random value from ``rng`` (or from ``fake``/``templates``, which share it), and
    every date as an offset from ``as_of``: that is what makes a persona reproducible in any
    process, thread or day.
    """

    rng: Random
    fake: Generator
    templates: Templates
    as_of: date
    profile: LocaleProfile
    identity: Identity
    member_since: date


def no_figures(persona: PersonaBase, fmt: Formatter) -> list[Figure]:
    return []


@dataclass(frozen=True)
class CardLayout:
    """How the card arranges an industry's persona; declared in the industry's module, beside its facts.

    ``headline`` gives the few figures shown large (balances; policies and claims; plan and deductible).
    The industry's facts make its own section, titled ``holdings`` ("Accounts", "Policies", "Plan"),
    less the facts a figure stands for (by ``Figure.key``) and those a table lists row by row
    (keys starting with a prefix in ``listed``). Tables titled in ``holding_tables`` close that
    section; the others make the activity section.
    """

    headline: Callable[[PersonaBase, Formatter], list[Figure]] = no_figures
    holdings: str = "Account"
    holding_tables: tuple[str, ...] = ()
    listed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Industry:
    """Everything the engine, the prompt and the UI need to know about one industry."""

    mode: str
    label: str
    institution: str
    role: str
    model: type[PersonaBase]
    build: Callable[[Draw], dict]
    facts: Callable[[PersonaBase, Formatter], list[Fact]]
    tables: Callable[[PersonaBase, Formatter], list[Table]]
    examples: tuple[str, ...]
    order: int = 100
    card: CardLayout = CardLayout()

    def __post_init__(self) -> None:
        if not (isinstance(self.mode, str) and self.mode.isidentifier() and self.mode.islower()):
            raise ValueError(f"mode {self.mode!r} must be a lowercase identifier, e.g. 'telecom'")
        model = self.model
        is_persona = isinstance(model, type) and issubclass(model, PersonaBase)
        if not is_persona or getattr(model.model_fields.get("mode"), "default", None) != self.mode:
            raise ValueError(f"model for {self.mode!r} must subclass PersonaBase and declare "
                             f"mode: Literal[{self.mode!r}] = {self.mode!r}")


_REGISTRY: dict[str, Industry] = {}
_discovered = False
_discovery_lock = threading.RLock()  # re-entrant: an industry module may look up modes on import


def register(industry: Industry) -> Industry:
    """Add an industry; re-registering a mode replaces it (handy for hot reload and tests)."""
    if not isinstance(industry, Industry):
        raise TypeError("register() takes an Industry")
    _REGISTRY[industry.mode] = industry
    return industry


def unregister(mode: str) -> None:
    """Remove a registered industry (tests use it to clean up); unknown modes are ignored."""
    _REGISTRY.pop(mode, None)


def _discover() -> None:
    """Import every module in ``persona.industries`` once; each registers itself on import.

    Guarded by a lock and a flag set only when done, so a thread arriving mid-discovery waits
    instead of seeing half the industries, and an industry registered by hand before the first
    lookup does not hide the built-in ones.
    """
    global _discovered
    if _discovered:
        return
    with _discovery_lock:
        if _discovered:
            return
        from . import industries

        for info in sorted(pkgutil.iter_modules(industries.__path__), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{industries.__name__}.{info.name}")
        _discovered = True


def list_modes() -> list[str]:
    """Registered modes, in display order."""
    _discover()
    return sorted(_REGISTRY, key=lambda m: (_REGISTRY[m].order, m))


def get_industry(mode: str) -> Industry:
    """The industry registered as ``mode``; an unknown mode raises ``UnknownModeError`` naming the choices."""
    _discover()
    try:
        return _REGISTRY[mode]
    except (KeyError, TypeError):
        raise UnknownModeError(f"unknown mode {mode!r}; choose one of: {', '.join(list_modes())}") from None
