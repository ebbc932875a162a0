"""The chat function: plain Python, streaming what the page shows for Gradio's ChatInterface (``page.Chat``).

``chat`` is the page's whole turn (the session picked up again if its state expired, the message as the
chat shows it, the timeline stamped, the reply streamed, actions proposed and run through ``actions``);
``respond`` is the reply alone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import aclosing
from typing import Any, NamedTuple

from inference import ChatSettings, InferenceConfig, Status, stream_reply
from prompting import chat_prompt

from .config import AppConfig
from .handlers import resume
from .history import (
    EMPTY_MESSAGE,
    EMPTY_REPLY,
    MAX_REPLY_CHARS,
    PERSONA_LOADING,
    cut_message,
    normalise_history,
    status_line,
)
from .markup import InertReply
from .pacing import paced
from .session import Session
from .transcript import stamp


class ChatTurn(NamedTuple):
    """What the page shows while a reply streams: the reply so far, then the chat's other outputs, by name."""

    reply: str | list[dict]
    """The reply's text; its messages when the turn has action steps or a proposal (``actions.converse``)."""
    timeline: list[dict]
    """When each message arrived and each reply finished (``transcript.stamp``), for the exports."""
    session: Session | None
    """The tab's persona, returned with every reply so chatting renews its time to live."""

    @classmethod
    def outputs(cls, components: Mapping[str, Any]) -> list:
        """The components showing the fields after ``reply`` (ChatInterface's ``additional_outputs``), in order."""
        return [components[name] for name in cls._fields[1:]]


async def chat(message: str | None, history: list, session: Session | None, *, settings: ChatSettings,
               timeline: list | None, link: str | None, app: AppConfig, config: InferenceConfig,
               oauth_token: str | None = None) -> AsyncIterator[ChatTurn]:
    """One turn of the page's chat: yield the reply so far with the timeline and the session.

    A state that expired is picked up again from the share link the page shows (``handlers.resume``). The
    message is stamped as the chat shows it (``history.cut_message``: one over the limit is cut there and says
    so; the model refuses it whole), so the export finds its time; the reply is stamped when it finished.
    """
    from .actions import converse, reply_texts  # actions builds on respond (below), so it is imported here

    session = resume(app, session, link)
    shown = cut_message(message or "", config.max_message_chars)
    timeline = stamp(timeline, "user", shown, keep=app.timeline_entries)
    reply: str | list[dict] = ""
    after = session
    # at most UPDATES_PER_SECOND page updates (``pacing``): Gradio's cost per update is a fast stream's bulk. Each
    # update is the whole turn so far (text, or its messages) with the session after it, so thinning loses nothing.
    async for reply, after in paced(converse(message or "", history, session, settings, config, oauth_token)):
        yield ChatTurn(reply, timeline, after)
    for text in reply_texts(reply):  # each message of the reply, stamped when the reply finished
        timeline = stamp(timeline, "assistant", text, keep=app.timeline_entries)
    yield ChatTurn(reply, timeline, after)


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
