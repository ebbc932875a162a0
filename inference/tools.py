"""The standard tool-call loop on hosted models: the model calls the app's tools, its text streams between calls.

The loop knows nothing of any domain: it gets a ``Toolbox`` (OpenAI-style function schemas and one executor
callback) and yields text deltas and ``Step`` events, one per call. What a call may do is the executor's
business; the loop only guarantees the shape of a turn:

- a call whose arguments aren't JSON, or that names no offered tool, becomes a readable step and a tool
  message telling the model what was wrong; the turn goes on (the executor does the same for arguments
  that fail validation, or a check against the record);
- a call the executor only *proposes* (a change the customer must confirm) ends the turn there: the
  customer answers the proposal, nothing runs before that;
- at most ``Toolbox.max_calls`` calls run per turn; calls past it are answered "not run" and the model is
  asked once more, without tools, so the turn ends in words;
- a server that rejects ``tools=`` raises ``ToolsUnsupported`` before any text, so the caller can remember it
  and answer another way.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from huggingface_hub import ChatCompletionStreamOutput
from huggingface_hub.errors import HfHubHTTPError
from huggingface_hub.inference._providers._common import _fetch_inference_provider_mapping

from .config import InferenceConfig
from .errors import BackendFault, MalformedChunk
from .faults import classify, closed_early, cut_off
from .hosted import call_context, make_client
from .settings import ChatSettings
from .ssl_context import share_ssl_context

log = logging.getLogger(__name__)

MAX_ARGUMENT_CHARS = 4_000
"""A call's arguments are cut here before any parsing: a model can't make the app parse megabytes."""
MAX_CALLS_PER_ROUND = 16
"""Calls read from one model message; more are dropped unread (the turn's own bound is ``Toolbox.max_calls``)."""

ResultStatus = Literal["done", "refused", "invalid", "proposed"]


@dataclass(frozen=True)
class ToolCall:
    """One call as the model made it: ``arguments`` is its raw JSON text (possibly malformed)."""

    id: str
    name: str
    arguments: str

    def message(self) -> dict:
        """The call as an OpenAI ``tool_calls`` entry, to send back in the conversation."""
        return {"id": self.id, "type": "function", "function": {"name": self.name, "arguments": self.arguments}}


@dataclass(frozen=True)
class ToolResult:
    """What the app made of one call: the step the chat shows, and the tool message the model reads.

    ``status`` is ``done`` (it ran, or it read the record), ``refused`` (the record doesn't allow it: the
    reason is for the customer), ``invalid`` (a malformed or unknown call, bad arguments: for the model to
    fix) or ``proposed`` (a change waiting for the customer's confirmation; ``proposal`` is the app's own
    object for it, and the turn ends).
    """

    status: ResultStatus
    title: str
    detail: str
    for_model: str
    proposal: Any = None


Executor = Callable[[str, dict], ToolResult]
"""``execute(name, arguments) -> ToolResult`` for a call to one of the offered tools with parsed arguments."""


@dataclass(frozen=True)
class Toolbox:
    """The tools a turn may call: OpenAI function schemas, the executor, the bound on calls per turn.

    ``confirmed`` holds calls the customer has just confirmed, each with the result of running it: the
    turn resumes after them (they are sent as the model's calls and their tool messages), so the model
    words the outcome and may go on to the customer's next request.
    """

    schemas: tuple[dict, ...]
    execute: Executor
    max_calls: int = 4
    confirmed: tuple[tuple[ToolCall, str], ...] = ()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(s["function"]["name"] for s in self.schemas)

    def resumed(self, call: ToolCall, result: str) -> Toolbox:
        return replace(self, confirmed=(*self.confirmed, (call, result)))


@dataclass(frozen=True)
class Step:
    """One call as the chat shows it: a collapsible step (title, readable detail, how long it took)."""

    call: ToolCall
    result: ToolResult
    duration: float = 0.0

    def redacted(self, redact: Callable[[str], str]) -> Step:
        result = replace(self.result, title=redact(self.result.title), detail=redact(self.result.detail))
        return replace(self, result=result)


class ToolsUnsupported(BackendFault):
    """The model or server rejected ``tools=``: the caller should stop offering tools to it."""


@dataclass(frozen=True)
class NoTools:
    """Yielded by ``stream_reply`` instead of a reply when ``model`` rejected tools: remember it, answer another way."""

    model: str


@dataclass
class _Round:
    """One model message read off the stream: text so far, calls being assembled, whether it finished."""

    text: str = ""
    sent_text: bool = False
    finished: bool = False
    calls: dict[int, dict] = field(default_factory=dict)

    def tool_calls(self) -> list[ToolCall]:
        out = []
        for index in sorted(self.calls)[:MAX_CALLS_PER_ROUND]:
            raw = self.calls[index]
            out.append(ToolCall(id=raw["id"] or f"call_{index}", name=raw["name"],
                                arguments="".join(raw["arguments"])[:MAX_ARGUMENT_CHARS]))
        return out


async def tool_loop(config: InferenceConfig, token: str | None, model: str, system: str, messages: list[dict],
                    settings: ChatSettings, tools: Toolbox) -> AsyncIterator[str | Step]:
    """Yield the turn's text deltas and a ``Step`` per call; raise BackendFault (``ToolsUnsupported``) on failure."""
    ctx = call_context(config, model, token)
    if not config.base_url and not token:
        raise BackendFault("Hosted models need a Hugging Face token. Sign in with Hugging Face, or set "
                           "HF_TOKEN (or PERSONA_CHAT_BACKEND=local).", kind="no-token")
    chat = [{"role": "system", "content": system}, *messages]
    for call, result in tools.confirmed:
        chat += [{"role": "assistant", "content": None, "tool_calls": [call.message()]},
                 {"role": "tool", "tool_call_id": call.id, "content": result}]
    used, offer, sent = 0, True, False
    await share_ssl_context()
    while True:
        current = _Round()
        stopping = False
        try:
            async with make_client(config, token) as client:
                async with asyncio.timeout(config.first_token_timeout):
                    if not config.base_url and config.provider != "auto":
                        await asyncio.to_thread(_fetch_inference_provider_mapping, model)
                    extra = {"tools": list(tools.schemas)} if offer else {}
                    stream = await client.chat_completion(chat, model=model, stream=True, **extra,
                                                          temperature=settings.temperature,
                                                          max_tokens=settings.max_new_tokens)
                    text = await _next_text(stream, current)
                while text is not None:
                    try:
                        yield text
                    except GeneratorExit:
                        stopping = True
                        raise
                    text = await _next_text(stream, current)
        except BackendFault:
            raise
        except Exception as exc:
            if stopping:
                log.debug("Error while closing a stopped tool-call stream: %r", exc)
                return
            if offer and not sent and not current.sent_text and _rejects_tools(exc):
                log.warning("Model %s at %s rejected tools=: %s", model, ctx.host or "hf-inference-providers",
                            _server_words(exc)[:200])
                raise ToolsUnsupported("This model can't call the app's actions.", kind="no-tools") from None
            raise classify(exc, ctx, after_text=sent or current.sent_text) from None
        sent = sent or current.sent_text
        calls = current.tool_calls()
        if not calls:
            if not current.finished:
                log.warning("Hosted reply for model %s ended without a finish reason", model)
                raise cut_off(ctx, "closed") if sent else closed_early(ctx)
            return
        chat.append({"role": "assistant", "content": current.text or None,
                     "tool_calls": [c.message() for c in calls]})
        skipped = 0
        for call in calls:
            if used >= tools.max_calls:
                skipped += 1
                chat.append({"role": "tool", "tool_call_id": call.id, "content": _NOT_RUN.format(limit=tools.max_calls)})
                continue
            used += 1
            started = time.monotonic()
            result = _run(call, tools)
            yield Step(call, result, time.monotonic() - started)
            sent = True
            if result.status == "proposed":
                return  # one change at a time: the customer answers this one before anything else runs
            chat.append({"role": "tool", "tool_call_id": call.id, "content": result.for_model})
        if skipped:
            log.info("Tool loop for model %s: %d calls over the limit of %d not run", model, skipped, tools.max_calls)
            yield Step(calls[-1], _limit_step(tools.max_calls))
            offer = False  # one more request, without tools: the turn ends in words


_NOT_RUN = "Not run: at most {limit} actions per turn. Answer the customer now with what you have; they can ask again."


def _limit_step(limit: int) -> ToolResult:
    return ToolResult("invalid", f"Stopped after {limit} actions in one turn",
                      f"The model asked for more than {limit} actions in one turn, so the rest were not run "
                      "(PERSONA_CHAT_MAX_TOOL_CALLS). Ask again for anything still to do.",
                      "")


def _run(call: ToolCall, tools: Toolbox) -> ToolResult:
    """Parse and run one call; every way it can go wrong is a result the model and the customer can read."""
    if call.name not in tools.names:
        offered = ", ".join(sorted(tools.names))
        return ToolResult("invalid", f"Unknown action “{call.name[:60]}”",
                          f"The model asked for an action this customer doesn't have. Available: {offered}.",
                          f"Error: there is no tool named {call.name[:60]!r}. Use one of: {offered}.")
    try:
        arguments = json.loads(call.arguments or "{}")
    except ValueError:
        return ToolResult("invalid", f"Malformed call to {call.name}",
                          "The model's arguments weren't valid JSON, so nothing was done.",
                          "Error: the arguments were not valid JSON. Call the tool again with a JSON object "
                          "that matches its parameters.")
    if not isinstance(arguments, Mapping):
        return ToolResult("invalid", f"Malformed call to {call.name}",
                          "The model's arguments weren't a JSON object, so nothing was done.",
                          "Error: the arguments must be a JSON object matching the tool's parameters.")
    try:
        return tools.execute(call.name, dict(arguments))
    except Exception:  # an executor bug must not end the customer's turn; the log has it
        log.exception("Tool %s failed", call.name)
        return ToolResult("invalid", f"{call.name} failed", "The action failed inside the app, so nothing was done.",
                          "Error: the tool failed. Tell the customer it couldn't be done right now.")


async def _next_text(stream: AsyncIterator, current: _Round) -> str | None:
    """The next text delta of this round, collecting tool-call deltas on the way; None at the end."""
    while True:
        try:
            chunk = await anext(stream)
        except StopAsyncIteration:
            return None
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            raise MalformedChunk(type(exc).__name__) from exc
        text = _read(chunk, current)
        if text:
            current.sent_text = True
            current.text += text
            return text


def _get(obj: Any, name: str) -> Any:
    """A field of a parsed chunk part: huggingface_hub gives dataclasses, or plain dicts for shapes it didn't expect."""
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _read(chunk: ChatCompletionStreamOutput, current: _Round) -> str | None:
    """Fold one chunk into the round: its finish reason and tool-call pieces; return its text delta."""
    choices = _get(chunk, "choices")
    if not choices:
        return None
    if not isinstance(choices, list):
        raise MalformedChunk("choices")
    choice = choices[0]
    current.finished = current.finished or bool(_get(choice, "finish_reason"))
    delta = _get(choice, "delta")
    if delta is None:
        return None
    content = _get(delta, "content")
    if not isinstance(content, str | None):
        raise MalformedChunk("delta")
    calls = _get(delta, "tool_calls") or []
    for part in calls if isinstance(calls, list) else [calls]:  # TGI 2.x sent one object, not a list
        _add_call_piece(part, current)
    return content


def _add_call_piece(part: Any, current: _Round) -> None:
    """One streamed piece of a call: OpenAI sends id and name once, TGI repeats the name; arguments concatenate."""
    index = _get(part, "index")
    index = index if isinstance(index, int) else 0
    function = _get(part, "function") or {}
    name, arguments, call_id = _get(function, "name"), _get(function, "arguments"), _get(part, "id")
    if index not in current.calls:
        if len(current.calls) >= MAX_CALLS_PER_ROUND:
            return
        current.calls[index] = {"id": "", "name": "", "arguments": [], "size": 0}
    raw = current.calls[index]
    if isinstance(call_id, str) and call_id and not raw["id"]:
        raw["id"] = call_id[:80]
    if isinstance(name, str) and name and not raw["name"]:
        raw["name"] = name[:80]
    if isinstance(arguments, str) and raw["size"] < MAX_ARGUMENT_CHARS:
        raw["arguments"].append(arguments[:MAX_ARGUMENT_CHARS - raw["size"]])
        raw["size"] += len(raw["arguments"][-1])
    elif isinstance(arguments, Mapping):  # some servers send the arguments as an object, not JSON text
        raw["arguments"] = [json.dumps(arguments)[:MAX_ARGUMENT_CHARS]]
        raw["size"] = MAX_ARGUMENT_CHARS


_NO_TOOLS_STATUS = frozenset({400, 404, 422, 501})
_NO_TOOLS_WORDS = ("tool", "function")


def _rejects_tools(exc: BaseException) -> bool:
    """A 4xx that names tools or functions: how vLLM, TGI, llama.cpp and the providers say "no tools here"."""
    response = getattr(exc, "response", None)
    if not isinstance(exc, HfHubHTTPError) or response is None or response.status_code not in _NO_TOOLS_STATUS:
        return False
    words = _server_words(exc).lower()
    return any(w in words for w in _NO_TOOLS_WORDS)


def _server_words(exc: BaseException) -> str:
    """The server's error text, for matching and the owner's log (never shown to visitors)."""
    parts = [getattr(exc, "server_message", None) or ""]
    response = getattr(exc, "response", None)
    try:
        parts.append(response.text if response is not None else "")
    except Exception:  # a streamed body that was never read
        pass
    return " ".join(p for p in parts if isinstance(p, str))[:2000]


def tools_schemas(schemas: Sequence[Mapping]) -> tuple[dict, ...]:
    """Function schemas as OpenAI ``tools`` entries (``{"type": "function", "function": ...}``), whichever was given."""
    return tuple(dict(s) if s.get("type") == "function" and "function" in s
                 else {"type": "function", "function": dict(s)} for s in schemas)
