"""What each page event does, as plain functions of plain values; app.py binds them to components.

Every event that shows a persona returns a ``View``; app.py turns it into the components' values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import parse_qsl

from inference import ChatSettings, InferenceConfig, resolve_backend
from persona import PersonaError, get_industry

from .config import AppConfig
from .links import parse_link, public_base_url, share_link
from .session import Session, open_session, random_seed, write_download


class _QueryParams(Protocol):
    def multi_items(self) -> list[tuple[str, str]]: ...


class _URL(Protocol):
    scheme: str


class PageRequest(Protocol):
    """The parts of an incoming request the handlers read; ``gr.Request`` has them."""

    headers: Mapping[str, str]
    query_params: _QueryParams
    url: _URL


@dataclass(frozen=True)
class View:
    """Everything the page shows for a session after an event."""

    session: Session
    card: str
    share_link: str
    download: str
    examples: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    clear_chat: bool = True
    """False when a bad choice keeps the current persona: its conversation stays too."""


def show(session: Session, warnings: Iterable[str] = (), clear_chat: bool = True) -> View:
    """The view of a session: its card, share link, JSON download and the example questions for its mode."""
    return View(session=session, card=session.card_html,
                share_link=share_link(session.base_url, session.mode, session.seed, session.locale),
                download=write_download(session.persona), examples=examples(session.mode),
                warnings=tuple(warnings), clear_chat=clear_chat)


def examples(mode: str) -> tuple[str, ...]:
    """The example questions offered for a mode."""
    return tuple(get_industry(mode).examples)


def base_url(app: AppConfig, request: PageRequest | None) -> str:
    """Where share links point: the Space's public address, else the scheme and host this request came in on.

    Behind a proxy (a Space, or any TLS terminator) the scheme is the proxy's ``x-forwarded-proto``
    (the first one, when proxies chain), not the plain http the app itself is reached by.
    """
    if request is None:
        return public_base_url(app.space_host, app.space_id, "http", None)
    forwarded = (request.headers.get("x-forwarded-proto") or "").split(",")[0].strip()
    return public_base_url(app.space_host, app.space_id, forwarded or request.url.scheme, request.headers.get("host"))


def load_page(app: AppConfig, request: PageRequest | None) -> View:
    """The page opened: the persona its link's query names; anything unusable is replaced and warned about."""
    return _open(app, request.query_params.multi_items() if request else [], request)


def open_link(app: AppConfig, query: str, request: PageRequest | None) -> View:
    """The API twin of a page load: apply a query string such as ``mode=insurance&seed=42``."""
    return _open(app, parse_qsl(query or "", keep_blank_values=True), request)


def _open(app: AppConfig, items: Iterable[tuple[str, str]], request: PageRequest | None) -> View:
    link = parse_link(items, default_mode=app.default_mode, default_locale=app.default_locale, new_seed=random_seed)
    return show(open_session(link.mode, link.seed, link.locale, base_url=base_url(app, request)), link.warnings)


def current(app: AppConfig, session: Session | None) -> tuple[str, str, int]:
    """The session's mode, locale and seed; before the page has loaded, the defaults and a new seed."""
    if session is None:
        return app.default_mode, app.default_locale, random_seed()
    return session.mode, session.locale, session.seed


def switch_mode(app: AppConfig, session: Session | None, mode: str) -> View:
    _, locale, seed = current(app, session)
    return change(session, mode, locale, seed)


def switch_locale(app: AppConfig, session: Session | None, locale: str) -> View:
    mode, _, seed = current(app, session)
    return change(session, mode, locale, seed)


def load_seed(app: AppConfig, session: Session | None, seed_text: str | None) -> View:
    mode, locale, _ = current(app, session)
    return change(session, mode, locale, (seed_text or "").strip())


def new_persona(app: AppConfig, session: Session | None) -> View:
    mode, locale, _ = current(app, session)
    return change(session, mode, locale, random_seed())


def change(session: Session | None, mode: str, locale: str, seed: int | str) -> View:
    """Show the persona these choices name (with a fresh chat); a bad choice keeps the current one, chat included.

    Raises ``PersonaError`` when there is no session yet to keep.
    """
    try:
        return show(open_session(mode, seed, locale, base_url=session.base_url if session else Session.base_url))
    except PersonaError as exc:
        if session is None:
            raise
        return show(session, [str(exc)], clear_chat=False)


def badge(config: InferenceConfig, oauth_token: str | None) -> str:
    """Which backend answers this visitor, for the header."""
    return f"**Answering:** {resolve_backend(config, oauth_token).label}"


def chat_settings(model: str | None, temperature: float, max_new_tokens: float) -> ChatSettings:
    """The Settings panel's values as per-request settings; a blank model means the configured one."""
    return ChatSettings(model=(model or "").strip() or None, temperature=temperature,
                        max_new_tokens=int(max_new_tokens))
