"""Persona Chat: pick an industry, get a believable fake customer, chat with an assistant that knows them.

Run ``python app.py`` (or ``gradio app.py`` for hot reload). Layout and wiring only: each event calls a
plain handler in ``webui.handlers`` and shows what it returns; the persona engine is ``persona/``, model
calls are ``inference/``, settings are read once, below, by ``InferenceConfig`` and ``AppConfig``.
"""

from __future__ import annotations

import html
import inspect
import sys
import warnings
from collections.abc import Callable
from functools import partial

import gradio as gr

from inference import ChatSettings, ConfigError, InferenceConfig, redact_logs, resolve_backend
from persona import DEFAULT_LOCALE, PersonaError, get_industry, list_locales, list_modes
from webui import View, handlers, respond
from webui.backend_view import model_settings, recommended_models
from webui.banner import warning_banner
from webui.card import CARD_CSS, STRIP_CSS, STRIP_JS
from webui.config import AppConfig
from webui.history import recent_turns, shown_user_turn, typed_text
from webui.layout import PAGE_STYLE
from webui.page import FOLLOW_LINK, FROM_ADDRESS, STOP_REPLY, Chat, ChatPage, page_head
from webui.persona_api import PersonaInputError
from webui.transcript import stamp

PAGE_HEAD = ("<meta http-equiv=\"Content-Security-Policy\" content=\"img-src 'self' data: blob:; "
             "media-src 'self' data: blob:; frame-src 'none'; object-src 'none'\">")
"""Defence in depth: whatever markup reached the page, the browser fetches no image, media or frame from elsewhere."""
LAUNCH = {"head": PAGE_HEAD + page_head(), "max_file_size": 0}
"""``demo.launch`` options that are part of the app (the page head is a launch option in Gradio 6). The app
takes no file, so Gradio's upload route refuses any (413); the session capacity is ``ChatPage``'s."""

TAGLINE = "A fictional customer and an assistant that knows them. All data is generated and fake."


def _outputs(view: View) -> tuple:
    """A View as the values of the session outputs: state, card, controls, link, download, warning, chat, strip,
    scenario, timeline, FHIR download (healthcare only).

    Warnings show once, in the banner (escaped text), never also as toasts. A fresh chat opens with the brand's
    welcome (if any), the chat's examples are this persona's own questions, replaced with every persona change.
    The strip and the scenario picker come after the earlier outputs so the API's positions stay as they were.
    """
    fresh = view.clear_chat
    chat = gr.update(value=view.chat, examples=[{"text": q} for q in view.examples]) if fresh else gr.update()
    return (
        view.session, view.card, view.session.mode, view.session.locale, str(view.session.seed), view.share_link,
        view.download, gr.update(value=warning_banner(view.warnings), visible=bool(view.warnings)),
        chat, view.chat if fresh else gr.update(), view.strip,
        gr.update(choices=list(view.scenarios), value=view.scenario), view.timeline if fresh else gr.update(),
        gr.update(value=view.download_fhir, visible=view.download_fhir is not None),
    )


def _shown(handler: Callable[..., View], *bound) -> Callable[..., tuple]:
    """A View-returning handler as an event function; its parameter names stay the API's (bound ones dropped)."""
    def event(*args):
        try:
            return _outputs(handler(*bound, *args))
        except PersonaError as exc:  # no session yet to fall back to; Gradio renders the message as HTML
            raise gr.Error(html.escape(str(exc))) from None

    event.__signature__ = inspect.signature(partial(handler, *bound))
    event.__name__ = handler.__name__
    return event


def _token(oauth_token: gr.OAuthToken | None) -> str | None:
    return oauth_token.token if oauth_token else None


def _not_a_tool(fn: Callable) -> Callable:
    """Keep an event off the MCP server's tool list: it acts on a browser session's state, which an MCP call lacks.

    Gradio lists as tools the functions with no ``_mcp_type`` or with "tool" (what ``gr.mcp.tool`` sets);
    tests/app/test_studio.py checks that the persona is the only tool.
    """
    fn._mcp_type = "ui-event"
    return fn


# Gradio warns at launch about every endpoint with a gr.State input, tool or not; ours are kept off the tool list.
warnings.filterwarnings("ignore", message="This MCP server includes a tool that has a gr.State input")


class _Chat(Chat):
    """The page's chat (``webui.page.Chat``) with the visitor's text kept as text.

    A message joins the history as the page shows it (``shown_user_turn``: the characters typed, cut past
    ``message_limit``), so it never renders as Markdown or HTML; retry and undo give it back as typed. A
    message that isn't text at all is refused with an error that names it.
    """

    def __init__(self, *args, message_limit: int, max_turns: int, **kwargs) -> None:
        self.message_limit = message_limit
        self.max_turns = max_turns
        super().__init__(*args, **kwargs)

    async def _stream_fn(self, message, history, *args):
        """A reply; the history it joins keeps the last ``max_turns`` visitor messages (this one included)."""
        try:
            handlers.check_input("message", message)
        except handlers.InvalidInput as exc:
            raise gr.Error(str(exc)) from None
        async for item in super()._stream_fn(message, recent_turns(history, self.max_turns - 1), *args):
            yield item

    def _message_as_message_dict(self, message, role):
        turns = super()._message_as_message_dict(message, role)
        return [shown_user_turn(turn, self.message_limit) for turn in turns] if role == "user" else turns

    def _pop_last_user_message(self, history):
        history, message = super()._pop_last_user_message(history)
        return history, typed_text(message) if isinstance(message, str) else message

    def _edit_message(self, history, edit_data):
        history, shown, value = super()._edit_message(history, edit_data)
        return history, shown, typed_text(value) if isinstance(value, str) else value


def build_demo(config: InferenceConfig, app: AppConfig | None = None) -> gr.Blocks:
    """The app's page; ``app`` defaults to AppConfig's plain defaults (not the environment).

    Persona events, the page load and ``/ping`` skip Gradio's queue, so a full chat queue never locks a
    visitor out of the page (README, Scaling). Every log line from here on has the config's secrets redacted.
    """
    app = app or AppConfig()
    redact_logs(config.secrets())

    def on_load(request: gr.Request, oauth_token: gr.OAuthToken | None = None):
        return (*_outputs(handlers.load_page(app, request)), handlers.badge(config, _token(oauth_token)))

    def open_link(query: str, request: gr.Request):
        return _outputs(handlers.open_link(app, query, request))

    def on_settings(oauth_token: gr.OAuthToken | None = None):
        """Settings show the model that answers: the hosted model's id box, or the local model's name."""
        token = _token(oauth_token)
        view = model_settings(resolve_backend(config, token), config, token)
        picker = gr.update(visible=view.hosted_box, choices=list(view.choices), allow_custom_value=view.custom,
                           info="Recommended models; type another id to use it" if view.custom
                           else "The models this Space offers")
        return picker, gr.update(value=view.note, visible=bool(view.note))

    def on_persona(session, oauth_token: gr.OAuthToken | None = None):
        note = handlers.language_notice(config, session, _token(oauth_token))
        return gr.update(value=f"ℹ️ {note}" if note else "", visible=bool(note))

    async def chat_fn(message, history, session, model, temperature, max_new_tokens, timeline, link: str | None = None,
                      oauth_token: gr.OAuthToken | None = None):
        """A reply; the session state goes back out with it, so chatting renews its time to live, and a state
        that expired anyway is picked up again from the share link the page shows (``handlers.resume``)."""
        try:  # the values as sent (the chat's events skip Gradio's preprocessing, below)
            settings = handlers.chat_settings(model, temperature, max_new_tokens)
        except handlers.InvalidInput as exc:
            raise gr.Error(str(exc)) from None
        session = handlers.resume(app, session, link if isinstance(link, str) else None)
        # the message as the chat shows it: a message over the limit is cut there (its notice says so)
        timeline = stamp(timeline, "user", (message or "")[:config.max_message_chars], keep=app.timeline_entries)
        text = ""
        async for text in respond(message, history, session, settings, config, _token(oauth_token)):
            yield text, timeline, session
        yield text, stamp(timeline, "assistant", text, keep=app.timeline_entries), session  # the reply's time: when it finished

    def export_files(history, session, timeline, model, temperature, max_new_tokens,
                     oauth_token: gr.OAuthToken | None = None):
        settings = handlers.chat_settings(model, temperature, max_new_tokens)
        return handlers.conversation_files(app, config, session, history, timeline, settings, _token(oauth_token))

    def export_conversation(history, session, timeline, model, temperature, max_new_tokens,
                            oauth_token: gr.OAuthToken | None = None) -> dict:
        """The conversation so far as JSON: persona and link, backend and model, settings, timed messages."""
        settings = handlers.chat_settings(model, temperature, max_new_tokens)
        return handlers.conversation(app, config, session, history, timeline, settings, _token(oauth_token))

    def persona(mode: str, seed: int, locale: str = DEFAULT_LOCALE, scenario: str = "", as_of: str = "",
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
            return handlers.persona_data(app, mode, seed, locale, scenario, as_of, format)
        except PersonaInputError as exc:
            raise gr.Error(str(exc)) from None

    brand = app.brand
    # ChatPage (webui/page.py): no per-tab heartbeat connection (many tabs), the page's theme/CSS/script.
    # delete_cache: Gradio deletes the downloads and any upload from its cache on the app's schedule.
    with ChatPage(title=brand.title, fill_height=True, state_ttl=app.state_ttl, session_capacity=app.max_sessions,
                  delete_cache=app.delete_cache) as demo:
        state = gr.State(None, time_to_live=app.state_ttl)
        timeline = gr.State([], time_to_live=app.state_ttl)
        with gr.Row(equal_height=True):
            gr.HTML(f"<style>{brand.css()}</style>{brand.header_html(TAGLINE)}" if brand.css()
                    else brand.header_html(TAGLINE), elem_id="brand-header", min_width=300)
            backend_badge = gr.Markdown(handlers.badge(config, None), elem_id="backend-badge", min_width=240)
            if app.sign_in:
                gr.LoginButton()
        warning = gr.HTML(visible=False, elem_id="link-warning")  # the one place for warnings (escaped text)
        # Who to talk to: one bar above the chat and the card, so the card starts level with the chat.
        with gr.Row(elem_id="persona-bar", equal_height=True):
            mode = gr.Dropdown([(get_industry(m).label, m) for m in list_modes()], value=app.default_mode,
                               label="Industry", elem_id="mode", scale=2, min_width=150)
            locale = gr.Dropdown(list_locales(), value=app.default_locale, label="Locale", elem_id="locale",
                                 scale=1, min_width=120)
            # The scenarios this customer's record supports (filled on load); picking one keeps the customer.
            scenario = gr.Dropdown(handlers.scenario_choices(app.default_mode), value=None, label="Scenario",
                                   elem_id="scenario", scale=3, min_width=260)
            seed = gr.Textbox(label="Seed", elem_id="seed", max_lines=1, scale=1, min_width=120)
            apply_seed = gr.Button("Load seed", scale=0, min_width=130)
            new_persona = gr.Button("New persona", variant="primary", scale=0, min_width=160)
            link = gr.Textbox(label="Share link (reproduces this persona)", buttons=["copy"], interactive=False,
                              elem_id="share-link", scale=4, min_width=280)
        # Side by side above webui.layout.NARROW px; narrower: strip and chat, then the persona bar, then the card.
        with gr.Row(elem_id="main-row"):
            with gr.Column(scale=3, min_width=380, elem_id="chat-column"):
                # Settings: built here (rendered below the chat) so they can hold the local model's name too.
                settings_box = gr.Accordion("Settings", open=False, render=False, elem_id="settings")
                with settings_box:
                    model_note = gr.Markdown(visible=False, elem_id="model-note")  # shown when the local model answers
                    # A picker of the recommended hosted models; other ids only where the visitor may (on_settings).
                    model = gr.Dropdown(list(recommended_models(config)), value=config.model, label="Model",
                                        elem_id="model", allow_custom_value=False,
                                        info="The models this Space offers")
                    temperature = gr.Slider(0, 1.5, value=ChatSettings().temperature, step=0.05, label="Temperature")
                    max_tokens = gr.Slider(16, 1024, value=ChatSettings().max_new_tokens, step=16,
                                           label="Max new tokens")
                # The strip carries the page's phone layout into <head> (webui.layout), wherever the app is launched.
                strip = gr.HTML(elem_id="customer-strip", css_template=STRIP_CSS, apply_default_css=False,
                                head=PAGE_STYLE, js_on_load=STRIP_JS)
                language_note = gr.Markdown(visible=False, elem_id="language-note")
                # Chat (webui/page.py): gr.ChatInterface whose input locks during every reply and whose replies
                # other events can stop (chat.reply_events).
                chat = _Chat(
                    _not_a_tool(chat_fn),
                    message_limit=config.max_message_chars,
                    max_turns=app.max_turns,
                    chatbot=gr.Chatbot(label="Chat", height=520, elem_id="chatbot"),
                    textbox=gr.Textbox(placeholder="Ask as the customer, e.g. “What's my balance?”",
                                       label="Message", show_label=False, container=False, scale=7,
                                       elem_id="chat-input", submit_btn="Send", stop_btn="Stop"),
                    additional_inputs=[state, model, temperature, max_tokens, timeline, link],
                    additional_outputs=[timeline, state],
                    examples=[[q] for q in handlers.examples(app.default_mode)],
                    concurrency_limit=app.chat_concurrency,
                    api_name="chat",
                )
                settings_box.render()
                with gr.Row(elem_id="conversation-downloads"):
                    download_md = gr.DownloadButton("Download conversation (Markdown)", elem_id="download-chat-md",
                                                    size="sm", variant="secondary")
                    download_json = gr.DownloadButton("Download conversation (JSON)", elem_id="download-chat-json",
                                                      size="sm", variant="secondary")
            with gr.Column(scale=2, min_width=340, elem_id="card-column"):
                card = gr.HTML(elem_id="persona-card", css_template=CARD_CSS, apply_default_css=False)
                with gr.Row(elem_id="persona-downloads", equal_height=True):
                    download = gr.DownloadButton("Download persona JSON", elem_id="download")
                    download_fhir = gr.DownloadButton("Download FHIR Bundle", elem_id="download-fhir", visible=False)

        outputs = [state, card, mode, locale, seed, link, download, warning, chat.chatbot, chat.chatbot_state, strip,
                   scenario, timeline, download_fhir]
        demo.load(on_load, None, [*outputs, backend_badge], api_visibility="undocumented", queue=False)
        demo.load(_not_a_tool(on_settings), None, [model, model_note], api_visibility="private", queue=False)
        # The card changes with every persona (a State's change event doesn't follow the unqueued persona events).
        card.change(_not_a_tool(on_persona), [state], [language_note], api_visibility="private", queue=False)
        hidden_query = gr.Textbox(visible=False)
        restore = gr.Button("Open the address bar's link", visible="hidden", elem_id="restore-link")  # Back/Forward
        # A persona change first stops a streaming reply (this listener, registered before the handlers, so the
        # cancel goes out first); each handler's js (STOP_REPLY) waits until the reply has stopped, then it
        # switches the persona and clears the chat, ChatInterface's hidden history included.
        gr.on([mode.input, locale.input, scenario.input, seed.submit, apply_seed.click, new_persona.click,
               restore.click], None, cancels=chat.reply_events)
        mode.input(_not_a_tool(_shown(handlers.switch_mode, app)), [state, mode], outputs, api_name="switch_mode", js=STOP_REPLY, queue=False)
        locale.input(_not_a_tool(_shown(handlers.switch_locale, app)), [state, locale], outputs, api_name="switch_locale",
                     js=STOP_REPLY, queue=False)
        scenario.input(_not_a_tool(_shown(handlers.switch_scenario, app)), [state, scenario], outputs, api_name="switch_scenario",
                       js=STOP_REPLY, queue=False)
        gr.on([seed.submit, apply_seed.click], _not_a_tool(_shown(handlers.load_seed, app)), [state, seed], outputs,
              api_name="load_seed", js=STOP_REPLY, queue=False)
        new_persona.click(_not_a_tool(_shown(handlers.new_persona, app)), [state], outputs, api_name="new_persona", js=STOP_REPLY, queue=False)
        restore.click(_not_a_tool(open_link), [hidden_query], outputs, api_name="restore_link", api_visibility="private",
                      js=FROM_ADDRESS, queue=False)
        # The address bar follows the persona (page.js: replaceState on load, pushState after), so reload,
        # bookmarks and Back keep the customer; the share link carries every link parameter.
        link.change(None, [link], None, js=FOLLOW_LINK)
        hidden_query.submit(_not_a_tool(open_link), [hidden_query], outputs, api_name="open_link", queue=False)
        # The conversation downloads follow the timeline, which changes when a chat opens, a message arrives and a
        # reply ends (ChatInterface's own history State fires no change event after a streamed turn).
        timeline.change(export_files, [chat.chatbot, state, timeline, model, temperature, max_tokens],
                        [download_md, download_json], api_visibility="undocumented", show_progress="hidden")
        chat.chatbot.clear(lambda: stamp(None, "cleared", ""), None, timeline, api_visibility="undocumented")
        gr.Button(visible=False).click(_not_a_tool(export_conversation),
                                       [chat.chatbot_state, state, timeline, model, temperature, max_tokens],
                                       gr.JSON(visible=False), api_name="export_conversation")
        gr.api(persona, api_name="persona")  # also the MCP tool `persona` (launch(mcp_server=True))
        # A no-op event: a health check for load balancers, and the baseline for bench/app_speed.py.
        gr.Button(visible=False).click(_not_a_tool(lambda: None), api_name="ping", queue=False)
    for event in demo.fns.values():
        if max_tokens in event.inputs:  # the chat's own events: chat_fn checks the Settings as sent (ChatSettings),
            event.preprocess = False    # where Gradio's Slider would fail with an error that names no input
    # api_open=False: queued events are reached only through the queue (Gradio opens direct calls off Spaces)
    demo.queue(default_concurrency_limit=8, max_size=app.queue_size, api_open=False)
    return demo


try:  # each setting is read once, here; a bad PERSONA_CHAT_* variable: say which, without a traceback
    inference_config, app_config = InferenceConfig.from_env(), AppConfig.from_env()
except ConfigError as exc:
    raise SystemExit(f"Persona Chat: {exc}") from None
demo = build_demo(inference_config, app_config)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    # Under `gradio app.py` (hot reload: Gradio's dev mode) this module is re-executed on every change: launch normally.
    share = ("--share" in argv or app_config.share) and not demo.dev_mode
    try:
        demo.launch(share=share, prevent_thread_lock=share, mcp_server=app_config.mcp_server, **LAUNCH)
        if share:
            if not demo.share_url:
                print("\nNo public share link could be created (no network to Gradio's share servers?). "
                      f"The app keeps serving locally at {demo.local_url}\n", file=sys.stderr)
            demo.block_thread()
    except KeyboardInterrupt:  # Ctrl+C while launch() is still starting up: stop quietly, as block_thread does
        demo.close()


if __name__ == "__main__":
    main()
