"""The page's event functions: the UI edge between Gradio and the plain handlers.

Each function takes what Gradio hands an event (component values, ``gr.Request``, ``gr.OAuthToken``), calls
a handler in ``handlers`` or ``chat``, and gives back its named result; errors reach the visitor here, as
``gr.Error``, and nowhere else. ``PersonaOutputs`` binds a ``handlers.PageUpdate`` to the components of the
same names, so no event's outputs are matched by position. app.py lays the page out and wires these.
"""

from __future__ import annotations

import html
import inspect
import warnings
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, fields
from typing import Any, NamedTuple

import gradio as gr

from inference import ChatSettings, InferenceConfig, SettingsLimits, resolve_backend
from persona import DEFAULT_LOCALE, PersonaError

from . import actions, handlers
from .backend_view import model_settings
from .banner import warning_banner
from .chat import ChatTurn, chat
from .config import AppConfig
from .handlers import InvalidInput, PageUpdate
from .persona_api import PersonaInputError, actions_json
from .transcript import stamp


def not_a_tool(fn: Callable) -> Callable:
    """Keep an event off the MCP server's tool list: it acts on a browser session's state, which an MCP call lacks.

    Gradio lists as tools the functions with no ``_mcp_type`` or with "tool" (what ``gr.mcp.tool`` sets);
    tests/app/test_persona_api.py checks that the persona and its actions are the only tools.
    """
    fn._mcp_type = "ui-event"
    return fn


def inputs(fn: Callable, **components: Any) -> list:
    """The components an event passes ``fn``, named as its parameters (Gradio then passes them by position).

    Leading parameters another part fills (ChatInterface's message and history) and those Gradio fills itself
    (``gr.Request``, ``gr.OAuthToken``) are left out; a name ``fn`` lacks, or a gap between named ones, is an
    error here, at build time, rather than a value in the wrong place at run time.
    """
    wanted = [name for name, p in inspect.signature(fn).parameters.items()
              if not any(kind in str(p.annotation) for kind in ("Request", "OAuthToken"))]
    if unknown := set(components) - set(wanted):
        raise TypeError(f"{fn.__name__} takes no {', '.join(sorted(unknown))}")
    named = [i for i, name in enumerate(wanted) if name in components]
    if gaps := [name for name in wanted[named[0]:named[-1] + 1] if name not in components]:
        raise TypeError(f"{fn.__name__} needs a component for {', '.join(gaps)}")
    return [components[wanted[i]] for i in named]


def outputs(result: type[tuple], **components: Any) -> list:
    """The components that show a NamedTuple result's fields, in its order; each field needs one, by name."""
    if set(components) != set(result._fields):
        raise TypeError(f"{result.__name__} has fields {', '.join(result._fields)}, not {', '.join(components)}")
    return [components[name] for name in result._fields]


class ModelChoice(NamedTuple):
    """The Settings for the model that answers: the hosted model picker, and the local model's note."""

    picker: Any
    note: Any


@dataclass(frozen=True)
class PersonaOutputs:
    """The components every persona event updates, named as the values ``persona_values`` gives them.

    The order is the API's (a caller reads the outputs by position): the strip, the scenario picker, the
    timeline and the FHIR download came later, so they come last.
    """

    state: gr.State
    card: gr.HTML
    mode: gr.Dropdown
    locale: gr.Dropdown
    seed: gr.Textbox
    link: gr.Textbox
    download: gr.DownloadButton
    warning: gr.HTML
    chatbot: gr.Chatbot
    history: gr.State
    """ChatInterface's own history (``Chat.chatbot_state``): cleared with the chat."""
    strip: gr.HTML
    scenario: gr.Dropdown
    timeline: gr.State
    download_fhir: gr.DownloadButton
    """A healthcare patient's FHIR Bundle beside the JSON; hidden for the other industries."""

    def __iter__(self):
        return iter([getattr(self, f.name) for f in fields(self)])

    def bind(self, values: dict[str, Any]) -> dict:
        """The values by component, as an event returns them; a component left out keeps its value."""
        return {getattr(self, name): value for name, value in values.items()}


def persona_values(update: PageUpdate) -> dict[str, Any]:
    """A PageUpdate as the values of ``PersonaOutputs``' components, by name.

    Warnings show once, in the banner (escaped text), never also as toasts. A fresh chat opens with the brand's
    welcome (if any); the chat's examples are this persona's own questions, replaced with every persona change.
    A bad choice that keeps the persona keeps its conversation too: the chat, its history and timeline are left out.
    """
    session = update.session
    values = {
        "state": session, "card": update.card, "mode": session.mode, "locale": session.locale,
        "seed": str(session.seed), "link": update.share_link, "download": update.download,
        "warning": gr.update(value=warning_banner(update.warnings), visible=bool(update.warnings)),
        "strip": update.strip, "scenario": gr.update(choices=list(update.scenarios), value=update.scenario),
        "download_fhir": fhir_download(update),
    }
    if update.clear_chat:
        values |= {"chatbot": gr.update(value=update.chat, examples=[{"text": q} for q in update.examples]),
                   "history": update.chat, "timeline": update.timeline}
    return values


def fhir_download(update: PageUpdate) -> dict:
    """The FHIR download button: the Bundle's file for a healthcare patient, hidden for other industries."""
    return gr.update(value=update.download_fhir, visible=update.download_fhir is not None)


def _token(oauth_token: gr.OAuthToken | None) -> str | None:
    return oauth_token.token if oauth_token else None


def _settings(model: Any, temperature: Any, max_new_tokens: Any, limits: SettingsLimits) -> ChatSettings:
    """The Settings as sent (``inputs.SettingSlider`` etc. skip Gradio's checks): a bad one, or one outside the
    owner's ``limits`` (the sliders' own bounds), named, as an error."""
    try:
        return handlers.chat_settings(model, temperature, max_new_tokens, limits)
    except InvalidInput as exc:
        raise gr.Error(str(exc)) from None


class PageEvents:
    """The event functions of one page, bound to the app's settings (read once, at start-up)."""

    outputs: PersonaOutputs
    badge: gr.Markdown

    def __init__(self, config: InferenceConfig, app: AppConfig) -> None:
        self.config, self.app = config, app
        # Gradio warns at launch about every endpoint with a gr.State input, tool or not; ours are kept off the
        # tool list (``not_a_tool``). Set with the page, so it holds wherever the page is built and launched.
        warnings.filterwarnings("ignore", message="This MCP server includes a tool that has a gr.State input")

    def show_in(self, outputs: PersonaOutputs, badge: gr.Markdown) -> None:
        """Name the components the persona events fill (laid out after the chat, which needs ``chat`` first)."""
        self.outputs, self.badge = outputs, badge

    def _shown(self, handler: Callable[..., PageUpdate], *args: Any) -> dict:
        try:
            return self.outputs.bind(persona_values(handler(self.app, *args)))
        except PersonaError as exc:  # no session yet to fall back to; Gradio renders the message as HTML
            raise gr.Error(html.escape(str(exc))) from None

    # -- the persona: each event returns the persona's outputs by name -------------------------------------------

    @not_a_tool
    def load(self, request: gr.Request, oauth_token: gr.OAuthToken | None = None) -> dict:
        """The page opened: the link's persona, and which backend answers this visitor."""
        return self._shown(lambda app: handlers.load_page(app, request)) | {
            self.badge: handlers.badge(self.config, _token(oauth_token))}

    @not_a_tool
    def open_link(self, query: str, request: gr.Request) -> dict:
        return self._shown(handlers.open_link, query, request)

    @not_a_tool
    def switch_mode(self, session, mode: str, link: str | None = None) -> dict:
        return self._shown(handlers.switch_mode, session, mode, link)

    @not_a_tool
    def switch_locale(self, session, locale: str, link: str | None = None) -> dict:
        return self._shown(handlers.switch_locale, session, locale, link)

    @not_a_tool
    def switch_scenario(self, session, scenario: str, link: str | None = None) -> dict:
        return self._shown(handlers.switch_scenario, session, scenario, link)

    @not_a_tool
    def load_seed(self, session, seed_text: str | None, link: str | None = None) -> dict:
        return self._shown(handlers.load_seed, session, seed_text, link)

    @not_a_tool
    def new_persona(self, session, link: str | None = None) -> dict:
        return self._shown(handlers.new_persona, session, link)

    # -- the chat ----------------------------------------------------------------------------------------------

    @not_a_tool
    async def chat(self, message, history, session, model, temperature, max_new_tokens, timeline,
                   link: str | None = None, oauth_token: gr.OAuthToken | None = None) -> AsyncIterator[ChatTurn]:
        """A reply; the session state goes back out with it, so chatting renews its time to live, and a state
        that expired anyway is picked up again from the share link the page shows."""
        settings, previous = _settings(model, temperature, max_new_tokens, self.config.limits), None
        async for turn in chat(message, history, session, settings=settings, timeline=timeline,
                               link=link if isinstance(link, str) else None, app=self.app, config=self.config,
                               oauth_token=_token(oauth_token)):
            if previous is not None and turn.timeline is previous.timeline and turn.session is previous.session:
                # sent once: a state written per delta costs Gradio a config rebuild (bench/app_speed.py --only lag)
                yield turn._replace(timeline=gr.skip(), session=gr.skip())
            else:
                yield turn
            previous = turn

    # -- actions on the record (webui.actions) -------------------------------------------------------------------

    @not_a_tool
    def after_action(self, session):
        """The card (marking what the last action changed), strip and downloads follow the record; Undo is offered
        while there is an action to revert."""
        if session is None:
            return gr.update(), gr.update(), gr.update(), gr.update(), gr.update(visible=False)
        update = handlers.show(session)
        return update.card, update.strip, update.download, fhir_download(update), gr.update(visible=bool(session.events))

    @not_a_tool
    def undo(self, session, history):
        """Revert the last action; the chat says so in a step."""
        session, history = actions.undo(session, history)
        return (session, *self.after_action(session), history, history)

    def persona_actions(self, mode: str, seed: int, locale: str = DEFAULT_LOCALE, scenario: str = "",
                        as_of: str = "") -> str:
        """List what an assistant can do on a fictional customer's record, as JSON: each action's name, description,
        whether it changes the record (the customer then confirms it first) and its arguments' JSON schema.

        Args:
            mode: the industry: banking, insurance or healthcare
            seed: any whole number from 0 to 4294967295; each seed is one customer
            locale: en_US, en_GB, de_DE or fr_FR
            scenario: why the customer is getting in touch, a scenario kind of the industry; empty lets the seed choose
            as_of: the day the record is as of, YYYY-MM-DD; empty for today
        """
        try:
            return actions_json(mode, seed, locale, scenario, as_of, brand=self.app.brand)
        except PersonaInputError as exc:
            raise gr.Error(str(exc)) from None

    @staticmethod
    def cleared() -> list[dict]:
        """The chat's Clear: the timeline says so, and the downloads follow."""
        return stamp(None, "cleared", "")

    @not_a_tool
    def language_note(self, session, oauth_token: gr.OAuthToken | None = None):
        """A line above the chat when the model answering can't reply in the persona's language."""
        note = handlers.language_notice(self.config, session, _token(oauth_token))
        return gr.update(value=f"ℹ️ {note}" if note else "", visible=bool(note))

    @not_a_tool
    def settings(self, oauth_token: gr.OAuthToken | None = None) -> ModelChoice:
        """Settings show the model that answers: the hosted model's id box, or the local model's name."""
        token = _token(oauth_token)
        view = model_settings(resolve_backend(self.config, token), self.config, token)
        picker = gr.update(visible=view.hosted_box, choices=list(view.choices), allow_custom_value=view.custom,
                           info="Recommended models; type another id to use it" if view.custom
                           else "The models this Space offers")
        return ModelChoice(picker, gr.update(value=view.note, visible=bool(view.note)))

    # -- the conversation to take away ---------------------------------------------------------------------------

    def export_files(self, history, session, timeline, model, temperature, max_new_tokens,
                     oauth_token: gr.OAuthToken | None = None) -> handlers.ConversationFiles:
        settings = _settings(model, temperature, max_new_tokens, self.config.limits)
        try:  # a chat over the limits (``handlers.history_limits``) is refused before anything is written
            return handlers.conversation_files(self.app, self.config, session, history, timeline, settings,
                                               _token(oauth_token))
        except InvalidInput as exc:
            raise gr.Error(str(exc)) from None

    @not_a_tool
    def export_conversation(self, history, session, timeline, model, temperature, max_new_tokens,
                            oauth_token: gr.OAuthToken | None = None) -> dict:
        """The conversation so far as JSON: persona and link, backend and model, settings, timed messages."""
        settings = _settings(model, temperature, max_new_tokens, self.config.limits)
        try:
            return handlers.conversation(self.app, self.config, session, history, timeline, settings,
                                         _token(oauth_token))
        except InvalidInput as exc:
            raise gr.Error(str(exc)) from None

    def persona(self, mode: str, seed: int, locale: str = DEFAULT_LOCALE, scenario: str = "", as_of: str = "",
                format: str = "json") -> str:
        """Generate a fictional customer's full record (identity, accounts or policies or plan, activity) as JSON.

        The same inputs always give the same customer; every name, number and address is fake.

        Args:
            mode: the industry: banking, insurance or healthcare
            seed: any whole number from 0 to 4294967295; each seed is one customer
            locale: en_US, en_GB, de_DE or fr_FR (names, addresses, money and dates)
            scenario: why the customer is getting in touch, a scenario kind of the industry; empty lets the seed choose
            as_of: the day the record is as of, YYYY-MM-DD; empty for today
            format: json (the record), or fhir for a healthcare persona as a FHIR R4 transaction Bundle
        """
        try:
            return handlers.persona_data(self.app, mode, seed, locale, scenario, as_of, format)
        except PersonaInputError as exc:
            raise gr.Error(str(exc)) from None

    @staticmethod
    @not_a_tool
    def ping() -> None:
        """A no-op event: a health check for load balancers, and the baseline for bench/app_speed.py."""
