"""Work per streamed token stays constant: a 64,000-character reply costs the stream guards little CPU.

Each check streams an adversarial reply through one guard and fails as soon as the guard's own CPU time
(``time.process_time``) passes a bound far above what the incremental guards need and far below what
re-reading the whole reply on every delta costs (the bound is hit within the first few thousand deltas).
"""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from inference.loops import find_loop, guard_loops
from inference.redaction import Redactor

REPLY_CHARS = 64_000
CPU_BOUND = 3.0
"""Seconds of CPU for a whole 64,000-character reply: the incremental guards take ~0.1-0.3 s on a loaded
2-core machine; re-reading the reply on every delta passes 3 s within the first ~5% of the reply."""

_VOCABULARY = [f"{a}{b}" for a in ("bal", "card", "pay", "due", "acc", "fee", "rate", "loan", "tax", "fund")
               for b in ("ance", "ing", "ed", "er", "s", "y", "ment", "ly", "ion", "al")]


def prose(chars: int, seed: int = 0) -> str:
    """Sentences of random words (no phrase or sentence ever repeats), as a fast model writes them."""
    rng = random.Random(seed)
    out, size = [], 0
    while size < chars:
        sentence = " ".join(rng.choice(_VOCABULARY) for _ in range(rng.randint(6, 16))).capitalize() + ". "
        out.append(sentence)
        size += len(sentence)
    return "".join(out)[:chars]


def shared_starts(chars: int) -> str:
    """Every sentence opens like an earlier one and then diverges: text is held back, then released."""
    rng = random.Random(1)
    out, size, n = [], 0, 0
    while size < chars:
        n += 1
        sentence = f"Your card ending {n} was used at {rng.choice(_VOCABULARY)} {rng.choice(_VOCABULARY)} {n}. "
        out.append(sentence)
        size += len(sentence)
    return "".join(out)[:chars]


def run_of(chars: int) -> str:
    """One unbroken 16-character run repeated: a single endless word, and an endless run a secret could hide in."""
    return ("abcdefghijklmnop" * (chars // 16 + 1))[:chars]


def deltas(text: str, size: int) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


def tokens(text: str) -> list[str]:
    """Word-sized deltas (a word with its leading space), as a hosted model streams prose."""
    import re
    return re.findall(r"\s*\S+|\s+", text)


class OverBudget(AssertionError):
    pass


def _spend(start: float, what: str) -> None:
    if time.process_time() - start > CPU_BOUND:
        raise OverBudget(f"{what} took over {CPU_BOUND} s of CPU before the reply ended")


def guarded(chunks: list[str]) -> str:
    """The loop guard's output, failing fast once it has spent more than the CPU bound."""
    start = time.process_time()

    async def source():
        for chunk in chunks:
            _spend(start, "the loop guard")
            yield chunk

    async def collect():
        return "".join([item async for item in guard_loops(source())])

    out = asyncio.run(collect())
    _spend(start, "the loop guard")
    return out


@pytest.mark.parametrize("text, chunks", [
    pytest.param(prose(REPLY_CHARS), tokens, id="prose"),
    pytest.param(shared_starts(REPLY_CHARS), tokens, id="sentences-sharing-their-start"),
    pytest.param(run_of(REPLY_CHARS), lambda t: deltas(t, 16), id="16-character-run"),
])
def test_the_loop_guard_reads_a_long_reply_in_linear_time(text, chunks):
    assert guarded(chunks(text)) == text  # nothing loops: every character is passed on


def test_a_long_looping_reply_is_still_cut_where_the_loop_starts():
    text = prose(REPLY_CHARS // 2) + " " + "I'm sorry, " * 2000
    out = guarded(tokens(text))
    assert out.rstrip(" ,") == prose(REPLY_CHARS // 2) + " I'm sorry, I'm sorry"


def test_scoring_a_long_reply_for_loops_is_linear():
    start = time.process_time()
    assert find_loop(prose(REPLY_CHARS)) is None
    assert find_loop(run_of(REPLY_CHARS)) is None
    assert time.process_time() - start < CPU_BOUND / 3


@pytest.mark.parametrize("text, size", [
    pytest.param(prose(REPLY_CHARS), 4, id="prose"),
    pytest.param(run_of(REPLY_CHARS), 16, id="16-character-run"),
    pytest.param((run_of(15_999) + " ") * (REPLY_CHARS // 16_000), 16, id="16,000-character-runs-that-end"),
    pytest.param(("hf_" + "a" * 40 + " ") * (REPLY_CHARS // 44), 3, id="tokens"),
])
def test_the_redactor_reads_a_long_stream_in_linear_time(text, size):
    redact = Redactor(["sk-owner-key-0123456789abcdef"])
    start, shown = time.process_time(), []
    for delta in deltas(text, size):
        shown.append(redact.feed(delta))
        _spend(start, "the redactor")
    shown.append(redact.flush())
    assert "".join(shown) == Redactor(["sk-owner-key-0123456789abcdef"])(text)


def test_the_prompt_is_built_off_the_event_loop(hosted_config, reply):
    """Building a prompt reads the visitor's whole message (tens of ms when it is long): never on the event loop."""
    import threading

    built_on = []

    def prompt(backend, messages):
        built_on.append(threading.current_thread())
        return "You are a support assistant.", messages

    deltas_, _ = reply([{"role": "user", "content": "hi"}], hosted_config("ok"), prompt=prompt)
    assert "".join(deltas_) and built_on and built_on[0] is not threading.main_thread()
