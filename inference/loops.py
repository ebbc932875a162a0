"""Replies that repeat themselves: what counts as a loop, and a guard that stops a stream before one is shown.

A small model sometimes falls into "I'm sorry, I'm sorry, I'm sorry, …" until the token limit, or
writes the same sentence again and again. Precisely, a reply *loops* when

- a span of words occurs at least three times back to back and the copies cover at least
  ``MIN_TANDEM_WORDS`` (6) words (so "I'm sorry, I'm sorry, I'm sorry" loops; "very very" does not), or
- a sentence of at least ``MIN_SENTENCE_WORDS`` (4) words occurs a second time anywhere in the reply.

Words are compared casefolded, without punctuation ("I'm sorry," equals "i'm sorry"). ``find_loop``
applies the definition to a whole text (the eval scores replies with it); ``guard_loops`` applies it
to a stream as it arrives, holding text back only while it could be the start of a repeat, so a
normal reply streams exactly as the backend sent it.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import AsyncIterator
from contextlib import aclosing
from dataclasses import dataclass

from .notices import Status

log = logging.getLogger(__name__)

MIN_TANDEM_WORDS = 6
MIN_TANDEM_COPIES = 3
MIN_SENTENCE_WORDS = 4
MAX_UNIT_WORDS = 80
"""Longest repeating unit looked for (a paragraph of a few sentences)."""
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n+")


@dataclass(frozen=True)
class Loop:
    """Where a reply starts repeating itself: ``start`` is the offset of the copy that completes the loop."""

    start: int
    kind: str  # "phrase" (back-to-back copies) or "sentence" (a sentence said again)
    text: str  # the repeated phrase or sentence


def copies_needed(unit: int) -> int:
    """Back-to-back copies of a ``unit``-word span that make a loop."""
    return max(MIN_TANDEM_COPIES, math.ceil(MIN_TANDEM_WORDS / unit))


def _words(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().casefold().replace("’", "'"), m.start(), m.end()) for m in _WORD.finditer(text)]


def _sentences(text: str, final: bool) -> list[tuple[int, int]]:
    """Character spans of complete sentences; a trailing piece counts only when the text is final."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if final and text[start:].strip():
        spans.append((start, len(text)))
    return spans


def _tandem_ending_at(words: list[str], end: int) -> tuple[int, int] | None:
    """(unit length, copies) of a loop whose last copy ends at word ``end``, if there is one."""
    for unit in range(1, min(MAX_UNIT_WORDS, end // 2) + 1):
        last = words[end - unit:end]
        if words[end - 2 * unit:end - unit] != last:
            continue
        copies = 2
        while end - (copies + 1) * unit >= 0 and words[end - (copies + 1) * unit:end - copies * unit] == last:
            copies += 1
        if copies >= copies_needed(unit):
            return unit, copies
    return None


def find_loop(text: str, *, final: bool = True, from_word: int = 0) -> Loop | None:
    """The first loop in ``text`` (by where it completes), or None.

    With ``final=False`` the text is still arriving: a trailing unfinished word or sentence is not
    judged yet. ``from_word`` skips tandem checks ending before that word (already checked).
    """
    words = _words(text)
    if not final and words and words[-1][2] == len(text):
        words.pop()  # the last word may still grow ("sor" → "sorry")
    plain = [w for w, _, _ in words]
    found: list[tuple[int, Loop]] = []  # (end offset, loop)
    for end in range(max(from_word, 2), len(plain) + 1):
        hit = _tandem_ending_at(plain, end)
        if hit:
            unit, _ = hit
            first = words[end - unit][1]
            found.append((words[end - 1][2], Loop(first, "phrase", text[first:words[end - 1][2]])))
            break
    seen: set[tuple[str, ...]] = set()
    for start, stop in _sentences(text, final):
        key = tuple(w for w, _, _ in _words(text[start:stop]))
        if len(key) >= MIN_SENTENCE_WORDS and key in seen:
            lead = start + len(text[start:stop]) - len(text[start:stop].lstrip())
            found.append((stop, Loop(lead, "sentence", text[lead:stop].strip())))
            break
        seen.add(key)
    return min(found, key=lambda f: f[0])[1] if found else None


def has_loop(text: str) -> bool:
    """True when a finished reply repeats a phrase or sentence in a loop (see the module docstring)."""
    return find_loop(text) is not None


def _complete_words(text: str) -> int:
    words = _words(text)
    return len(words) - (1 if words and words[-1][2] == len(text) else 0)


_LOOKAHEAD_WORDS = 4
"""How many words of a possible next copy are held back (a delta rarely adds more)."""


def _is_prefix(part: list[str], whole: list[str], last_partial: bool) -> bool:
    """``part`` begins ``whole``; its last word may be an unfinished word."""
    if not part or len(part) > len(whole):
        return False
    if part[:-1] != whole[:len(part) - 1]:
        return False
    return whole[len(part) - 1].startswith(part[-1]) if last_partial else whole[len(part) - 1] == part[-1]


def may_become_loop(text: str) -> bool:
    """Could the text's end be the start of a copy that would complete a loop? Then it is held back."""
    words = [w for w, _, _ in _words(text)]
    if not words:
        return False
    partial = bool(re.search(r"\w$", text))
    # the unfinished sentence repeats the start of an earlier one
    spans = _sentences(text, final=False)
    tail_start = spans[-1][1] if spans else 0
    tail = [w for w, _, _ in _words(text[tail_start:])]
    if tail:
        for start, stop in spans:
            earlier = [w for w, _, _ in _words(text[start:stop])]
            if len(earlier) >= MIN_SENTENCE_WORDS and _is_prefix(tail, earlier, partial or len(tail) < len(earlier)):
                return True
    # the last few words begin one more copy of a span already repeated back to back
    for r in range(1, min(_LOOKAHEAD_WORDS, len(words)) + 1):
        head, nxt = words[:-r], words[-r:]
        for unit in range(max(1, r), min(MAX_UNIT_WORDS, len(head) // 2) + 1):
            last = head[len(head) - unit:]
            needed = copies_needed(unit) - 1
            if unit * needed > len(head):
                continue
            if all(head[len(head) - (j + 1) * unit:len(head) - j * unit] == last for j in range(needed)) \
                    and _is_prefix(nxt, last, partial):
                return True
    return False


async def guard_loops(source: AsyncIterator[str | Status | object]) -> AsyncIterator[str | Status | object]:
    """Pass ``source`` through, stopping it (closing it) when its text starts to loop.

    Text streams unchanged except while it could be starting a repeat, when it is held until it
    either diverges (and is released) or completes the loop (and is dropped). Status lines pass
    straight through; other events (tool steps) release what was held, then pass.
    """
    shown, held = "", ""
    checked = 0  # phrase loops ending at these first words were already ruled out
    async with aclosing(source) as items:
        try:
            async for item in items:
                if isinstance(item, Status):
                    yield item
                    continue
                if not isinstance(item, str):  # an event between texts (a tool step): the text before it is done
                    if held:
                        yield held
                        shown, held = shown + held, ""
                    yield item
                    continue
                held += item
                text = shown + held
                loop = find_loop(text, final=False, from_word=checked + 1)
                if loop is not None:
                    cut = max(loop.start, len(shown))
                    rest = text[len(shown):cut].rstrip(" ,;:-–—\n")
                    log.info("Loop guard stopped a reply repeating %s %r", loop.kind, loop.text[:80])
                    if rest:
                        yield rest
                    return
                checked = _complete_words(text)
                if may_become_loop(text):
                    continue
                yield held
                shown, held = text, ""
        except Exception:  # a backend fault: what was held back is part of the partial reply it keeps
            if held:
                yield held
            raise
    if held:
        loop = find_loop(shown + held)
        if loop is not None:
            log.info("Loop guard stopped a reply repeating %s %r", loop.kind, loop.text[:80])
            held = (shown + held)[len(shown):max(loop.start, len(shown))].rstrip(" ,;:-–—\n")
        if held:
            yield held
