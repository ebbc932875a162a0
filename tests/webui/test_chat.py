"""The chat function against the fault-injecting OpenAI-compatible server on loopback."""

from __future__ import annotations

import asyncio
import time

from inference import ChatSettings, InferenceConfig
from webui import open_session, respond
from webui.history import EMPTY_MESSAGE, PERSONA_LOADING


def _config(base_url: str) -> InferenceConfig:
    """The fake server; tests pick its behaviour per message as the Settings model (any is allowed here)."""
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                     "PERSONA_CHAT_MODELS": "*"})


async def _collect(stream) -> list[str]:
    return [chunk async for chunk in stream]


def test_the_apps_own_lines_never_reach_the_model(fake_openai):
    session = open_session("banking", 7, "en_US")
    config = _config(fake_openai.base_url)
    settings = ChatSettings()
    history = []
    for message, expect in (("   ", EMPTY_MESSAGE), ("hello", None)):
        chunks = asyncio.run(_collect(respond(message, history, session, settings.model_copy(update={"model": "ok"}), config)))
        if expect:
            assert chunks == [expect]
        history += [{"role": "user", "content": message}, {"role": "assistant", "content": chunks[-1]}]
    history += [{"role": "user", "content": "are you there?"}, {"role": "assistant", "content": PERSONA_LOADING}]

    chunks = asyncio.run(_collect(respond("what is my balance?", history, session,
                                          settings.model_copy(update={"model": "ok"}), config)))
    assert chunks[-1] == "Hello! How can I help?"
    sent = fake_openai.requests_for("ok")[-1]["body"]["messages"]
    text = " ".join(str(m["content"]) for m in sent)
    assert "Please type a message" not in text and "still loading" not in text
    assert [m["content"] for m in sent if m["role"] == "user"][-1].endswith("what is my balance?")
    assert "Hello! How can I help?" in text  # the real earlier reply is kept


def test_stop_releases_the_hosted_connection_at_once(fake_openai):
    session = open_session("insurance", 3, "en_US")
    settings = ChatSettings().model_copy(update={"model": "slow:20"})

    async def stop_after_first_text() -> str:
        stream = respond("hi", [], session, settings, _config(fake_openai.base_url))
        async for chunk in stream:
            if chunk.startswith("word"):
                await stream.aclose()  # what Gradio does when the user presses Stop
                return chunk
        raise AssertionError("no text streamed")

    assert asyncio.run(stop_after_first_text()).startswith("word0")
    deadline = time.monotonic() + 5  # the server writes a chunk every second; it must notice within a few
    while fake_openai.requests_for("slow:20")[-1]["outcome"] != "client-closed":
        assert time.monotonic() < deadline, fake_openai.requests_for("slow:20")[-1]["outcome"]
        time.sleep(0.1)
