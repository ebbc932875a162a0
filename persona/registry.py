"""The industry registry: each module in ``persona.industries`` registers one ``Industry``."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from random import Random
from typing import TYPE_CHECKING

from .errors import UnknownModeError
from .locales import Formatter, LocaleProfile
from .models import Fact, Identity, PersonaBase, Table

if TYPE_CHECKING:
    from faker import Generator


@dataclass(frozen=True)
class Draw:
    """What an industry's ``build`` draws from: the seeded stream and the common identity."""

    rng: Random
    fake: Generator
    as_of: date
    profile: LocaleProfile
    identity: Identity
    member_since: date


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


_REGISTRY: dict[str, Industry] = {}


def register(industry: Industry) -> Industry:
    """Add an industry; re-registering a mode replaces it (handy for hot reload and tests)."""
    _REGISTRY[industry.mode] = industry
    return industry


def unregister(mode: str) -> None:
    _REGISTRY.pop(mode, None)


def _discover() -> None:
    from . import industries

    for info in pkgutil.iter_modules(industries.__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{industries.__name__}.{info.name}")


def list_modes() -> list[str]:
    """Registered modes, in display order."""
    if not _REGISTRY:
        _discover()
    return sorted(_REGISTRY, key=lambda m: (_REGISTRY[m].order, m))


def get_industry(mode: str) -> Industry:
    modes = list_modes()
    try:
        return _REGISTRY[mode]
    except (KeyError, TypeError):
        raise UnknownModeError(f"unknown mode {mode!r}; choose one of: {', '.join(modes)}") from None
