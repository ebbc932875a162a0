"""Hosted models through ``huggingface_hub.AsyncInferenceClient``: HF Inference Providers or any OpenAI-compatible server.

One client per request, used as ``async with`` so the HTTP stream closes when the reply ends, fails,
or the consumer goes away (Stop). A custom base_url gets its own key, never the HF token.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from huggingface_hub import (
    AsyncInferenceClient,
    ChatCompletionStreamOutput,
    ChatCompletionStreamOutputChoice,
    ChatCompletionStreamOutputDelta,
)
from huggingface_hub.inference._providers._common import _fetch_inference_provider_mapping

from .config import InferenceConfig, host_of
from .errors import BackendFault, MalformedChunk
from .faults import CallContext, classify, closed_early, cut_off
from .settings import ChatSettings
from .ssl_context import share_ssl_context

log = logging.getLogger(__name__)

# Sent to a base_url without PERSONA_CHAT_API_KEY so huggingface_hub never falls back to HF_TOKEN or the
# cached login (its default); llama.cpp's own examples use this placeholder.
NO_KEY = "sk-no-key-required"


def make_client(config: InferenceConfig, token: str | None) -> AsyncInferenceClient:
    """A client for this request: base_url with its own key, or HF Inference Providers with the user's token."""
    if config.base_url:
        return AsyncInferenceClient(base_url=config.base_url, api_key=config.api_key or NO_KEY,
                                    timeout=config.first_token_timeout)
    return AsyncInferenceClient(provider=config.provider, token=token, timeout=config.first_token_timeout)


def call_context(config: InferenceConfig, model: str, token: str | None) -> CallContext:
    host = host_of(config.base_url) if config.base_url else None
    return CallContext(model=model, host=host, has_token=bool(config.api_key if config.base_url else token),
                       timeout=config.first_token_timeout)


async def stream_hosted(config: InferenceConfig, token: str | None, model: str, system: str, messages: list[dict],
                        settings: ChatSettings) -> AsyncIterator[str]:
    """Yield text deltas from ``model`` (as resolved for this request); raise BackendFault on any failure.

    A fault carries ``after_text`` semantics: its message says whether the text already shown is cut off.
    """
    ctx = call_context(config, model, token)
    if not config.base_url and not token:
        raise BackendFault("Hosted models need a Hugging Face token. Sign in with Hugging Face, or set "
                           "HF_TOKEN (or PERSONA_CHAT_BACKEND=local).", kind="no-token")
    chat = [{"role": "system", "content": system}, *messages]
    reply = _Reply()
    stopping = False  # the consumer went away (Stop): close quietly, there is no one to tell
    try:
        await share_ssl_context()
        async with make_client(config, token) as client:
            async with asyncio.timeout(config.first_token_timeout):  # connect + headers + first token
                if not config.base_url and config.provider != "auto":
                    # huggingface_hub looks a named provider's model id up with a blocking Hub call inside
                    # chat_completion (cached per model); do it on a thread so the event loop never waits
                    await asyncio.to_thread(_fetch_inference_provider_mapping, model)
                stream = await client.chat_completion(chat, model=model, stream=True, temperature=settings.temperature,
                                                      max_tokens=settings.max_new_tokens)
                text = await reply.next_text(stream)
            while text is not None:
                try:
                    yield text
                except GeneratorExit:
                    stopping = True
                    raise
                text = await reply.next_text(stream)
            if not reply.finished:
                # the body ended cleanly but without a finish reason: the server stopped mid-reply
                log.warning("Hosted reply for model %s ended without a finish reason", model)
                raise cut_off(ctx, "closed") if reply.sent_text else closed_early(ctx)
    except BackendFault:
        raise
    except Exception as exc:  # every failure becomes a message; classify logs it
        if stopping:  # e.g. closing the HTTP stream from another task at interpreter/loop shutdown
            log.debug("Error while closing a stopped hosted stream: %r", exc)
            return
        raise classify(exc, ctx, after_text=reply.sent_text) from None


class _Reply:
    """Reads text deltas off the chunk stream, remembering whether any text came and whether it finished."""

    def __init__(self) -> None:
        self.sent_text = False
        self.finished = False

    async def next_text(self, stream: AsyncIterator) -> str | None:
        while True:
            try:
                chunk = await anext(stream)
            except StopAsyncIteration:
                return None
            except (ValueError, TypeError, AttributeError, KeyError) as exc:  # bad JSON, or JSON of the wrong shape
                raise MalformedChunk(type(exc).__name__) from exc
            text = self._text_of(chunk)
            if text:
                self.sent_text = True
                return text

    def _text_of(self, chunk: ChatCompletionStreamOutput) -> str | None:
        """The chunk's text delta; None for chunks without text (role-only, usage-only, finish)."""
        choices = chunk.choices
        if not choices:
            return None
        if not isinstance(choices, list) or not isinstance(choices[0], ChatCompletionStreamOutputChoice):
            raise MalformedChunk("choices")
        choice = choices[0]
        self.finished = self.finished or bool(choice.finish_reason)
        delta = choice.delta
        if delta is None:
            return None
        if not isinstance(delta, ChatCompletionStreamOutputDelta) or not isinstance(delta.content, str | None):
            raise MalformedChunk("delta")
        return delta.content
