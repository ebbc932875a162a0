"""Fit a conversation into a backend's context window: persona prompt always kept, oldest turns go first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

CHARS_PER_TOKEN = 3.0  # conservative for English with Llama/SmolLM tokenizers (~4 in practice)
PER_MESSAGE_OVERHEAD = 8  # role markers and separators of a chat template
MIN_MESSAGE_TOKENS = 64  # what a very long last message is cut down to, at least

Counter = Callable[[str], int]


def estimate_tokens(text: str) -> int:
    """Upper-bound token count without a tokenizer."""
    return int(len(text) / CHARS_PER_TOKEN) + 1


@dataclass(frozen=True)
class Fitted:
    """The messages to send, and what was left out (for a notice)."""

    messages: list[dict]
    dropped_turns: int
    truncated_chars: int  # characters cut from the end of the last user message


def reply_reserve(context_tokens: int, max_new_tokens: int) -> int:
    """Tokens kept free for the reply: what was asked, but never more than half the window."""
    return min(max_new_tokens, context_tokens // 2)


def fit(system: str, messages: list[dict], context_tokens: int, max_new_tokens: int,
        count: Counter = estimate_tokens) -> Fitted:
    """Drop the oldest turns (whole user/assistant pairs) until the prompt fits; truncate a huge last message."""
    available = (context_tokens - reply_reserve(context_tokens, max_new_tokens)
                 - count(system) - PER_MESSAGE_OVERHEAD)
    msgs = list(messages)
    if not msgs:
        return Fitted([], 0, 0)
    *older, last = msgs
    cost = [count(m["content"]) + PER_MESSAGE_OVERHEAD for m in older]
    last_cost = count(last["content"]) + PER_MESSAGE_OVERHEAD

    truncated = 0
    if last_cost > available:
        keep_tokens = max(MIN_MESSAGE_TOKENS, available - PER_MESSAGE_OVERHEAD)
        keep_chars = int(keep_tokens * CHARS_PER_TOKEN)
        if count is not estimate_tokens:
            while keep_chars > 0 and count(last["content"][:keep_chars]) > keep_tokens:
                keep_chars = int(keep_chars * 0.9)
        truncated = max(0, len(last["content"]) - keep_chars)
        last = {**last, "content": last["content"][:keep_chars]}
        last_cost = count(last["content"]) + PER_MESSAGE_OVERHEAD

    start, total = 0, last_cost + sum(cost)
    while start < len(older) and total > available:
        # drop a whole exchange: a user turn and the assistant turn answering it
        step = 2 if start + 1 < len(older) and older[start]["role"] == "user" \
            and older[start + 1]["role"] == "assistant" else 1
        total -= sum(cost[start:start + step])
        start += step
    kept = older[start:]
    while kept and kept[0]["role"] == "assistant":  # a conversation sent to a model starts with the user
        kept = kept[1:]
        start += 1
    return Fitted([*kept, last], start, truncated)
