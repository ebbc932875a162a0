"""The one streaming interface the app calls: pick a backend, build and fit the prompt, stream, report faults.

Before any backend is called a request is checked against what the owner allows (message size, model
choice); every backend's stream is bounded by the whole-reply time limit; everything yielded passes one
redactor, so no secret reaches the chat however a server splits it across chunks.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing

from .budget import estimate_tokens, fit
from .config import InferenceConfig, backends_for
from .contract import BackendInfo, PromptFn
from .embedded import embedded_model
from .errors import BackendFault
from .hosted import stream_hosted
from .loops import guard_loops
from .model_file import gguf_path
from .model_ids import model_refusal
from .notices import MODEL_LOADING, Notice, Status, notice
from .redaction import Redactor, redact_logs
from .settings import ChatSettings
from .tools import NoTools, Step, Toolbox, ToolsUnsupported, tool_loop

log = logging.getLogger(__name__)


async def stream_reply(prompt: str | PromptFn, messages: list[dict], settings: ChatSettings | None = None, *,
                       oauth_token: str | None = None, config: InferenceConfig | None = None,
                       tools: Toolbox | None = None) -> AsyncIterator[str | Status | Step | NoTools]:
    """Yield the reply's text deltas as they arrive (and transient Status lines); never raise a backend fault.

    A fault ends the stream with a NOTICE_MARK paragraph saying what happened and what to do; text
    already yielded stays. With fallback on, a hosted failure before any text hands over to the
    embedded model, and a notice at the start says so. Closing the generator stops the backend.

    With ``tools`` a hosted model runs the tool-call loop (``tools.tool_loop``): a ``Step`` per call
    between the texts, and ``NoTools`` instead of a reply when the model rejects tools. The embedded
    model never gets tools (the caller plans its actions).
    """
    config = config or InferenceConfig.from_env()
    settings = settings or ChatSettings()
    redact_logs(config.secrets())  # from the first request on, no log line shows them either
    redact = Redactor([config.token_for(oauth_token), *config.secrets()])
    async with aclosing(_reply(prompt, messages, settings, oauth_token, config, tools)) as items:
        async for item in items:
            # A fast server's chunks arrive already buffered, so reading on never suspends this task: hand the
            # event loop to the other visitors' streams and requests between deltas (a /ping waited 30 s without).
            await asyncio.sleep(0)
            if isinstance(item, Status):
                yield item
            elif isinstance(item, Step | NoTools):  # the app's own words between texts: after the text so far
                if rest := redact.flush():
                    yield rest
                yield item.redacted(redact) if isinstance(item, Step) else item
            elif isinstance(item, Notice):  # the app's own complete words: after the reply so far, whole
                if rest := redact.flush():
                    yield rest
                yield redact(item)
            elif shown := redact.feed(item):
                yield shown
    if rest := redact.flush():
        yield rest


async def complete(prompt: str | PromptFn, messages: list[dict], settings: ChatSettings | None = None,
                   **kw) -> str:
    """The whole reply as one string (Status lines and tool steps excluded)."""
    parts: list[str] = []
    async with aclosing(stream_reply(prompt, messages, settings, **kw)) as items:
        async for item in items:
            if isinstance(item, str) and not isinstance(item, Status):
                parts.append(item)
    return "".join(parts)


def refusal(messages: list[dict], config: InferenceConfig, oauth_token: str | None, backend: BackendInfo
            ) -> str | None:
    """Why this request may not be sent at all (a message over the size limit, a model id that isn't one on this
    route, a model the owner didn't list)."""
    last = messages[-1]["content"] if messages and messages[-1]["role"] == "user" else ""
    if len(last) > config.max_message_chars:
        return (f"Your message is {len(last):,} characters long; messages here may have at most "
                f"{config.max_message_chars:,} (PERSONA_CHAT_MAX_MESSAGE_CHARS). Shorten it, or send it in parts.")
    if backend.kind == "hosted" and (why := model_refusal(backend.model, config, oauth_token)):
        return why
    allowed = config.models_for(oauth_token)
    if backend.kind == "hosted" and allowed is not None and backend.model not in allowed:
        who = "" if config.base_url else " Sign in with Hugging Face to use any model on your own account."
        return (f"That model isn't available here; pick one of: {', '.join(allowed)} (the owner lists them in "
                f"PERSONA_CHAT_MODELS).{who}")
    return None


def _within_limits(messages: list[dict], config: InferenceConfig) -> list[dict]:
    """A copy of the conversation without earlier user turns over the size limit (they were refused when sent)."""
    *older, last = messages
    kept = [m for m in older if m["role"] != "user" or len(m["content"]) <= config.max_message_chars]
    return [*kept, last]


async def _reply(prompt: str | PromptFn, messages: list[dict], settings: ChatSettings, oauth_token: str | None,
                 config: InferenceConfig, tools: Toolbox | None = None) -> AsyncIterator[str | Status | Step | NoTools]:
    """The reply before redaction: refused, or from the first backend that answers (then fallback), time-bounded."""
    messages = [{"role": m["role"], "content": m["content"]} for m in messages]  # never touch the caller's list
    backends = backends_for(config, oauth_token, settings.model)
    if why := refusal(messages, config, oauth_token, backends[0]):
        log.info("Refused a request before any backend call: %s", why.split(";")[0])
        yield notice(why, after_text=False)
        return
    messages = _within_limits(messages, config) if messages else messages
    token = config.token_for(oauth_token)
    sent_text = False
    for backend, fallback in zip(backends, [*backends[1:], None], strict=True):
        try:
            attempt = _attempt(backend, prompt, messages, settings, config, token, tools)
            async with aclosing(_timed(attempt, config.reply_timeout)) as items:  # closes the attempt too
                async for item in items:
                    sent_text = sent_text or not isinstance(item, Status)
                    yield item
            return
        except ToolsUnsupported:
            yield NoTools(backend.model)
            return
        except BackendFault as fault:
            if fallback is None or sent_text:
                yield notice(str(fault), after_text=sent_text)
                return
            log.info("Falling back to the embedded model after hosted fault %s", fault.kind)
            yield Notice(notice(f"{fault} The local model ({fallback.model}) answered instead.", after_text=False)
                         + "\n\n")
            sent_text = True


async def _timed(items: AsyncIterator[str | Status], seconds: float) -> AsyncIterator[str | Status]:
    """``items`` until the whole reply has taken ``seconds``; then the source is cancelled and a fault raised.

    Time spent waiting (Status lines before any text: the local model's line, its loading) doesn't count.
    The deadline applies to awaiting the next item only, never across a ``yield`` to the consumer. ``items``
    is closed when this generator is.
    """
    loop = asyncio.get_running_loop()
    deadline, sent_text = loop.time() + seconds, False
    async with aclosing(items):
        while True:
            timer = asyncio.timeout_at(deadline)
            try:
                async with timer:
                    item = await anext(items)
            except StopAsyncIteration:
                return
            except TimeoutError:
                if not timer.expired():
                    raise
                raise _over_time(seconds, sent_text) from None
            if isinstance(item, Status):
                if not sent_text:
                    deadline = loop.time() + seconds
            else:
                sent_text = True
            yield item


def _over_time(seconds: float, sent_text: bool) -> BackendFault:
    log.warning("Reply stopped by the whole-reply limit of %g s (PERSONA_CHAT_REPLY_TIMEOUT)", seconds)
    if sent_text:
        return BackendFault(f"The reply took longer than the {seconds:g} s limit, so it was stopped here and is cut "
                            "off. Ask for a shorter answer, or raise PERSONA_CHAT_REPLY_TIMEOUT.", kind="reply-timeout")
    return BackendFault(f"No reply within the {seconds:g} s limit. Try again, or raise PERSONA_CHAT_REPLY_TIMEOUT.",
                        kind="reply-timeout")


async def _attempt(backend: BackendInfo, prompt: str | PromptFn, messages: list[dict], settings: ChatSettings,
                   config: InferenceConfig, token: str | None, tools: Toolbox | None = None
                   ) -> AsyncIterator[str | Status | Step]:
    """One backend's reply: prompt worded for it and conversation fitted to its context (on a thread), then streamed.

    Building the prompt reads the visitor's text (retrieval, intent): linear, but tens of milliseconds for a
    long message, which the event loop serving every other visitor must not wait for.
    """
    def prepared(count_tokens, sent_beside: str = ""):
        system, msgs = prompt(backend, messages) if callable(prompt) else (prompt, messages)
        return system, fit(system + sent_beside, msgs, backend.context_tokens, settings.max_new_tokens, count_tokens)

    if backend.kind == "local":
        model = embedded_model(gguf_path(config.gguf_path), config.local_n_ctx, config.local_threads)
        if not model.loaded:
            yield MODEL_LOADING
        # exact counts with the model's tokenizer, off the event loop (the first call loads the model)
        system, fitted = await asyncio.to_thread(prepared, model.count_tokens)
        source = model.stream(system, fitted.messages, settings)
    elif tools is not None:  # the tools' schemas are sent with every request: they take room like the prompt
        system, fitted = await asyncio.to_thread(prepared, estimate_tokens, json.dumps(tools.schemas))
        source = tool_loop(config, token, backend.model, system, fitted.messages, settings, tools)
    else:
        system, fitted = await asyncio.to_thread(prepared, estimate_tokens)
        source = stream_hosted(config, token, backend.model, system, fitted.messages, settings)
    if fitted.dropped_turns:
        log.info("Context budget: dropped %d oldest turns for %r", fitted.dropped_turns, backend.label)
    sent_text = False
    async with aclosing(guard_loops(source)) as items:  # a reply that starts repeating itself is stopped
        async for item in items:
            sent_text = sent_text or not isinstance(item, Status)
            yield item
    if fitted.truncated_chars:
        kept = len(fitted.messages[-1]["content"])
        yield notice(f"Your message was too long for this model ({backend.context_tokens:,}-token context), so only its "
                     f"first {kept:,} of {kept + fitted.truncated_chars:,} characters were sent. Split it into shorter "
                     "messages to send the rest.", after_text=sent_text)
