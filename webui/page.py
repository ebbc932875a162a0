"""The page around the chat: what Gradio 6.31 has no setting for, kept out of app.py.

- ``ChatPage``: a ``gr.Blocks`` that costs each browser tab no standing connection, and that carries its
  theme, stylesheet and script wherever it is launched (``python app.py``, ``gradio app.py``, tests).
- ``Chat``: the page's ``gr.ChatInterface``: replies other events can stop (``reply_events``), the input locked
  with a hint during every reply, examples included, the focus handed back afterwards; the visitor's text kept
  as text, the history bounded.
- ``STOP_REPLY`` / ``FOLLOW_LINK`` / ``FROM_ADDRESS``: ``js=`` hooks calling ``static/page.js``.

Why no heartbeat: Gradio's frontend opens an EventSource to ``/heartbeat/<session>`` for as long as a
tab is open whenever the config's ``connect_heartbeat`` is true, and ``gradio.utils.connect_heartbeat``
sets it when the page has any ``gr.State`` (``gr.ChatInterface`` always adds five of its own), an
``unload`` or ``stream`` event, or a per-session cache. Browsers allow about six HTTP/1.1 connections
per host, so a seventh tab of the app never loaded. The heartbeat's only job is to delete a closed tab's
state an hour later; here every state expires by ``time_to_live`` instead, so the page needs none.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import gradio as gr

from .handlers import InvalidInput, check_input
from .history import recent_turns, shown_user_turn, typed_text

STATIC = Path(__file__).with_name("static")

BUSY_HINT = "Replying… press Stop to interrupt, or wait to ask your next question."
"""The chat input's placeholder while a reply streams (the input takes no message then)."""

STOP_REPLY = "(...args) => window.personaChat ? window.personaChat.settled().then(() => args) : args"
"""Before a persona change reaches the server: wait until the streaming reply has stopped (``cancels=``)."""

FOLLOW_LINK = "(link) => { window.personaChat?.followLink(link); }"
"""On the share link's change: put its parameters into the address bar (reload, bookmark and Back keep them)."""

FROM_ADDRESS = (
    "(...args) => (window.personaChat ? window.personaChat.settled() : Promise.resolve())"
    ".then(() => [window.location.search.slice(1)])"
)
"""Back/Forward: the link to open is the address bar's query (after any reply has stopped)."""

FOCUS_INPUT = "() => { window.personaChat?.focusInput(); }"

THEME = gr.themes.Default().set(
    # WCAG AA (4.5:1) for text in both schemes; Gradio's defaults give ~2:1 placeholders and white on orange-500.
    input_placeholder_color="*neutral_500",
    input_placeholder_color_dark="*neutral_400",
    button_primary_background_fill="*primary_700",
    button_primary_background_fill_dark="*primary_700",
    button_primary_background_fill_hover="*primary_800",
    button_primary_background_fill_hover_dark="*primary_800",
    button_primary_text_color="white",
    button_primary_text_color_dark="white",
    body_text_color_subdued="*neutral_600",
    body_text_color_subdued_dark="*neutral_300",
)


def page_head() -> str:
    """The ``<head>`` addition: the page script, inline (no extra request, works under any root path)."""
    return f"<script>\n{(STATIC / 'page.js').read_text(encoding='utf-8')}</script>"


def page_css() -> str:
    return (STATIC / "page.css").read_text(encoding="utf-8")


class ChatPage(gr.Blocks):
    """``gr.Blocks`` without the per-tab heartbeat connection; states expire after ``state_ttl`` seconds.

    A state's time to live counts from its last update, so the events a tab keeps using renew theirs by
    returning them (the chat returns the persona's state with every reply). At most ``session_capacity``
    sessions are kept (Gradio's ``state_session_capacity``): Gradio keeps a session's copy of the page
    config until capacity pushes it out, even once its states have expired, so capacity bounds memory.
    """

    def __init__(self, *, state_ttl: float, session_capacity: int = 10_000, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state_ttl = state_ttl
        self.session_capacity = session_capacity

    def __exit__(self, *args: Any) -> None:
        # Without a heartbeat nothing marks a closed tab's state for deletion: let every state expire instead
        # (ChatInterface's own history states are created without a time_to_live).
        for block in self.blocks.values():
            if isinstance(block, gr.State) and block.time_to_live == math.inf:
                block.time_to_live = self.state_ttl
        super().__exit__(*args)

    def get_config_file(self) -> dict:
        config = super().get_config_file()
        # Unload and stream events are what the heartbeat exists for: refuse to break them silently.
        needs = {target[1] for dep in config["dependencies"] for target in dep["targets"]} & {"unload", "stream"}
        if needs:
            raise ValueError(f"ChatPage has no heartbeat, which {', '.join(sorted(needs))} events need")
        config["connect_heartbeat"] = False
        return config

    def launch(self, *args: Any, **kwargs: Any):
        """Launch with the page's theme, CSS, script and session capacity unless the caller passes its own."""
        kwargs.setdefault("state_session_capacity", self.session_capacity)
        kwargs.setdefault("theme", THEME)
        kwargs.setdefault("css", page_css())
        kwargs.setdefault("head", page_head())
        return super().launch(*args, **kwargs)


class Chat(gr.ChatInterface):
    """``gr.ChatInterface`` that works like a chat app: Stop from anywhere, no message taken mid-reply, the
    visitor's text kept as text, a bounded history.

    Each override below names the Gradio 6.31 behaviour it changes; tests/webui/test_page.py fails if an upgrade
    changes that behaviour or the method's contract.

    Gradio locks the input during a typed message's reply but not an example's, so a question typed then
    was answered from a history without the example, and the example's turn vanished. Here every reply
    locks the input with ``BUSY_HINT``; when it ends (or is stopped), the displayed conversation is synced
    into the history state *before* the input unlocks, and the focus returns to the input.

    A message joins the history as the page shows it (``history.shown_user_turn``: the characters typed, cut
    past ``message_limit``), so it never renders as Markdown or HTML; retry and undo give it back as typed.
    """

    reply_events: list

    def __init__(self, *args: Any, message_limit: int, max_turns: int, **kwargs: Any) -> None:
        self.message_limit = message_limit
        self.max_turns = max_turns
        super().__init__(*args, **kwargs)

    async def _stream_fn(self, message, history, *args):
        """Gradio passes the whole history in and appends the reply to it: bound it to the last ``max_turns``
        visitor messages (this one included), and refuse a message that isn't text, naming it."""
        try:
            check_input("message", message)
        except InvalidInput as exc:
            raise gr.Error(str(exc)) from None
        async for item in super()._stream_fn(message, recent_turns(history, self.max_turns - 1), *args):
            yield item

    def _message_as_message_dict(self, message, role):
        """Gradio stores a user message as Markdown source: store the text as shown (``shown_user_turn``)."""
        turns = super()._message_as_message_dict(message, role)
        return [shown_user_turn(turn, self.message_limit) for turn in turns] if role == "user" else turns

    def _pop_last_user_message(self, history):
        """Retry and undo: Gradio gives back the stored (escaped) text; give back the text as typed."""
        history, message = super()._pop_last_user_message(history)
        return history, typed_text(message) if isinstance(message, str) else message

    def _edit_message(self, history, edit_data):
        """Editing a message: as for retry, the text as typed."""
        history, shown, value = super()._edit_message(history, edit_data)
        return history, shown, typed_text(value) if isinstance(value, str) else value

    def every_reply(self, blocks: gr.Blocks) -> list:
        """``reply_events`` and every other event that streams a reply, for ``cancels=``: Gradio keeps no handle
        on the one a message option starts (Confirm on a proposal), so it is found by its function."""
        streams = [fn.fn for fn in blocks.fns.values() if fn.get_config() in self.reply_events]
        found = [fn.get_config() for fn in blocks.fns.values() if fn.fn is not None and fn.fn in streams]
        return [*self.reply_events, *(f for f in found if f not in self.reply_events)]

    def _clear_and_save_textbox(self, message):
        """Gradio empties the input on submit and locks it: also say why it is locked (``BUSY_HINT``)."""
        _, message = super()._clear_and_save_textbox(message)
        return type(self.textbox)("", interactive=False, placeholder=BUSY_HINT), message

    def _setup_stop_events(self, event_triggers, events_to_cancel, after_success) -> None:
        """Gradio wires Stop to the reply events here (the only place it names them): keep them for ``cancels=``
        elsewhere, and sync the history and unlock the input after each, examples included."""
        super()._setup_stop_events(event_triggers, events_to_cancel, after_success)
        # ChatInterface passes [typed message, retry] and, with examples that run on click, [example] last.
        self.reply_events = list(events_to_cancel)
        idle = self.textbox.placeholder

        def settle(history):
            """After a typed message or a retry: Gradio's own last step unlocks (and empties) the input."""
            return history, gr.update(placeholder=idle)

        def settle_example(history):
            """After an example: nothing in Gradio unlocks the input, so unlock it here, with the history synced."""
            return history, gr.update(interactive=True, placeholder=idle)

        self.chatbot.example_select(lambda: gr.update(interactive=False, placeholder=BUSY_HINT), None,
                                    [self.textbox], queue=False, api_visibility="private")
        for i, reply in enumerate(self.reply_events):
            reply.then(settle_example if i == 2 else settle, [self.chatbot], [self.chatbot_state, self.textbox],
                       queue=False, api_visibility="private").then(None, js=FOCUS_INPUT)
