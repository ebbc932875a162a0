"""What a customer can ask the assistant to do on their record, declared by each industry beside its model.

An ``Action`` has a name, a one-line description, a Pydantic model of its arguments, a ``check``
against the current record (a refusal reason, or None), and either an ``effect`` (it changes the
record: a proposal in plain words comes first, and it runs only once the customer confirms, see
``persona.ledger``) or a ``read`` (it only looks the record up: it runs at once). The JSON schema of
the arguments is what a hosted model's ``tools=`` receives (``Action.tool``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from .errors import PersonaError
from .locales import Formatter
from .models import PersonaBase

Amount = Annotated[Decimal, Field(gt=0, lt=10**9, decimal_places=2),
                   WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "description": "An amount of money."})]
Text = Annotated[str, Field(min_length=1, max_length=80)]
"""Free text a customer gives (a merchant, a destination, an item): bounded before any work."""
Day = Annotated[date, Field(description="A calendar day, YYYY-MM-DD.")]
Clock = Annotated[time, Field(description="A clock time, HH:MM (24-hour).")]


class ActionError(PersonaError):
    """An action call that cannot be proposed or run as asked."""


class UnknownActionError(ActionError):
    """The persona's industry declares no action of that name."""


class InvalidArgumentsError(ActionError):
    """The arguments don't fit the action's argument model (a missing field, a negative amount)."""


class RefusedError(ActionError):
    """The record does not allow the action (an overdraft, no refills left): ``reason`` says why, in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NothingPendingError(ActionError):
    """Confirm was asked with no proposal waiting for the customer's answer."""


class Arguments(BaseModel):
    """Base of every action's argument model: frozen (events replay it) and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, slots=True)
class Effect:
    """What a changing action does: the persona's fields to replace, and one sentence saying what was done."""

    updates: dict[str, Any]
    result: str


@dataclass(frozen=True, slots=True)
class Step:
    """Where an effect runs: the event's position in the session, its reference, the persona's formatter."""

    index: int
    reference: str
    fmt: Formatter


Check = Callable[[Any, Any], "str | None"]


def _allowed(persona: PersonaBase, args: Arguments) -> str | None:
    return None


@dataclass(frozen=True)
class Action:
    """One thing a customer can ask for, declared in the industry's module.

    ``check(persona, args)`` returns why the record refuses it, or None; a reason that ends with "?" asks
    for a missing detail instead ("There are 2 charges from FreshMart (…): which one?"). A changing action has
    ``effect(persona, args, step) -> Effect`` and ``propose(persona, args, fmt) -> str`` (the question
    the customer confirms, figures in their locale); a read tool has ``read(persona, args, fmt) -> str``.
    """

    name: str
    description: str
    arguments: type[Arguments]
    check: Check = _allowed
    propose: Callable[[Any, Any, Formatter], str] | None = None
    effect: Callable[[Any, Any, Step], Effect] | None = None
    read: Callable[[Any, Any, Formatter], str] | None = None
    phrases: tuple[str, ...] = ()
    """How customers ask for it, as regular expressions over their English message (no nested quantifiers):
    "block|freeze … card". The conversation planner (``prompting.actions``) recognises requests by them."""
    schema: dict = field(init=False, repr=False, compare=False)
    pattern: re.Pattern | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not (self.name.isidentifier() and self.name.islower()):
            raise ValueError(f"action {self.name!r} needs a lowercase identifier for a name, e.g. 'freeze_card'")
        if (self.effect is None) == (self.read is None) or (self.effect is not None) != (self.propose is not None):
            raise ValueError(f"action {self.name!r} either changes the record (effect and propose) or reads it (read)")
        object.__setattr__(self, "schema", _parameters(self.arguments))
        joined = "|".join(f"(?:{p})" for p in self.phrases)
        object.__setattr__(self, "pattern", re.compile(joined, re.IGNORECASE) if joined else None)

    @property
    def changes(self) -> bool:
        """Whether the action changes the record (and so needs the customer's confirmation)."""
        return self.effect is not None

    @property
    def tool(self) -> dict:
        """The action as one entry of an OpenAI-style ``tools=`` list."""
        return {"type": "function", "function": {"name": self.name, "description": self.description,
                                                 "parameters": self.schema}}


def _parameters(model: type[BaseModel]) -> dict:
    """The argument model's JSON schema, without the titles pydantic adds (noise in a model's prompt)."""

    def clean(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: clean(v) for k, v in node.items() if k != "title" or not isinstance(v, str)}
        if isinstance(node, list):
            return [clean(v) for v in node]
        return node

    schema = clean(model.model_json_schema())
    schema.setdefault("properties", {})
    schema["additionalProperties"] = False
    return schema


@dataclass(frozen=True, slots=True)
class Proposal:
    """A changing action waiting for the customer's yes: nothing has changed yet.

    ``text`` is the question put to the customer ("Move $200.00 from savings •••• 3300 to checking
    •••• 0140?"). Only ``Ledger.confirm`` turns it into an event.
    """

    action: str
    arguments: Arguments
    text: str


@dataclass(frozen=True, slots=True)
class Refusal:
    """The record does not allow what was asked; ``reason`` is the honest answer to relay."""

    action: str
    arguments: Arguments | None
    reason: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What a read tool found: text for the model or the customer, nothing changed."""

    action: str
    arguments: Arguments
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """A confirmed action: replayed in order on the freshly generated persona, it gives the current record."""

    action: str
    arguments: Arguments

    def as_json(self) -> dict:
        return {"action": self.action, "arguments": self.arguments.model_dump(mode="json")}
