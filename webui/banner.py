"""The page's one place for warnings: a banner that stays in the layout, its text escaped."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


def warning_banner(warnings: Iterable[str]) -> str:
    """HTML for the warnings, or "" for none; a warning quoting the visitor's link shows as text, never markup."""
    lines = "".join(f"<p>⚠️ {escape(w)}</p>" for w in warnings)
    return f'<div class="warning-banner" role="status">{lines}</div>' if lines else ""
