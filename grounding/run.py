"""Put the question bank to the assistant through the app's own inference interface, and score each reply.

Every question is asked in a fresh one-turn chat, worded by ``prompting.chat_prompt`` with the strategy
under test forced for whatever backend answers, and sent with ``inference.complete``, so the eval
measures exactly what the app would show (same backend resolution, chat template and settings).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from inference import NOTICE_MARK, ChatSettings, InferenceConfig, complete
from persona import PersonaBase, generate
from prompting import chat_prompt

from .questions import Question, questions

AS_OF = date(2026, 1, 15)
"""Personas are drawn as of a fixed day so a run's questions (and expected answers) never drift."""


@dataclass(frozen=True)
class Outcome:
    """One question answered under one strategy."""

    question: Question
    strategy: str
    answer: str
    seconds: float

    @property
    def fault(self) -> bool:
        """The backend failed (the reply is an inference notice), so the question says nothing about grounding."""
        return NOTICE_MARK in self.answer

    @property
    def correct(self) -> bool:
        return not self.fault and self.question.correct(self.answer)


def personas(modes: Iterable[str], n: int, seed_start: int = 0, locale: str = "en_US",
             as_of: date = AS_OF) -> list[PersonaBase]:
    """``n`` personas per mode, seeds ``seed_start`` … ``seed_start + n - 1``."""
    return [generate(mode, seed, locale=locale, as_of=as_of) for mode in modes
            for seed in range(seed_start, seed_start + n)]


async def ask(persona: PersonaBase, question: Question, strategy: str, settings: ChatSettings,
              config: InferenceConfig) -> Outcome:
    """One question in a fresh chat, worded by ``strategy`` whichever backend answers."""
    prompt = chat_prompt(persona, {"compact": strategy, "full": strategy})
    start = time.perf_counter()
    answer = await complete(prompt, [{"role": "user", "content": question.text}], settings, config=config)
    return Outcome(question, strategy, answer.strip(), time.perf_counter() - start)


async def run(people: Sequence[PersonaBase], strategies: Sequence[str], settings: ChatSettings,
              config: InferenceConfig, *, recall_per_persona: int | None = None, absent_per_persona: int = 2,
              kinds: Iterable[str] | None = None,
              on_outcome: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Every sampled question of every persona under every strategy.

    Strategies alternate per persona (so machine noise, or a run cut short, hits them alike), and a
    persona's questions run back to back under one strategy, so a backend that caches the prompt
    prefix (llama.cpp does) reuses it. ``kinds`` restricts the question kinds by name.
    """
    wanted = set(kinds) if kinds is not None else None
    outcomes: list[Outcome] = []
    for persona in people:
        asked = [q for q in questions(persona, absent_per_persona, recall_per_persona)
                 if wanted is None or q.kind in wanted]
        for name in strategies:
            for question in asked:
                outcome = await ask(persona, question, name, settings, config)
                outcomes.append(outcome)
                if on_outcome:
                    on_outcome(outcome)
    return outcomes
