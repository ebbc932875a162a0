"""Run conversation scripts turn by turn through the app's inference interface, and score them.

Each user turn is sent with the whole conversation so far, and the assistant turns in it are the
model's own earlier replies (notices stripped, as the app's history is), so a script measures the
chat a visitor would have. The prompt is the app's (``chat_prompt(persona)``, the default strategy
for whichever backend answers); then the last turn's request is asked again alone, in a fresh chat.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from inference import NOTICE_MARK, ChatSettings, InferenceConfig, complete, normalise_history
from inference.loops import has_loop
from persona import PersonaBase, chat_prompt

from .conversations import Chat, Verdict


@dataclass(frozen=True)
class ChatOutcome:
    """One script run on one backend: every reply, and how the last one (and the request alone) scored."""

    chat: Chat
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
               config: InferenceConfig) -> list[str]:
    """The assistant's reply to each of ``turns``, each sent after the conversation so far."""
    prompt = chat_prompt(persona)
    history: list[dict] = []
    replies = []
    for turn in turns:
        history.append({"role": "user", "content": turn})
        reply = (await complete(prompt, history, settings, config=config)).strip()
        replies.append(reply)
        history = normalise_history([*history, {"role": "assistant", "content": reply}])
    return replies


async def run_chat(chat: Chat, backend: str, style: str, settings: ChatSettings,
                   config: InferenceConfig) -> ChatOutcome:
    persona = chat.persona()
    start = time.perf_counter()
    replies = await talk(persona, chat.turns, settings, config)
    (alone,) = await talk(persona, (chat.alone,), settings, config)
    return ChatOutcome(chat, backend, style, tuple(replies), chat.score(replies[-1], style), alone,
                       chat.score(alone, style), time.perf_counter() - start)


async def run_chats(chats: Sequence[Chat], backend: str, style: str, settings: ChatSettings, config: InferenceConfig,
                    on_outcome: Callable[[ChatOutcome], None] | None = None) -> list[ChatOutcome]:
    outcomes = []
    for chat in chats:
        outcome = await run_chat(chat, backend, style, settings, config)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes
