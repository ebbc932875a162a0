"""The chat's own work per streamed delta and per stored turn stays bounded, whatever the reply or history holds."""

from __future__ import annotations

import asyncio
import time

from hypothesis import given
from hypothesis import strategies as st

from inference import ChatSettings, InferenceConfig
from webui import open_session, respond
from webui.markup import InertReply, inert

PIECES = st.sampled_from(["<", "b", ">", "</", "img", " src=x", "!", "[", "](u)", " ", "  ", "\n", "p/>", "h1", "x"])


@given(st.lists(PIECES, max_size=40))
def test_a_reply_made_inert_a_delta_at_a_time_reads_as_the_whole_reply_made_inert(deltas):
    shown, text = InertReply(), ""
    for delta in deltas:
        text += delta
        assert shown.add(delta) == inert(text)


def test_making_a_long_markup_heavy_reply_inert_is_linear():
    """64,000 characters of tags and images in 4-character deltas: ~0.1 s incrementally (re-reading: ~10 s)."""
    text = ("<img src=x> ![a](u) <b>bold</b> <p/> " * 2000)[:64_000]
    shown, start = InertReply(), time.process_time()
    for i in range(0, len(text), 4):
        out = shown.add(text[i:i + 4])
        assert time.process_time() - start < 2.0
    assert out == inert(text)


def _config(base_url: str) -> InferenceConfig:
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                     "PERSONA_CHAT_MODELS": "*"})


def test_a_huge_stored_turn_is_not_read_past_the_size_limit(fake_openai):
    """A 10 MB assistant turn stored through the chatbot's sync events: the next reply reads only its start."""
    session = open_session("banking", 7, "en_US")
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "word\n\n" * 1_750_000}]
    settings = ChatSettings(model="ok")

    async def collect():
        return [chunk async for chunk in respond("what is my balance?", history, session, settings,
                                                 _config(fake_openai.base_url))]

    asyncio.run(collect())  # the first request sets up the HTTP client's shared state
    start = time.process_time()
    assert asyncio.run(collect())[-1] == "Hello! How can I help?"
    assert time.process_time() - start < 0.3  # reading the whole turn: ~1 s, and ~10 s at 100 MB
    sent = fake_openai.requests_for("ok")[-1]["body"]["messages"]
    assert all(len(m["content"]) <= 64_000 for m in sent)


def test_a_long_reply_streams_through_the_chat_at_a_constant_cost_per_delta(fake_openai):
    """12,000 deltas (~90,000 characters) through guard, redaction and markup: seconds of CPU at most, not minutes
    (the in-process fake server's own work is included)."""
    session = open_session("banking", 7, "en_US")
    settings = ChatSettings(model="drip:0:n=12000", max_new_tokens=4096)

    async def collect():
        start, shown = time.process_time(), []
        async for text in respond("hi", [], session, settings, _config(fake_openai.base_url)):
            shown[:] = [text]
            assert time.process_time() - start < 8.0
        return shown[0]

    assert asyncio.run(collect()).endswith("drip11999 ")
