"""Actions on a session's record: proposed, confirmed by the customer, applied as events, undone.

The only way a persona changes is ``apply(persona, event, index)``, and the only way an event is
made in a session is ``Ledger.confirm()``, which applies the proposal the customer was shown — so
whatever a model asks for, nothing changes before the customer says yes. ``replay`` rebuilds the
current record from the freshly generated persona and the events; every model validator runs on
every step, so the record keeps its invariants (balances, totals, pending counts, dates).

>>> from datetime import date
>>> from persona import generate
>>> ledger = Ledger(generate("banking", 42, as_of=date(2026, 1, 15), scenario="unrecognised_charge"))
>>> ledger, proposal = ledger.call("freeze_card", {})
>>> proposal.text
'Freeze your card ending 3222? New purchases will be declined until you unfreeze it.'
>>> ledger.persona.card_frozen  # nothing changes before the customer confirms
False
>>> ledger, outcome = ledger.confirm()
>>> ledger.persona.card_frozen, outcome.reference
(True, 'TEST-C1A3-38FB')
>>> ledger.undo().persona.card_frozen
False
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ValidationError

from . import fakesafe
from .actions import (
    Action,
    Effect,
    Event,
    InvalidArgumentsError,
    NothingPendingError,
    Proposal,
    Reading,
    Refusal,
    RefusedError,
    Step,
    UnknownActionError,
)
from .locales import Formatter
from .models import ActionRecord, PersonaBase
from .registry import Industry, get_industry

MAX_EVENTS = 50
"""Actions a session keeps at most: replay stays cheap, and a runaway script can't grow the state."""


def actions_of(mode: str | Industry) -> dict[str, Action]:
    """The actions an industry declares, by name."""
    industry = mode if isinstance(mode, Industry) else get_industry(mode)
    return {a.name: a for a in industry.actions}


def tool_schemas(mode: str | Industry) -> list[dict]:
    """Every action of the industry in OpenAI ``tools=`` format (what a hosted model is offered)."""
    return [a.tool for a in actions_of(mode).values()]


def list_actions(persona: PersonaBase) -> list[dict]:
    """A persona's actions for an API: name, description, whether it changes the record, JSON schema."""
    return [{"name": a.name, "description": a.description, "changes_record": a.changes, "parameters": a.schema}
            for a in actions_of(persona.mode).values()]


def _action(persona: PersonaBase, name: str) -> Action:
    found = actions_of(persona.mode).get(name) if isinstance(name, str) else None
    if found is None:
        known = ", ".join(actions_of(persona.mode))
        raise UnknownActionError(f"no action {str(name)[:60]!r} for {persona.mode}; choose one of: {known}")
    return found


def _arguments(action: Action, arguments: Mapping[str, Any] | BaseModel | None) -> BaseModel:
    if isinstance(arguments, action.arguments):
        return arguments
    if isinstance(arguments, BaseModel):
        arguments = arguments.model_dump()
    try:
        return action.arguments.model_validate(dict(arguments or {}))
    except (ValidationError, TypeError, ValueError) as exc:
        raise InvalidArgumentsError(f"{action.name}: {_readable(exc)}") from None


def _readable(exc: Exception) -> str:
    if not isinstance(exc, ValidationError):
        return "arguments must be a JSON object"
    parts = []
    for error in exc.errors(include_url=False, include_input=False):
        where = ".".join(str(p) for p in error["loc"]) or "arguments"
        parts.append(f"{where}: {error['msg']}")
    return "; ".join(parts)


def call(persona: PersonaBase, name: str, arguments: Mapping[str, Any] | BaseModel | None = None
         ) -> Proposal | Refusal | Reading:
    """What asking for action ``name`` gives: a read tool's reading, a refusal, or a proposal to confirm.

    Never changes the record. An unknown name or arguments that don't fit raise ``ActionError``
    subclasses whose message says what is wrong (a tool loop hands it back to the model).
    """
    action = _action(persona, name)
    args = _arguments(action, arguments)
    reason = action.check(persona, args)
    if reason:
        return Refusal(action.name, args, reason)
    fmt = Formatter(persona.locale)
    if not action.changes:
        return Reading(action.name, args, action.read(persona, args, fmt))
    return Proposal(action.name, args, action.propose(persona, args, fmt))


@dataclass(frozen=True, slots=True)
class Outcome:
    """A confirmed action, run: the record after it, the event, and what the customer is told."""

    persona: PersonaBase
    event: Event
    record: ActionRecord

    @property
    def reference(self) -> str:
        return self.record.reference

    @property
    def result(self) -> str:
        return self.record.result


def apply(persona: PersonaBase, event: Event, index: int) -> Outcome:
    """Run a confirmed event as the session's ``index``-th action; the record refusing it raises ``RefusedError``.

    The new persona is validated whole: every invariant of the industry's model holds after it.
    """
    action = _action(persona, event.action)
    if not action.changes:
        raise InvalidArgumentsError(f"{action.name} only reads the record: it is not an event")
    args = _arguments(action, event.arguments)
    reason = action.check(persona, args)
    if reason:
        raise RefusedError(reason)
    step = Step(index, fakesafe.reference(persona.mode, persona.seed, index), Formatter(persona.locale))
    effect: Effect = action.effect(persona, args, step)
    record = ActionRecord(action=action.name, reference=step.reference, result=effect.result)
    values = {name: getattr(persona, name) for name in type(persona).model_fields}
    values.update(effect.updates, actions=(*persona.actions, record))
    return Outcome(type(persona).model_validate(values), Event(action.name, args), record)


def replay(persona: PersonaBase, events: Iterable[Event]) -> PersonaBase:
    """The record after ``events``, applied in order to the freshly generated ``persona``."""
    for index, event in enumerate(events):
        persona = apply(persona, event, index).persona
    return persona


@dataclass(frozen=True)
class Ledger:
    """A session's actions on one persona: the generated record, the confirmed events, the proposal waiting.

    Immutable: each method returns the next ledger, so a UI keeps it in session state and Undo is
    the ledger before. ``persona`` is the current record (the origin with every event replayed).
    """

    origin: PersonaBase
    events: tuple[Event, ...] = ()
    pending: Proposal | None = None
    _current: PersonaBase | None = field(default=None, repr=False, compare=False)

    @cached_property
    def persona(self) -> PersonaBase:
        return self._current if self._current is not None else replay(self.origin, self.events)

    def call(self, name: str, arguments: Mapping[str, Any] | BaseModel | None = None
             ) -> tuple[Ledger, Proposal | Refusal | Reading]:
        """Ask for an action: a proposal becomes the one pending (replacing any other); nothing runs."""
        answer = call(self.persona, name, arguments)
        pending = answer if isinstance(answer, Proposal) else self.pending
        return replace(self, pending=pending, _current=self.persona), answer

    def confirm(self) -> tuple[Ledger, Outcome]:
        """The customer said yes: run the pending proposal. Raises ``NothingPendingError`` if none waits,
        ``RefusedError`` if the record no longer allows it (the proposal is dropped either way)."""
        if self.pending is None:
            raise NothingPendingError("there is no proposal waiting for confirmation")
        if len(self.events) >= MAX_EVENTS:
            raise RefusedError(f"this demo session keeps at most {MAX_EVENTS} actions; undo one or start over")
        event = Event(self.pending.action, self.pending.arguments)
        outcome = apply(self.persona, event, len(self.events))
        return Ledger(self.origin, (*self.events, event), None, outcome.persona), outcome

    def cancel(self) -> Ledger:
        """The customer said no: drop the proposal; nothing changed."""
        return replace(self, pending=None, _current=self.persona)

    def undo(self) -> Ledger:
        """Revert the last confirmed action (and drop any proposal)."""
        return Ledger(self.origin, self.events[:-1]) if self.events else self.cancel()


def changed_paths(before: BaseModel, after: BaseModel) -> set[str]:
    """Where two records differ, as ``resolve`` paths: "checking_balance", "transactions[3].disputed".

    A list whose length changed is named whole ("claims"); the ``actions`` log itself is left out.
    """
    out: set[str] = set()

    def walk(a: Any, b: Any, path: str) -> None:
        if isinstance(a, BaseModel) and isinstance(b, BaseModel) and type(a) is type(b):
            for name in type(a).model_fields:
                if name != "actions" or path:
                    x, y = getattr(a, name), getattr(b, name)
                    if x != y:
                        walk(x, y, f"{path}.{name}" if path else name)
        elif isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                if x != y:
                    walk(x, y, f"{path}[{i}]")
        else:
            out.add(path)

    walk(before, after, "")
    return out


__all__ = ["MAX_EVENTS", "Ledger", "Outcome", "actions_of", "apply", "call", "changed_paths", "list_actions",
           "replay", "tool_schemas"]
