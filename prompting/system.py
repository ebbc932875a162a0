"""System prompt wordings: the institution's role and how much of the record goes into the system turn."""

from __future__ import annotations

from persona import Formatter, PersonaBase, describe, get_industry

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


def seed_system_prompt(persona: PersonaBase) -> str:
    """The seed app's prompt, kept as the eval's baseline: the record appended to the mode prompt."""
    industry = get_industry(persona.mode)
    view = describe(persona)
    lines = [f"You are {industry.role}. Be helpful, professional and friendly.", "",
             "Customer information:", *(f"{f.label}: {f.value}" for f in view.facts), "",
             "Reference this customer's information naturally in your responses."]
    return "\n".join(lines)


def short_system_prompt(persona: PersonaBase) -> str:
    """A few lines of instructions: role, where the facts are, and what to do when they are missing."""
    industry = get_industry(persona.mode)
    return (f"You are {industry.role}, talking to the customer {persona.identity.full_name}. "
            "Answer in one or two sentences using the facts from their record given with the question. "
            "If those facts do not answer it, say you don't have that information.")


def tiny_system_prompt(persona: PersonaBase) -> str:
    """One sentence: a 135M model follows a short instruction better than a list of rules."""
    return f"You are {get_industry(persona.mode).role}. Answer the customer's question in one short sentence."


def sentences_system_prompt(persona: PersonaBase) -> str:
    """The short prompt followed by every fact of the record as a 'Your … is …' sentence."""
    facts = "\n".join(f"- {f.sentence}" for f in describe(persona).facts)
    return f"{short_system_prompt(persona)}\n\nTheir record:\n{facts}"


def smollm_system_prompt(persona: PersonaBase) -> str:
    """The system prompt SmolLM2's own chat template inserts when none is given (what it was tuned with)."""
    return "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
