"""Persona Chat: pick an industry, get a believable fake customer, chat with an assistant that knows them.

Run ``python app.py`` (or ``gradio app.py`` for hot reload). Layout, then wiring, nothing else: the events are
``webui.events`` (the chat itself is ``webui.chat``, the page's Gradio adjustments ``webui.page``), the persona
engine is ``persona/``, model calls are ``inference/``; settings are read once, below, by ``InferenceConfig``
and ``AppConfig``.
"""

from __future__ import annotations

import sys

import gradio as gr

from envconfig import ConfigError
from inference import ChatSettings, InferenceConfig, redact_logs
from persona import get_industry, list_locales, list_modes
from webui import handlers
from webui.backend_view import recommended_models
from webui.card import CARD_CSS, STRIP_CSS, STRIP_JS
from webui.chat import ChatTurn
from webui.chat_bounds import BoundedChatbot
from webui.config import AppConfig
from webui.csp import csp_meta
from webui.events import ModelChoice, PageEvents, PersonaOutputs, inputs, outputs
from webui.gradio_costs import spare_failed_imports
from webui.inputs import MessageBox, ModelPicker, SettingSlider
from webui.layout import PAGE_STYLE
from webui.page import FOLLOW_LINK, FROM_ADDRESS, STOP_REPLY, Chat, ChatPage, page_head

PAGE_HEAD = csp_meta()
"""Defence in depth: whatever markup reached the page, the browser fetches nothing from elsewhere (``webui.csp``)."""
LAUNCH = {"head": PAGE_HEAD + page_head(), "max_file_size": 0}
"""``demo.launch`` options that are part of the app (the page head is a launch option in Gradio 6). The app
takes no file, so Gradio's upload route refuses any (413); the session capacity is ``ChatPage``'s."""

TAGLINE = "A fictional customer and an assistant that knows them. All data is generated and fake."


def build_demo(config: InferenceConfig, app: AppConfig | None = None) -> gr.Blocks:
    """The app's page; ``app`` defaults to AppConfig's plain defaults (not the environment).

    Persona events, the page load and ``/ping`` skip Gradio's queue, so a full chat queue never locks a
    visitor out of the page (README, Scaling). Every log line from here on has the config's secrets redacted.
    """
    app = app or AppConfig()
    redact_logs(config.secrets())
    spare_failed_imports()
    events = PageEvents(config, app)
    brand, defaults, limits = app.brand, ChatSettings(), config.limits  # limits: every API call's too (events)
    # ChatPage (webui/page.py): no per-tab heartbeat connection (many tabs), the page's theme/CSS/script.
    # delete_cache: Gradio deletes the downloads and any upload from its cache on the app's schedule.
    with ChatPage(title=brand.title, fill_height=True, state_ttl=app.state_ttl, session_capacity=app.max_sessions,
                  delete_cache=app.delete_cache) as demo:
        # -- layout -------------------------------------------------------------------------------------------
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
                    # A picker of the recommended hosted models; other ids only where the visitor may (events.settings).
                    model = ModelPicker(list(recommended_models(config)), value=config.model, label="Model",
                                        elem_id="model", allow_custom_value=False, info="The models this Space offers")
                    temperature = SettingSlider(0, limits.max_temperature, value=defaults.temperature, step=0.05,
                                                label="Temperature")
                    max_tokens = SettingSlider(limits.min_new_tokens, limits.max_new_tokens, step=16,
                                               value=min(defaults.max_new_tokens, limits.max_new_tokens),
                                               label="Max new tokens")
                # The strip carries the page's phone layout into <head> (webui.layout), wherever the app is launched.
                strip = gr.HTML(elem_id="customer-strip", css_template=STRIP_CSS, apply_default_css=False,
                                head=PAGE_STYLE, js_on_load=STRIP_JS)
                language_note = gr.Markdown(visible=False, elem_id="language-note")
                chat = Chat(  # webui/page.py; its function is webui.chat.chat, through events.chat
                    events.chat,
                    message_limit=config.max_message_chars,
                    max_turns=app.max_turns,
                    chatbot=BoundedChatbot(label="Chat", height=520, elem_id="chatbot",  # webui/chat_bounds.py
                                           limits=handlers.history_limits(app, config)),
                    textbox=MessageBox(placeholder="Ask as the customer, e.g. “What's my balance?”", label="Message",
                                       show_label=False, container=False, scale=7, elem_id="chat-input",
                                       submit_btn="Send", stop_btn="Stop"),
                    additional_inputs=inputs(events.chat, session=state, model=model, temperature=temperature,
                                             max_new_tokens=max_tokens, timeline=timeline, link=link),
                    additional_outputs=ChatTurn.outputs({"timeline": timeline, "session": state}),
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
                # Shown while the record has an action to revert (events.after_action), above the card it changes.
                undo = gr.Button("↶ Undo last action", elem_id="undo-action", variant="secondary", size="sm",
                                 visible=False)
                card = gr.HTML(elem_id="persona-card", css_template=CARD_CSS, apply_default_css=False)
                with gr.Row(elem_id="persona-downloads", equal_height=True):
                    download = gr.DownloadButton("Download persona JSON", elem_id="download")
                    download_fhir = gr.DownloadButton("Download FHIR Bundle", elem_id="download-fhir", visible=False)
        hidden_query = gr.Textbox(visible=False)
        restore = gr.Button("Open the address bar's link", visible="hidden", elem_id="restore-link")  # Back/Forward
        export_button, export_json, ping = gr.Button(visible=False), gr.JSON(visible=False), gr.Button(visible=False)

        # -- wiring -------------------------------------------------------------------------------------------
        shown = PersonaOutputs(state=state, card=card, mode=mode, locale=locale, seed=seed, link=link,
                               download=download, warning=warning, chatbot=chat.chatbot, history=chat.chatbot_state,
                               strip=strip, scenario=scenario, timeline=timeline, download_fhir=download_fhir)
        events.show_in(shown, backend_badge)
        persona = {"session": state, "link": link}  # every persona event: the tab's state, else the card's link
        demo.load(events.load, None, [*shown, backend_badge], api_name="on_load", api_visibility="undocumented",
                  queue=False)
        demo.load(events.settings, None, outputs(ModelChoice, picker=model, note=model_note), api_name="on_settings",
                  api_visibility="private", queue=False)
        # The card changes with every persona (a State's change event doesn't follow the unqueued persona events).
        card.change(events.language_note, [state], [language_note], api_name="on_persona", api_visibility="private",
                    queue=False)
        # A persona change first stops a streaming reply (this listener, registered before the handlers, so the
        # cancel goes out first); each handler's js (STOP_REPLY) waits until the reply has stopped, then it
        # switches the persona and clears the chat, ChatInterface's hidden history included.
        gr.on([mode.input, locale.input, scenario.input, seed.submit, apply_seed.click, new_persona.click,
               restore.click], None, cancels=chat.every_reply(demo))
        mode.input(events.switch_mode, inputs(events.switch_mode, mode=mode, **persona), [*shown],
                   api_name="switch_mode", js=STOP_REPLY, queue=False)
        locale.input(events.switch_locale, inputs(events.switch_locale, locale=locale, **persona), [*shown],
                     api_name="switch_locale", js=STOP_REPLY, queue=False)
        scenario.input(events.switch_scenario, inputs(events.switch_scenario, scenario=scenario, **persona), [*shown],
                       api_name="switch_scenario", js=STOP_REPLY, queue=False)
        gr.on([seed.submit, apply_seed.click], events.load_seed, inputs(events.load_seed, seed_text=seed, **persona),
              [*shown], api_name="load_seed", js=STOP_REPLY, queue=False)
        new_persona.click(events.new_persona, inputs(events.new_persona, **persona), [*shown], api_name="new_persona",
                          js=STOP_REPLY, queue=False)
        restore.click(events.open_link, [hidden_query], [*shown], api_name="restore_link", api_visibility="private",
                      js=FROM_ADDRESS, queue=False)
        hidden_query.submit(events.open_link, [hidden_query], [*shown], api_name="open_link", queue=False)
        # The address bar follows the persona (page.js: replaceState on load, pushState after), so reload,
        # bookmarks and Back keep the customer; the share link carries every link parameter.
        link.change(None, [link], None, js=FOLLOW_LINK)
        # The conversation downloads follow the timeline, which changes when a chat opens, a message arrives and a
        # reply ends (ChatInterface's own history State fires no change event after a streamed turn).
        conversation = {"session": state, "timeline": timeline, "model": model, "temperature": temperature,
                        "max_new_tokens": max_tokens}
        timeline.change(events.export_files, inputs(events.export_files, history=chat.chatbot, **conversation),
                        outputs(handlers.ConversationFiles, markdown=download_md, json=download_json),
                        api_visibility="undocumented", show_progress="hidden")
        chat.chatbot.clear(events.cleared, None, timeline, api_visibility="undocumented")
        export_button.click(events.export_conversation,
                            inputs(events.export_conversation, history=chat.chatbot_state, **conversation),
                            export_json, api_name="export_conversation")
        # An action in the chat changes the session's record: the card follows (the chat's own outputs stay the API's);
        # Undo reverts the last action, stopping a reply first as a persona change does.
        # show_progress hidden: the card re-renders after every chat turn, and must not flash a timer over the customer
        state.change(events.after_action, [state], [card, strip, download, download_fhir, undo],
                     api_visibility="private", queue=False, show_progress="hidden")
        undo.click(events.undo, [state, chat.chatbot], [state, card, strip, download, download_fhir, undo, chat.chatbot,
                                                        chat.chatbot_state],
                   cancels=chat.every_reply(demo), js=STOP_REPLY, api_visibility="private", queue=False)
        gr.api(events.persona, api_name="persona")  # also the MCP tool `persona` (launch(mcp_server=True))
        gr.api(events.persona_actions, api_name="actions")  # and `persona_actions`: what a program may ask for
        ping.click(events.ping, api_name="ping", queue=False)
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
