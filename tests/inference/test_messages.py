"""Chat history as Gradio 6 hands it over becomes clean role/content messages for the model."""

from __future__ import annotations

import gradio as gr

from inference import NOTICE_MARK, normalise_history


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
        {"role": "assistant", "content": "*Waiting for the local model — 2 requests ahead…*"},
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
