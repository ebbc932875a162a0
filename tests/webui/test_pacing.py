"""A streaming reply updates the page at a bounded rate, and never keeps the latest text from it."""

from __future__ import annotations

import asyncio

from webui.pacing import paced


def test_a_fast_stream_is_thinned_and_ends_on_its_whole_text():
    async def fast():
        text = ""
        for i in range(2000):
            text += f"w{i} "
            if i % 50 == 0:
                await asyncio.sleep(0.005)  # a burst of buffered chunks, then the next
            yield text

    async def collect():
        return [u async for u in paced(fast(), per_second=25)]

    out = asyncio.run(collect())
    assert out[-1].endswith("w1999 ") and len(out) < 200
    assert all(b.startswith(a) for a, b in zip(out, out[1:], strict=False))


def test_text_before_a_pause_is_shown_without_waiting_for_more():
    async def pausing():
        yield "a"
        yield "ab"  # within the interval: held ...
        await asyncio.sleep(0.5)  # ... but shown as soon as the interval is up, during the pause
        yield "abc"

    async def collect():
        loop, seen = asyncio.get_running_loop(), []
        start = loop.time()
        async for update in paced(pausing(), per_second=10):
            seen.append((update, loop.time() - start))
        return seen

    seen = asyncio.run(collect())
    assert [u for u, _ in seen] == ["a", "ab", "abc"]
    assert seen[1][1] < 0.3  # "ab" came at the interval's end, not after the pause


def test_closing_the_paced_stream_closes_its_source():
    closed = []

    async def endless():
        try:
            text = ""
            while True:
                text += "x"
                await asyncio.sleep(0.001)
                yield text
        finally:
            closed.append(True)

    async def stop_after_three():
        stream = paced(endless(), per_second=100)
        got = [await anext(stream) for _ in range(3)]
        await stream.aclose()
        return got

    assert len(asyncio.run(stop_after_three())) == 3 and closed == [True]
