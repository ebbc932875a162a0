"""Replies that repeat themselves: what counts as a loop, and a guard that stops a stream before one is shown.

A small model sometimes falls into "I'm sorry, I'm sorry, I'm sorry, …" until the token limit, or
writes the same sentence again and again. Precisely, a reply *loops* when

- a span of words occurs at least three times back to back and the copies cover at least
  ``MIN_TANDEM_WORDS`` (6) words (so "I'm sorry, I'm sorry, I'm sorry" loops; "very very" does not), or
- a sentence of at least ``MIN_SENTENCE_WORDS`` (4) words occurs a second time anywhere in the reply.

Words are compared casefolded, without punctuation ("I'm sorry," equals "i'm sorry"). ``find_loop``
applies the definition to a whole text (the eval scores replies with it); ``guard_loops`` applies it
to a stream as it arrives, holding text back only while it could be the start of a repeat, so a
normal reply streams exactly as the backend sent it. Both read the text through ``LoopWatch``, which
looks at each character once and carries its state between deltas: a delta costs the same whether it
is the reply's tenth or its ten-thousandth.
"""

from __future__ import annotations

import bisect
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


_NEEDED = [0, *(copies_needed(unit) for unit in range(1, MAX_UNIT_WORDS + 1))]


_RUN = re.compile(r"(\w+)|(['’])|([.!?]+)|(\n)|([^\S\n]+)|[^\w\s'’.!?]+")
"""One run of a kind the detector tells apart: word characters, an apostrophe, sentence marks, a newline,
other whitespace, anything else. Runs are matched on each delta only; state carries across deltas."""


class _Node:
    """A trie node over the words of the sentences said so far (at least ``MIN_SENTENCE_WORDS`` long)."""

    __slots__ = ("children", "keys", "inner")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.keys: list[str] = []  # sorted: a prefix search is one bisect
        self.inner: list[str] = []  # sorted keys whose sentence goes on after them

    def child(self, word: str, inner: bool) -> _Node:
        node = self.children.get(word)
        if node is None:
            node = self.children[word] = _Node()
            bisect.insort(self.keys, word)
        if inner and not node.children:  # a node gains children only here, so it is listed once
            bisect.insort(self.inner, word)
        return node

    def starts(self, prefix: str, inner: bool) -> bool:
        """Some key (with a continuation, if ``inner``) begins with ``prefix``."""
        keys = self.inner if inner else self.keys
        i = bisect.bisect_left(keys, prefix)
        return i < len(keys) and keys[i].startswith(prefix)


class LoopWatch:
    """The loop definition applied incrementally: ``feed`` each delta, ``finish`` at the end.

    Every character is looked at once: words and sentence ends are found on the new text only, phrase
    repeats are tracked by how long each unit (up to ``MAX_UNIT_WORDS``) has been repeating, and earlier
    sentences are kept in a trie, so the work per delta is proportional to the delta, never to the reply.
    """

    def __init__(self) -> None:
        self._chunks: list[str] = []
        self._length = 0
        self._words: list[str] = []
        self._bounds: list[tuple[int, int]] = []
        self._recent: dict[str, list[int]] = {}  # word -> its indexes among the last MAX_UNIT_WORDS words
        self._run: dict[int, int] = {}  # unit -> how many words in a row repeat the word that far back
        self._ready: list[list[int]] = [[]]  # per word count (the last few): units one copy short of a loop
        self._longest = 0  # the longest word so far: an open word longer than it can't be the start of a copy
        self._open_length = 0
        self._open: list[str] | None = None  # the word being read, still able to grow
        self._open_start = 0
        self._apostrophe = ""  # an apostrophe right after the open word, which may join it to the next
        self._marks = False  # the text ends with sentence marks that a space would make a sentence end
        self._sentence: list[str] = []
        self._lead: int | None = None  # where the current sentence's text starts
        self._trie = _Node()
        self._seen: set[tuple[str, ...]] = set()
        self._node: _Node | None = self._trie  # trie node after the current sentence's words
        self._node_before: _Node | None = None  # ... after all but its last word
        self._tail = ""  # the text's last two characters

    # -- reading ---------------------------------------------------------------------------------------
    def feed(self, delta: str) -> Loop | None:
        """Read more of the text; the first loop it completes (not judging an unfinished word or sentence)."""
        base = self._length
        self._chunks.append(delta)
        self._length += len(delta)
        self._tail = (self._tail + delta)[-2:]
        found: Loop | None = None
        for m in _RUN.finditer(delta):
            at = base + m.start()
            kind = m.lastindex
            if kind == 1:  # word characters
                if self._open is not None:
                    self._open += [self._apostrophe, m.group()]
                    self._open_length += len(self._apostrophe) + len(m.group())
                    self._apostrophe = ""
                else:
                    self._open, self._open_start, self._open_length = [m.group()], at, len(m.group())
                self._start_sentence(at)
                self._marks = False
                continue
            if kind == 2 and self._open is not None and not self._apostrophe:
                self._apostrophe = m.group()
                continue
            found = found or self._close_word()
            if kind == 3:  # . ! ?
                self._start_sentence(at)
                self._marks = True
                continue
            if kind in (4, 5):  # whitespace: ends a sentence after marks; a newline ends one anyway
                if self._marks:
                    found = found or self._end_sentence(at)
                if kind == 4:
                    found = found or self._end_sentence(at + 1)
            else:
                self._start_sentence(at)
            self._marks = False
            if found:
                break
        return found

    def finish(self) -> Loop | None:
        """The text is complete: judge its last word and its last sentence too."""
        found = self._close_word()
        if self._lead is not None:
            found = found or self._end_sentence(self._length)
        return found

    @property
    def text(self) -> str:
        if len(self._chunks) > 1:
            self._chunks = ["".join(self._chunks)]
        return self._chunks[0] if self._chunks else ""

    def _start_sentence(self, at: int) -> None:
        if self._lead is None:
            self._lead = at

    def _close_word(self) -> Loop | None:
        if self._open is None:
            return None
        word = "".join(self._open)
        start = self._open_start
        end = start + len(word)
        self._open, self._apostrophe = None, ""
        return self._add_word(word.casefold().replace("’", "'"), start, end)

    def _add_word(self, word: str, start: int, end: int) -> Loop | None:
        i = len(self._words)
        self._words.append(word)
        self._bounds.append((start, end))
        self._longest = max(self._longest, len(word))
        before = self._run
        recent = self._recent.setdefault(word, [])
        # unit -> how many words in a row have equalled the word ``unit`` before them
        self._run = runs = {i - j: before.get(i - j, 0) + 1 for j in recent}
        recent.append(i)
        if i >= MAX_UNIT_WORDS:  # forget the word that left the window
            old = self._words[i - MAX_UNIT_WORDS]
            positions = self._recent[old]
            positions.pop(0)
            if not positions:
                del self._recent[old]
        # units the text now ends with all but one of the copies of a loop (for may_become_loop)
        self._ready.append(sorted(u for u, n in runs.items() if n >= (_NEEDED[u] - 2) * u))
        if len(self._ready) > _LOOKAHEAD_WORDS + 1:
            self._ready.pop(0)
        self._sentence.append(word)
        self._node_before = self._node
        self._node = self._node.children.get(word) if self._node is not None else None
        looping = [u for u, n in runs.items() if n >= (_NEEDED[u] - 1) * u]
        if looping:
            first = self._bounds[i + 1 - min(looping)][0]
            return Loop(first, "phrase", self.text[first:end])
        return None

    def _end_sentence(self, stop: int) -> Loop | None:
        key, lead = tuple(self._sentence), self._lead
        self._sentence, self._lead = [], None
        self._node, self._node_before = self._trie, None
        if len(key) < MIN_SENTENCE_WORDS:
            return None
        if key in self._seen:
            return Loop(lead, "sentence", self.text[lead:stop].strip())
        self._seen.add(key)
        node = self._trie
        for n, word in enumerate(key):
            node = node.child(word, inner=n + 1 < len(key))
        return None

    # -- holding back ----------------------------------------------------------------------------------
    def may_become_loop(self) -> bool:
        """Could the text's end be the start of a copy that would complete a loop? Then it is held back."""
        open_word = None
        if self._open is not None:
            if self._open_length > self._longest:  # every check below compares it with a complete word
                return False
            open_word = "".join(self._open).casefold().replace("’", "'")
        n = len(self._words) + (open_word is not None)
        if not n:
            return False
        tail = self._tail
        partial = _is_word_char(tail[-1]) or (tail[-1] == "\n" and len(tail) == 2 and _is_word_char(tail[0]))
        # the unfinished sentence repeats the start of an earlier one
        node = None
        if open_word is not None:
            node, last = self._node, open_word
        elif self._sentence:
            node, last = self._node_before, self._sentence[-1]
        if node is not None and (last in node.children or node.starts(last, inner=not partial)):
            return True
        # the last few words begin one more copy of a span already repeated back to back
        words = self._words if open_word is None else [*self._words[-MAX_UNIT_WORDS - _LOOKAHEAD_WORDS:], open_word]
        n, ready = len(words), self._ready
        for r in range(1, min(_LOOKAHEAD_WORDS, n) + 1):
            head = n - r  # words before the possible copy's start (all complete)
            back = len(words) - head - (open_word is not None)  # word counts before the latest complete one
            if back >= len(ready):
                break
            for unit in ready[len(ready) - 1 - back]:
                if unit < r or unit > min(MAX_UNIT_WORDS, head // 2):
                    continue
                nxt, copy = words[head:n], words[head - unit:head - unit + r]
                if nxt[:-1] == copy[:-1] and (copy[-1].startswith(nxt[-1]) if partial else copy[-1] == nxt[-1]):
                    return True
        return False


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def find_loop(text: str, *, final: bool = True) -> Loop | None:
    """The first loop in ``text`` (by where it completes), or None.

    With ``final=False`` the text is still arriving: a trailing unfinished word or sentence is not
    judged yet.
    """
    watch = LoopWatch()
    loop = watch.feed(text)
    if loop is None and final:
        loop = watch.finish()
    return loop


def has_loop(text: str) -> bool:
    """True when a finished reply repeats a phrase or sentence in a loop (see the module docstring)."""
    return find_loop(text) is not None


_LOOKAHEAD_WORDS = 4
"""How many words of a possible next copy are held back (a delta rarely adds more)."""


def may_become_loop(text: str) -> bool:
    """Could the text's end be the start of a copy that would complete a loop? Then it is held back."""
    watch = LoopWatch()
    watch.feed(text)
    return watch.may_become_loop()


async def guard_loops(source: AsyncIterator[str | Status | object]) -> AsyncIterator[str | Status | object]:
    """Pass ``source`` through, stopping it (closing it) when its text starts to loop.

    Text streams unchanged except while it could be starting a repeat, when it is held until it
    either diverges (and is released) or completes the loop (and is dropped). Status lines pass
    straight through; other events (tool steps) release what was held, then pass. Each delta is read once
    (``LoopWatch``): the cost per delta doesn't grow with the reply.
    """
    watch = LoopWatch()
    shown, held = 0, []  # length of the text passed on; deltas held back
    async with aclosing(source) as items:
        try:
            async for item in items:
                if isinstance(item, Status):
                    yield item
                    continue
                if not isinstance(item, str):  # an event between texts (a tool step): the text before it is done
                    if held:
                        text, held = "".join(held), []
                        yield text
                        shown += len(text)
                    yield item
                    continue
                held.append(item)
                loop = watch.feed(item)
                if loop is not None:
                    rest = "".join(held)[:max(loop.start - shown, 0)].rstrip(" ,;:-–—\n")
                    log.info("Loop guard stopped a reply repeating a %s of %d characters", loop.kind, len(loop.text))
                    if rest:
                        yield rest
                    return
                if watch.may_become_loop():
                    continue
                text, held = "".join(held), []
                yield text
                shown += len(text)
        except Exception:  # a backend fault: what was held back is part of the partial reply it keeps
            if held:
                yield "".join(held)
            raise
    if held:
        text = "".join(held)
        loop = watch.finish()
        if loop is not None:
            log.info("Loop guard stopped a reply repeating a %s of %d characters", loop.kind, len(loop.text))
            text = text[:max(loop.start - shown, 0)].rstrip(" ,;:-–—\n")
        if text:
            yield text
