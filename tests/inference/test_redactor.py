"""The redactor alone: exact on whole texts, and on streams however they are cut, never showing part of a secret."""

from __future__ import annotations

import logging

from hypothesis import given
from hypothesis import strategies as st

from inference.redaction import REDACTED, Redactor, redact_logs, url_secrets

KEY = "sk-owner-key-0123456789abcdef"
WORDS = st.sampled_from(["Your", " key", " is ", KEY, "sk-", "owner", "\n", ".", "日本語", " hf_", "abc", "://u:p@h/"])


@given(st.lists(WORDS, max_size=30), st.lists(st.integers(0, 400), max_size=10))
def test_a_stream_cut_anywhere_shows_what_the_whole_text_would_and_never_a_piece_of_a_secret(words, cuts):
    text = "".join(words)
    bounds = sorted({0, len(text), *(c % (len(text) + 1) for c in cuts)})
    stream = Redactor([KEY])
    shown = ""
    for start, end in zip(bounds, bounds[1:], strict=False):
        shown += stream.feed(text[start:end])
        assert KEY not in shown and not any(shown.endswith(KEY[:n]) for n in range(4, len(KEY)))
    shown += stream.flush()
    assert shown == Redactor([KEY])(text)


def test_shapes_are_redacted_whoever_owns_them():
    redact = Redactor()
    assert redact("token hf_abcdefghijklmnopqrstuvwxyz12 ok") == f"token {REDACTED} ok"
    assert redact("GET http://bob:pw@10.0.0.1/x") == f"GET http://{REDACTED}@10.0.0.1/x"
    assert redact("short hf_abc and a@b.c and http://host/path") == "short hf_abc and a@b.c and http://host/path"


def test_url_secrets_include_the_basic_auth_header_value():
    assert url_secrets("http://alice:p%40ss@h/v1") == ["p%40ss", "p@ss", "alice:p@ss", "YWxpY2U6cEBzcw=="]
    assert url_secrets("http://h/v1") == [] and url_secrets(None) == []


def test_short_values_are_not_secrets():
    assert Redactor(["abc", None, ""])("abc abc") == "abc abc"


def test_log_records_are_redacted_as_they_are_made(caplog):
    redact_logs(["my-secret-value-123"])
    with caplog.at_level(logging.INFO):
        logging.getLogger("x.y").info("value=%s", "my-secret-value-123")
    assert "my-secret-value-123" not in caplog.text and REDACTED in caplog.text
