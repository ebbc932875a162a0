"""Chat history as Gradio 6 hands it over becomes clean role/content messages for the model.

The app's own lines (notices, statuses) are recognised by the mark they are written with, never by wording.
"""

from __future__ import annotations

import gradio as gr
from hypothesis import given
from hypothesis import strategies as st

from inference import NOTICE_MARK
from inference.notices import MODEL_LOADING, notice, waiting
from webui.history import (
    EMPTY_MESSAGE,
    EMPTY_REPLY,
    PERSONA_LOADING,
    STATUS_MARK,
    is_ui_line,
    normalise_history,
    recent_turns,
    status_line,
    strip_notices,
)


def gradio_history(messages: list[dict]) -> list[dict]:
    """What Gradio 6's Chatbot gives a chat function for these messages (postprocess, then preprocess)."""
    chatbot = gr.Chatbot()
    return chatbot.preprocess(chatbot.postprocess(messages))


def test_structured_text_blocks_become_plain_strings():
    history = gradio_history([{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello!"}])
    assert isinstance(history[0]["content"], list)  # the real shape: blocks plus metadata/options keys
    assert normalise_history(history) == [{"role": "user", "content": "hi"},
                                          {"role": "assistant", "content": "Hello!"}]


def test_files_are_named_not_inlined(tmp_path):
    upload = tmp_path / "statement.pdf"
    upload.write_bytes(b"%PDF-1.4")
    history = gradio_history([{"role": "user", "content": {"path": str(upload)}},
                              {"role": "user", "content": "What does it say?"}])
    assert normalise_history(history) == [{"role": "user", "content": "[attached file: statement.pdf]"},
                                          {"role": "user", "content": "What does it say?"}]


def test_notices_status_lines_and_empty_turns_never_reach_the_model():
    history = [
        {"role": "user", "content": "Question one"},
        {"role": "assistant", "content": f"{NOTICE_MARK}Rate limited by the server (429). Wait 7 s and try again."},
        {"role": "user", "content": "Question two"},
        {"role": "assistant", "content": f"Partial answer\n\n{NOTICE_MARK}The connection dropped mid-reply."},
        {"role": "user", "content": "  "},
        {"role": "assistant", "content": status_line(waiting(2))},
        {"role": "user", "content": "Question three"},
        {"role": "assistant", "content": f"{NOTICE_MARK}The hosted model failed (503). The local model answered "
                                         f"instead.\n\nLocal answer with *emphasis*"},
    ]
    assert normalise_history(history) == [
        {"role": "user", "content": "Question one"},
        {"role": "user", "content": "Question two"},
        {"role": "assistant", "content": "Partial answer"},
        {"role": "user", "content": "Question three"},
        {"role": "assistant", "content": "Local answer with *emphasis*"},
    ]


def test_extra_keys_thought_bubbles_and_odd_roles_are_dropped():
    history = [
        {"role": "system", "content": "ignored"},
        {"role": "user", "content": "hi", "metadata": None, "options": [{"value": "x"}]},
        {"role": "assistant", "content": "thinking…", "metadata": {"title": "🧠 Thinking"}},
        {"role": "assistant", "content": [{"type": "text", "text": "Hello"}, {"type": "text", "text": "there"}]},
    ]
    assert normalise_history(history) == [{"role": "user", "content": "hi"},
                                          {"role": "assistant", "content": "Hello\nthere"}]


def test_empty_or_missing_history():
    assert normalise_history(None) == [] and normalise_history([]) == []


def test_every_line_the_app_writes_is_recognised_as_the_apps():
    for line in (PERSONA_LOADING, EMPTY_MESSAGE, EMPTY_REPLY, status_line(MODEL_LOADING), status_line(waiting(1)),
                 notice("Rate limited.", after_text=False), notice("Cut short.", after_text=True)):
        assert is_ui_line(line), line
        assert normalise_history([{"role": "user", "content": "q"}, {"role": "assistant", "content": line}]) == [
            {"role": "user", "content": "q"}]


def test_a_reply_in_italics_is_the_models_own_text_whatever_its_wording():
    # The old parser matched status wording ("*Waiting…*", "*Loading…*") and dropped such replies.
    for reply in ("*Waiting for your documents, then I can help.*", "*Loading your statement now…*", "*nods*"):
        assert normalise_history([{"role": "assistant", "content": reply}]) == [{"role": "assistant", "content": reply}]


_MARKS = (NOTICE_MARK.strip(), STATUS_MARK.strip())
_paragraph = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)), min_size=1).filter(
    lambda p: p.strip() and not p.strip().startswith(_MARKS))


@given(reply=st.lists(_paragraph, min_size=1, max_size=4), status=st.text(min_size=1), text=st.text(min_size=1))
def test_stripping_keeps_exactly_the_reply_paragraphs(reply, status, text):
    body = "\n\n".join(reply)
    assert strip_notices(status_line(status)) == ""
    assert strip_notices(f"{body}{notice(text, after_text=True)}") == body.strip()
    assert strip_notices(f"{notice(text, after_text=False)}\n\n{body}") == body.strip()


def test_a_long_chat_keeps_its_last_turns_with_their_replies_oldest_dropped_first():
    """Issue 12, row 5: a session's chat history is bounded; what is kept still reads as a conversation."""
    chat = [{"role": "assistant", "content": "Welcome"}]
    for i in range(5):
        chat += [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"},
                 {"role": "assistant", "content": f"{NOTICE_MARK}note {i}"}]
    kept = recent_turns(chat, 2)
    assert [t["content"] for t in kept] == ["q3", "a3", f"{NOTICE_MARK}note 3", "q4", "a4", f"{NOTICE_MARK}note 4"]
    assert recent_turns(chat[:4], 2) == chat[:4] and recent_turns(None, 2) == []
    assert recent_turns(chat, 0) == [] and recent_turns(chat[:1], 0) == chat[:1]  # PERSONA_CHAT_MAX_TURNS=1
    assert normalise_history(kept)[0] == {"role": "user", "content": "q3"}


def test_a_history_within_the_owners_limits_is_taken_and_one_over_them_refused():
    from webui.history import HistoryLimits, history_refusal

    limits = HistoryLimits(message_chars=100, max_turns=2, reply_tokens=16)
    chat = [{"role": "assistant", "content": "Welcome"}, {"role": "user", "content": "a" * 100},
            {"role": "assistant", "content": "b" * 16 * 32}, {"role": "user", "content": "c"}]
    assert history_refusal(chat, limits) is None and history_refusal(None, limits) is None
    over = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "x" * (limits.turn_chars + 1)}]
    assert "limit" in history_refusal(over, limits)
    many = [{"role": "user", "content": str(i)} for i in range(limits.max_turns + 2)]
    assert "PERSONA_CHAT_MAX_TURNS" in history_refusal(many, limits)
    assert "isn't a list" in history_refusal("x" * 1000, limits)
