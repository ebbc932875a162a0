"""Persona Chat: pick an industry, get a believable fake customer, chat with an assistant that knows them.

Run ``python app.py`` (or ``gradio app.py`` for hot reload). Wiring only: the persona engine is
``persona/``, model calls are ``inference/``, UI logic is ``webui/``.
"""

from __future__ import annotations

import os
import sys

import gradio as gr

from inference import ChatSettings, ConfigError, InferenceConfig, resolve_backend
from persona import PersonaError, get_industry, list_locales, list_modes
from webui import Session, open_session, parse_link, public_base_url, random_seed, respond, share_link, write_download
from webui.config import AppConfig


def _examples(mode: str) -> list[dict]:
    return [{"text": q} for q in get_industry(mode).examples]


def _warning_md(warnings) -> dict:
    text = "\n".join(f"⚠️ {w}" for w in warnings)
    return gr.update(value=text, visible=bool(warnings))


def build_demo(config: InferenceConfig | None = None, app: AppConfig | None = None) -> gr.Blocks:
    config = config or InferenceConfig.from_env()
    app = app or AppConfig.from_env()

    def badge(token: str | None) -> str:
        return f"**Answering:** {resolve_backend(config, token).label}"

    def present(session: Session, warnings=(), clear_chat: bool = True) -> tuple:
        """Every output that shows a session: state, card, controls, link, download, chat."""
        chat = gr.update(value=[], examples=_examples(session.mode)) if clear_chat else gr.update()
        return (
            session, session.card_html, session.mode, session.locale, str(session.seed),
            share_link(session.base_url, session.mode, session.seed, session.locale),
            write_download(session.persona), _warning_md(warnings),
            chat, [] if clear_chat else gr.update(),
        )

    def on_load(request: gr.Request, oauth_token: gr.OAuthToken | None = None):
        items = request.query_params.multi_items() if request else []
        link = parse_link(items, default_mode=app.default_mode, default_locale=app.default_locale,
                          new_seed=random_seed)
        scheme = request.headers.get("x-forwarded-proto") or request.url.scheme if request else "http"
        base = public_base_url(os.environ.get("SPACE_HOST"), os.environ.get("SPACE_ID"), scheme,
                               request.headers.get("host") if request else None)
        session = open_session(link.mode, link.seed, link.locale, base_url=base)
        for w in link.warnings:
            gr.Warning(w)
        return (*present(session, link.warnings), badge(oauth_token.token if oauth_token else None))

    def open_link(query: str, request: gr.Request):
        """API twin of the page load: apply a query string such as ``mode=insurance&seed=42``."""
        from urllib.parse import parse_qsl

        link = parse_link(parse_qsl(query or "", keep_blank_values=True), default_mode=app.default_mode,
                          default_locale=app.default_locale, new_seed=random_seed)
        base = public_base_url(os.environ.get("SPACE_HOST"), os.environ.get("SPACE_ID"), "http",
                               request.headers.get("host") if request else None)
        return present(open_session(link.mode, link.seed, link.locale, base_url=base), link.warnings)

    def change(session: Session | None, mode: str, locale: str, seed) -> tuple:
        base = session.base_url if session else Session.base_url
        try:
            return present(open_session(mode, seed, locale, base_url=base))
        except PersonaError as exc:
            gr.Warning(str(exc))
            if session is None:
                raise gr.Error(str(exc)) from None
            return (*present(session, [str(exc)], clear_chat=False)[:-2], gr.update(), gr.update())

    def on_mode(session, mode):
        return change(session, mode, session.locale if session else app.default_locale,
                      session.seed if session else random_seed())

    def on_locale(session, locale):
        return change(session, session.mode if session else app.default_mode, locale,
                      session.seed if session else random_seed())

    def on_seed(session, seed_text):
        return change(session, session.mode if session else app.default_mode,
                      session.locale if session else app.default_locale, (seed_text or "").strip())

    def on_new(session):
        return change(session, session.mode if session else app.default_mode,
                      session.locale if session else app.default_locale, random_seed())

    async def chat_fn(message, history, session, model, temperature, max_new_tokens,
                      oauth_token: gr.OAuthToken | None = None):
        settings = ChatSettings(model=(model or "").strip() or None, temperature=temperature,
                                max_new_tokens=int(max_new_tokens))
        async for text in respond(message, history, session, settings, config,
                                  oauth_token.token if oauth_token else None):
            yield text

    with gr.Blocks(title="Persona Chat", fill_height=True) as demo:
        state = gr.State(None, time_to_live=app.state_ttl)
        with gr.Row(equal_height=True):
            gr.Markdown("## Persona Chat\nA fictional customer and an assistant that knows them. "
                        "All data is generated and fake.")
            backend_badge = gr.Markdown(badge(None), elem_id="backend-badge")
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
                chat = gr.ChatInterface(
                    chat_fn,
                    chatbot=gr.Chatbot(label="Chat", height=520, elem_id="chatbot"),
                    textbox=gr.Textbox(placeholder="Ask as the customer, e.g. “What's my balance?”",
                                       show_label=False, container=False, scale=7, elem_id="chat-input"),
                    additional_inputs=[state, model, temperature, max_tokens],
                    additional_inputs_accordion=settings_box,
                    examples=[[q["text"]] for q in _examples(app.default_mode)],
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
        demo.load(on_load, None, [*outputs, backend_badge], api_visibility="undocumented")
        mode.input(on_mode, [state, mode], outputs, api_name="switch_mode")
        locale.input(on_locale, [state, locale], outputs, api_name="switch_locale")
        gr.on([seed.submit, apply_seed.click], on_seed, [state, seed], outputs, api_name="load_seed")
        new_persona.click(on_new, [state], outputs, api_name="new_persona")
        hidden_query = gr.Textbox(visible=False)
        hidden_query.submit(open_link, [hidden_query], outputs, api_name="open_link")
        # A no-op event: a health check for load balancers, and the baseline for bench/app_speed.py.
        gr.Button(visible=False).click(lambda: None, api_name="ping")
    demo.queue(default_concurrency_limit=8, max_size=app.queue_size)
    return demo


try:
    demo = build_demo()
except ConfigError as exc:  # a bad PERSONA_CHAT_* variable: say which, without a traceback
    raise SystemExit(f"Persona Chat: {exc}") from None


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    # Under `gradio app.py` (hot reload) this module is re-executed on every change: launch normally.
    share = ("--share" in argv or AppConfig.from_env().share) and not os.environ.get("GRADIO_WATCH_DIRS")
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
