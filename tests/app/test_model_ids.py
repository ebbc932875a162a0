"""A visitor's model id never names a server: refused before any call, on every route (issue 20, row 1).

huggingface_hub sends a request to a model id that is an http(s) URL, with the token of the call: on the
Hugging Face route that is the owner's ``HF_TOKEN`` (or the signed-in visitor's), and the URL can be the
attacker's server or an address inside the Space (169.254.169.254, loopback). A loopback recorder stands
for the attacker: it must receive no request, and no request may go anywhere the owner didn't configure.
"""

from __future__ import annotations

import asyncio

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from inference import ChatSettings, InferenceConfig, complete

from .conftest import launch

OWNER_TOKEN = "hf_OWNERtokenOWNERtokenOWNERtok12"


def hostile_ids(port: int) -> list[str]:
    """URLs as a model id, spelled the ways an attacker would try (the recorder's and the cloud's metadata address)."""
    return [f"http://127.0.0.1:{port}/", f"http://127.0.0.1:{port}/v1", f"https://127.0.0.1:{port}",
            f" http://127.0.0.1:{port}/ ", f"http://127.0.0.1:{port}/\nx", "http://169.254.169.254/latest/"]


def attempt(client: Client, model: str) -> str:
    """What the visitor reads: the chat's reply, or the error the API call raised."""
    try:
        return client.predict("hi", model, 0.3, 64, api_name="/chat")
    except AppError as exc:
        return str(exc)


def assert_refused(reply: str) -> None:
    assert "model" in reply and ("isn't" in reply or "invalid" in reply), reply
    assert "Unexpected" not in reply and "upstream Gradio app" not in reply, reply


@pytest.fixture(scope="module")
def hub_app():
    """The Hugging Face route on the owner's token, the owner letting visitors pick any model (``*``)."""
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "HF_TOKEN": OWNER_TOKEN,
                                       "PERSONA_CHAT_MODELS": "*"})
    running = launch(config)
    try:
        yield running
    finally:
        running.demo.close()


@pytest.fixture(scope="module")
def server_app(launch_hosted):
    """The owner's own OpenAI-compatible server, any name allowed (``*``)."""
    return launch_hosted("ok", PERSONA_CHAT_MODELS="*")


def visitor(app) -> Client:
    client = Client(app.url + "/", verbose=False)
    client.predict("mode=banking&seed=3", api_name="/open_link")
    return client


def test_a_url_as_model_id_on_the_hugging_face_route_is_refused_and_nothing_is_called(hub_app, recorder):
    client = visitor(hub_app)
    try:
        for model in hostile_ids(recorder.port):
            assert_refused(attempt(client, model))
    finally:
        client.close()
    assert recorder.requests == []


def test_a_url_as_model_id_on_the_owners_server_is_refused_before_any_call(server_app, fake_openai, recorder):
    before = len(fake_openai.requests)
    client = visitor(server_app)
    try:
        for model in hostile_ids(recorder.port):
            assert_refused(attempt(client, model))
        assert client.predict("hi", "any-name:7b", 0.3, 64, api_name="/chat") == "Hello! How can I help?"
    finally:
        client.close()
    assert recorder.requests == []
    assert [r["model"] for r in fake_openai.requests[before:]] == ["any-name:7b"]


def test_a_signed_in_visitors_url_model_id_is_refused_by_the_inference_layer_itself(recorder):
    """On their own token a visitor may pick any Hub model, never a server; a caller that skipped validation too."""
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted"})
    for model in hostile_ids(recorder.port):
        settings = ChatSettings.model_construct(model=model, temperature=0.3, max_new_tokens=64)
        reply = asyncio.run(complete("You are helpful.", [{"role": "user", "content": "hi"}], settings,
                                     oauth_token="hf_VISITORtokenVISITORtokenVISIT34", config=config))
        assert_refused(reply)
    assert recorder.requests == []
