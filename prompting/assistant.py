"""Who answers the customer: the role sentence every wording starts with, and the builder's own instructions.

The institution is the persona's own field: a builder's brand replaces it on the persona before the
prompt is built (``webui.brand``), so the prompt names the same institution the card shows. With no
brand every wording is exactly the built-in one.
"""

from __future__ import annotations

from dataclasses import dataclass

from persona import PersonaBase, get_industry


@dataclass(frozen=True)
class Assistant:
    """The assistant's name and the builder's policy text (both optional)."""

    name: str | None = None
    instructions: str = ""


DEFAULT = Assistant()


def role(persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """The industry's role at the persona's institution, named: "Nora, a customer service assistant at Acme Bank".

    When a brand renamed the institution, the industry's description of its fictional one
    ("…, a fictional retail bank") goes with it: the builder's institution is theirs to describe.
    """
    industry = get_industry(persona.mode)
    text = industry.role
    if persona.institution != industry.institution:
        job, found, _ = text.partition(f" at {industry.institution}")
        text = f"{job} at {persona.institution}" if found else f"{text}, working for {persona.institution}"
    return f"{assistant.name}, {text}" if assistant.name else text


def with_instructions(system: str, persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """The system prompt followed by the builder's instructions, last so that they read as the final word."""
    text = assistant.instructions.strip()
    if not text:
        return system
    return f"{system}\n\nInstructions from {persona.institution}:\n{text}"
