"""CSV: one row per persona with its flat facts, and one table per list in the record, keyed by the persona's id.

Columns come from the industry models, in declaration order, so they follow the record without a hand-kept
list: the persona's own columns (``BASE_COLUMNS``), then each chosen industry's scalar fields; a table per
field that holds a list of items (transactions, claims, appointments…) with ``persona_id``, ``position``
(the item's index in the record, as in a scenario's ``refs`` path) and the item's fields. Values are the
record's, unformatted: plain decimals, ISO dates and times, empty for none.
"""

from __future__ import annotations

import csv
import io
import typing
from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal

from pydantic import BaseModel

from ..models import PersonaBase, unset
from ..registry import get_industry
from .plan import persona_id

BASE_COLUMNS = (
    "id", "mode", "seed", "locale", "as_of", "institution", "member_since",
    "first_name", "last_name", "full_name", "email", "phone", "ssn", "birth_date", "age",
    "street", "city", "postcode", "region", "country", "address",
    "scenario_kind", "scenario_title", "scenario_summary",
)
"""Every persona's columns, whatever its industry; ``ssn`` is empty outside en_US."""

TABLE_KEY = ("persona_id", "position")
"""The first columns of every table: whose record the row is from, and where in its list."""


def _item_model(annotation: object) -> type[BaseModel] | None:
    """The item model of a ``tuple[Item, ...]`` field, else None."""
    if typing.get_origin(annotation) is tuple:
        args = typing.get_args(annotation)
        if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            return args[0]
    return None


def _generated(model: type[BaseModel]) -> dict:
    """The fields a generated record can hold: not the state only actions set (``exclude_if=unset``, left out of
    the JSON too), which a generated dataset never has, so its columns don't move when an action is added."""
    return {name: field for name, field in model.model_fields.items() if field.exclude_if is not unset}


def record_columns(mode: str) -> tuple[str, ...]:
    """The industry's own scalar fields: its balances, plan, scores and dates."""
    model = get_industry(mode).model
    return tuple(name for name, field in _generated(model).items()
                 if name not in PersonaBase.model_fields and _item_model(field.annotation) is None
                 and not (isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)))


def record_tables(mode: str) -> dict[str, tuple[str, ...]]:
    """The industry's lists, each with its item's fields: {"transactions": ("date", "description", …)}."""
    model = get_industry(mode).model
    return {name: tuple(_generated(item)) for name, field in _generated(model).items()
            if (item := _item_model(field.annotation)) is not None}


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))


def columns(modes: Iterable[str]) -> tuple[str, ...]:
    """The main file's header: the base columns, then each mode's own (empty for personas of other modes)."""
    return _union((BASE_COLUMNS, *(record_columns(m) for m in modes)))


def table_columns(modes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each table's header, for every list any of ``modes`` holds (a name two industries share gets both's fields)."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for mode in modes:
        for name, fields in record_tables(mode).items():
            found.setdefault(name, []).append(fields)
    return {name: _union((TABLE_KEY, *groups)) for name, groups in found.items()}


def cell(value: object) -> str:
    """A value as the CSV holds it: plain decimal, ISO date, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def base_values(persona: PersonaBase) -> dict[str, object]:
    ident, address, scenario = persona.identity, persona.identity.address, persona.scenario
    return {
        "id": persona_id(persona), "mode": persona.mode, "seed": persona.seed, "locale": persona.locale,
        "as_of": persona.as_of, "institution": persona.institution, "member_since": persona.member_since,
        "first_name": ident.first_name, "last_name": ident.last_name, "full_name": ident.full_name,
        "email": ident.email, "phone": ident.phone, "ssn": ident.ssn, "birth_date": ident.birth_date,
        "age": ident.age, "street": address.street, "city": address.city, "postcode": address.postcode,
        "region": address.region, "country": address.country, "address": address.formatted,
        "scenario_kind": scenario.kind, "scenario_title": scenario.title, "scenario_summary": scenario.summary,
    }


class CsvRows:
    """Encodes personas as CSV lines (RFC 4180: quoted where needed, CRLF line ends, UTF-8)."""

    def __init__(self, header: tuple[str, ...]):
        self.header = header
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer)

    def lines(self, rows: Iterable[Iterable[object]]) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerows([cell(v) for v in row] for row in rows)
        return self._buffer.getvalue().encode("utf-8")

    def header_line(self) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(self.header)
        return self._buffer.getvalue().encode("utf-8")


def main_row(persona: PersonaBase, header: tuple[str, ...]) -> list[object]:
    values = base_values(persona)
    return [values[name] if name in values else getattr(persona, name, None) for name in header]


def table_rows(persona: PersonaBase, table: str, header: tuple[str, ...]) -> list[list[object]]:
    """The rows ``persona`` contributes to ``table`` (none when its industry has no such list)."""
    items = getattr(persona, table, None)
    if not isinstance(items, tuple):
        return []
    key = persona_id(persona)
    fields = header[len(TABLE_KEY):]
    return [[key, i, *(getattr(item, name, None) for name in fields)] for i, item in enumerate(items)]
