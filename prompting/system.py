"""System prompt wordings: the institution's role and how much of the record goes into the system turn.

Each takes the ``Assistant`` (name, builder's instructions); the default one leaves the wording as built in.
"""

from __future__ import annotations

from babel import Locale

from persona import Formatter, PersonaBase, describe, reply_language_instruction

from .assistant import DEFAULT, Assistant, role, with_instructions

RULES = (
    "Stay in your role and talk only about this customer's own accounts and services.",
    "Use the record for every fact and figure; quote amounts and dates exactly as written.",
    "If something is not in the record, say you don't have that information; never guess.",
    "Never invent or discuss other customers.",
)


def rules(locale: str) -> tuple[str, ...]:
    """The rules for a persona's locale: for any language but English, reply in it (the record stays English)."""
    if Locale.parse(locale).language == "en":
        return RULES
    return (*RULES, reply_language_instruction(locale))


def build_system_prompt(persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """The full prompt for capable (hosted) models: compact, sent on every turn."""
    view = describe(persona)
    fmt = Formatter(persona.locale)
    lines = [
        f"You are {role(persona, assistant)}. You are chatting with a signed-in customer whose record is below "
        f"(as of {fmt.date(persona.as_of)}). Address them as \"you\".",
        "",
        "Customer record:",
        *(f"- {f.label}: {f.value}" for f in view.facts),
    ]
    for table in view.tables:
        if table.rows and table.title not in {f.label for f in view.facts}:
            lines.append(f"{table.title}:")
            lines.extend("- " + "; ".join(row) for row in table.rows[:8])
    lines += ["", "Rules:", *(f"- {r}" for r in rules(persona.locale))]
    return with_instructions("\n".join(lines), persona, assistant)


def seed_system_prompt(persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """The seed app's prompt, kept as the eval's baseline: the record appended to the mode prompt."""
    view = describe(persona)
    lines = [f"You are {role(persona, assistant)}. Be helpful, professional and friendly.", "",
             "Customer information:", *(f"{f.label}: {f.value}" for f in view.facts), "",
             "Reference this customer's information naturally in your responses."]
    return with_instructions("\n".join(lines), persona, assistant)


def short_system_prompt(persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """A few lines of instructions: role, where the facts are, and what to do when they are missing."""
    return with_instructions(
        f"You are {role(persona, assistant)}, talking to the customer {persona.identity.full_name}. "
        "Answer in one or two sentences using the facts from their record given with the question. "
        "If those facts do not answer it, say you don't have that information.", persona, assistant)


def tiny_system_prompt(persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """One sentence: a 135M model follows a short instruction better than a list of rules."""
    return with_instructions(f"You are {role(persona, assistant)}. Answer the customer's question in one short "
                             "sentence.", persona, assistant)


def sentences_system_prompt(persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """The short prompt followed by every fact of the record as a 'Your … is …' sentence."""
    facts = "\n".join(f"- {f.sentence}" for f in describe(persona).facts)
    short = short_system_prompt(persona, Assistant(name=assistant.name))
    return with_instructions(f"{short}\n\nTheir record:\n{facts}", persona, assistant)


def smollm_system_prompt(persona: PersonaBase, assistant: Assistant = DEFAULT) -> str:
    """The system prompt SmolLM2's own chat template inserts when none is given (what it was tuned with).

    An eval baseline: it names no role, so only the builder's instructions are added.
    """
    return with_instructions("You are a helpful AI assistant named SmolLM, trained by Hugging Face", persona, assistant)

