"""Hosted-call failures turned into short chat messages that say what happened and what to do.

A registry maps HTTP status codes to message builders; transport and stream failures are
classified by exception type. Messages never include tokens, headers, raw server bodies or the server's
address (visitors read them; the log line of each fault names the host for the owner).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass

import httpx2
from huggingface_hub.errors import HfHubHTTPError, InferenceTimeoutError, OfflineModeIsEnabled, TextGenerationError

from .errors import BackendFault, MalformedChunk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallContext:
    """What a message needs to be specific: who was called, for which model, with what credentials."""

    model: str
    host: str | None  # host:port of a custom base_url (for the owner's log only); None for HF Inference Providers
    has_token: bool
    timeout: float

    @property
    def where(self) -> str:
        """Who was called, as visitors may read it: never an address (the log line names the host)."""
        return "the model server" if self.host else "Hugging Face Inference Providers"


def _unauthorised(ctx: CallContext, retry_after: str | None) -> str:
    if ctx.host and not ctx.has_token:
        return f"{ctx.where} needs an API key (401). Set PERSONA_CHAT_API_KEY to a key it accepts."
    if ctx.host:
        return f"{ctx.where} rejected the API key (401). Set PERSONA_CHAT_API_KEY to a key it accepts."
    if not ctx.has_token:
        return "Hosted models need a Hugging Face token (401). Sign in with Hugging Face, or set HF_TOKEN."
    return "Your Hugging Face token was rejected (401). Sign in again, or set HF_TOKEN to a valid token."


def _forbidden(ctx: CallContext, retry_after: str | None) -> str:
    if ctx.host:
        return f"{ctx.where} refused access (403). Check PERSONA_CHAT_API_KEY and the server's permissions."
    return ("Your Hugging Face token may not call Inference Providers (403). Use a token with the "
            "“Make calls to Inference Providers” permission, or sign in again.")


def _out_of_credits(ctx: CallContext, retry_after: str | None) -> str:
    if ctx.host:
        return f"{ctx.where} asks for payment (402). Check the account behind PERSONA_CHAT_API_KEY."
    return ("Your Hugging Face account has used up its Inference Providers credits (402). Add credits, "
            "or set PERSONA_CHAT_BACKEND=local to use the built-in model.")


def _not_found(ctx: CallContext, retry_after: str | None) -> str:
    return (f"Model “{ctx.model}” was not found by {ctx.where} (404). "
            "Check the model id in Settings or PERSONA_CHAT_MODEL.")


def _rate_limited(ctx: CallContext, retry_after: str | None) -> str:
    wait = f"Wait {retry_after} s and try again." if retry_after else "Wait a minute and try again."
    return f"Rate limited by {ctx.where} (429). {wait}"


def _unavailable(ctx: CallContext, retry_after: str | None) -> str:
    return f"Model “{ctx.model}” is loading or unavailable (503). Try again in a minute, or pick another model."


def _server_error(status: int) -> Callable[[CallContext, str | None], str]:
    def build(ctx: CallContext, retry_after: str | None) -> str:
        return f"{ctx.where} had an internal error ({status}). Try again; if it persists, pick another model."
    return build


def _rejected(status: int) -> Callable[[CallContext, str | None], str]:
    def build(ctx: CallContext, retry_after: str | None) -> str:
        return (f"{ctx.where} rejected the request ({status}). Try a shorter message, lower max new tokens, "
                "or another model.")
    return build


BY_STATUS: dict[int, Callable[[CallContext, str | None], str]] = {
    401: _unauthorised,
    402: _out_of_credits,
    403: _forbidden,
    404: _not_found,
    429: _rate_limited,
    503: _unavailable,
}


def for_status(status: int, ctx: CallContext, retry_after: str | None = None) -> BackendFault:
    """The fault for an HTTP error status (registry first, then 5xx/4xx families)."""
    build = BY_STATUS.get(status) or (_server_error(status) if status >= 500 else _rejected(status))
    return BackendFault(_capitalise(build(ctx, retry_after)), kind=f"http-{status}")


def classify(exc: BaseException, ctx: CallContext, *, after_text: bool) -> BackendFault:
    """Map any exception from a hosted call to a user-facing fault; unexpected ones are logged with a traceback."""
    fault = _classify(exc, ctx, after_text=after_text)
    if fault.kind == "unexpected":
        log.error("Unexpected hosted inference failure (%s)", type(exc).__name__, exc_info=exc)
    else:
        # the model id may be a visitor's: %r keeps it on one line (no forged log lines)
        log.warning("Hosted inference fault %s for model %r at %s: %s", fault.kind, ctx.model,
                    ctx.host or "hf-inference-providers", type(exc).__name__)
    return fault


def _classify(exc: BaseException, ctx: CallContext, *, after_text: bool) -> BackendFault:
    if isinstance(exc, HfHubHTTPError) and getattr(exc, "response", None) is not None:
        retry = _retry_after(exc.response.headers.get("retry-after"))
        return for_status(exc.response.status_code, ctx, retry)
    if isinstance(exc, OfflineModeIsEnabled):
        return BackendFault(f"HF_HUB_OFFLINE is set, so huggingface_hub won't call {ctx.where}. Unset it to use "
                            "hosted models, or set PERSONA_CHAT_BACKEND=local.", kind="offline")
    if isinstance(exc, InferenceTimeoutError | asyncio.TimeoutError | TimeoutError | httpx2.TimeoutException):
        if after_text:
            return cut_off(ctx, "stalled")
        return BackendFault(f"No reply from {ctx.where} within {ctx.timeout:g} s. The model may be busy or "
                            "loading; try again, or raise PERSONA_CHAT_TIMEOUT.", kind="timeout")
    if isinstance(exc, httpx2.ConnectError):
        if ctx.host:
            why = "unknown host name" if _caused_by(exc, socket.gaierror) else "connection refused"
            return BackendFault(f"Couldn't connect to {ctx.where} ({why}). Check that the server is running and "
                                "PERSONA_CHAT_BASE_URL is right.", kind="connect")
        return BackendFault("Couldn't reach Hugging Face Inference Providers. Check the network connection and "
                            "try again.", kind="connect")
    if isinstance(exc, httpx2.RemoteProtocolError | httpx2.ReadError):
        if after_text:
            return cut_off(ctx, "dropped")
        return closed_early(ctx)
    if isinstance(exc, TextGenerationError):
        detail = _short(_error_text(exc))
        what = f" ({type(exc).__name__}: {detail})" if detail else f" ({type(exc).__name__})"
        lead = "The model reported an error mid-reply" if after_text else "The model reported an error"
        return BackendFault(f"{lead}{what}. Try again; if it repeats, try another model.", kind="error-event")
    if isinstance(exc, MalformedChunk):
        lead = "sent a malformed stream chunk mid-reply" if after_text else "sent a malformed stream chunk"
        return BackendFault(f"{_capitalise(ctx.where)} {lead}, which couldn't be read. Try again; if it repeats, "
                            "check that it is an OpenAI-compatible server.", kind="malformed")
    if isinstance(exc, httpx2.TransportError):
        return BackendFault(f"The connection to {ctx.where} failed ({type(exc).__name__}). Try again.",
                            kind="transport")
    if isinstance(exc, ValueError):  # huggingface_hub refused to build the request (model/provider/token)
        return BackendFault(_setup_message(str(exc), ctx), kind="setup")
    return BackendFault("Something went wrong calling the hosted model. Try again; the details are in the "
                        "server log.", kind="unexpected")


# huggingface_hub's own wording for a request it won't build -> what the user should do about it
_SETUP_HINTS = {
    "non-Hugging Face API key": "The token in use isn't a Hugging Face token (it should start with hf_). Sign in again, "
                                "or fix HF_TOKEN.",
    "not supported by provider": "PERSONA_CHAT_PROVIDER doesn't serve model “{model}”. Pick another provider "
                                 "(or auto) or another model.",
    "not supported. Available values": "PERSONA_CHAT_PROVIDER isn't a known provider. Use auto or a provider "
                                       "listed on the model's page.",
}


def _setup_message(raw: str, ctx: CallContext) -> str:
    for phrase, message in _SETUP_HINTS.items():
        if phrase in raw:
            return message.format(model=ctx.model)
    return f"The hosted call couldn't be set up ({_short(raw, 120)}). Check PERSONA_CHAT_MODEL and PERSONA_CHAT_PROVIDER."


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def _error_text(exc: TextGenerationError) -> str:
    """The server's error message: TGI sends a string, OpenAI-style servers an object with ``message``."""
    raw = exc.args[0] if exc.args else ""
    if isinstance(raw, dict):
        raw = raw.get("message") or raw.get("error") or ""
    return str(raw or "")


def closed_early(ctx: CallContext) -> BackendFault:
    """The server hung up before sending any text."""
    return BackendFault(f"{_capitalise(ctx.where)} closed the connection before replying. Try again.", kind="cut")


def cut_off(ctx: CallContext, how: str) -> BackendFault:
    """The reply stopped after some text: what is shown is partial."""
    return BackendFault(f"The connection {how} mid-reply, so the reply above is cut off. "
                        "Send your message again to retry.", kind="cut")


def _retry_after(raw: str | None) -> str | None:
    """Seconds to wait, if the header holds a plain number (HTTP-date forms are ignored)."""
    if raw and raw.strip().isdigit():
        return raw.strip()
    return None


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
