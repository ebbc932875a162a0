"""The conversation export of the running app: every message has its time, a message cut at the limit too."""

from __future__ import annotations

import pytest
from gradio_client import Client

from .conftest import hosted_config, launch

LIMIT = 40


@pytest.fixture(scope="module")
def short_messages(fake_openai):
    """Messages may have at most LIMIT characters; the model answers "Hello! How can I help?"."""
    running = launch(hosted_config(fake_openai.base_url, "ok").model_copy(update={"max_message_chars": LIMIT}))
    try:
        yield running
    finally:
        running.demo.close()


def test_a_message_cut_at_the_limit_is_exported_as_shown_with_its_time(short_messages):
    client = Client(short_messages.url + "/", verbose=False)
    try:
        client.predict("mode=banking&seed=3", api_name="/open_link")
        long = "Please read this out: " + "x" * 100
        client.predict(long, api_name="/chat")
        client.predict("and now?", api_name="/chat")
        messages = client.predict(api_name="/export_conversation")["messages"]
    finally:
        client.close()
    cut = messages[0]
    assert cut["role"] == "user" and cut["content"].startswith(long[:LIMIT] + " …") and "not sent" in cut["content"]
    assert all(m["time"] for m in messages), messages  # before: the cut message's time was null
