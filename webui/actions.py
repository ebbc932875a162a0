"""Actions in the chat: the customer asks, the assistant proposes, the customer confirms, the record changes.

``converse`` is the chat function's body when the record can change. It yields the turn as the chat shows
it (text messages, one collapsible step per action, a proposal with Confirm / Cancel options) together
with the session, which holds the confirmed events and the proposal waiting for an answer:

- a hosted model gets the persona's actions as tools (``inference.Toolbox``, the tool-call loop); a model
  or server that rejects tools is remembered in the session, and the planner answers from then on;
- the embedded model (and a model without tools) gets the planner's proposal (``prompting``);
- a proposal runs only when the customer answers yes (the Confirm option, or typing yes); no cancels it,
  anything else leaves it unanswered and drops it. The ledger (``persona.Ledger``) enforces this: nothing
  but ``confirm`` makes an event.

No gradio here: messages are plain dicts in Gradio's message format (``metadata``, ``options``).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from typing import Literal

from inference import (
    ChatSettings,
    InferenceConfig,
    NoTools,
    Status,
    Step,
    Toolbox,
    ToolCall,
    ToolResult,
    resolve_backend,
    stream_reply,
)
from persona import (
    ActionError,
    NothingPendingError,
    Proposal,
    Reading,
    Refusal,
    RefusedError,
    tool_schemas,
)
from prompting import chat_prompt
from prompting.actions import respond as plan_turn

from .chat import respond, without_welcome
from .history import EMPTY_REPLY, MAX_REPLY_CHARS, normalise_history, notice_line, status_line
from .markup import InertReply, as_text
from .session import Session

log = logging.getLogger(__name__)

CONFIRM, CANCEL = "Confirm", "Cancel"
"""The options on a proposal; clicking one sends it as the customer's message."""
OPTIONS = ({"value": CONFIRM, "label": CONFIRM}, {"value": CANCEL, "label": CANCEL})

_YES = frozenset({"yes", "y", "yeah", "yep", "yup", "sure", "ok", "okay", "confirm", "confirmed", "go ahead",
                  "please do", "do it", "yes please", "correct", "that's right", "ja", "oui", "si", "sí"})
_NO = frozenset({"no", "n", "nope", "cancel", "don't", "do not", "no thanks", "no thank you", "stop", "never mind",
                 "nein", "non", "abbrechen", "annuler"})
_ANSWER_CHARS = 40
_TRIM = re.compile(r"^[\s\W_]+|[\s\W_]+$")

TOOLS_NOTE = ("\n\nYou can act on this customer's record with the tools provided. When the customer asks for "
              "something a tool does, call it. A change is shown to the customer to confirm before it runs: never "
              "say a change is done unless a tool result says so, and then give its reference number.")
"""Appended to a hosted model's system prompt when it is offered the actions as tools."""
CANCELLED = "All right, I haven't changed anything."
NO_TOOLS_NOTICE = ("This model can't call the app's actions, so the app recognises requests itself (as with the "
                   "local model) for the rest of this session.")


def answer_of(message: str) -> Literal["yes", "no"] | None:
    """The customer's answer to a proposal, if the message is one: a short yes or no, in any case or punctuation."""
    if len(message) > _ANSWER_CHARS:
        return None
    said = " ".join(_TRIM.sub("", message.casefold().replace("’", "'")).split())
    said = said.removesuffix(" please").removesuffix(" thanks") if said not in _YES | _NO else said
    return "yes" if said in _YES else "no" if said in _NO else None


def humanise(name: str) -> str:
    """An action's name as words: ``freeze_card`` -> "Freeze card"."""
    return name.replace("_", " ").strip().capitalize()


def step_message(title: str, detail: str, duration: float | None = None, status: str = "done") -> dict:
    """One action as a collapsible step: the app's words (shown as typed), never raw JSON."""
    metadata = {"title": as_text(title), "status": status}
    if duration is not None:
        metadata["duration"] = round(duration, 3)
    return {"role": "assistant", "content": as_text(detail), "metadata": metadata}


def proposal_message(proposal: Proposal) -> dict:
    """The question put to the customer, with Confirm / Cancel options (typing yes or no works too)."""
    return {"role": "assistant", "content": as_text(proposal.text), "options": [dict(o) for o in OPTIONS]}


@dataclass
class Turn:
    """The assistant's side of one turn as the chat shows it: texts, steps and a proposal, in order."""

    messages: list[dict] = field(default_factory=list)
    _text: InertReply = field(default_factory=InertReply)  # the last text message, made inert a delta at a time

    def add_text(self, delta: str) -> None:
        if not self.messages or "metadata" in self.messages[-1] or "options" in self.messages[-1]:
            self.messages.append({"role": "assistant", "content": ""})
            self._text = InertReply()
        self.messages[-1]["content"] = self._text.add(delta)

    def add(self, message: dict) -> None:
        self.messages.append(message)

    @property
    def text(self) -> str:
        """Everything the turn said, as plain text (the timeline and the export read it)."""
        return "\n\n".join(m["content"] for m in self.messages if m.get("content"))

    def shown(self) -> str | list[dict]:
        """The turn for Gradio: plain text when it is one reply (as the chat API has always returned), else a copy
        of its messages (Gradio keeps what it is given)."""
        if len(self.messages) == 1 and set(self.messages[0]) == {"role", "content"}:
            return self.messages[0]["content"]
        return self.copy()

    def copy(self) -> list[dict]:
        return [{**m, **({"metadata": dict(m["metadata"])} if "metadata" in m else {})} for m in self.messages]


class _Desk:
    """The executor a hosted turn's tool loop calls: the session's ledger, asked (never confirmed)."""

    def __init__(self, session: Session) -> None:
        self.ledger = session.ledger

    def __call__(self, name: str, arguments: dict) -> ToolResult:
        try:
            self.ledger, answer = self.ledger.call(name, arguments)
        except ActionError as exc:
            label = humanise(name)
            return ToolResult("invalid", f"{label}: the request couldn't be read", str(exc),
                              f"Error: {exc}. Call it again with corrected arguments.")
        return result_for_call(name, answer)


def result_for_call(name: str, answer: Proposal | Refusal | Reading) -> ToolResult:
    label = humanise(name)
    if isinstance(answer, Reading):
        return ToolResult("done", label, answer.text, answer.text)
    if isinstance(answer, Refusal):
        return ToolResult("refused", f"{label}: not possible", answer.reason,
                          f"Refused, nothing changed: {answer.reason} Tell the customer why, plainly.")
    return ToolResult("proposed", f"{label}: waiting for the customer's confirmation", answer.text, "", answer)


def toolbox(session: Session, config: InferenceConfig) -> Toolbox:
    return Toolbox(tuple(tool_schemas(session.mode)), _Desk(session), max_calls=config.max_tool_calls)


def _with_tools_note(prompt):
    def worded(backend, messages):
        system, msgs = prompt(backend, messages)
        return system + TOOLS_NOTE, msgs
    return worded


def confirm(session: Session) -> tuple[Session, dict, str]:
    """Run the pending proposal: the session after it, the step to show, and what the model is told."""
    started = time.monotonic()
    label = humanise(session.pending.action)
    try:
        ledger, outcome = session.ledger.confirm()
    except (RefusedError, NothingPendingError) as exc:
        reason = getattr(exc, "reason", str(exc))
        return (replace(session, pending=None, pending_call=None),
                step_message(f"{label}: not done", reason, time.monotonic() - started),
                f"Not done, nothing changed: {reason}")
    done = f"{outcome.result} Reference: {outcome.reference}."
    after = replace(session, events=ledger.events, pending=None, pending_call=None, marked=True)
    return after, step_message(f"{label}: done · {outcome.reference}", done, time.monotonic() - started), \
        f"Done. {done}"


async def converse(message: str, history: list, session: Session | None, settings: ChatSettings,
                   config: InferenceConfig, oauth_token: str | None = None
                   ) -> AsyncIterator[tuple[str | list[dict], Session | None]]:
    """Yield (the turn so far as the chat shows it, the session) until the turn ends.

    A message over PERSONA_CHAT_MAX_MESSAGE_CHARS gets ``respond``'s notice and nothing else: neither a model
    nor the planner reads it (the bound comes before any work)."""
    if session is None or not (message or "").strip() or len(message) > config.max_message_chars:
        async for text in respond(message, history, session, settings, config, oauth_token):
            yield text, session
        return
    turn = Turn()
    backend = resolve_backend(config, oauth_token, settings.model)
    if backend.kind == "hosted" and config.hosted_tools and backend.model not in session.no_tools:
        resumed: tuple[ToolCall, str] | None = None
        answer = answer_of(message) if session.pending is not None and session.pending_call is not None else None
        if answer == "no":
            turn.add(step_message(f"{humanise(session.pending.action)}: cancelled", "Nothing was changed."))
            turn.add_text(CANCELLED)
            yield turn.shown(), replace(session, pending=None, pending_call=None)
            return
        if answer == "yes":
            call = session.pending_call
            session, step, told = confirm(session)
            turn.add(step)
            yield turn.shown(), session
            resumed = (call, told)
        current = session
        async for shown, current in _hosted(message, history, session, settings, config, oauth_token, turn, resumed):
            if shown is not None:
                yield shown, current
        if backend.model not in current.no_tools:
            return
        session = current
        turn.add({"role": "assistant", "content": notice_line(NO_TOOLS_NOTICE)})  # once: the session remembers
    async for shown, current in _planned(message, history, session, settings, config, oauth_token, turn):
        yield shown, current


def _messages(message: str, history: list, session: Session, config: InferenceConfig) -> list[dict]:
    welcome = session.voice.welcome_for(session.persona)
    return [*normalise_history(without_welcome(history, welcome), max_chars=_bound(config)),
            {"role": "user", "content": message}]


def _bound(config: InferenceConfig) -> int:
    """How far a stored value is read: the longest turn the chat itself stores (as ``chat.respond`` bounds it)."""
    return max(2 * config.max_message_chars + 200, MAX_REPLY_CHARS)


async def _hosted(message: str, history: list, session: Session, settings: ChatSettings, config: InferenceConfig,
                  oauth_token: str | None, turn: Turn, resumed: tuple[ToolCall, str] | None
                  ) -> AsyncIterator[tuple[str | list[dict] | None, Session]]:
    """The tool-call loop's turn; ``(None, session)`` when the model rejects tools (the session remembers it)."""
    persona = session.persona
    tools = toolbox(session, config)
    if resumed is not None:
        tools = tools.resumed(*resumed)
    prompt = _with_tools_note(chat_prompt(persona, assistant=session.assistant))
    stream = stream_reply(prompt, _messages(message, history, session, config), settings, oauth_token=oauth_token,
                          config=config, tools=tools)
    async with aclosing(stream):
        async for item in stream:
            if isinstance(item, Status):
                if not turn.messages:
                    yield [{"role": "assistant", "content": status_line(item)}], session
                continue
            if isinstance(item, NoTools):  # nothing shown yet: the caller answers another way
                yield None, replace(session, no_tools=session.no_tools | {item.model})
                return
            if isinstance(item, Step):
                result = item.result
                if result.status == "proposed":
                    session = replace(session, pending=result.proposal, pending_call=item.call)
                    turn.add(proposal_message(result.proposal))
                else:
                    turn.add(step_message(result.title, result.detail, item.duration))
            else:
                turn.add_text(item)
            yield turn.shown(), session
    if not turn.messages:
        turn.add_text(EMPTY_REPLY)
        yield turn.shown(), session


async def _planned(message: str, history: list, session: Session, settings: ChatSettings, config: InferenceConfig,
                   oauth_token: str | None, turn: Turn) -> AsyncIterator[tuple[str | list[dict], Session]]:
    """The planner's path (``prompting.actions``): a recognised request is proposed, a yes runs the proposal, a
    refusal gives its reason, a lookup its finding; the plan's text is the reply (the model never words a
    change). Anything else is a question, answered as ever (a proposal waiting stays waiting)."""
    started = time.monotonic()
    ledger, plan = plan_turn(session.ledger, message, normalise_history(history, max_chars=_bound(config)))
    if plan is None:
        async for text in respond(message, history, session, settings, config, oauth_token):
            yield ([*turn.copy(), {"role": "assistant", "content": text}] if turn.messages else text), session
        return
    took = time.monotonic() - started
    label = humanise(plan.action or "")
    session = replace(session, events=ledger.events, pending=ledger.pending, pending_call=None,
                      marked=True if plan.kind == "confirm" and plan.outcome is not None else session.marked)
    if plan.kind == "propose" and plan.proposal is not None:
        turn.add(proposal_message(plan.proposal))
    else:
        if plan.kind == "confirm" and plan.outcome is not None:
            outcome = plan.outcome
            turn.add(step_message(f"{label}: done · {outcome.reference}",
                                  f"{outcome.result} Reference: {outcome.reference}.", took))
        elif plan.kind == "refuse":
            turn.add(step_message(f"{label}: not possible", plan.text, took))
        elif plan.kind == "cancel":
            turn.add(step_message(f"{label}: cancelled", "Nothing was changed.", took))
        elif plan.kind == "read":
            turn.add(step_message(label, plan.text, took))
        turn.add_text(plan.text if plan.kind != "refuse" else f"I can't do that: {plan.text}")
    yield turn.shown(), session


def undo(session: Session | None, history: list | None) -> tuple[Session | None, list]:
    """Revert the last action (and drop a proposal waiting): the session before it, and the chat with a step saying so.

    Nothing to undo leaves both as they are.
    """
    history = list(history or ())
    if session is None or not session.events:
        return session, history
    done = session.persona.actions[-1]
    label = humanise(done.action)
    after = replace(session, events=session.ledger.undo().events, pending=None, pending_call=None, marked=False)
    history.append(step_message(f"{label}: undone", f"Reverted: {done.result} (reference {done.reference}). "
                                                   "The record is as it was before."))
    return after, history


def reply_texts(shown: str | list[dict]) -> list[str]:
    """The texts of a turn as the chat shows it, one per message (the timeline stamps each); steps aren't replies."""
    if isinstance(shown, str):
        return [shown]
    return [m["content"] for m in shown if isinstance(m.get("content"), str) and "metadata" not in m]
