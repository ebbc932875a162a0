"""Prompts: how the customer's record reaches the model, one registered strategy per wording.

``chat_prompt(persona)`` is what the app hands to ``inference.stream_reply``: called with the
backend that actually answers, it applies the strategy chosen for that backend's prompt style.
Strategies are compared by the fact-recall eval (``python -m grounding.eval``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from .engine import describe
from .locales import Formatter
from .models import PersonaBase
from .registry import get_industry
from .retrieval import relevant

RULES = (
    "Stay in your role and talk only about this customer's own accounts and services.",
    "Use the record for every fact and figure; quote amounts and dates exactly as written.",
    "If something is not in the record, say you don't have that information; never guess.",
    "Never invent or discuss other customers.",
)

Messages = list[dict[str, Any]]
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
    """A few lines a small model can follow: role, and where the facts are."""
    industry = get_industry(persona.mode)
    return (f"You are {industry.role}, talking to the customer {persona.identity.full_name}. "
            "Answer in one or two sentences using the facts from their record given with the question. "
            "If those facts do not answer it, say you don't have that information.")


def _last_user(messages: Messages) -> int | None:
    for i in range(len(messages) - 1, -1, -1):
        if messages[i].get("role") == "user" and isinstance(messages[i].get("content"), str):
            return i
    return None


def with_facts(persona: PersonaBase, messages: Messages, k: int = 3) -> Messages:
    """Put the record's facts most relevant to the latest question right above it, as 'Your … is …'."""
    i = _last_user(messages)
    if i is None:
        return messages
    question = messages[i]["content"]
    found = relevant(question, describe(persona).facts, k=k)
    note = "\n".join(f"- {f.sentence}" for f in found) if found else "- (nothing in the record about this)"
    turn = {**messages[i], "content": f"From my record:\n{note}\n\nQuestion: {question}"}
    return [*messages[:i], turn, *messages[i + 1:]]


Strategy = Callable[[PersonaBase], PromptFn]
STRATEGIES: dict[str, Strategy] = {}


def strategy(name: str) -> Callable[[Strategy], Strategy]:
    """Register a prompt strategy under ``name`` for ``chat_prompt`` and the eval."""

    def add(fn: Strategy) -> Strategy:
        STRATEGIES[name] = fn
        return fn

    return add


@strategy("seed")
def _seed(persona: PersonaBase) -> PromptFn:
    system = seed_system_prompt(persona)
    return lambda backend, messages: (system, messages)


@strategy("full")
def _full(persona: PersonaBase) -> PromptFn:
    system = build_system_prompt(persona)
    return lambda backend, messages: (system, messages)


@strategy("sentences")
def _sentences(persona: PersonaBase) -> PromptFn:
    facts = "\n".join(f"- {f.sentence}" for f in describe(persona).facts)
    system = f"{short_system_prompt(persona)}\n\nTheir record:\n{facts}"
    return lambda backend, messages: (system, messages)


@strategy("retrieval")
def _retrieval(persona: PersonaBase) -> PromptFn:
    system = short_system_prompt(persona)
    return lambda backend, messages: (system, with_facts(persona, messages))


@strategy("full+retrieval")
def _full_retrieval(persona: PersonaBase) -> PromptFn:
    system = build_system_prompt(persona)
    return lambda backend, messages: (system, with_facts(persona, messages))


DEFAULTS = {"compact": "retrieval", "full": "full+retrieval"}
"""The strategy each prompt style uses, as chosen by the eval."""


def chat_prompt(persona: PersonaBase, strategies: dict[str, str] | None = None) -> PromptFn:
    """A prompt function for ``inference.stream_reply`` that words the prompt for the backend answering.

    ``backend.prompt_style`` is "full" for capable hosted models and "compact" for the small
    embedded model; ``strategies`` overrides ``DEFAULTS`` (the eval uses it to compare).
    """
    chosen = {**DEFAULTS, **(strategies or {})}
    built: dict[str, PromptFn] = {}

    def build(backend: _Backend, messages: Messages) -> tuple[str, Messages]:
        name = chosen.get(backend.prompt_style, chosen["full"])
        if name not in built:
            built[name] = STRATEGIES[name](persona)
        return built[name](backend, messages)

    return build
