"""The Space's UI logic, kept out of app.py so it can be unit-tested without a server."""

from .avatar import avatar_svg
from .card import render_card
from .chat import respond
from .handlers import PageUpdate
from .history import normalise_history
from .i18n import language_note, translator
from .links import LinkRequest, parse_link, public_base_url, share_link
from .session import Session, open_session, random_seed, write_download

__all__ = [
    "LinkRequest",
    "PageUpdate",
    "Session",
    "avatar_svg",
    "language_note",
    "normalise_history",
    "open_session",
    "parse_link",
    "public_base_url",
    "random_seed",
    "render_card",
    "respond",
    "share_link",
    "translator",
    "write_download",
]
