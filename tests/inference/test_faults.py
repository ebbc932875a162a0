"""Every hosted fault becomes a short, specific chat message; history is kept and the next message works."""

from __future__ import annotations

import copy
import time

import pytest

from inference import NOTICE_MARK, ChatSettings, InferenceConfig
from webui import normalise_history

HISTORY = [
    {"role": "user", "content": "Hi, what plan am I on?"},
    {"role": "assistant", "content": "You're on the Gold plan."},
    {"role": "user", "content": "And when does it renew?"},
]

# (fake server behaviour, words the message must contain, is text streamed before the fault?)
FAULTS = [
    ("fault:401", ["401", "PERSONA_CHAT_API_KEY"], False),
    ("fault:403", ["403", "refused"], False),
    ("fault:404", ["404", "“fault:404”", "not found", "PERSONA_CHAT_MODEL"], False),
    ("fault:429:retry=7", ["429", "Rate limited", "Wait 7 s"], False),
    ("fault:429", ["429", "Wait a minute"], False),
    ("fault:503", ["503", "loading or unavailable", "Try again"], False),
    ("fault:500", ["500", "internal error", "Try again"], False),
    ("fault:502", ["502", "internal error"], False),
    ("fault:400", ["400", "rejected the request"], False),
    ("fault:cut", ["connection dropped mid-reply", "cut off", "Send your message again"], True),
    ("fault:end", ["connection closed mid-reply", "cut off"], True),
    ("fault:end:first", ["closed the connection before replying", "Try again"], False),
    ("fault:error-event", ["reported an error mid-reply", "injected failure"], True),
    ("fault:error-event:first", ["reported an error", "injected failure"], False),
    ("fault:error-event:openai", ["reported an error mid-reply", "(UnknownError: injected failure inside the stream)"],
     True),
    ("fault:malformed", ["malformed stream chunk mid-reply", "couldn't be read"], True),
    ("fault:malformed:shape", ["malformed stream chunk mid-reply", "OpenAI-compatible"], True),
    ("fault:malformed:first", ["malformed stream chunk,", "couldn't be read"], False),
    ("fault:402", ["402", "PERSONA_CHAT_API_KEY"], False),
]


def assert_recovers(reply, config: InferenceConfig, history: list[dict], text: str) -> None:
    """The faulty turn, fed back as history, is clean; the next message with a healthy model works."""
    following = [*normalise_history([*history, {"role": "assistant", "content": text}]),
                 {"role": "user", "content": "Try again please"}]
    assert all(NOTICE_MARK not in m["content"] for m in following)
    deltas, _ = reply(following, config, ChatSettings(model="ok"))
    assert "".join(deltas) == "Hello! How can I help?"


@pytest.mark.parametrize(("behaviour", "words", "partial"), FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_gives_a_specific_message_and_keeps_history(reply, hosted_config, behaviour, words, partial):
    config, history = hosted_config(behaviour), copy.deepcopy(HISTORY)
    deltas, _ = reply(history, config)
    text = "".join(deltas)

    assert history == HISTORY
    notice = deltas[-1]
    if partial:
        assert text.startswith("Partial reply ")
        assert notice.startswith("\n\n" + NOTICE_MARK)
    else:
        assert notice.startswith(NOTICE_MARK) and len(deltas) == 1
    for word in words:
        assert word in notice
    assert len(notice) < 260 and "Traceback" not in text and "huggingface_hub" not in text
    assert_recovers(reply, config, history, text)


def test_timeout_before_first_token_names_the_wait_and_the_setting(reply, hosted_config, fake_openai):
    config = hosted_config("fault:timeout=20", PERSONA_CHAT_TIMEOUT="1")
    started = time.monotonic()
    deltas, _ = reply(list(HISTORY), config)

    assert time.monotonic() - started < 15  # gave up on its own, long before the server would answer
    assert len(deltas) == 1 and deltas[0].startswith(NOTICE_MARK)
    assert "within 1 s" in deltas[0] and "PERSONA_CHAT_TIMEOUT" in deltas[0]
    assert_recovers(reply, config, HISTORY, deltas[0])


def test_connection_refused_says_so_and_what_to_check(reply, unused_port, fake_openai):
    """Which server it was is in the owner's log, not in the visitor's notice (tests/inference/test_addresses.py)."""
    port = unused_port
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted",
                                       "PERSONA_CHAT_BASE_URL": f"http://127.0.0.1:{port}/v1"})
    deltas, _ = reply(list(HISTORY), config)

    assert len(deltas) == 1 and deltas[0].startswith(NOTICE_MARK)
    assert "model server" in deltas[0] and "connection refused" in deltas[0]
    assert "PERSONA_CHAT_BASE_URL" in deltas[0]
    assert_recovers(reply, InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_MODEL": "ok",
                                                     "PERSONA_CHAT_BASE_URL": fake_openai.base_url}),
                    HISTORY, deltas[0])


def test_hosted_without_any_token_asks_to_sign_in(reply, monkeypatch):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted"})
    deltas, _ = reply(list(HISTORY), config)

    assert len(deltas) == 1 and deltas[0].startswith(NOTICE_MARK)
    assert "Sign in" in deltas[0] and "HF_TOKEN" in deltas[0]


def test_nothing_is_retried_blindly(reply, hosted_config, fake_openai):
    before = len(fake_openai.requests_for("fault:503"))
    reply(list(HISTORY), hosted_config("fault:503"))
    assert len(fake_openai.requests_for("fault:503")) == before + 1


def test_faults_are_logged_without_traceback_for_known_faults(reply, hosted_config, caplog):
    with caplog.at_level("WARNING", logger="inference"):
        reply(list(HISTORY), hosted_config("fault:429:retry=7"))
    assert any("http-429" in r.getMessage() for r in caplog.records)
    assert all(r.exc_info is None for r in caplog.records)


@pytest.mark.slow
def test_fallback_to_local_says_so_and_the_local_model_answers(reply, hosted_config, gguf_path):
    config = hosted_config("fault:503", PERSONA_CHAT_FALLBACK="1", PERSONA_CHAT_GGUF=str(gguf_path))
    asked = []

    def prompt(backend, messages):
        asked.append(backend.kind)
        return f"You are a {backend.prompt_style} assistant.", messages

    deltas, _ = reply([{"role": "user", "content": "Say hello."}], config, ChatSettings(max_new_tokens=12),
                      prompt=prompt)

    assert asked == ["hosted", "local"]  # the prompt is re-worded for the backend that actually answers
    assert deltas[0].startswith(NOTICE_MARK) and "503" in deltas[0] and "local model" in deltas[0]
    assert deltas[0].endswith("\n\n")
    answer = "".join(deltas[1:])
    assert answer.strip() and NOTICE_MARK not in answer
    assert normalise_history([{"role": "assistant", "content": "".join(deltas)}])[0]["content"] == answer.strip()


def test_fallback_is_off_by_default(reply, hosted_config):
    deltas, _ = reply([{"role": "user", "content": "hi"}], hosted_config("fault:503"))
    assert len(deltas) == 1 and "local model" not in deltas[0]


def test_fallback_does_not_apply_once_text_has_streamed(reply, hosted_config):
    deltas, _ = reply([{"role": "user", "content": "hi"}], hosted_config("fault:cut", PERSONA_CHAT_FALLBACK="on"))
    assert "".join(deltas).startswith("Partial reply ") and "cut off" in deltas[-1]


def test_prompt_function_gets_the_answering_backend_and_its_prompt_is_sent(reply, hosted_config, fake_openai):
    import hashlib

    seen = []

    def prompt(backend, messages):
        seen.append(backend)
        return f"Style: {backend.prompt_style}\n- Name: Ada Lovelace", messages[-1:]

    deltas, _ = reply(list(HISTORY), hosted_config("echo-system"), prompt=prompt)

    system = "Style: full\n- Name: Ada Lovelace"
    assert [b.kind for b in seen] == ["hosted"] and seen[0].model == "echo-system"
    assert "".join(deltas) == f"Ada Lovelace SYSTEM-SHA256:{hashlib.sha256(system.encode()).hexdigest()}"
    assert len(deltas) > 1
    assert fake_openai.requests_for("echo-system")[-1]["body"]["messages"][1:] == HISTORY[-1:]


def test_the_settings_model_is_the_one_the_prompt_sees_and_the_server_is_asked(reply, hosted_config, fake_openai):
    seen = []

    def prompt(backend, messages):
        seen.append(backend.model)
        return "You are a support assistant.", messages

    before = len(fake_openai.requests_for("fault:503"))
    deltas, _ = reply(list(HISTORY), hosted_config("fault:503"), ChatSettings(model="ok"), prompt=prompt)

    assert seen == ["ok"]
    assert deltas and NOTICE_MARK not in "".join(deltas)
    assert len(fake_openai.requests_for("fault:503")) == before  # the configured model is never asked


def test_offline_mode_is_named_instead_of_failing_obscurely(reply, hosted_config, fake_openai, monkeypatch):
    monkeypatch.setattr("huggingface_hub.constants.HF_HUB_OFFLINE", True)
    before = len(fake_openai.requests)
    deltas, _ = reply(list(HISTORY), hosted_config("ok"))

    assert len(deltas) == 1 and "HF_HUB_OFFLINE is set" in deltas[0] and "PERSONA_CHAT_BACKEND=local" in deltas[0]
    assert len(fake_openai.requests) == before
