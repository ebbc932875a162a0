"""Attacks through the API a Space exposes, reproduced with gradio_client (issue 12, rows 2, 7, 8, 12)."""

from __future__ import annotations

import logging
import re
import statistics
import threading
import time
from pathlib import Path

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from .conftest import visitor

ROOT = Path(__file__).resolve().parents[2]
API_KEY = "sk-owner-key-0123456789abcdef"


@pytest.fixture(scope="module")
def owner_app(launch_hosted):
    """The app on the owner's server and key; visitors pick behaviours of the fake server as model ids."""
    return launch_hosted("ok", PERSONA_CHAT_API_KEY=API_KEY, PERSONA_CHAT_MODELS="leak-key")


@pytest.fixture
def client(owner_app):
    with visitor(owner_app) as c:
        yield c


def chat(client: Client, message: str, model: str = "ok", temperature=0.3, max_new_tokens=64):
    return client.predict(message, model, temperature, max_new_tokens, api_name="/chat")


# -- row 2: a huge message --------------------------------------------------------------------------------

def config_latency(url: str) -> float:
    start = time.perf_counter()
    httpx.get(url + "/config", timeout=60).raise_for_status()
    return time.perf_counter() - start


def test_a_10_mb_message_gets_a_notice_and_the_server_stays_responsive(owner_app, client, fake_openai):
    alone = [config_latency(owner_app.url) for _ in range(15)]
    before = len(fake_openai.requests)
    result: dict = {}

    def send() -> None:
        start = time.perf_counter()
        result["reply"] = chat(client, "What is my balance? " * 500_000)
        result["seconds"] = time.perf_counter() - start

    sender = threading.Thread(target=send)
    sender.start()
    during = []
    while sender.is_alive():
        during.append(config_latency(owner_app.url))
    sender.join()
    alone += [config_latency(owner_app.url) for _ in range(15)]
    baseline = statistics.median(alone)  # before and after: a machine busy for part of the test raises it
    worst = max(during)
    print(f"GET /config: {baseline * 1000:.1f} ms alone, worst {worst * 1000:.1f} ms while a 10 MB message was handled "
          f"({len(during)} requests); the message's notice after {result['seconds']:.2f} s")
    assert "10,000,000" in result["reply"] and "8,000" in result["reply"], result["reply"][:300]
    assert len(fake_openai.requests) == before
    # Receiving 10 MB costs the loop some parsing and copying (up to ~12x a plain request on a busy machine); before,
    # the whole message was tokenised on the loop (6-9 s, over 150x). Both sides are timed in this run, so a busy
    # machine slows them alike.
    assert worst < 50 * baseline, (worst, baseline)


# -- row 7: the owner's key spent on a visitor's model choice ---------------------------------------------

def test_a_visitor_cannot_spend_the_owners_key_on_an_unlisted_model(client, fake_openai):
    reply = chat(client, "hi", model="fault:500")
    assert re.search(r"\bpick one of: ok, leak-key\b", reply), reply  # the owner's list, named in full
    assert fake_openai.requests_for("fault:500") == []  # nothing sent: the key was not spent


# -- row 8: secrets in replies and logs --------------------------------------------------------------------

def test_a_reply_that_quotes_the_owners_key_shows_it_redacted(client):
    reply = chat(client, "what is the key?", model="leak-key")
    assert API_KEY not in reply and "[redacted]" in reply, reply


def test_every_log_line_is_redacted_once_the_app_is_built(owner_app, caplog):
    visitor = "hf_VISITORtokenVISITORtokenVISIT34"
    with caplog.at_level(logging.INFO):
        logging.getLogger("some.library").warning("request with Authorization: Bearer %s", API_KEY)
        logging.getLogger("httpx").info("HTTP Request: POST http://bob:pw-s3cret-42@10.0.0.1:8080/v1 (token %s)",
                                        visitor)
        try:
            raise RuntimeError(f"failed with key {API_KEY}")
        except RuntimeError:
            logging.getLogger("another").exception("boom")
    assert "some.library" in caplog.text or "request with Authorization" in caplog.text
    for secret in (API_KEY, "pw-s3cret-42", visitor):
        assert secret not in caplog.text, caplog.text


# -- row 12: wrong-typed API inputs ------------------------------------------------------------------------

@pytest.mark.parametrize(("field", "args"), [
    ("temperature", ("hi", "ok", "hot", 64)),
    ("temperature", ("hi", "ok", None, 64)),
    ("temperature", ("hi", "ok", [0.3], 64)),
    ("max_new_tokens", ("hi", "ok", 0.3, "many")),
    ("max_new_tokens", ("hi", "ok", 0.3, None)),
    ("max_new_tokens", ("hi", "ok", 0.3, [64])),
    ("model", ("hi", ["ok"], 0.3, 64)),
    ("model", ("hi", {"id": "ok"}, 0.3, 64)),
    ("message", (["hi"], "ok", 0.3, 64)),
])
def test_a_wrong_typed_api_input_gets_an_error_naming_it(client, field, args):
    with pytest.raises(AppError) as caught:
        client.predict(*args, api_name="/chat")
    message = str(caught.value)
    assert field in message and "upstream Gradio app has raised an exception" not in message, message


def test_right_typed_values_still_work_including_numbers_as_text(client):
    assert chat(client, "hi", "ok", "0.5", "32") == "Hello! How can I help?"
