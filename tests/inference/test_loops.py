"""Loops: what counts as a reply repeating itself, and the guard that stops a stream before it shows one."""

from __future__ import annotations

import asyncio
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inference import Status
from inference.loops import find_loop, guard_loops, has_loop

LOOPS = [
    "I'm sorry, I'm sorry, I'm sorry, I'm sorry, I'm sorry",
    "I'm sorry, I'm sorry, I'm sorry",
    "no no no no no no",
    "Your checking balance is $287.63. Is there anything else? Your checking balance is $287.63.",
    "Hello! I can help with that. I can help with that. I can help with that.",
    "Your balance is $5.\nYour balance is $5.",
]
NOT_LOOPS = [
    "Your checking balance is $287.63. Your savings balance is $2,645.86.",
    "Hello! How can I help you today?",
    "very very good",
    "I'm sorry, I'm sorry.",
    "Jan 12: Card purchase · FreshMart, $45.12; Jan 3: Card purchase · FreshMart, $60.00; "
    "Dec 28: Card purchase · FreshMart, $30.00.",
    "Thanks. Thanks.",  # a short sentence said twice is not a loop
    "You have 2 policies: auto, home. Your auto policy covers $100,000. Your home policy covers $300,000.",
    "",
]


@pytest.mark.parametrize("text", LOOPS)
def test_loops_are_found(text):
    assert has_loop(text)


@pytest.mark.parametrize("text", NOT_LOOPS)
def test_ordinary_replies_are_not_loops(text):
    assert not has_loop(text), find_loop(text)


def test_the_loop_starts_at_the_copy_that_completes_it():
    text = "Sure. I'm sorry, I'm sorry, I'm sorry, I'm sorry"
    assert text[:find_loop(text).start].rstrip(" ,") == "Sure. I'm sorry, I'm sorry"
    text = "Your balance is $5. Anything else? Your balance is $5."
    assert find_loop(text).start == text.rindex("Your")


def _tokens(text: str) -> list[str]:
    """Model-like deltas: a word with its leading space, or a punctuation mark."""
    return re.findall(r"\s*\w+|\s*[^\w\s]+|\s+", text)


def _guarded(chunks: list[str | Status]) -> list[str | Status]:
    async def source():
        for chunk in chunks:
            yield chunk

    async def collect():
        return [item async for item in guard_loops(source())]

    return asyncio.run(collect())


@pytest.mark.parametrize("text", NOT_LOOPS[:-1])
def test_a_reply_without_loops_streams_unchanged(text):
    chunks = _tokens(text)
    out = _guarded(chunks)
    assert "".join(out) == text
    assert len(out) >= len(chunks) - 4  # held back only briefly, where a repeat might have begun


def test_a_normal_reply_keeps_every_chunk_boundary():
    chunks = ["Your ", "checking ", "balance ", "is ", "$287.63", "."]
    assert _guarded(chunks) == chunks


def test_status_lines_pass_straight_through():
    waiting = Status("Waiting for the local model — 1 request ahead…")
    assert _guarded([waiting, "Hello", "!"]) == [waiting, "Hello", "!"]


@pytest.mark.parametrize("text", LOOPS)
def test_the_guard_stops_a_looping_stream_before_the_loop_shows(text):
    out = "".join(_guarded(_tokens(text)))
    assert not has_loop(out), out
    assert text.startswith(out)


def test_the_guard_closes_the_source():
    produced = []

    async def endless():
        try:
            while True:
                produced.append("I'm sorry, ")
                yield "I'm sorry, "
        finally:
            produced.append("closed")

    async def collect():
        return [item async for item in guard_loops(endless())]

    out = "".join(asyncio.run(collect()))
    assert produced[-1] == "closed" and len(produced) < 10
    assert out.startswith("I'm sorry") and not has_loop(out)


_WORDS = st.sampled_from(["your", "balance", "is", "$5", "sorry", "I'm", "the", "card", "and", "due", ",", ".", "!"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=40), st.integers(1, 5), st.integers(2, 6))
def test_guarded_output_is_a_loop_free_prefix_of_the_stream(words, unit, copies):
    """Whatever the model writes — including a phrase repeated back to back — the visitor sees a loop-free prefix."""
    text = " ".join(words + words[-unit:] * copies)
    out = "".join(_guarded(_tokens(text)))
    assert text.startswith(out)
    assert not has_loop(out), (text, out)
    if not has_loop(text):
        assert out == text


def test_text_held_back_is_kept_when_the_backend_fails():
    async def failing():
        yield "Your checking balance is $5. "
        yield "Your"
        raise RuntimeError("stream cut")

    async def collect():
        got = []
        try:
            async for item in guard_loops(failing()):
                got.append(item)
        except RuntimeError:
            got.append("<fault>")
        return got

    assert asyncio.run(collect()) == ["Your checking balance is $5. ", "Your", "<fault>"]
