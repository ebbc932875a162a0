"""The chat function: plain Python, streaming cumulative text for Gradio's ChatInterface."""

from __future__ import annotations

from collections.abc import AsyncIterator

from inference import ChatSettings, InferenceConfig, Status, normalise_history, stream_reply
from persona import chat_prompt

from .session import Session


async def respond(message: str, history: list, session: Session | None, settings: ChatSettings,
                  config: InferenceConfig, oauth_token: str | None = None) -> AsyncIterator[str]:
    """Yield the reply so far; a Status (e.g. waiting for the local model) shows until text arrives."""
    if session is None:
        yield "The persona is still loading; please send your message again in a moment."
        return
    if not (message or "").strip():
        yield "Please type a message."
        return
    messages = [*normalise_history(history), {"role": "user", "content": message}]
    text = ""
    async for item in stream_reply(chat_prompt(session.persona), messages, settings,
                                   oauth_token=oauth_token, config=config):
        if isinstance(item, Status):
            if not text:
                yield f"*{item}*"
            continue
        text += item
        yield text
    if not text:
        yield "*The model returned an empty reply. Try rephrasing, or raise max new tokens in Settings.*"
