"""The output formats, by name: each turns a persona into the bytes of one or more files.

A format's ``encoder(plan, tables)`` is built once per run and sent to every worker; its ``streams``
name the files (the main one first, ``""``; then any extra, such as a CSV per table) with their
headers, and ``encode(persona)`` gives one persona's bytes for each, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..models import PersonaBase
from .fhir import fhir_json
from .jsonl import jsonl_line
from .plan import Plan
from .tabular import CsvRows, columns, main_row, table_columns, table_rows


class Encoder:
    """One run's encoder: picklable, so every worker gets its own copy."""

    streams: tuple[tuple[str, bytes], ...] = (("", b""),)
    """(name, header) per output file, the main file (name "") first."""

    def encode(self, persona: PersonaBase) -> tuple[bytes, ...]:
        raise NotImplementedError


@dataclass
class JsonlEncoder(Encoder):
    plan: Plan

    def encode(self, persona: PersonaBase) -> tuple[bytes, ...]:
        return (jsonl_line(persona),)


@dataclass
class FhirEncoder(Encoder):
    plan: Plan

    def encode(self, persona: PersonaBase) -> tuple[bytes, ...]:
        return ((fhir_json(persona, self.plan.link(persona)) + "\n").encode("utf-8"),)


class CsvEncoder(Encoder):
    def __init__(self, header: tuple[str, ...], tables: dict[str, tuple[str, ...]]):
        self.header, self.tables = header, tables
        self._setup()

    @classmethod
    def for_plan(cls, plan: Plan, tables: bool) -> CsvEncoder:
        return cls(columns(plan.modes), table_columns(plan.modes) if tables else {})

    def _setup(self) -> None:
        self._main = CsvRows(self.header)
        self._tables = {name: CsvRows(header) for name, header in self.tables.items()}
        self.streams = (("", self._main.header_line()),
                        *((name, rows.header_line()) for name, rows in self._tables.items()))

    def encode(self, persona: PersonaBase) -> tuple[bytes, ...]:
        return (self._main.lines((main_row(persona, self.header),)),
                *(rows.lines(table_rows(persona, name, rows.header)) for name, rows in self._tables.items()))

    def __getstate__(self):  # the csv writers hold a buffer: sent as headers, rebuilt on the other side
        return self.header, self.tables

    def __setstate__(self, state) -> None:
        self.header, self.tables = state
        self._setup()


@dataclass(frozen=True)
class Format:
    """An output format: its name on the command line, file suffix, what it holds, which modes it takes."""

    name: str
    suffix: str
    summary: str
    encoder: Callable[[Plan, bool], Encoder]
    modes: tuple[str, ...] | None = None
    """The only modes it can encode; None: any."""
    tables: bool = False
    """Whether it can write a file per table (``--tables``)."""


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", ".jsonl", "one persona a line, as the /persona API returns it",
           lambda plan, tables: JsonlEncoder(plan)),
    Format("csv", ".csv", "one row per persona; with --tables, one CSV per table keyed by persona_id",
           CsvEncoder.for_plan, tables=True),
    Format("fhir", ".ndjson", "FHIR R4 (R4B models): a transaction Bundle per patient, one a line",
           lambda plan, tables: FhirEncoder(plan), modes=("healthcare",)),
)}
"""Every format by name, in the order --help lists them."""
