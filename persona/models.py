"""Models shared by every industry: identity, the persona base, and the views built from it."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from . import fakesafe
from .locales import get_profile
from .words import Shown

Money = Annotated[Decimal, Field(max_digits=14, decimal_places=2)]
NonNegativeMoney = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
LineAmount = Annotated[Decimal, Field(gt=-10**11, lt=10**11)]
"""A signed amount on a long list (transactions): bounded here; the owning model checks the places
of the whole list at once (the exponent of their exact sum), a fraction of pydantic's per-value
digit check, which builds a tuple per value."""


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Address(Frozen):
    street: str
    city: str
    postcode: str
    region: str | None = None
    country: str
    formatted: str


class Identity(Frozen):
    first_name: str
    last_name: str
    full_name: str
    email: str = Field(pattern=r"^[a-z0-9.]+@example\.(com|net|org)$", description="RFC 2606 domains only.")
    phone: str
    address: Address
    birth_date: date
    age: int = Field(ge=18, le=120)
    ssn: str | None = Field(default=None, description="US only; always a form the SSA never issues")


class RecordRef(Frozen):
    """One value of the record that a scenario or an example names, so a program can check or highlight it."""

    path: str = Field(description='Where the value is in the persona: "checking_balance", "transactions[3].amount".')
    value: str = Field(description="str() of the value there: a plain decimal, an ISO date, a name.")


def refs(path: str, item: Any, *fields: str) -> tuple[dict[str, str], ...]:
    """References to ``fields`` of the record item at ``path`` ("" for the persona itself), as the data
    a ``Scenario`` or an ``Example`` validates into ``RecordRef``s (in one pass, which is faster).

    ``refs("transactions[3]", t, "merchant", "amount")`` names two values of one transaction;
    ``refs("credit_score", 712)`` (no fields) names a value itself.
    """
    if not fields:
        return ({"path": path, "value": str(item)},)
    prefix = f"{path}." if path else ""
    return tuple({"path": prefix + name, "value": str(getattr(item, name))} for name in fields)


_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")


def resolve(root: BaseModel, path: str) -> Any:
    """The value at a ``RecordRef.path``; a path that leads nowhere raises ``LookupError``."""
    value: Any = root
    for step in path.split("."):
        match = _STEP.fullmatch(step)
        if match is None or not isinstance(value, BaseModel) or match[1] not in type(value).model_fields:
            raise LookupError(f"{path} is not in the record")
        name, index = match.groups()
        value = getattr(value, name)
        if index is not None:
            if not isinstance(value, tuple) or int(index) >= len(value):
                raise LookupError(f"{path} is not in the record")
            value = value[int(index)]
    return value


class Scenario(Frozen):
    """Why the customer is getting in touch today, told from their own record."""

    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="One of the kinds the mode's industry declares.")
    title: Shown = Field(description='Short, for a picker or a card: "A charge I don\'t recognise".')
    summary: Shown = Field(description="One or two sentences on the customer's situation, figures in their locale.")
    questions: tuple[str, ...] = Field(min_length=1, description="What the customer would ask, the opening first.")
    refs: tuple[RecordRef, ...] = Field(description="Every record value the scenario names.")

    @property
    def opening(self) -> str:
        """The customer's first message."""
        return self.questions[0]


class Example(Frozen):
    """An example question in the customer's voice, with the record values it names."""

    text: str
    refs: tuple[RecordRef, ...] = ()


def unset(value: Any) -> bool:
    """For ``Field(exclude_if=unset)``: state only actions set (a frozen card, a dispute) is left out of a
    record's JSON until it is set, so a generated persona dumps exactly as it did before actions existed."""
    return not value


class ActionRecord(Frozen):
    """An action the customer confirmed, as the record keeps it: which, its reference, and what it did."""

    action: str
    reference: str = Field(pattern=r"^TEST-[0-9A-F]{4}-[0-9A-F]{4}$", description="fakesafe.reference: obviously fake.")
    result: str


def years_between(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end``: an age on a given day."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


class PersonaBase(Frozen):
    """Fields every persona carries so it can be reproduced and shown."""

    mode: str
    seed: int = Field(ge=0, lt=2**32, description="Canonical: see seeds.normalise_seed.")
    locale: str
    as_of: date
    institution: str
    identity: Identity
    member_since: date
    # Typed as required, and required when loading; generate() validates the record first (no scenario yet,
    # allowed by the DRAFT context) and then attaches the scenario it draws from that validated record.
    scenario: Scenario = Field(None, description="Why the customer is getting in touch; names only record values.")
    actions: tuple[ActionRecord, ...] = Field((), exclude_if=unset, description="Actions confirmed since the "
                                              "customer got in touch, oldest first (persona.ledger.replay).")

    @model_validator(mode="after")
    def _scenario_matches_record(self, info: ValidationInfo):
        if self.scenario is None:
            if info.context is not DRAFT:
                raise ValueError("scenario is missing: every persona carries one (generate() draws it)")
            return self
        if self.actions:  # the scenario tells the record as the customer found it, before these actions
            return self
        for ref in self.scenario.refs:
            try:
                actual = str(resolve(self, ref.path))
            except LookupError as exc:
                raise ValueError(f"scenario names {exc}") from None
            if actual != ref.value:
                raise ValueError(f"scenario names {ref.path} = {ref.value!r} but the record holds {actual!r}")
        return self

    @model_validator(mode="after")
    def _identity_consistent(self):
        ident = self.identity
        profile = get_profile(self.locale)  # an unknown locale raises, naming the choices
        if not fakesafe.is_fictional_phone(self.locale, ident.phone):
            raise ValueError(f"phone {ident.phone!r} is not in a range reserved for fiction in {self.locale}")
        if profile.has_ssn != (ident.ssn is not None) or (ident.ssn and not fakesafe.never_issued_ssn(ident.ssn)):
            raise ValueError("an SSN is on file for en_US only, and always in a form the SSA never issues")
        if years_between(ident.birth_date, self.as_of) != ident.age:
            raise ValueError(f"age {ident.age} does not match birth_date {ident.birth_date} on as_of {self.as_of}")
        eighteenth = add_years(ident.birth_date, 18)
        if not eighteenth <= self.member_since <= self.as_of:
            raise ValueError(f"member_since {self.member_since} must fall between the 18th birthday "
                             f"({eighteenth}) and as_of ({self.as_of})")
        return self


DRAFT = {"draft": "the record before its scenario is drawn"}
"""Validation context under which a persona may lack its scenario: only generate() uses it."""


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Fact(Frozen):
    """One labelled fact from the record: shown on the card, put in prompts, asked in evals."""

    key: str
    label: Shown
    value: Shown
    sentence: str = Field(description="The fact addressed to the customer: 'Your … is …'.")
    keywords: tuple[str, ...] = ()


class Table(Frozen):
    title: Shown
    columns: tuple[Shown, ...]
    rows: tuple[tuple[Shown, ...], ...]


class Figure(Frozen):
    """One of the few numbers that matter for an industry, shown large at the top of the card."""

    key: str = Field(description="The fact it stands for, when there is one: the card then lists that fact once.")
    label: Shown
    value: Shown
    detail: Shown = Field("", description="A short line under the value: 'of $2,000.00', 'auto, home'.")


class Section(Frozen):
    """A titled part of the card: facts as label/value pairs, then tables."""

    key: str = Field(pattern=r"^[a-z_]+$", description="A stable name for styling and tests: identity, holdings, activity.")
    title: Shown
    facts: tuple[Fact, ...] = ()
    tables: tuple[Table, ...] = ()


class PersonaView(Frozen):
    """A persona as text ready to display: the UI escapes and lays it out, nothing more.

    ``facts`` and ``tables`` are the whole record, flat (prompts and evals read them); ``headline``
    and ``sections`` are the same record arranged for the card by the industry's ``CardLayout``.
    """

    title: str
    subtitle: Shown
    facts: tuple[Fact, ...]
    tables: tuple[Table, ...]
    headline: tuple[Figure, ...] = ()
    sections: tuple[Section, ...] = ()
