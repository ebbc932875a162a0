"""Models shared by every industry: identity, the persona base, and the views built from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import fakesafe
from .locales import get_profile

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


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Fact(Frozen):
    """One labelled fact from the record: shown on the card, put in prompts, asked in evals."""

    key: str
    label: str
    value: str
    sentence: str = Field(description="The fact addressed to the customer: 'Your … is …'.")
    keywords: tuple[str, ...] = ()


class Table(Frozen):
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class Figure(Frozen):
    """One of the few numbers that matter for an industry, shown large at the top of the card."""

    key: str = Field(description="The fact it stands for, when there is one: the card then lists that fact once.")
    label: str
    value: str
    detail: str = Field("", description="A short line under the value: 'of $2,000.00', 'auto, home'.")


class Section(Frozen):
    """A titled part of the card: facts as label/value pairs, then tables."""

    key: str = Field(pattern=r"^[a-z_]+$", description="A stable name for styling and tests: identity, holdings, activity.")
    title: str
    facts: tuple[Fact, ...] = ()
    tables: tuple[Table, ...] = ()


class PersonaView(Frozen):
    """A persona as text ready to display: the UI escapes and lays it out, nothing more.

    ``facts`` and ``tables`` are the whole record, flat (prompts and evals read them); ``headline``
    and ``sections`` are the same record arranged for the card by the industry's ``CardLayout``.
    """

    title: str
    subtitle: str
    facts: tuple[Fact, ...]
    tables: tuple[Table, ...]
    headline: tuple[Figure, ...] = ()
    sections: tuple[Section, ...] = ()
