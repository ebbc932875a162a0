"""Strategies: one registered wording per name, and the default per prompt style.

``chat_prompt(persona)`` is what the app hands to ``inference.stream_reply``: called with the
backend that actually answers, it applies the strategy chosen for that backend's prompt style.
Strategies are compared by the fact-recall eval (``python -m grounding.eval``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from inference import BackendInfo, PromptFn, PromptStyle
from persona import PersonaBase

from .assistant import DEFAULT, Assistant
from .replies import conversation_turns
from .system import (
    build_system_prompt,
    seed_system_prompt,
    sentences_system_prompt,
    short_system_prompt,
    smollm_system_prompt,
    tiny_system_prompt,
)
from .turns import Messages, TurnFn, echo_example, facts_before_question, identity_examples, unchanged


@dataclass(frozen=True)
class Strategy:
    """A wording of the prompt: the system prompt, and how the conversation is rewritten before sending."""

    system: Callable[[PersonaBase, Assistant], str]
    turns: TurnFn = unchanged
    note: str = ""

    def bind(self, persona: PersonaBase, assistant: Assistant = DEFAULT) -> PromptFn:
        text = self.system(persona, assistant)
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
    "chat": Strategy(tiny_system_prompt, conversation_turns("compact", history=False),
                     "as echo, planned from the whole conversation (follow-ups, named rows, summaries, small talk, "
                     "an English-only notice); earlier turns not sent"),
    "chat+history": Strategy(tiny_system_prompt, conversation_turns("compact"), "as chat, earlier turns sent too"),
    "full+chat": Strategy(build_system_prompt, conversation_turns("full", k=3),
                          "full prompt; the conversation's planned facts above the question, notes for small talk "
                          "and the reply language"),
}
"""Every wording the eval can compare, by name."""

DEFAULTS: dict[PromptStyle, str] = {"compact": "chat", "full": "full+chat"}
"""The strategy each prompt style uses, as chosen by the conversation eval (see the README's grounding tables)."""


def chat_prompt(persona: PersonaBase, strategies: Mapping[PromptStyle, str] | None = None,
                assistant: Assistant = DEFAULT) -> PromptFn:
    """A prompt function for ``inference.stream_reply`` that words the prompt for the backend answering.

    ``backend.prompt_style`` is "full" for capable hosted models and "compact" for the small
    embedded model; ``strategies`` overrides ``DEFAULTS`` per style (the eval uses it to compare);
    ``assistant`` names the assistant and adds the builder's instructions to every wording.
    """
    chosen = {**DEFAULTS, **(strategies or {})}
    built: dict[str, PromptFn] = {}

    def build(backend: BackendInfo, messages: Messages) -> tuple[str, Messages]:
        name = chosen.get(backend.prompt_style, chosen["full"])
        if name not in built:
            built[name] = STRATEGIES[name].bind(persona, assistant)
        return built[name](backend, messages)

    return build
