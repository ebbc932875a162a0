"""How often a streaming reply updates the page: at most ``UPDATES_PER_SECOND``, never holding text back.

Each update Gradio sends costs the server about a millisecond of CPU on the event loop (postprocessing
the chat, diffing it, the message itself) whatever it adds, so a model streaming hundreds of tokens a
second would make the loop's work per reply grow with the model's speed. The chat's updates are the
whole reply so far, each superseding the last, so the ones that arrive within one interval of the last
sent are skipped; the latest is sent once its interval is up, whether or not more text comes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TypeVar

Update = TypeVar("Update")

UPDATES_PER_SECOND = 25
"""Above what reading needs (a film's frame rate); a slower model's every token is still its own update."""


async def paced(updates: AsyncIterator[Update], per_second: float = UPDATES_PER_SECOND) -> AsyncIterator[Update]:
    """``updates`` (each the whole reply so far: text, or the turn's messages with its session), thinned to ``per_second``; the latest is always sent.

    Closing this generator (Stop, a disconnect) cancels the source's pending step, which closes it.
    """
    loop, interval = asyncio.get_running_loop(), 1 / per_second
    sent_at, latest, step = -interval, None, None
    try:
        while True:
            if step is None:
                step = asyncio.ensure_future(anext(updates))
            if latest is not None:
                wait = sent_at + interval - loop.time()
                if wait > 0:
                    await asyncio.wait({step}, timeout=wait)
                if wait <= 0 or not step.done():
                    yield latest
                    sent_at, latest = loop.time(), None
                    continue
            try:
                latest = await step
            except StopAsyncIteration:
                break
            finally:
                step = None if step is not None and step.done() else step
            if loop.time() - sent_at >= interval:
                yield latest
                sent_at, latest = loop.time(), None
        if latest is not None:
            yield latest
    finally:
        if step is not None and not step.done():
            step.cancel()
            with contextlib.suppress(BaseException):
                await step
        aclose = getattr(updates, "aclose", None)
        if aclose is not None:
            await aclose()
