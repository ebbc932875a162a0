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
_TAG_START = re.compile(rf"<(?!/?(?:{'|'.join(_SAFE_TAGS)})\s*/?>)(?=[A-Za-z/!?])", re.IGNORECASE)
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
