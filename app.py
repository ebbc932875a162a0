"""Persona Chat: pick an industry, get a believable fake customer, chat with an assistant that knows them.

Run ``python app.py`` (or ``gradio app.py`` for hot reload). Layout and wiring only: each event calls a
plain handler in ``webui.handlers`` and shows what it returns; the persona engine is ``persona/``, model
calls are ``inference/``, settings are read once, below, by ``InferenceConfig`` and ``AppConfig``.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from functools import partial

import gradio as gr

from inference import ChatSettings, ConfigError, InferenceConfig, resolve_backend
from persona import PersonaError, get_industry, list_locales, list_modes
from webui import View, handlers, respond
from webui.backend_view import model_settings
from webui.banner import warning_banner
from webui.card import CARD_CSS, STRIP_CSS, STRIP_JS
from webui.config import AppConfig
from webui.layout import PAGE_STYLE
from webui.page import FOLLOW_LINK, FROM_ADDRESS, STOP_REPLY, Chat, ChatPage


def _outputs(view: View) -> tuple:
    """A View as the values of the session outputs: state, card, controls, link, download, warning, chat, strip,
    scenario.

    Warnings show once, in the banner (escaped text), never also as toasts. The chat's examples are this
    persona's own questions, replaced with every persona change. The strip and the scenario picker come last so
    the API's earlier output positions stay as they were.
    """
    chat = gr.update(value=[], examples=[{"text": q} for q in view.examples]) if view.clear_chat else gr.update()
    return (
        view.session, view.card, view.session.mode, view.session.locale, str(view.session.seed), view.share_link,
        view.download, gr.update(value=warning_banner(view.warnings), visible=bool(view.warnings)),
        chat, [] if view.clear_chat else gr.update(), view.strip,
        gr.update(choices=list(view.scenarios), value=view.scenario),
    )


def _shown(handler: Callable[..., View], *bound) -> Callable[..., tuple]:
    """A View-returning handler as an event function; its parameter names stay the API's (bound ones dropped)."""
    def event(*args):
        try:
            return _outputs(handler(*bound, *args))
        except PersonaError as exc:  # no session yet to fall back to
            raise gr.Error(str(exc)) from None

    event.__signature__ = inspect.signature(partial(handler, *bound))
    event.__name__ = handler.__name__
    return event


def _token(oauth_token: gr.OAuthToken | None) -> str | None:
    return oauth_token.token if oauth_token else None


def build_demo(config: InferenceConfig, app: AppConfig | None = None) -> gr.Blocks:
    """The app's page; ``app`` defaults to AppConfig's plain defaults (not the environment)."""
    app = app or AppConfig()

    def on_load(request: gr.Request, oauth_token: gr.OAuthToken | None = None):
        return (*_outputs(handlers.load_page(app, request)), handlers.badge(config, _token(oauth_token)))

    def open_link(query: str, request: gr.Request):
        return _outputs(handlers.open_link(app, query, request))

    def on_settings(oauth_token: gr.OAuthToken | None = None):
        """Settings show the model that answers: the hosted model's id box, or the local model's name."""
        view = model_settings(resolve_backend(config, _token(oauth_token)))
        return gr.update(visible=view.hosted_box), gr.update(value=view.note, visible=bool(view.note))

    def on_persona(session, oauth_token: gr.OAuthToken | None = None):
        note = handlers.language_notice(config, session, _token(oauth_token))
        return gr.update(value=f"ℹ️ {note}" if note else "", visible=bool(note))

    async def chat_fn(message, history, session, model, temperature, max_new_tokens,
                      oauth_token: gr.OAuthToken | None = None):
        settings = handlers.chat_settings(model, temperature, max_new_tokens)
        async for text in respond(message, history, session, settings, config, _token(oauth_token)):
            yield text

    # ChatPage (webui/page.py): no per-tab heartbeat connection (many tabs), the page's theme/CSS/script.
    with ChatPage(title="Persona Chat", fill_height=True, state_ttl=app.state_ttl) as demo:
        state = gr.State(None, time_to_live=app.state_ttl)
        with gr.Row(equal_height=True):
            gr.Markdown("## Persona Chat\nA fictional customer and an assistant that knows them. "
                        "All data is generated and fake.")
            backend_badge = gr.Markdown(handlers.badge(config, None), elem_id="backend-badge")
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
                    model = gr.Textbox(label="Model", value=config.model, elem_id="model",
                                       info="Hosted model id for your next message")
                    temperature = gr.Slider(0, 1.5, value=ChatSettings().temperature, step=0.05, label="Temperature")
                    max_tokens = gr.Slider(16, 1024, value=ChatSettings().max_new_tokens, step=16,
                                           label="Max new tokens")
                # The strip carries the page's phone layout into <head> (webui.layout), wherever the app is launched.
                strip = gr.HTML(elem_id="customer-strip", css_template=STRIP_CSS, apply_default_css=False,
                                head=PAGE_STYLE, js_on_load=STRIP_JS)
                language_note = gr.Markdown(visible=False, elem_id="language-note")
                # Chat (webui/page.py): gr.ChatInterface whose input locks during every reply and whose replies
                # other events can stop (chat.reply_events).
                chat = Chat(
                    chat_fn,
                    chatbot=gr.Chatbot(label="Chat", height=520, elem_id="chatbot"),
                    textbox=gr.Textbox(placeholder="Ask as the customer, e.g. “What's my balance?”",
                                       label="Message", show_label=False, container=False, scale=7,
                                       elem_id="chat-input", submit_btn="Send", stop_btn="Stop"),
                    additional_inputs=[state, model, temperature, max_tokens],
                    examples=[[q] for q in handlers.examples(app.default_mode)],
                    concurrency_limit=app.chat_concurrency,
                    api_name="chat",
                )
                settings_box.render()
            with gr.Column(scale=2, min_width=340, elem_id="card-column"):
                card = gr.HTML(elem_id="persona-card", css_template=CARD_CSS, apply_default_css=False)
                download = gr.DownloadButton("Download persona JSON", elem_id="download")

        outputs = [state, card, mode, locale, seed, link, download, warning, chat.chatbot, chat.chatbot_state, strip,
                   scenario]
        demo.load(on_load, None, [*outputs, backend_badge], api_visibility="undocumented")
        demo.load(on_settings, None, [model, model_note], api_visibility="private")
        state.change(on_persona, [state], [language_note], api_visibility="private")
        hidden_query = gr.Textbox(visible=False)
        restore = gr.Button("Open the address bar's link", visible="hidden", elem_id="restore-link")  # Back/Forward
        # A persona change first stops a streaming reply (this listener, registered before the handlers, so the
        # cancel goes out first); each handler's js (STOP_REPLY) waits until the reply has stopped, then it
        # switches the persona and clears the chat, ChatInterface's hidden history included.
        gr.on([mode.input, locale.input, scenario.input, seed.submit, apply_seed.click, new_persona.click,
               restore.click], None, cancels=chat.reply_events)
        mode.input(_shown(handlers.switch_mode, app), [state, mode], outputs, api_name="switch_mode", js=STOP_REPLY)
        locale.input(_shown(handlers.switch_locale, app), [state, locale], outputs, api_name="switch_locale",
                     js=STOP_REPLY)
        scenario.input(_shown(handlers.switch_scenario, app), [state, scenario], outputs, api_name="switch_scenario",
                       js=STOP_REPLY)
        gr.on([seed.submit, apply_seed.click], _shown(handlers.load_seed, app), [state, seed], outputs,
              api_name="load_seed", js=STOP_REPLY)
        new_persona.click(_shown(handlers.new_persona, app), [state], outputs, api_name="new_persona", js=STOP_REPLY)
        restore.click(open_link, [hidden_query], outputs, api_name="restore_link", api_visibility="private",
                      js=FROM_ADDRESS)
        # The address bar follows the persona (page.js: replaceState on load, pushState after), so reload,
        # bookmarks and Back keep the customer; the share link carries every link parameter.
        link.change(None, [link], None, js=FOLLOW_LINK)
        hidden_query.submit(open_link, [hidden_query], outputs, api_name="open_link")
        # A no-op event: a health check for load balancers, and the baseline for bench/app_speed.py.
        gr.Button(visible=False).click(lambda: None, api_name="ping")
    demo.queue(default_concurrency_limit=8, max_size=app.queue_size)
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
        demo.launch(share=share, state_session_capacity=10_000, prevent_thread_lock=share)
        if share:
            if not demo.share_url:
                print("\nNo public share link could be created (no network to Gradio's share servers?). "
                      f"The app keeps serving locally at {demo.local_url}\n", file=sys.stderr)
            demo.block_thread()
    except KeyboardInterrupt:  # Ctrl+C while launch() is still starting up: stop quietly, as block_thread does
        demo.close()


if __name__ == "__main__":
    main()
