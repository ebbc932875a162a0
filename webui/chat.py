"""The chat function: plain Python, streaming cumulative text for Gradio's ChatInterface."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import aclosing

from inference import ChatSettings, InferenceConfig, Status, stream_reply
from prompting import chat_prompt

from .history import EMPTY_MESSAGE, EMPTY_REPLY, MAX_REPLY_CHARS, PERSONA_LOADING, normalise_history, status_line
from .markup import InertReply
from .session import Session


def without_welcome(history: list | None, welcome: str | None) -> list:
    """The history without the brand's welcome message: the app wrote it, the model didn't.

    Sent, it would put words in the model's mouth and open the conversation with an assistant
    turn, which some chat templates reject; the model learns its name from the system prompt.
    """
    turns = list(history or ())
    if welcome and turns:
        first = normalise_history(turns[:1])
        if first and first[0]["role"] == "assistant" and first[0]["content"] == welcome.strip():
            return turns[1:]
    return turns


async def respond(message: str, history: list, session: Session | None, settings: ChatSettings,
                  config: InferenceConfig, oauth_token: str | None = None) -> AsyncIterator[str]:
    """Yield the reply so far; a Status (e.g. waiting for the local model) shows until text arrives.

    The reply is Markdown made inert (``markup.inert``): whatever a model writes, the page loads nothing.

    The inner stream is closed as soon as this generator is (Stop, disconnect), so a hosted
    request's connection is released then rather than when the garbage collector gets to it.
    """
    if session is None:
        yield PERSONA_LOADING
        return
    if not (message or "").strip():
        yield EMPTY_MESSAGE
        return
    persona = session.persona  # regenerated once for the whole reply (the session keeps only its inputs)
    welcome = session.voice.welcome_for(persona)
    # a stored value is read only as far as the longest turn the chat itself stores (a message, escaped, or a reply)
    bound = max(2 * config.max_message_chars + 200, MAX_REPLY_CHARS)
    messages = [*normalise_history(without_welcome(history, welcome), max_chars=bound),
                {"role": "user", "content": message}]
    text, shown = "", InertReply()  # made inert a delta at a time: the cost per delta doesn't grow with the reply
    prompt = chat_prompt(persona, assistant=session.assistant)
    stream = stream_reply(prompt, messages, settings, oauth_token=oauth_token, config=config)
    async with aclosing(stream):
        async for item in stream:
            if isinstance(item, Status):
                if not text:
                    yield status_line(item)
                continue
            text = shown.add(item)
            yield text
    if not text:
        yield EMPTY_REPLY
