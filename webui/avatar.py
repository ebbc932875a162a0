"""A local avatar: an inline SVG from the persona's initials, coloured by its seed."""

from __future__ import annotations

from html import escape


def initials(name: str) -> str:
    parts = [p for p in name.replace("-", " ").split() if p[:1].isalpha()]
    letters = (parts[0][0] + parts[-1][0]) if len(parts) > 1 else (parts[0][:2] if parts else "?")
    return letters.upper()


def avatar_svg(name: str, seed: int, size: int = 64) -> str:
    """No external avatar service: nothing about the persona leaves the page."""
    hue = (seed * 137) % 360  # golden-angle steps keep neighbouring seeds apart
    text = escape(initials(name))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 64 64" '
        f'role="img" aria-label="Avatar {text}">'
        f'<circle cx="32" cy="32" r="32" fill="hsl({hue},55%,45%)"/>'
        f'<text x="32" y="40" text-anchor="middle" font-family="sans-serif" font-size="24" '
        f'font-weight="600" fill="#fff">{text}</text></svg>'
    )
