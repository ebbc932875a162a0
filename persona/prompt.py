"""Prompts: how the customer's record reaches the model, one registered strategy per wording.

``chat_prompt(persona)`` is what the app hands to ``inference.stream_reply``: called with the
backend that actually answers, it applies the strategy chosen for that backend's prompt style.
Strategies are compared by the fact-recall eval (``python -m grounding.eval``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from .engine import describe
from .locales import Formatter
from .models import PersonaBase
from .registry import get_industry
from .turns import Messages, TurnFn, echo_example, facts_before_question, identity_examples, unchanged

RULES = (
    "Stay in your role and talk only about this customer's own accounts and services.",
    "Use the record for every fact and figure; quote amounts and dates exactly as written.",
    "If something is not in the record, say you don't have that information; never guess.",
    "Never invent or discuss other customers.",
)

PromptFn = Callable[[Any, Messages], tuple[str, Messages]]
"""``fn(backend, messages) -> (system_prompt, messages)``, the callable ``inference.stream_reply`` accepts."""


class _Backend(Protocol):
    prompt_style: str


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


@dataclass(frozen=True)
class Strategy:
    """A wording of the prompt: the system prompt, and how the conversation is rewritten before sending."""

    system: Callable[[PersonaBase], str]
    turns: TurnFn = unchanged
    note: str = ""

    def bind(self, persona: PersonaBase) -> PromptFn:
        text = self.system(persona)
        return lambda backend, messages: (text, self.turns(persona, messages))


_echo = facts_before_question(1, examples=lambda record, found: echo_example(found))

STRATEGIES: dict[str, Strategy] = {
    "seed": Strategy(seed_system_prompt, note="the seed app's prompt (baseline)"),
    "full": Strategy(build_system_prompt, note="role, whole record as labelled lines, rules"),
    "sentences": Strategy(sentences_system_prompt, note="short rules, whole record as 'Your … is …' sentences"),
    "retrieval": Strategy(short_system_prompt, facts_before_question(3, heading=True),
                          "short rules; top-3 facts listed above the question"),
    "lead": Strategy(tiny_system_prompt, facts_before_question(1), "one-line role; top fact right before the question"),
    "examples": Strategy(tiny_system_prompt, facts_before_question(1, examples=identity_examples),
                         "as lead, after two example exchanges on identity facts"),
    "echo": Strategy(tiny_system_prompt, _echo, "as lead, after one example exchange repeating the same fact"),
    "echo-k2": Strategy(tiny_system_prompt, facts_before_question(2, examples=lambda r, found: echo_example(found)),
                        "as echo, with the top two facts"),
    "echo-smollm": Strategy(smollm_system_prompt, _echo, "as echo, with SmolLM2's default system prompt"),
    "full+retrieval": Strategy(build_system_prompt, facts_before_question(3, heading=True),
                               "full prompt; top-3 facts also listed above the question"),
    "full+echo": Strategy(build_system_prompt, _echo, "full prompt; echo example and top fact before the question"),
}
"""Every wording the eval can compare, by name."""

DEFAULTS = {"compact": "echo", "full": "full+retrieval"}
"""The strategy each prompt style uses, as chosen by the eval (see the README's grounding table)."""


def chat_prompt(persona: PersonaBase, strategies: dict[str, str] | None = None) -> PromptFn:
    """A prompt function for ``inference.stream_reply`` that words the prompt for the backend answering.

    ``backend.prompt_style`` is "full" for capable hosted models and "compact" for the small
    embedded model; ``strategies`` overrides ``DEFAULTS`` per style (the eval uses it to compare).
    """
    chosen = {**DEFAULTS, **(strategies or {})}
    built: dict[str, PromptFn] = {}

    def build(backend: _Backend, messages: Messages) -> tuple[str, Messages]:
        name = chosen.get(backend.prompt_style, chosen["full"])
        if name not in built:
            built[name] = STRATEGIES[name].bind(persona)
        return built[name](backend, messages)

    return build
