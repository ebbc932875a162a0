"""The owner's limits hold on every path a caller can take, not only in the page's widgets (issue 20, rows 2, 8).

The chat's events skip Gradio's preprocessing (so a wrong-typed value gets a message naming it), which also
skipped the Settings sliders' bounds; and the chatbot's own sync events copy whatever history the browser sends
into the session. Attacks go through the queue (gradio_client) and the unqueued routes (``/gradio_api/run``).
"""

from __future__ import annotations

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from .conftest import visitor

TUNED = 128


@pytest.fixture(scope="module")
def app(launch_hosted):
    """The owner's server; the reply lists the visitor turns it was sent (``echo-turns``)."""
    return launch_hosted("echo-turns")


@pytest.fixture(scope="module")
def tuned_app(launch_hosted):
    """The owner's server with the owner's own reply limit, PERSONA_CHAT_MAX_NEW_TOKENS."""
    return launch_hosted("ok", PERSONA_CHAT_MAX_NEW_TOKENS=str(TUNED))


@pytest.fixture
def client(app):
    with visitor(app) as c:
        yield c


def refusal(call) -> str:
    with pytest.raises(AppError) as caught:
        call()
    return str(caught.value)


def slider_maximum(url: str, label: str) -> float:
    config = httpx.get(url + "/config", timeout=30).json()
    return next(c["props"]["maximum"] for c in config["components"] if c.get("props", {}).get("label") == label)


# -- row 2: the Settings' bounds on every path ---------------------------------------------------------------

def test_settings_beyond_the_sliders_are_refused_naming_the_input(app, client, fake_openai):
    before = len(fake_openai.requests)
    tokens = refusal(lambda: client.predict("hi", None, 0.3, 4096, api_name="/chat"))
    assert "max_new_tokens" in tokens and "1,024" in tokens and "PERSONA_CHAT_MAX_NEW_TOKENS" in tokens, tokens
    heat = refusal(lambda: client.predict("hi", None, 2.0, 64, api_name="/chat"))
    assert "temperature" in heat and "1.5" in heat, heat
    assert "temperature" in refusal(lambda: client.predict("hi", None, -0.1, 64, api_name="/chat"))
    assert fake_openai.requests[before:] == []
    assert slider_maximum(app.url, "Max new tokens") == 1024 and slider_maximum(app.url, "Temperature") == 1.5


def test_the_owner_sets_the_reply_limit_once_for_the_slider_and_the_api(tuned_app, fake_openai):
    client = Client(tuned_app.url + "/", verbose=False)
    try:
        client.predict("mode=banking&seed=3", api_name="/open_link")
        said = refusal(lambda: client.predict("hi", None, 0.3, TUNED + 1, api_name="/chat"))
        assert "max_new_tokens" in said and str(TUNED) in said, said
        assert client.predict("hi", None, 0.3, TUNED, api_name="/chat") == "Hello! How can I help?"
    finally:
        client.close()
    assert fake_openai.requests[-1]["body"]["max_tokens"] == TUNED
    assert slider_maximum(tuned_app.url, "Max new tokens") == TUNED


# -- row 8: every history the server accepts is within the limits ---------------------------------------------

def turn(role: str, text: str) -> dict:
    """A chat message as the browser sends it (content blocks)."""
    return {"role": role, "content": [{"type": "text", "text": text}]}


def sync_event(running) -> str:
    """The chatbot's own sync event (ChatInterface copies the displayed chat into the session's history)."""
    chatbot = next(b for b in running.demo.blocks.values() if b.elem_id == "chatbot")
    return next(fn.api_name for fn in running.demo.fns.values()
                if fn.inputs == [chatbot] and fn.api_name.startswith("lambda") and not fn.queue)


def push_history(running, session: str, history: list[dict]) -> httpx.Response:
    return httpx.post(f"{running.url}/gradio_api/run/{sync_event(running)}",
                      json={"data": [history], "session_hash": session}, timeout=120)


@pytest.mark.parametrize("history", [
    [turn("user", "hi"), turn("assistant", "x" * 10_000_000)],
    [turn("user", "y" * 2_000_000), turn("assistant", "ok")],
    [t for i in range(500) for t in (turn("user", f"q{i}"), turn("assistant", "a"))],
], ids=["10-MB-reply", "2-MB-message", "500-turns"])
def test_a_history_over_the_limits_sent_back_by_the_chat_is_refused(app, client, history):
    response = push_history(app, client.session_hash, history)
    assert response.status_code != 200 and "limit" in response.text, response.text[:300]
    held = client.predict(api_name="/export_conversation")["messages"]
    assert sum(len(m["content"]) for m in held) < 100_000 and len(held) < 100


def test_a_history_within_the_limits_still_syncs(app, client):
    history = [turn("user", "first question"), turn("assistant", "first answer")]
    assert push_history(app, client.session_hash, history).status_code == 200
    reply = client.predict("second question", api_name="/chat")
    assert reply.startswith("TURNS: first question | ") and "second question" in reply, reply


def test_the_bounded_chatbot_reaches_the_page_as_the_chatbot_it_is(app):
    config = httpx.get(app.url + "/config", timeout=30).json()
    chatbot = next(c for c in config["components"] if c.get("props", {}).get("elem_id") == "chatbot")
    assert chatbot["type"] == "chatbot" and chatbot["props"]["label"] == "Chat" and "limits" not in chatbot["props"]
