"""The owner's logs: nothing a visitor sends can forge a line, and no conversation text is logged (issue 20, row 7).

A visitor picks the model id (where the owner lets them) and a fault names it in the log; the loop guard
logged up to 80 characters of the reply it stopped. Captured with caplog from the app running in-process.
"""

from __future__ import annotations

import contextlib
import logging

import pytest
from gradio_client.exceptions import AppError

from .conftest import visitor

FORGED = "2026-12-08 00:00:00 CRITICAL root: owner token rotated"


@pytest.fixture(scope="module")
def app(launch_hosted):
    """The owner's server, visitors may name any model on it (``*``)."""
    return launch_hosted("ok", PERSONA_CHAT_MODELS="*")


@pytest.fixture
def client(app):
    with visitor(app) as c:
        yield c


def lines(caplog, level: int = logging.INFO) -> list[str]:
    """Every line the log handlers would write at ``level`` or above."""
    return [line for r in caplog.records if r.levelno >= level for line in r.getMessage().splitlines()]


@pytest.mark.parametrize("model", [f"fault:end\n{FORGED}", f"fault:404\r\n{FORGED}", f"fault:503\u2028{FORGED}"])
def test_a_visitors_model_id_cannot_forge_a_log_line(client, caplog, model):
    with caplog.at_level(logging.INFO), contextlib.suppress(AppError):  # refused or answered: the log is the point
        client.predict("hi", model, 0.3, 64, api_name="/chat")
    assert not any(line.startswith(FORGED) for line in lines(caplog)), lines(caplog)
    assert not any("\u2028" in line or "\r" in line for line in lines(caplog)), lines(caplog)


def test_no_message_or_reply_text_is_logged(client, caplog):
    with caplog.at_level(logging.INFO):
        reply = client.predict("my secret question about 1,234", "loop", 0.3, 64, api_name="/chat")
    assert "balance is 1,234 dollars" in reply  # the loop guard stopped a repeating reply ...
    logged = "\n".join(lines(caplog))
    assert "Loop guard" in logged, logged  # ... and said so,
    assert "balance" not in logged and "secret question" not in logged, logged  # without quoting either side
