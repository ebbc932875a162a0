"""The industry registry: each module in ``persona.industries`` registers one ``Industry``.

Two words, one thing each, everywhere in the code: an ``Industry`` is the registered declaration (its label,
records, scenarios, card); its ``mode`` is the short key that names it ("banking") in records, links
(``?mode=``), the API and the registry (``get_industry(mode)``, ``list_modes()``). A parameter holding the key
is called ``mode``, one holding the declaration ``industry``; "Industry" is what the page calls it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from random import Random
from typing import TYPE_CHECKING

from .actions import Action
from .discovery import import_submodules
from .distributions import Weights
from .errors import UnknownModeError
from .locales import Formatter, LocaleProfile
from .models import Example, Fact, Figure, Identity, PersonaBase, Table

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


@dataclass(frozen=True, slots=True)
class Story:
    """What a scenario kind builds from one record item: the text, and every record value it names."""

    summary: str
    questions: tuple[str, ...]
    refs: tuple[dict[str, str], ...]
    """As ``models.refs`` makes them: {"path": …, "value": …}."""


@dataclass(frozen=True)
class ScenarioKind:
    """One reason a customer of an industry gets in touch, declared in that industry's module.

    ``candidates(persona)`` lists the record items the scenario could be about (the transactions
    a customer might not recognise, the prescriptions with no refills left): none means the kind
    does not apply to this record. ``build(persona, item, fmt, rng)`` tells the story of one of
    them, figures formatted by ``fmt``; ``rng`` is only for wording, never for record values.
    ``weight`` is how likely the kind is drawn, relative to the others that apply: raise it for
    situations rare in records but pressing when they occur (a claim stuck in review).
    """

    kind: str
    title: str
    needs: str
    candidates: Callable[[PersonaBase], Sequence]
    build: Callable[[PersonaBase, object, Formatter, Random], Story]
    weight: float = 1.0

    def __post_init__(self) -> None:
        if not (isinstance(self.kind, str) and self.kind.isidentifier() and self.kind.islower()):
            raise ValueError(f"scenario kind {self.kind!r} must be a lowercase identifier, e.g. 'lost_card'")
        if not self.weight > 0:
            raise ValueError(f"scenario kind {self.kind!r} needs a positive weight, not {self.weight!r}")


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
    """Questions any customer of the industry might ask: shown before a persona exists, and filler for
    ``example_prompts`` when the record offers few of its own."""
    scenarios: tuple[ScenarioKind, ...]
    """Every reason for contact the industry knows; for every record at least one must apply."""
    prompts: Callable[[PersonaBase, Formatter], list[Example]] = lambda persona, fmt: []
    """Example questions written from a persona's record, each naming the record values it uses."""
    order: int = 100
    card: CardLayout = CardLayout()
    summary: tuple[str, ...] = ()
    """The keys of the facts an overview of the record states ("summarize my account"), in order; none:
    the record's first facts after the customer's identity."""
    capabilities: str = ""
    """What the assistant says it can look up, after "I can look up": "your balances, credit card, …";
    empty: the record's table titles."""
    overview_words: tuple[str, ...] = ()
    """Words that, in a request for an overview, name the whole record rather than a part of it:
    "tell me about my *coverage*" wants a summary, not the coverage figure."""
    record_names: tuple[str, ...] = ()
    """What a customer calls the whole record after "my" ("my *bank*", "my *account*"): a name for
    the record, not a thing in it that the record might lack."""
    glossary: Mapping[str, str] = field(default_factory=dict, compare=False)
    """German and French words for what this industry's records hold, in English ("kontostand": "balance"):
    retrieval reads a question in another language through them (the record is labelled in English)."""
    actions: tuple[Action, ...] = ()
    """What a customer can ask the assistant to do on the record (``persona.actions``), by unique name."""
    scenario_weights: Weights = field(init=False, repr=False, compare=False)
    """The scenarios' weights by index, cumulated once rather than on every draw."""

    def __post_init__(self) -> None:
        if not (isinstance(self.mode, str) and self.mode.isidentifier() and self.mode.islower()):
            raise ValueError(f"mode {self.mode!r} must be a lowercase identifier, e.g. 'telecom'")
        model = self.model
        is_persona = isinstance(model, type) and issubclass(model, PersonaBase)
        if not is_persona or getattr(model.model_fields.get("mode"), "default", None) != self.mode:
            raise ValueError(f"model for {self.mode!r} must subclass PersonaBase and declare "
                             f"mode: Literal[{self.mode!r}] = {self.mode!r}")
        kinds = [k.kind for k in self.scenarios if isinstance(k, ScenarioKind)]
        if not kinds or len(kinds) != len(self.scenarios) or len(set(kinds)) != len(kinds):
            raise ValueError(f"industry {self.mode!r} must declare its scenarios: a tuple of ScenarioKind "
                             "with distinct kinds, one of them applying to any record")
        names = [a.name for a in self.actions if isinstance(a, Action)]
        if len(names) != len(self.actions) or len(set(names)) != len(names):
            raise ValueError(f"industry {self.mode!r} declares its actions as a tuple of Action with distinct names")
        object.__setattr__(self, "scenario_weights", Weights({i: k.weight for i, k in enumerate(self.scenarios)}))


_REGISTRY: dict[str, Industry] = {}


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
    """Import every module in ``persona.industries`` once; each registers itself on import."""
    import_submodules(f"{__package__}.industries")


def list_modes() -> list[str]:
    """Registered modes, in display order."""
    _discover()
    return sorted(_REGISTRY, key=lambda m: (_REGISTRY[m].order, m))


def list_scenarios(mode: str) -> dict[str, str]:
    """Every scenario kind the mode's industry declares, with its title, in declaration order."""
    return {k.kind: k.title for k in get_industry(mode).scenarios}


def get_industry(mode: str) -> Industry:
    """The industry registered as ``mode``; an unknown mode raises ``UnknownModeError`` naming the choices."""
    _discover()
    try:
        return _REGISTRY[mode]
    except (KeyError, TypeError):
        raise UnknownModeError(f"unknown mode {mode!r}; choose one of: {', '.join(list_modes())}") from None
