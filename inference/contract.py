"""What a prompt builder and ``stream_reply`` agree on, declared once: the style names, the backend's description
and the callable's shape (``config`` builds on this module, never the reverse).

``prompting`` builds prompt functions against these; the backends say which style they want.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

PromptStyle = Literal["full", "compact"]
"""How a backend wants the persona worded: "full" for capable hosted models, "compact" for small ones."""


@dataclass(frozen=True)
class BackendInfo:
    """Which backend answers, as the prompt builder and the UI badge need to know it."""

    kind: Literal["hosted", "local"]
    model: str
    label: str
    prompt_style: PromptStyle
    context_tokens: int


PromptFn = Callable[[BackendInfo, list[dict]], tuple[str, list[dict]]]
"""``fn(backend, messages) -> (system_prompt, messages)``: words the prompt for the backend that answers."""
