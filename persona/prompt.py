"""System prompts: the assistant's role, the customer's record as labelled lines, and rules."""

from __future__ import annotations

from .engine import describe
from .locales import Formatter
from .models import PersonaBase
from .registry import get_industry

RULES = (
    "Stay in your role and talk only about this customer's own accounts and services.",
    "Use the record for every fact and figure; quote amounts and dates exactly as written.",
    "If something is not in the record, say you don't have that information; never guess.",
    "Never invent or discuss other customers.",
)


def build_system_prompt(persona: PersonaBase) -> str:
    """The full prompt for capable (hosted) models: compact, sent on every turn."""
    industry = get_industry(persona.mode)
    view = describe(persona)
    fmt = Formatter(persona.locale)
    lines = [
        f"You are {industry.role}. You are chatting with a signed-in customer whose record is below "
        f"(as of {fmt.date(persona.as_of)}). Address them as \"you\".",
        "",
        "Customer record:",
        *(f"- {f.label}: {f.value}" for f in view.facts),
    ]
    for table in view.tables:
        if table.rows and table.title not in {f.label for f in view.facts}:
            lines.append(f"{table.title}:")
            lines.extend("- " + "; ".join(row) for row in table.rows[:8])
    lines += ["", "Rules:", *(f"- {r}" for r in RULES)]
    return "\n".join(lines)
