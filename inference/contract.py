"""What a prompt builder and ``stream_reply`` agree on, declared once: the style names and the callable's shape.

``prompting`` builds prompt functions against these; the backends say which style they want.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .config import BackendInfo

PromptStyle = Literal["full", "compact"]
"""How a backend wants the persona worded: "full" for capable hosted models, "compact" for small ones."""

PromptFn = Callable[["BackendInfo", list[dict]], tuple[str, list[dict]]]
"""``fn(backend, messages) -> (system_prompt, messages)``: words the prompt for the backend that answers."""
