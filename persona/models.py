"""Models shared by every industry: identity, the persona base, and the views built from it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

Money = Annotated[Decimal, Field(max_digits=14, decimal_places=2)]
NonNegativeMoney = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


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
    email: str = Field(pattern=r"^[^@\s]+@example\.(com|net|org)$")
    phone: str
    address: Address
    birth_date: date
    age: int = Field(ge=18, le=120)
    ssn: str | None = Field(default=None, description="US only; always a form the SSA never issues")


def years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


class PersonaBase(Frozen):
    """Fields every persona carries so it can be reproduced and shown."""

    mode: str
    seed: int = Field(ge=0)
    locale: str
    as_of: date
    institution: str
    identity: Identity
    member_since: date

    @model_validator(mode="after")
    def _identity_consistent(self):
        ident = self.identity
        if years_between(ident.birth_date, self.as_of) != ident.age:
            raise ValueError("age does not match birth_date and as_of")
        if ident.age < 18:
            raise ValueError("personas are adults")
        eighteenth = _add_years(ident.birth_date, 18)
        if not eighteenth <= self.member_since <= self.as_of:
            raise ValueError("member_since must fall between the 18th birthday and as_of")
        return self


def _add_years(day: date, years: int) -> date:
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


class PersonaView(Frozen):
    """A persona as text ready to display: the UI escapes and lays it out, nothing more."""

    title: str
    subtitle: str
    facts: tuple[Fact, ...]
    tables: tuple[Table, ...]
