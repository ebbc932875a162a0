"""The page's Gradio adjustments (webui/page.py) and the small views it shows, without a server."""

from __future__ import annotations

import asyncio
import math

import gradio as gr
import pytest

from inference import InferenceConfig, resolve_backend
from webui.backend_view import model_settings
from webui.banner import warning_banner
from webui.history import typed_text
from webui.page import BUSY_HINT, STATIC, Chat, ChatPage, page_css, page_head


def echo(message, history, *extra):
    yield message


def test_any_chat_interface_makes_gradio_hold_a_heartbeat_connection_per_tab():
    """The cause of issue 10's stuck seventh tab: ChatInterface's own states, even with no gr.State of ours."""
    with gr.Blocks() as plain:
        gr.ChatInterface(echo)
    assert plain.get_config_file()["connect_heartbeat"] is True
    states = [b for b in plain.blocks.values() if isinstance(b, gr.State)]
    assert len(states) >= 4


def test_the_chat_page_needs_no_heartbeat_and_lets_every_state_expire():
    with ChatPage(state_ttl=120) as page:
        ours = gr.State(None, time_to_live=60)
        Chat(echo, additional_inputs=[ours], message_limit=100, max_turns=5)
    assert page.get_config_file()["connect_heartbeat"] is False
    ttls = {b._id: b.time_to_live for b in page.blocks.values() if isinstance(b, gr.State)}
    assert ttls[ours._id] == 60  # a state's own time to live is kept
    assert all(ttl != math.inf for ttl in ttls.values()) and 120 in ttls.values()


def test_the_chat_page_refuses_events_that_need_the_heartbeat():
    with pytest.raises(ValueError, match="unload"), ChatPage(state_ttl=120) as page:
        page.unload(lambda: None)


def test_every_reply_of_the_chat_can_be_stopped_from_elsewhere():
    with ChatPage(state_ttl=120):
        chat = Chat(echo, examples=["hi"], textbox=gr.Textbox(placeholder="Ask", submit_btn="Send", stop_btn="Stop"),
                    message_limit=100, max_turns=5)
    assert len(chat.reply_events) == 3  # a typed message, a retry, an example
    assert chat.original_stop_btn == "Stop" and chat.textbox.submit_btn == "Send"
    locked, _ = chat._clear_and_save_textbox("hello")
    assert locked.constructor_args["interactive"] is False and locked.constructor_args["placeholder"] == BUSY_HINT


def test_the_page_assets_are_inline_and_complete():
    head = page_head()
    assert head.startswith("<script>") and head.rstrip().endswith("</script>")
    assert (STATIC / "page.js").read_text() in head
    for name in ("settled", "followLink", "focusInput", "popstate"):
        assert name in head
    assert "#link-warning" in page_css()


def test_warnings_are_shown_as_text_never_markup():
    html = warning_banner(["Unknown mode '<img src=x onerror=alert(1)>'", "Seed 'a&b' is not a whole number"])
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "a&amp;b" in html and html.count("<p>") == 2
    assert warning_banner([]) == ""


def test_settings_offer_a_model_box_only_when_a_hosted_model_answers():
    local = model_settings(resolve_backend(InferenceConfig(backend="local")))
    assert not local.hosted_box and "SmolLM2-135M-Instruct" in local.note
    hosted = model_settings(resolve_backend(InferenceConfig(backend="hosted", model="org/model")))
    assert hosted.hosted_box and hosted.note == ""


def test_the_model_picker_offers_the_owners_list_and_custom_ids_only_on_the_visitors_own_token():
    owner = InferenceConfig(backend="hosted", model="org/default", models=("org/second", "org/default", "org/third"))
    on_owner = model_settings(resolve_backend(owner), owner, None)
    assert on_owner.choices == ("org/default", "org/second", "org/third") and not on_owner.custom
    signed_in = model_settings(resolve_backend(owner, "hf_visitor"), owner, "hf_visitor")
    assert signed_in.choices == on_owner.choices and signed_in.custom  # their own token, their own bill
    base_url = InferenceConfig(backend="hosted", base_url="http://127.0.0.1:9/v1", model="small")
    assert not model_settings(resolve_backend(base_url, "hf_visitor"), base_url, "hf_visitor").custom  # owner's key
    anything = InferenceConfig(backend="hosted", model="org/default", models=("*",))
    picked = model_settings(resolve_backend(anything), anything, None)
    assert picked.choices == ("org/default",) and picked.custom


# -- each override of a private ChatInterface method: the Gradio behaviour it changes is still there ----------

def _plain_and_ours(**kwargs):
    with ChatPage(state_ttl=120):
        plain = gr.ChatInterface(echo, **kwargs)
        ours = Chat(echo, message_limit=16, max_turns=2, **kwargs)
    return plain, ours


def test_gradio_stores_a_user_message_as_markdown_and_the_chat_stores_it_as_text():
    plain, ours = _plain_and_ours()
    typed = "<b>hi</b> *x*"
    assert plain._message_as_message_dict(typed, "user") == [{"role": "user", "content": typed}]
    (turn,) = ours._message_as_message_dict(typed, "user")
    assert typed_text(turn["content"]) == typed and "<b>" not in turn["content"]
    (long,) = ours._message_as_message_dict("x" * 30, "user")
    assert "16-character limit" in typed_text(long["content"])  # cut past message_limit, saying so
    assert ours._message_as_message_dict("**reply**", "assistant") == [{"role": "assistant", "content": "**reply**"}]


def test_gradio_gives_back_the_stored_text_on_retry_undo_and_edit_and_the_chat_the_typed_text():
    plain, ours = _plain_and_ours()
    stored = ours._message_as_message_dict("a*b <c>", "user")[0]["content"]
    history = [{"role": "user", "content": [{"type": "text", "text": stored}]},
               {"role": "assistant", "content": [{"type": "text", "text": "ok"}]}]
    assert plain._pop_last_user_message(history) == ([], stored)
    assert ours._pop_last_user_message(history) == ([], "a*b <c>")
    edit = gr.EditData(target=None, data={"index": 0, "value": stored, "previous_value": stored})
    assert plain._edit_message(history, edit) == ([], [], stored)
    assert ours._edit_message(history, edit) == ([], [], "a*b <c>")


def test_gradio_locks_the_input_without_a_word_and_the_chat_says_why():
    plain, ours = _plain_and_ours()
    locked, message = plain._clear_and_save_textbox("hello")
    assert locked.constructor_args["placeholder"] == "" and message == "hello"
    locked, message = ours._clear_and_save_textbox("hello")
    assert locked.constructor_args["placeholder"] == BUSY_HINT and message == "hello"


def test_gradio_names_the_reply_events_only_when_it_wires_stop_and_the_chat_keeps_them():
    seen = {}

    class Spy(gr.ChatInterface):
        def _setup_stop_events(self, event_triggers, events_to_cancel, after_success):
            seen["events"] = list(events_to_cancel)
            super()._setup_stop_events(event_triggers, events_to_cancel, after_success)

    with ChatPage(state_ttl=120):
        Spy(echo, examples=["hi"])
    assert len(seen["events"]) == 3 and all(isinstance(e, gr.events.Dependency) for e in seen["events"])


def test_gradio_passes_the_whole_history_and_the_chat_only_its_last_turns():
    async def count(message, history):
        yield str(len(history))

    def turns(n):
        return [t for i in range(n) for t in ({"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": "a"})]

    async def first(chat, history):
        async for reply, _ in chat._stream_fn("next", history):
            return reply

    with ChatPage(state_ttl=120):
        plain = gr.ChatInterface(count)
        ours = Chat(count, message_limit=100, max_turns=2)
    assert asyncio.run(first(plain, turns(5))) == "10"
    assert asyncio.run(first(ours, turns(5))) == "2"  # with this message: the last two visitor messages
    with pytest.raises(gr.Error, match="The message input is invalid"):
        asyncio.run(first_of_message(ours, ["not text"]))


async def first_of_message(chat, message):
    async for item in chat._stream_fn(message, []):
        return item


def test_the_chat_inputs_render_as_gradios_own_and_hand_over_the_value_as_sent():
    from webui.inputs import MessageBox, ModelPicker, SettingSlider

    for ours, name, sent in ((SettingSlider(0, 1), "slider", "hot"), (ModelPicker(["a"]), "dropdown", ["b"]),
                             (MessageBox(), "textbox", 42)):
        assert ours.get_block_name() == name and ours.preprocess(sent) == sent
    with pytest.raises(gr.Error):  # what Gradio's own would do: refuse with a message that names no input
        gr.Slider(0, 1).preprocess(3)
    assert gr.Textbox().preprocess(42) == "42"
