"""The chat history contract: how the UI marks its own lines, and how it reads the history back for the model.

The chat shows three kinds of text: the model's reply; notices (NOTICE_MARK paragraphs: a fault from
``inference``, or the app's own message) and statuses (STATUS_MARK lines, e.g. waiting for the local
model, shown until text arrives). Notices and statuses are written only with their mark, so
``is_ui_line`` recognises them by construction, never by their wording, and ``normalise_history``
keeps them away from the model. The visitor's own turns are kept as the page shows them — the
characters typed, escaped so they never render as markup — and read back as typed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from inference import NOTICE_MARK, notice

from .markup import as_text, from_text

STATUS_MARK = "⟳ "
"""Starts every status line (a text symbol, so it renders without an emoji font)."""


def status_line(status: str) -> str:
    """A status (``inference.Status``) as the chat shows it while no reply text has arrived: one marked line."""
    return f"{STATUS_MARK}*{' '.join(status.split())}*"


def notice_line(text: str) -> str:
    """One of the app's own messages, written as ``inference`` writes its fault notices (one marked line)."""
    return str(notice(text, after_text=False))


MAX_REPLY_CHARS = 64_000
"""Longer than any reply the chat stores (4,096 tokens, the most the API accepts, are ~20,000 characters):
a stored assistant turn is read no further (``normalise_history``'s ``max_chars``)."""

PERSONA_LOADING = notice_line("The persona is still loading; please send your message again in a moment.")
EMPTY_MESSAGE = notice_line("Please type a message.")
EMPTY_REPLY = notice_line("The model returned an empty reply. Try rephrasing, or raise max new tokens in Settings.")


def cut_message(text: str, limit: int) -> str:
    """A message as the chat shows it: whole up to ``limit`` characters, else its start and a note (not sent)."""
    if len(text) <= limit:
        return text
    return text[:limit] + f" … [cut here: over the {limit:,}-character limit, so this message was not sent]"


def shown_user_turn(turn: Mapping, limit: int) -> Mapping:
    """A visitor's turn as the chat stores and shows it: its text as typed (``markup.as_text``), cut past ``limit``.

    User turns live in the chat history in this form, so the page renders them as characters, never as
    Markdown or HTML; ``typed_text`` and ``normalise_history`` read them back as typed.
    """
    content = turn.get("content")
    if isinstance(content, str):
        return {**turn, "content": as_text(cut_message(content, limit))}
    if isinstance(content, list | tuple):
        return {**turn, "content": [_shown_block(c, limit) for c in content]}
    return turn


def _shown_block(block: Any, limit: int) -> Any:
    """One content block as shown: a string or a text block (Gradio's history form) escaped, a file as it is."""
    if isinstance(block, str):
        return as_text(cut_message(block, limit))
    if isinstance(block, Mapping) and block.get("type") == "text" and isinstance(block.get("text"), str):
        return {**block, "text": as_text(cut_message(block["text"], limit))}
    return block


def recent_turns(history: Sequence[Any] | None, max_turns: int) -> list:
    """The history from its ``max_turns``-th last visitor message on: older turns (and anything before them,
    such as the welcome) dropped, so a long chat keeps a bounded history in the session and the page."""
    turns = list(history or ())
    starts = [i for i, turn in enumerate(turns) if _role_and_content(turn)[0] == "user"]
    if len(starts) <= max_turns:
        return turns
    return turns[starts[-max_turns]:] if max_turns > 0 else []


def typed_text(shown: str) -> str:
    """A visitor's text as they typed it, from the form the chat shows (undoes ``shown_user_turn``)."""
    return from_text(shown)


def is_ui_line(paragraph: str) -> bool:
    """True for a notice or status paragraph: the app's words, never the model's."""
    return paragraph.strip().startswith((NOTICE_MARK.strip(), STATUS_MARK.strip()))


def normalise_history(history: Iterable[Any] | None, max_chars: int | None = None) -> list[dict]:
    """Gradio ChatInterface history (messages format, any content shape) as ``[{"role", "content": str}]``.

    Keeps text, names attached files, drops extra keys, system/tool turns and empty turns, and strips
    notices and status lines from assistant turns so errors are never fed back to the model. A visitor's
    turns are read back as typed (the chat stores them escaped, see ``shown_user_turn``). The history
    comes from the browser: with ``max_chars``, no turn is read past that many characters (its size is
    checked before any work, as a new message's is).
    """
    out: list[dict] = []
    for turn in history or ():
        role, text = turn_text(turn, max_chars)
        text = (strip_notices(text) if role == "assistant" else text).strip()
        if role and text:
            out.append({"role": role, "content": text})
    return out


def turn_text(turn: Any, max_chars: int | None = None) -> tuple[str | None, str]:
    """A turn's role and its text as the page shows it (notices included), a visitor's read back as typed.

    ``(None, "")`` for what is not conversation: system and tool turns, thought/tool bubbles. Nothing is
    stripped or unescaped beyond undoing ``shown_user_turn``, so an export keeps every character.
    """
    role, content = _role_and_content(turn)
    if role not in ("user", "assistant") or _is_aside(turn):
        return None, ""
    text = _text_of(content)
    if max_chars is not None and len(text) > max_chars:
        text = text[:max_chars]
    return role, typed_text(text) if role == "user" else text


def strip_notices(text: str) -> str:
    """Remove notice and status paragraphs, keeping the reply text."""
    return "\n\n".join(p for p in text.split("\n\n") if not is_ui_line(p)).strip()


def _is_aside(turn: Any) -> bool:
    """Thought/tool bubbles (a metadata title) are UI decoration, not conversation."""
    metadata = turn.get("metadata") if isinstance(turn, Mapping) else getattr(turn, "metadata", None)
    return bool(metadata.get("title")) if isinstance(metadata, Mapping) else False


def _role_and_content(turn: Any) -> tuple[str | None, Any]:
    if isinstance(turn, Mapping):
        return turn.get("role"), turn.get("content")
    role, content = getattr(turn, "role", None), getattr(turn, "content", None)
    return role, content


def _text_of(content: Any) -> str:
    """Text of one content value: a string, a block, a file, or a list of those."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list | tuple):
        return "\n".join(t for t in (_text_of(c) for c in content) if t.strip())
    if isinstance(content, Mapping):
        kind = content.get("type")
        if kind == "text" or (kind is None and isinstance(content.get("text"), str)):
            return content.get("text") or ""
        file = content.get("file") if isinstance(content.get("file"), Mapping) else content
        path = file.get("path") or file.get("orig_name") or file.get("url")
        if kind == "file" or path:
            name = file.get("orig_name") or (os.path.basename(str(path)) if path else "file")
            return f"[attached file: {name}]"
        return ""
    path = getattr(content, "path", None)  # FileData-like objects
    if path:
        return f"[attached file: {os.path.basename(str(path))}]"
    text = getattr(content, "text", None)
    return text if isinstance(text, str) else ""


CHARS_PER_TOKEN = 32
"""Generous: tokenizers' longest common tokens (runs of spaces, long words) are well under this."""


@dataclass(frozen=True)
class HistoryLimits:
    """What a chat history the server accepts may hold, from the owner's limits: the visitor messages a chat keeps
    (``PERSONA_CHAT_MAX_TURNS``), a message's size (``PERSONA_CHAT_MAX_MESSAGE_CHARS``) and a reply's
    (``PERSONA_CHAT_MAX_NEW_TOKENS``)."""

    message_chars: int
    max_turns: int
    reply_tokens: int

    @property
    def turn_chars(self) -> int:
        """The most characters one chat message may take, as the browser sends it back (JSON): a visitor's
        message as shown (escaped, so up to twice as long, with the cut note) or a reply with its notices (made
        inert, up to twice as long), with room for the message's JSON around it."""
        return 2 * max(self.message_chars + 200, self.reply_tokens * CHARS_PER_TOKEN) + 2_000

    @property
    def messages(self) -> int:
        """The most messages a chat shows: each kept turn's message and reply, the one being answered, the welcome."""
        return 2 * (self.max_turns + 1) + 2


def history_refusal(history: Sequence[Any] | None, limits: HistoryLimits) -> str | None:
    """Why the server must not take this history (from the browser: the chat's sync and export events); None if
    it may. It is measured before anything else reads it, in one linear pass."""
    if history is not None and not isinstance(history, list | tuple):
        return "The chat sent isn't a list of messages, so it was not taken."
    turns = history or ()
    if len(turns) > limits.messages:
        return (f"The chat sent has {len(turns):,} entries; a chat here keeps at most {limits.max_turns:,} messages "
                "(PERSONA_CHAT_MAX_TURNS) and their replies, so it is over the limit and was not taken.")
    users = sum(1 for turn in turns if _role_and_content(turn)[0] == "user")
    if users > limits.max_turns + 1:
        return (f"The chat sent has {users:,} messages; a chat here keeps at most {limits.max_turns:,} "
                "(PERSONA_CHAT_MAX_TURNS), so it is over the limit and was not taken.")
    longest = max((len(json.dumps(turn, ensure_ascii=False, default=str)) for turn in turns), default=0)
    if longest > limits.turn_chars:
        return (f"The chat sent holds a message of {longest:,} characters, over the limit of {limits.turn_chars:,} "
                "for a message or reply here, so it was not taken.")
    return None
