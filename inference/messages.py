"""Chat history from the UI turned into the plain role/content messages a model should see."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

from .notices import NOTICE_MARK

# Italic status lines the chat UI shows while waiting ("*Waiting for the local model — 1 request ahead…*").
_STATUS_LINE = re.compile(r"^\*(Waiting|Loading|Connecting|The model returned an empty reply)\b[^\n]*\*$")


def normalise_history(history: Iterable[Any] | None) -> list[dict]:
    """Gradio ChatInterface history (messages format, any content shape) as ``[{"role", "content": str}]``.

    Keeps text, names attached files, drops extra keys, system/tool turns and empty turns, and strips
    notices and status lines from assistant turns so errors are never fed back to the model.
    """
    out: list[dict] = []
    for turn in history or ():
        role, content = _role_and_content(turn)
        if role not in ("user", "assistant") or _is_aside(turn):
            continue
        text = _text_of(content).strip()
        if role == "assistant":
            text = strip_notices(text)
        if text:
            out.append({"role": role, "content": text})
    return out


def strip_notices(text: str) -> str:
    """Remove notice paragraphs (NOTICE_MARK …) and status lines, keeping the reply text."""
    kept = [p for p in text.split("\n\n")
            if not p.strip().startswith(NOTICE_MARK.strip()) and not _STATUS_LINE.match(p.strip())]
    return "\n\n".join(kept).strip()


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
        return "\n".join(t for t in (_text_of(c).strip() for c in content) if t)
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
