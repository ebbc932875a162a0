"""Persona Chat: pick an industry, get a believable fake customer, chat with an assistant that knows them.

Run ``python app.py`` (or ``gradio app.py`` for hot reload). Layout and wiring only: each event calls a
plain handler in ``webui.handlers`` and shows what it returns; the persona engine is ``persona/``, model
calls are ``inference/``, settings are read once, below, by ``InferenceConfig`` and ``AppConfig``.
"""

from __future__ import annotations

import html
import inspect
import sys
from collections.abc import Callable
from functools import partial

import gradio as gr

from inference import ChatSettings, ConfigError, InferenceConfig, redact_logs
from persona import PersonaError, get_industry, list_locales, list_modes
from webui import View, handlers, respond
from webui.config import AppConfig
from webui.history import shown_user_turn, typed_text

PAGE_HEAD = ("<meta http-equiv=\"Content-Security-Policy\" content=\"img-src 'self' data: blob:; "
             "media-src 'self' data: blob:; frame-src 'none'; object-src 'none'\">")
"""Defence in depth: whatever markup reached the page, the browser fetches no image, media or frame from elsewhere."""
LAUNCH = {"head": PAGE_HEAD, "state_session_capacity": 10_000}
"""``demo.launch`` options that are part of the app (the page head is a launch option in Gradio 6)."""


def _outputs(view: View) -> tuple:
    """A View as the values of the session outputs: state, card, controls, link, download, warning, chat."""
    chat = gr.update(value=[], examples=[{"text": q} for q in view.examples]) if view.clear_chat else gr.update()
    return (
        view.session, view.card, view.session.mode, view.session.locale, str(view.session.seed), view.share_link,
        view.download, gr.update(value=handlers.warning_banner(view.warnings), visible=bool(view.warnings)),
        chat, [] if view.clear_chat else gr.update(),
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


class _Chat(gr.ChatInterface):
    """Gradio's ChatInterface with the visitor's text kept as text.

    A message joins the history as the page shows it (``shown_user_turn``: the characters typed, cut past
    ``message_limit``), so it never renders as Markdown or HTML; retry and undo give it back as typed. A
    message that isn't text at all is refused with an error that names it.
    """

    def __init__(self, *args, message_limit: int, **kwargs) -> None:
        self.message_limit = message_limit
        super().__init__(*args, **kwargs)

    async def _stream_fn(self, message, history, *args):
        try:
            handlers.check_input("message", message)
        except handlers.InvalidInput as exc:
            raise gr.Error(str(exc)) from None
        async for item in super()._stream_fn(message, history, *args):
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

    async def chat_fn(message, history, session, model, temperature, max_new_tokens,
                      oauth_token: gr.OAuthToken | None = None):
        try:  # the values as sent (the chat's events skip Gradio's preprocessing, below)
            settings = handlers.chat_settings(model, temperature, max_new_tokens)
        except handlers.InvalidInput as exc:
            raise gr.Error(str(exc)) from None
        async for text in respond(message, history, session, settings, config, _token(oauth_token)):
            yield text

    with gr.Blocks(title="Persona Chat", fill_height=True) as demo:
        state = gr.State(None, time_to_live=app.state_ttl)
        with gr.Row(equal_height=True):
            gr.Markdown("## Persona Chat\nA fictional customer and an assistant that knows them. "
                        "All data is generated and fake.")
            backend_badge = gr.Markdown(handlers.badge(config, None), elem_id="backend-badge")
            if app.sign_in:
                gr.LoginButton()
        warning = gr.Markdown(visible=False, elem_id="link-warning")
        with gr.Row():
            with gr.Column(scale=3):
                with gr.Accordion("Settings", open=False, render=False) as settings_box:
                    model = gr.Textbox(label="Model (hosted backends)", value=config.model, render=False)
                    temperature = gr.Slider(0, 1.5, value=ChatSettings().temperature, step=0.05,
                                            label="Temperature", render=False)
                    max_tokens = gr.Slider(16, 1024, value=ChatSettings().max_new_tokens, step=16,
                                           label="Max new tokens", render=False)
                chat = _Chat(
                    chat_fn,
                    message_limit=config.max_message_chars,
                    chatbot=gr.Chatbot(label="Chat", height=520, elem_id="chatbot"),
                    textbox=gr.Textbox(placeholder="Ask as the customer, e.g. “What's my balance?”",
                                       show_label=False, container=False, scale=7, elem_id="chat-input"),
                    additional_inputs=[state, model, temperature, max_tokens],
                    additional_inputs_accordion=settings_box,
                    examples=[[q] for q in handlers.examples(app.default_mode)],
                    concurrency_limit=app.chat_concurrency,
                    api_name="chat",
                )
            with gr.Column(scale=2):
                with gr.Row():
                    mode = gr.Dropdown([(get_industry(m).label, m) for m in list_modes()], value=app.default_mode,
                                       label="Industry", elem_id="mode")
                    locale = gr.Dropdown(list_locales(), value=app.default_locale, label="Locale", elem_id="locale")
                with gr.Row():
                    seed = gr.Textbox(label="Seed", elem_id="seed", max_lines=1, scale=2)
                    apply_seed = gr.Button("Load seed", scale=1)
                    new_persona = gr.Button("New persona", variant="primary", scale=1)
                link = gr.Textbox(label="Share link (reproduces this persona)", buttons=["copy"],
                                  interactive=False, elem_id="share-link")
                card = gr.HTML(elem_id="persona-card")
                download = gr.DownloadButton("Download persona JSON", elem_id="download")

        outputs = [state, card, mode, locale, seed, link, download, warning, chat.chatbot, chat.chatbot_state]
        # queue=False: these run at once, beside the chat queue rather than in it (a full queue can't block them)
        demo.load(on_load, None, [*outputs, backend_badge], api_visibility="undocumented", queue=False)
        mode.input(_shown(handlers.switch_mode, app), [state, mode], outputs, api_name="switch_mode", queue=False)
        locale.input(_shown(handlers.switch_locale, app), [state, locale], outputs, api_name="switch_locale",
                     queue=False)
        gr.on([seed.submit, apply_seed.click], _shown(handlers.load_seed, app), [state, seed], outputs,
              api_name="load_seed", queue=False)
        new_persona.click(_shown(handlers.new_persona, app), [state], outputs, api_name="new_persona", queue=False)
        hidden_query = gr.Textbox(visible=False)
        hidden_query.submit(open_link, [hidden_query], outputs, api_name="open_link", queue=False)
        # A no-op event: a health check for load balancers, and the baseline for bench/app_speed.py.
        gr.Button(visible=False).click(lambda: None, api_name="ping", queue=False)
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
        demo.launch(share=share, prevent_thread_lock=share, **LAUNCH)
        if share:
            if not demo.share_url:
                print("\nNo public share link could be created (no network to Gradio's share servers?). "
                      f"The app keeps serving locally at {demo.local_url}\n", file=sys.stderr)
            demo.block_thread()
    except KeyboardInterrupt:  # Ctrl+C while launch() is still starting up: stop quietly, as block_thread does
        demo.close()


if __name__ == "__main__":
    main()
