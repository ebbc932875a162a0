"""What each page event does, as plain functions of plain values; ``webui.events`` binds them to components.

Every event that shows a persona returns a ``PageUpdate``; ``events`` gives its fields to the components of the
same names. A tab whose state expired (``resume``) still names its persona through the share link it shows, so
every persona event takes that link and goes on from the customer on the card, as the chat does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from pydantic import ValidationError

from inference import ChatSettings, InferenceConfig, SettingsLimits, resolve_backend
from persona import (
    PersonaError,
    ScenarioNotApplicableError,
    UnknownScenarioError,
    applicable_scenarios,
    describe,
    example_prompts,
    get_industry,
    list_scenarios,
)

from .brand import Brand
from .card import render_card, render_strip
from .config import AppConfig
from .history import HistoryLimits, history_refusal
from .i18n import language_note
from .links import bounded_items, parse_link, public_base_url, read_query, read_share_link, scenario_warning, share_link
from .persona_api import persona_json, write_fhir_download
from .session import Session, open_session, random_seed, write_download
from .transcript import build_transcript, stamp, write_transcript


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
class PageUpdate:
    """Everything the page shows for a session after an event (``persona.PersonaView`` is the record's part)."""

    session: Session
    card: str
    strip: str
    """The customer in one line above the chat (shown on phones, where the card is below it)."""
    share_link: str
    download: str
    examples: tuple[str, ...]
    scenarios: tuple[tuple[str, str], ...]
    """The picker's choices, ``(title, kind)``: the scenarios this persona's record supports."""
    warnings: tuple[str, ...] = ()
    clear_chat: bool = True
    """False when a bad choice keeps the current persona: its conversation stays too."""
    welcome: str | None = None
    """The brand's welcome for this persona (``Session.welcome``, computed once with the view)."""
    scenario: str = ""
    """The kind the picker shows: the persona's scenario."""
    download_fhir: str | None = None
    """A healthcare persona's FHIR Bundle, offered beside the JSON (``persona_api.write_fhir_download``)."""

    @property
    def chat(self) -> list[dict]:
        """A fresh chat: the brand's welcome as its first assistant message, if there is one, offering the example
        questions as its options (Gradio shows examples only in an empty chat; page.js sends a clicked one)."""
        if not self.welcome:
            return []
        return [{"role": "assistant", "content": self.welcome, "options": [{"value": q} for q in self.examples]}]

    @property
    def timeline(self) -> list[dict]:
        """A fresh chat's timeline (see ``transcript.stamp``): when it opened (so it always differs from the
        last chat's, and the downloads follow), and when the welcome was shown."""
        opened = stamp(None, "opened", f"{self.session.mode}:{self.session.seed}:{self.session.locale}")
        return stamp(opened, "assistant", self.welcome) if self.welcome else opened


def show(session: Session, warnings: Iterable[str] = (), clear_chat: bool = True) -> PageUpdate:
    """The view of a session: its card and strip, share link (scenario included), JSON download (and a healthcare
    patient's FHIR Bundle), the scenarios it supports and example questions in its own voice."""
    persona = session.persona  # regenerated once for the whole view (the session keeps only its inputs)
    view = describe(persona)
    link = share_link(session.base_url, session.mode, session.seed, session.locale, persona.scenario.kind)
    return PageUpdate(session=session,
                      card=render_card(view, session.seed, session.mode, session.locale, persona.scenario,
                                       changed=session.card_changes(persona)),
                      strip=render_strip(view, session.seed, session.locale, persona.scenario),
                      share_link=link, download=write_download(persona),
                      download_fhir=write_fhir_download(persona, link),
                      examples=tuple(example_prompts(persona)),
                      scenarios=tuple((title, kind) for kind, title in applicable_scenarios(persona).items()),
                      warnings=tuple(warnings), clear_chat=clear_chat, welcome=session.voice.welcome_for(persona),
                      scenario=persona.scenario.kind)


def examples(mode: str) -> tuple[str, ...]:
    """The example questions of a mode, for any of its customers: what the chat offers before the page has loaded."""
    return tuple(get_industry(mode).examples)


def scenario_choices(mode: str) -> list[tuple[str, str]]:
    """Every scenario of a mode as ``(title, kind)``: the picker's choices before the page has loaded."""
    return [(title, kind) for kind, title in list_scenarios(mode).items()]


def base_url(app: AppConfig, request: PageRequest | None) -> str:
    """Where share links point: the Space's public address, else the scheme and host this request came in on.

    Behind a proxy (a Space, or any TLS terminator) the scheme is the proxy's ``x-forwarded-proto``
    (the first one, when proxies chain), not the plain http the app itself is reached by.
    """
    if request is None:
        return public_base_url(app.space_host, app.space_id, "http", None)
    forwarded = (request.headers.get("x-forwarded-proto") or "").split(",")[0].strip()
    return public_base_url(app.space_host, app.space_id, forwarded or request.url.scheme, request.headers.get("host"))


def load_page(app: AppConfig, request: PageRequest | None) -> PageUpdate:
    """The page opened: the persona its link's query names; anything unusable is replaced and warned about."""
    return _open(app, *bounded_items(request.query_params.multi_items() if request else []), request)


def open_link(app: AppConfig, query: str, request: PageRequest | None) -> PageUpdate:
    """The API twin of a page load: apply a query string such as ``mode=insurance&seed=42``."""
    return _open(app, *read_query(query if isinstance(query, str) else ""), request)


def _open(app: AppConfig, items: Iterable[tuple[str, str]], refused: tuple[str, ...],
          request: PageRequest | None) -> PageUpdate:
    """A link's persona; a scenario that does not fit it gives way to the one its seed draws, with a warning.

    ``refused`` says why a link was not read at all (``links.read_query``); its persona is a new random one.
    """
    link = parse_link(items, default_mode=app.default_mode, default_locale=app.default_locale, new_seed=random_seed)
    warnings = [*refused, *link.warnings]
    where = base_url(app, request)
    try:
        session = open_session(link.mode, link.seed, link.locale, base_url=where, scenario=link.scenario,
                               brand=app.brand)
        return show(session, warnings)
    except (UnknownScenarioError, ScenarioNotApplicableError):
        session = open_session(link.mode, link.seed, link.locale, base_url=where, brand=app.brand)
        return show(session, [*warnings, scenario_warning(link.scenario, session.persona)])


def current(app: AppConfig, session: Session | None) -> tuple[str, str, int]:
    """The session's mode, locale and seed; before the page has loaded, the defaults and a new seed."""
    if session is None:
        return app.default_mode, app.default_locale, random_seed()
    return session.mode, session.locale, session.seed


def resume(app: AppConfig, session: Session | None, link: str | None) -> Session | None:
    """The session an event is about: the tab's state, else the persona the page's share link names.

    A state expires after ``PERSONA_CHAT_STATE_TTL`` idle seconds, or is pushed out past the session capacity,
    while the page still shows the customer; the share link carries all its inputs (mode, seed, locale,
    scenario, as the address bar does), so the tab goes on about the customer on the card. None when neither
    names a persona (the page has not loaded, or the text is not a link the page made).
    """
    if session is not None:
        return session
    named = read_share_link(link, default_mode=app.default_mode, default_locale=app.default_locale)
    if named is None:
        return None
    asked, where = named
    try:
        return open_session(asked.mode, asked.seed, asked.locale, base_url=where or Session.base_url,
                            brand=app.brand, scenario=asked.scenario)
    except PersonaError:
        return None


def switch_mode(app: AppConfig, session: Session | None, mode: str, link: str | None = None) -> PageUpdate:
    session = resume(app, session, link)
    _, locale, seed = current(app, session)
    return change(session, mode, locale, seed, app.brand)


def switch_locale(app: AppConfig, session: Session | None, locale: str, link: str | None = None) -> PageUpdate:
    session = resume(app, session, link)
    mode, _, seed = current(app, session)
    return change(session, mode, locale, seed, app.brand)


def load_seed(app: AppConfig, session: Session | None, seed_text: str | None, link: str | None = None) -> PageUpdate:
    session = resume(app, session, link)
    mode, locale, _ = current(app, session)
    return change(session, mode, locale, (seed_text or "").strip(), app.brand)


def new_persona(app: AppConfig, session: Session | None, link: str | None = None) -> PageUpdate:
    session = resume(app, session, link)
    mode, locale, _ = current(app, session)
    return change(session, mode, locale, random_seed(), app.brand)


def switch_scenario(app: AppConfig, session: Session | None, scenario: str, link: str | None = None) -> PageUpdate:
    """The same customer with another reason for contact: the record stays, the chat and examples start afresh."""
    session = resume(app, session, link)
    mode, locale, seed = current(app, session)
    return change(session, mode, locale, seed, app.brand, scenario)


def change(session: Session | None, mode: str, locale: str, seed: int | str, brand: Brand | None = None,
           scenario: str | None = None) -> PageUpdate:
    """Show the persona these choices name (with a fresh chat); a bad choice keeps the current one, chat included.

    Without ``scenario`` the new persona has the scenario its seed draws: a new customer, their own story.
    Raises ``PersonaError`` when there is no session yet to keep.
    """
    try:
        return show(open_session(mode, seed, locale, base_url=session.base_url if session else Session.base_url,
                                 brand=brand, scenario=scenario))
    except PersonaError as exc:
        if session is None:
            raise
        return show(session, [str(exc)], clear_chat=False)


def badge(config: InferenceConfig, oauth_token: str | None) -> str:
    """Which backend answers this visitor, for the header."""
    return f"**Answering:** {resolve_backend(config, oauth_token).label}"


def language_notice(config: InferenceConfig, session: Session | None, oauth_token: str | None) -> str | None:
    """A line for the chat when the model answering can't reply in the persona's language; None when it can."""
    if session is None:
        return None
    return language_note(session.locale, resolve_backend(config, oauth_token).kind)


def persona_data(app: AppConfig, mode: str, seed: int | str, locale: str, scenario: str, as_of: str,
                 format: str = "json") -> str:
    """The persona as JSON text, as the app shows it (the brand's institution); see ``persona_api.persona_json``.
    A FHIR Bundle's share link points at the Space's public address (else the local default)."""
    return persona_json(mode, seed, locale, scenario, as_of, brand=app.brand, format=format,
                        base_url=base_url(app, None))


def conversation(app: AppConfig, config: InferenceConfig, session: Session | None, history: list | None,
                 timeline: list | None, settings: ChatSettings, oauth_token: str | None = None) -> dict:
    """The conversation so far as export data (``transcript.build_transcript``); empty before the page has loaded.

    The history may come from the browser: one over the chat's limits (``history_limits``) raises ``InvalidInput``
    before anything is built or written.
    """
    if why := history_refusal(history, history_limits(app, config)):
        raise InvalidInput(why)
    if session is None:
        return {}
    persona = session.persona  # regenerated once for the export (the session keeps only its inputs)
    return build_transcript(
        history, persona, link=share_link(session.base_url, session.mode, session.seed, session.locale),
        backend=resolve_backend(config, oauth_token, settings.model), settings=settings, title=app.brand.title,
        assistant_name=session.assistant.name, welcome=session.voice.welcome_for(persona), timeline=timeline)


def history_limits(app: AppConfig, config: InferenceConfig) -> HistoryLimits:
    """What a chat history may hold here (the chatbot's own bound, ``chat_bounds.BoundedChatbot``, and the exports')."""
    return HistoryLimits(config.max_message_chars, app.max_turns, config.max_new_tokens)


class ConversationFiles(NamedTuple):
    """The files the conversation's download buttons offer, by name (None before the page has loaded)."""

    markdown: str | None
    json: str | None


def conversation_files(app: AppConfig, config: InferenceConfig, session: Session | None, history: list | None,
                       timeline: list | None, settings: ChatSettings,
                       oauth_token: str | None = None) -> ConversationFiles:
    """The Markdown and JSON files the download buttons offer (None before the page has loaded)."""
    data = conversation(app, config, session, history, timeline, settings, oauth_token)
    return ConversationFiles(*write_transcript(data)) if data else ConversationFiles(None, None)


class InvalidInput(ValueError):
    """A value from the page or the API that the chat can't use; the message names the input and says why."""


_KINDS = {type(None): "nothing (null)", str: "text", bool: "true/false", int: "a number", float: "a number",
          list: "a list", tuple: "a list", dict: "an object"}


def check_input(name: str, value: object, limits: SettingsLimits | None = None) -> object:
    """One chat input as the API's caller sent it, validated as the chat will use it; ``InvalidInput`` names it.

    ``message`` must be text (or empty); the Settings (``model``, ``temperature``, ``max_new_tokens``) are
    validated by ``ChatSettings`` within ``limits`` (the owner's, the sliders' own), so numbers sent as text
    ("0.5") are taken and anything else is refused.
    """
    if name == "message":
        if value is None or isinstance(value, str):
            return value
        raise _invalid(name, "it should be text", value)
    try:
        return getattr(ChatSettings.model_validate({name: value}, context={"limits": limits or SettingsLimits()}), name)
    except ValidationError as exc:
        raise _invalid(name, exc.errors()[0]["msg"].removeprefix("Value error, "), value) from None


def _invalid(name: str, why: str, value: object) -> InvalidInput:
    kind = _KINDS.get(type(value), type(value).__name__)
    return InvalidInput(f"The {name} input is invalid: {why[:1].lower()}{why[1:]}; the request sent {kind}.")


def chat_settings(model: str | None, temperature: float, max_new_tokens: float,
                  limits: SettingsLimits | None = None) -> ChatSettings:
    """The Settings panel's values as per-request settings; a blank model means the configured one.

    Raises ``InvalidInput`` naming the first value that can't be used, or that lies outside ``limits``
    (``InferenceConfig.limits``; default: ``SettingsLimits()``).
    """
    values = {"model": model, "temperature": temperature, "max_new_tokens": max_new_tokens}
    checked = {name: check_input(name, value, limits) for name, value in values.items()}
    return ChatSettings(model=(checked["model"] or "").strip() or None, temperature=checked["temperature"],
                        max_new_tokens=checked["max_new_tokens"])
