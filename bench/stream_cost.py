"""CPU per 1,000 streamed tokens in the app's own stream path, at 1,000 and at 4,000 tokens (one run, ratios).

The path is what every delta of a hosted reply goes through in this process: the loop guard
(``inference.loops.guard_loops``), the redactor (``inference.redaction.Redactor``), the markup made inert
(``webui.markup``; the chat yields the whole reply so far) and the history bookkeeping of a finished reply
(``webui.history.normalise_history`` of the conversation, ``webui.transcript.stamp``). Goals: the 4,000-token
figure per 1,000 tokens ≤ 1.3× the 1,000-token one (linear), and ≤ 20 ms per 1,000 tokens.

    python bench/stream_cost.py [--rounds 5]

Runs on any checkout (an older one without ``InertReply`` is measured the way its chat did it).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inference.loops import guard_loops  # noqa: E402
from inference.redaction import Redactor  # noqa: E402
from webui.history import normalise_history  # noqa: E402
from webui.transcript import stamp  # noqa: E402

try:
    from webui.markup import InertReply  # noqa: E402
except ImportError:  # before incremental markup: the chat made the whole reply inert on every delta
    from webui.markup import inert  # noqa: E402

    class InertReply:  # type: ignore[no-redef]
        def __init__(self) -> None:
            self.text = ""

        def add(self, delta: str) -> str:
            self.text += delta
            return inert(self.text)

_VOCABULARY = [f"{a}{b}" for a in ("bal", "card", "pay", "due", "acc", "fee", "rate", "loan", "tax", "fund")
               for b in ("ance", "ing", "ed", "er", "s", "y", "ment", "ly", "ion", "al")]


def reply_tokens(n: int, seed: int) -> list[str]:
    """``n`` model-like deltas of prose that never loops: words with their leading space, sentence marks."""
    rng, out = random.Random(seed), []
    while len(out) < n:
        words = [rng.choice(_VOCABULARY) for _ in range(rng.randint(6, 16))]
        out += [(" " if out else "") + words[0].capitalize(), *(" " + w for w in words[1:]), "."]
    return out[:n]


async def one_reply(tokens: list[str]) -> str:
    async def source():
        for token in tokens:
            yield token

    redact, shown, text = Redactor(["sk-owner-key-0123456789abcdef"]), InertReply(), ""
    async for delta in guard_loops(source()):
        if out := redact.feed(delta):
            text = shown.add(out)
    if out := redact.flush():
        text = shown.add(out)
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": text}]
    normalise_history(history)
    stamp([], "assistant", text)
    return text


def cpu_per_thousand(n: int, rounds: int) -> float:
    samples = []
    for r in range(rounds):
        tokens = reply_tokens(n, r)
        start = time.process_time()
        asyncio.run(one_reply(tokens))
        samples.append((time.process_time() - start) / n * 1000)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    cpu_per_thousand(200, 1)  # warm up
    short, long = cpu_per_thousand(1000, args.rounds), cpu_per_thousand(4000, args.rounds)
    figures = {"ms per 1k tokens at 1k": short * 1000, "ms per 1k tokens at 4k": long * 1000, "ratio": long / short}
    print(f"CPU per 1,000 tokens: {figures['ms per 1k tokens at 1k']:.1f} ms in a 1,000-token reply, "
          f"{figures['ms per 1k tokens at 4k']:.1f} ms in a 4,000-token reply → {figures['ratio']:.2f}× "
          "(goals ≤ 1.3×, ≤ 20 ms)")
    return figures


if __name__ == "__main__":
    main()
