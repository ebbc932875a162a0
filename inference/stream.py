"""The one streaming interface the app calls: pick a backend, build and fit the prompt, stream, report faults."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import aclosing

from .budget import estimate_tokens, fit
from .config import BackendInfo, InferenceConfig, backends_for
from .contract import PromptFn
from .embedded import embedded_model
from .errors import BackendFault
from .hosted import stream_hosted
from .model_file import gguf_path
from .notices import MODEL_LOADING, Status, notice
from .settings import ChatSettings

log = logging.getLogger(__name__)


async def stream_reply(prompt: str | PromptFn, messages: list[dict], settings: ChatSettings | None = None, *,
                       oauth_token: str | None = None,
                       config: InferenceConfig | None = None) -> AsyncIterator[str | Status]:
    """Yield the reply's text deltas as they arrive (and transient Status lines); never raise a backend fault.

    A fault ends the stream with a NOTICE_MARK paragraph saying what happened and what to do; text
    already yielded stays. With fallback on, a hosted failure before any text hands over to the
    embedded model, and a notice at the start says so. Closing the generator stops the backend.
    """
    config = config or InferenceConfig.from_env()
    settings = settings or ChatSettings()
    messages = [{"role": m["role"], "content": m["content"]} for m in messages]  # never touch the caller's list
    token = config.token_for(oauth_token)
    secrets = [s for s in (token, config.hf_token and config.hf_token.get_secret_value(), config.api_key) if s]

    backends = backends_for(config, oauth_token, settings.model)
    sent_text = False
    for backend, fallback in zip(backends, [*backends[1:], None], strict=True):
        try:
            async with aclosing(_attempt(backend, prompt, messages, settings, config, token)) as items:
                async for item in items:
                    sent_text = sent_text or not isinstance(item, Status)
                    yield item
            return
        except BackendFault as fault:
            if fallback is None or sent_text:
                yield _redact(notice(str(fault), after_text=sent_text), secrets)
                return
            log.info("Falling back to the embedded model after hosted fault %s", fault.kind)
            yield _redact(notice(f"{fault} The local model ({fallback.model}) answered instead.", after_text=False),
                          secrets) + "\n\n"
            sent_text = True


async def complete(prompt: str | PromptFn, messages: list[dict], settings: ChatSettings | None = None,
                   **kw) -> str:
    """The whole reply as one string (Status lines excluded)."""
    parts: list[str] = []
    async with aclosing(stream_reply(prompt, messages, settings, **kw)) as items:
        async for item in items:
            if not isinstance(item, Status):
                parts.append(item)
    return "".join(parts)


async def _attempt(backend: BackendInfo, prompt: str | PromptFn, messages: list[dict], settings: ChatSettings,
                   config: InferenceConfig, token: str | None) -> AsyncIterator[str | Status]:
    """One backend's reply: prompt worded for it, conversation fitted to its context, then streamed."""
    system, msgs = prompt(backend, messages) if callable(prompt) else (prompt, messages)
    if backend.kind == "local":
        model = embedded_model(gguf_path(config.gguf_path), config.local_n_ctx, config.local_threads)
        if not model.loaded:
            yield MODEL_LOADING
        # exact counts with the model's tokenizer, off the event loop (the first call loads the model)
        fitted = await asyncio.to_thread(fit, system, msgs, backend.context_tokens, settings.max_new_tokens,
                                         model.count_tokens)
        source = model.stream(system, fitted.messages, settings)
    else:
        fitted = fit(system, msgs, backend.context_tokens, settings.max_new_tokens, estimate_tokens)
        source = stream_hosted(config, token, backend.model, system, fitted.messages, settings)
    if fitted.dropped_turns:
        log.info("Context budget: dropped %d oldest turns for %s", fitted.dropped_turns, backend.label)
    sent_text = False
    async with aclosing(source) as items:
        async for item in items:
            sent_text = sent_text or not isinstance(item, Status)
            yield item
    if fitted.truncated_chars:
        kept = len(fitted.messages[-1]["content"])
        yield notice(f"Your message was too long for this model ({backend.context_tokens:,}-token context), so only its "
                     f"first {kept:,} of {kept + fitted.truncated_chars:,} characters were sent. Split it into shorter "
                     "messages to send the rest.", after_text=sent_text)


def _redact(text: str, secrets: list[str]) -> str:
    """Belt and braces: no secret ever reaches the chat, whatever a server echoed."""
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return text


