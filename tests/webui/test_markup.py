"""Visitor text is escaped exactly and reversibly; model Markdown keeps no image or HTML tag that could fetch."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from webui.markup import BREAK, as_text, from_text, inert

_PIECES = [*"<>/!?[]()*_`#\\&;:=\"' \n-aimgsrcfrBI", "img", "iframe", "src=", "<br>", "<b>", "http://x/"]
MARKUP = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@given(st.text())
def test_escaping_is_exactly_reversible(text):
    assert from_text(as_text(text)) == text


@given(st.text())
def test_escaped_text_has_no_unescaped_markup_character(text):
    escaped = as_text(text)
    # every ASCII punctuation character but ' " ? , ; % / is preceded by a backslash that is itself not escaped
    assert re.fullmatch(r"(?:\\[!-/:-@\[-`{-~]|['\"?,;%/]|[^!-/:-@\[-`{-~])*", escaped, re.DOTALL)


def test_plain_questions_stay_free_of_backslashes():
    assert as_text("What's my balance? I'd like 5%, please; thanks/cheers") == \
        "What's my balance? I'd like 5%, please; thanks/cheers"


@given(MARKUP)
def test_a_reply_keeps_no_image_and_no_tag_but_bare_formatting(reply):
    shown = inert(reply)
    assert "![" not in shown
    for tag in re.finditer(r"<(/?)([A-Za-z][\w:-]*)([^>]*)>?", shown):
        assert tag.group(2).lower() in {"b", "i", "br"} and not tag.group(3).strip("/ "), (reply, tag.group(0))
    assert shown.replace(BREAK, "") == reply  # only invisible breaks were added: the text reads the same


def test_a_reply_keeps_its_markdown_and_code():
    reply = "**Balance:** $1,234\n\n```html\n<b>ok</b> a < b\n```\n- item <br> `x<y`"
    assert inert(reply) == reply.replace("x<y", f"x<{BREAK}y")  # `<y` could open a tag: broken, invisibly


@given(st.text(), st.integers(1, 50))
def test_a_visitors_turn_is_stored_as_shown_and_read_back_as_typed(text, limit):
    from webui.history import cut_message, normalise_history, shown_user_turn, typed_text

    turn = shown_user_turn({"role": "user", "content": text}, limit)
    assert typed_text(turn["content"]) == cut_message(text, limit)
    if text.strip() and len(text) <= limit:
        assert normalise_history([turn]) == [{"role": "user", "content": text.strip()}]


def test_a_message_over_the_limit_is_shown_cut_and_says_it_was_not_sent():
    from webui.history import shown_user_turn, typed_text

    shown = typed_text(shown_user_turn({"role": "user", "content": "x" * 20}, 8)["content"])
    assert shown.startswith("x" * 8 + " …") and "8-character limit" in shown and "not sent" in shown
