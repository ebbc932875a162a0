"""How text reaches the page: a visitor's as characters, a model's as Markdown that loads nothing.

Gradio renders chat messages and ``gr.Markdown`` as Markdown with raw HTML allowed (then sanitised,
which keeps ``<img>`` and headings). So whatever a visitor controls is backslash-escaped — every ASCII
punctuation character that any Markdown, GFM or HTML construct is made of, which CommonMark and
marked both read as that literal character — and a model's reply keeps its Markdown but no raw HTML
tag or image survives to fetch anything.
"""

from __future__ import annotations

import re
import string

_INERT = frozenset("'\"?,;%/")  # in no construct once every other mark (<, :, [, &, ., …) is escaped
_PUNCTUATION = frozenset(string.punctuation) - _INERT
"""Escaped; leaving out the inert ones keeps "What's my balance?" free of backslashes (e.g. when copied)."""
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")

BREAK = "\u200b"  # zero-width space: splits markup syntax without changing what is read
_SAFE_TAGS = ("b", "i", "em", "strong", "u", "s", "del", "sub", "sup", "br", "hr", "p", "code", "pre", "kbd",
              "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
              "h1", "h2", "h3", "h4", "h5", "h6")
_TAG_START = re.compile(rf"<(?!/?(?:{'|'.join(_SAFE_TAGS)})\s{{0,16}}/?>)(?=[A-Za-z/!?])", re.IGNORECASE)
_MAY_BE_TAG = re.compile(r"</?[A-Za-z0-9]{0,10}\s{0,16}/?")
"""A ``<`` whose fate (``_TAG_START``) the next characters may still change: it is read again with them."""
_IMAGE = re.compile(r"!\[")


def as_text(text: str) -> str:
    """Markdown source that shows ``text`` exactly, character for character (no markup, links or HTML)."""
    return "".join("\\" + c if c in _PUNCTUATION else c for c in text)


def from_text(markdown: str) -> str:
    """Undo ``as_text`` (for the chat history the browser sends back)."""
    return _ESCAPED.sub(r"\1", markdown)


def inert(reply: str) -> str:
    """A model's Markdown with every image and every raw HTML tag but plain formatting ones (no attributes) broken.

    ``![x](url)`` becomes ``!\u200b[x](url)`` (a link, fetched only if clicked) and ``<img …>``
    ``<\u200bimg …>`` (shown as written): what the model wrote stays readable, code blocks included,
    and a prompt-injected model cannot make the browser send the conversation anywhere.
    """
    return _IMAGE.sub("!" + BREAK + "[", _TAG_START.sub("<" + BREAK, reply))


class InertReply:
    """``inert`` of a reply that grows a delta at a time, reading each character about once.

    ``add`` returns the whole reply so far made inert, as Gradio's chat wants it. Only a short tail whose
    markup the next delta could change (a ``<`` that may still become a plain tag, a ``!`` before a
    possible ``[``) is read again; everything before it is made inert once, for good.
    """

    def __init__(self) -> None:
        self._done = ""  # inert text that no later delta can change
        self._open = ""  # raw text after it

    def add(self, delta: str) -> str:
        text = self._open + delta
        cut = len(text) - 1 if text.endswith("!") else len(text)
        start = text.rfind("<")
        if start >= 0 and _MAY_BE_TAG.fullmatch(text, start) is not None:
            cut = min(cut, start)
        if 0 < cut < len(text) and text[cut - 1] == "<":
            cut -= 1  # a '<' is a tag's start or not by the character after it ("<!"), which is held back
        self._done += inert(text[:cut])
        self._open = text[cut:]
        return self._done + inert(self._open)
