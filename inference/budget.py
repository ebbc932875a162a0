"""Fit a conversation into a backend's context window: persona prompt always kept, oldest turns go first.

Tokens are counted with the model's own tokenizer when we have it (the embedded model) and estimated
otherwise (hosted models). The estimate is deliberately pessimistic: measured with SmolLM2's tokenizer,
persona records run at ~2.4 characters a token (digits split one by one) and CJK text at ~0.6, so a flat
"4 characters a token" would overflow the window; ours counts 1.1-2x the real number on such text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

ASCII_CHARS_PER_TOKEN = 3.0  # letters, spaces, punctuation
NON_ASCII_BYTES_PER_TOKEN = 1.5  # UTF-8 bytes of accented letters, CJK, emoji
PER_MESSAGE_OVERHEAD = 8  # role markers and separators of a chat template
MIN_MESSAGE_TOKENS = 64  # what a very long last message is cut down to, at least

Counter = Callable[[str], int]
_DIGITS = frozenset("0123456789")
_NUMBER = re.compile(r"[0-9]+")


def estimate_tokens(text: str) -> int:
    """A pessimistic token count without a tokenizer.

    Digits count one each plus one per number (tokenizers split digits and the space before them),
    non-ASCII text by its UTF-8 bytes, everything else by characters.
    """
    digits = sum(c in _DIGITS for c in text)
    ascii_other = sum(c.isascii() for c in text) - digits
    non_ascii_bytes = len(text.encode("utf-8", "surrogatepass")) - ascii_other - digits
    return math.ceil(ascii_other / ASCII_CHARS_PER_TOKEN + digits + len(_NUMBER.findall(text))
                     + non_ascii_bytes / NON_ASCII_BYTES_PER_TOKEN) + 1


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
    if not messages:
        return Fitted([], 0, 0)
    *older, last = messages

    truncated = 0
    if count(last["content"]) + PER_MESSAGE_OVERHEAD > available:
        kept = longest_prefix(last["content"], max(MIN_MESSAGE_TOKENS, available - PER_MESSAGE_OVERHEAD), count)
        truncated = len(last["content"]) - len(kept)
        last = {**last, "content": kept}

    cost = [count(m["content"]) + PER_MESSAGE_OVERHEAD for m in older]
    start, total = 0, count(last["content"]) + PER_MESSAGE_OVERHEAD + sum(cost)
    while start < len(older) and total > available:
        # drop a whole exchange: a user turn and the assistant turn answering it
        pair = start + 1 < len(older) and older[start]["role"] == "user" and older[start + 1]["role"] == "assistant"
        step = 2 if pair else 1
        total -= sum(cost[start:start + step])
        start += step
    while start < len(older) and older[start]["role"] == "assistant":  # a conversation starts with the user
        start += 1
    return Fitted([*older[start:], last], start, truncated)


def longest_prefix(text: str, max_tokens: int, count: Counter) -> str:
    """The longest prefix of ``text`` that counts at most ``max_tokens`` (binary search on characters)."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if count(text[:mid]) <= max_tokens:
            low = mid
        else:
            high = mid - 1
    return text[:low]
