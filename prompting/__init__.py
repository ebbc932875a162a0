"""How a persona's record reaches a model: system prompt wordings, turn rewrites, fact retrieval.

``chat_prompt(persona)`` is the prompt function the app hands to ``inference.stream_reply``; it
words the prompt for the prompt style (``inference.PromptStyle``) of the backend that answers.
Strategies are compared by the fact-recall eval (``python -m grounding.eval``).

>>> from datetime import date
>>> from persona import generate
>>> build_system_prompt(generate("banking", 42, as_of=date(2026, 1, 15))).startswith("You are")
True
"""

from .strategies import DEFAULTS, STRATEGIES, Strategy, chat_prompt
from .system import build_system_prompt

__all__ = [
    "DEFAULTS",
    "STRATEGIES",
    "Strategy",
    "build_system_prompt",
    "chat_prompt",
]
