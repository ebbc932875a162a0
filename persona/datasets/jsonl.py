"""JSON Lines: one persona a line, byte for byte what the app's ``/persona`` API returns."""

from __future__ import annotations

from ..models import PersonaBase


def jsonl_line(persona: PersonaBase) -> bytes:
    """``persona.model_dump_json()`` and a newline, as UTF-8 (serialised straight to bytes: no decode and re-encode)."""
    return persona.__pydantic_serializer__.to_json(persona) + b"\n"
