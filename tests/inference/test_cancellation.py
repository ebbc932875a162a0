"""Pressing Stop (closing the reply stream) closes the HTTP stream; the server sees the client go away."""

from __future__ import annotations

import asyncio
import time
from contextlib import aclosing

from inference import ChatSettings, Status, stream_reply


def wait_for_outcome(fake_openai, model: str, timeout: float = 20.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        outcome = fake_openai.requests_for(model)[-1]["outcome"]
        if outcome != "started":
            return outcome
        time.sleep(0.05)
    return "started"


def test_closing_a_hosted_stream_closes_the_connection(hosted_config, fake_openai):
    model = "slow:4.0"

    async def stop_after_two_chunks() -> list[str]:
        got = []
        async with aclosing(stream_reply("sys", [{"role": "user", "content": "hi"}], config=hosted_config(model))) as s:
            async for item in s:
                if not isinstance(item, Status):
                    got.append(item)
                if len(got) == 2:
                    break
        return got

    got = asyncio.run(stop_after_two_chunks())
    assert got == ["word0 ", "word1 "]
    assert wait_for_outcome(fake_openai, model) == "client-closed"


def test_cancelling_the_task_while_waiting_for_the_first_token(hosted_config, fake_openai):
    model = "fault:timeout=20"

    async def cancel_early() -> None:
        task = asyncio.create_task(
            stream_reply("sys", [{"role": "user", "content": "hi"}], ChatSettings(),
                         config=hosted_config(model)).__anext__())
        await asyncio.sleep(0.5)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)

    asyncio.run(cancel_early())
    assert wait_for_outcome(fake_openai, model) == "client-closed"
