"""Run conversation scripts turn by turn through the app's inference interface, and score them.

Each user turn is sent with the whole conversation so far, and the assistant turns in it are the
model's own earlier replies, so a script measures the
chat a visitor would have. The prompt is the app's (``chat_prompt(persona)``, the default strategy
for whichever backend answers); then the last turn's request is asked again alone, in a fresh chat.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from inference import NOTICE_MARK, ChatSettings, InferenceConfig, complete
from inference.loops import has_loop
from persona import PersonaBase
from prompting import chat_prompt

from .conversations import Script, Verdict


@dataclass(frozen=True)
class ChatOutcome:
    """One script run on one backend: every reply, and how the last one (and the request alone) scored."""

    chat: Script
    backend: str
    style: str
    replies: tuple[str, ...]
    verdict: Verdict
    alone_reply: str
    alone_verdict: Verdict
    seconds: float

    @property
    def fault(self) -> bool:
        """A backend fault somewhere in the chat: it says nothing about grounding and is left out."""
        return any(NOTICE_MARK in r for r in (*self.replies, self.alone_reply))

    @property
    def loops(self) -> int:
        """Replies (the conversation's and the one-turn one) that repeat themselves in a loop."""
        return sum(has_loop(r) for r in (*self.replies, self.alone_reply))


async def talk(persona: PersonaBase, turns: Sequence[str], settings: ChatSettings,
               config: InferenceConfig, strategy: str | None = None) -> list[str]:
    """The assistant's reply to each of ``turns``, each sent after the conversation so far.

    The prompt is the app's for whichever backend answers, or ``strategy`` forced for any backend.
    """
    prompt = chat_prompt(persona, {"compact": strategy, "full": strategy} if strategy else None)
    history: list[dict] = []
    replies = []
    for turn in turns:
        history.append({"role": "user", "content": turn})
        reply = (await complete(prompt, history, settings, config=config)).strip()
        replies.append(reply)
        if reply:  # the app's history drops empty turns too (a fault's notice makes the chat unscored anyway)
            history.append({"role": "assistant", "content": reply})
    return replies


async def run_chat(chat: Script, backend: str, style: str, settings: ChatSettings,
                   config: InferenceConfig, strategy: str | None = None) -> ChatOutcome:
    persona = chat.persona()
    start = time.perf_counter()
    replies = await talk(persona, chat.turns, settings, config, strategy)
    (alone,) = await talk(persona, (chat.alone,), settings, config, strategy)
    return ChatOutcome(chat, backend, style, tuple(replies), chat.score(replies[-1], style), alone,
                       chat.score(alone, style), time.perf_counter() - start)


async def run_chats(chats: Sequence[Script], backend: str, style: str, settings: ChatSettings, config: InferenceConfig,
                    on_outcome: Callable[[ChatOutcome], None] | None = None,
                    strategy: str | None = None) -> list[ChatOutcome]:
    """Every script on one backend; ``backend`` is the label the report groups by."""
    outcomes = []
    for chat in chats:
        outcome = await run_chat(chat, backend, style, settings, config, strategy)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes
