"""Text a person reads, marked where it is written: English everywhere, translatable on the card.

``N_("Upcoming payment: {payee}", payee=pp.payee)`` is the English text itself (a ``str``: prompts,
retrieval and the persona JSON read it exactly as before) that also remembers its message id and
the values put into it, so a translator can look the id up in a catalogue and fill in the values,
each translated in turn when it is a message too or a word of the catalogue. ``N_("Rent")`` marks
a word of the industry's vocabulary where it is declared. Babel's extractor finds every literal
message id statically: ``pybabel extract -F babel.cfg -k N_`` (see README, "Translations").

Pydantic fields that show text (``Fact.label``, ``Table.rows``, ``Scenario.summary``, …) are typed
``Shown``: a message is kept as it is, any other string validated as ``str``; JSON holds the English.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


def fill(message: str, values: Mapping[str, object]) -> str:
    """Put values into a message's ``{name}`` slots; a slot with no value stays as written.

    Plain substitution, not ``str.format``: a catalogue's translation can't reach attributes or items.
    """
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], message)


def placeholders(message: str) -> list[str]:
    """The placeholder names of a message, in order: ``"{a} at {b}"`` -> ``["a", "b"]``."""
    return PLACEHOLDER.findall(message)


class Message(str):
    """English text that remembers the message id it was made from and the values put into it."""

    msgid: str
    values: Mapping[str, object]

    def __new__(cls, msgid: str, /, **values: object) -> Message:
        self = super().__new__(cls, fill(msgid, values) if values else msgid)
        self.msgid = msgid
        self.values = values
        return self

    def __reduce__(self) -> tuple:
        return _rebuild, (self.msgid, dict(self.values))

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.values.items())
        return f"N_({self.msgid!r}{args})"


def _rebuild(msgid: str, values: dict[str, object]) -> Message:
    return Message(msgid, **values)


def N_(msgid: str, /, **values: object) -> Message:  # noqa: N802 - gettext's name for a marker, which Babel extracts
    """Mark ``msgid`` as text a person reads: the English text now, with what a translator needs later."""
    return Message(msgid, **values)


class _ShownSchema:
    """Validation for ``Shown``: a ``Message`` as it is (its id and values survive), else a plain ``str``."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=core_schema.str_schema(),
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(Message), core_schema.str_schema()], mode="left_to_right"),
            serialization=core_schema.simple_ser_schema("str"),
        )

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "string"}


Shown = Annotated[str, _ShownSchema()]
"""A ``str`` field that keeps a marked ``Message`` (for the card to translate) and serialises as its English."""

__all__ = ["N_", "PLACEHOLDER", "Message", "Shown", "fill", "placeholders"]
