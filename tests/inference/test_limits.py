"""Limits a public Space needs: a message's size and a whole reply's duration (issue 12, rows 2 and 11)."""

from __future__ import annotations

import asyncio
import time
from contextlib import aclosing

from inference import NOTICE_MARK, ChatSettings, InferenceConfig, Status, stream_reply

from .conftest import PERSONA_PROMPT

BIG = "What is my balance? " * 500_000  # 10,000,000 characters
SHORT = [{"role": "user", "content": "What is my balance?"}]


def fastest(run, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def assert_size_notice(deltas: list[str], size: int) -> None:
    assert len(deltas) == 1 and deltas[0].startswith(NOTICE_MARK), deltas
    assert f"{size:,}" in deltas[0] and "8,000" in deltas[0], deltas[0]


def test_a_huge_message_gets_a_notice_at_once_on_the_hosted_path(reply, hosted_config, fake_openai):
    config = hosted_config("ok")
    before = len(fake_openai.requests)
    deltas, _ = reply([{"role": "user", "content": BIG}], config)
    assert_size_notice(deltas, len(BIG))
    assert len(fake_openai.requests) == before  # refused before anything was sent (or tokenised)

    short = fastest(lambda: reply(SHORT, config))  # one real round trip to the loopback server
    huge = fastest(lambda: reply([{"role": "user", "content": BIG}], config))
    print(f"10 MB message: {huge * 1000:.2f} ms to its notice; a short message's reply: {short * 1000:.2f} ms")
    assert huge < short, (huge, short)


def test_a_huge_message_gets_a_notice_at_once_on_the_embedded_model(reply, local_config):
    big = BIG[:200_000]
    settings = ChatSettings(max_new_tokens=8)
    reply(SHORT, local_config, settings)  # loads the model
    deltas, _ = reply([{"role": "user", "content": big}], local_config, settings)
    assert_size_notice(deltas, len(big))

    short = fastest(lambda: reply(SHORT, local_config, settings), times=2)
    huge = fastest(lambda: reply([{"role": "user", "content": big}], local_config, settings), times=2)
    print(f"200 KB message: {huge * 1000:.2f} ms to its notice; an 8-token local reply: {short * 1000:.2f} ms")
    assert huge < short, (huge, short)


def test_a_message_at_the_limit_is_sent_and_older_refused_ones_are_not_resent(reply, hosted_config, fake_openai):
    config = hosted_config("ok", PERSONA_CHAT_MAX_MESSAGE_CHARS="100")
    history = [{"role": "user", "content": "x" * 101}, {"role": "assistant", "content": "⚠️ too long"},
               {"role": "user", "content": "y" * 100}]
    deltas, _ = reply(history, config)
    assert "".join(deltas) == "Hello! How can I help?"
    sent = fake_openai.requests_for("ok")[-1]["body"]["messages"]
    assert [m["content"] for m in sent if m["role"] == "user"] == ["y" * 100]


def test_a_slow_drip_is_cut_by_the_whole_reply_limit_and_keeps_its_text(reply, hosted_config, fake_openai):
    """One token every 0.5 s never trips the per-read timeout; the whole-reply limit (2 s here) does."""
    model = "drip:0.5:n=20"  # a 10 s reply
    config = hosted_config(model, PERSONA_CHAT_REPLY_TIMEOUT="2")
    start = time.monotonic()
    deltas, _ = reply(SHORT, config)
    elapsed = time.monotonic() - start

    text = "".join(deltas)
    assert text.startswith("drip0 drip1 "), text
    assert deltas[-1].startswith("\n\n" + NOTICE_MARK) and "PERSONA_CHAT_REPLY_TIMEOUT" in deltas[-1], deltas[-1]
    assert "cut off" in deltas[-1] or "stopped" in deltas[-1]
    assert elapsed < 10 / 2, elapsed  # stopped near the limit, not when the server finished
    deadline = time.monotonic() + 10
    while fake_openai.requests_for(model)[-1]["outcome"] != "client-closed" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert fake_openai.requests_for(model)[-1]["outcome"] == "client-closed"  # the connection was released


def first_text_after(config, messages, settings) -> float:
    """Seconds until the first reply text (the model already loaded); the stream is then closed."""
    async def run() -> float:
        start = time.monotonic()
        async with aclosing(stream_reply(PERSONA_PROMPT, messages, settings, config=config)) as items:
            async for item in items:
                if not isinstance(item, Status):
                    return time.monotonic() - start
        return time.monotonic() - start

    return asyncio.run(run())


def test_the_reply_limit_also_stops_the_embedded_model(reply, gguf_path):
    env = {"PERSONA_CHAT_BACKEND": "local", "PERSONA_CHAT_GGUF": str(gguf_path)}
    ask = [{"role": "user", "content": "Tell me a very long story about a dragon, with many chapters."}]
    settings = ChatSettings(max_new_tokens=4096, temperature=0.8)
    reply(SHORT, InferenceConfig.from_env(env), ChatSettings(max_new_tokens=4))  # load first: loading is not replying
    limit = max(2.0, 4 * first_text_after(InferenceConfig.from_env(env), ask, settings))  # room for some text
    config = InferenceConfig.from_env({**env, "PERSONA_CHAT_REPLY_TIMEOUT": f"{limit:.1f}"})
    start = time.monotonic()
    deltas, _ = reply(ask, config, settings)
    elapsed = time.monotonic() - start
    assert len(deltas) > 1 and "PERSONA_CHAT_REPLY_TIMEOUT" in deltas[-1], (limit, elapsed, "".join(deltas)[-300:])
    assert "cut off" in deltas[-1]
    assert elapsed < 1.5 * limit, (limit, elapsed)  # stopped at the limit, not when max_new_tokens ran out
