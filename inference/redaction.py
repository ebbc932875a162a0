"""Keep secrets out of everything shown and logged: replies (even streamed), notices, log lines.

Known secrets (the HF token, the base URL's key and its ``user:password``) are replaced wherever they
appear, as are two shapes that are secret whoever owns them: Hugging Face tokens (a visitor's sign-in)
and the ``user:password@`` part of URLs. Every secret is printable ASCII without spaces, so a secret
always lies inside one run of such characters: a stream is redacted exactly by holding back its
trailing run until the run ends (for CJK text, which has no such runs, nothing is held back).
"""

from __future__ import annotations

import base64
import logging
import re
import threading
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

REDACTED = "[redacted]"
MIN_SECRET = 8
"""Shorter values are not treated as secrets: redacting every "abc" would garble replies, and protect nothing."""

_SHAPES = (
    re.compile(r"\bhf_[A-Za-z0-9]{20,}"),  # Hugging Face user and OAuth tokens
    re.compile(r"(?<=://)[^/\s@:]*:[^/\s@]*(?=@)"),  # user:password@ in a URL
)
_RUN = re.compile(r"[!-~]*")  # matched on a reversed delta: its trailing run of printable ASCII, which may still
# grow into a secret (a forward search for it, "[!-~]*\Z", would retry the run at every position it holds)


def url_secrets(url: str | None) -> list[str]:
    """The secrets a URL's userinfo carries: the password, ``user:password`` and its Basic-auth form."""
    parts = urlsplit(url or "")
    if not parts.password:
        return []
    pair = f"{unquote(parts.username or '')}:{unquote(parts.password)}"
    return [parts.password, unquote(parts.password), pair, base64.b64encode(pair.encode()).decode()]


class Redactor:
    """Replaces secrets in text; ``feed``/``flush`` do it for a stream of deltas without ever showing a partial one."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._secrets = sorted({s for s in secrets if s and len(s) >= MIN_SECRET}, key=len, reverse=True)
        self._pending: list[str] = []  # the open run, in pieces (joined once, when it ends)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        for shape in _SHAPES:
            text = shape.sub(REDACTED, text)
        return text

    def feed(self, delta: str) -> str:
        """What of the stream so far can be shown: all but a trailing run that may still become a secret.

        Work is proportional to the delta (and to the run it closes, once): a run is never re-read.
        """
        run = _RUN.match(delta[::-1]).end()
        if run == len(delta):
            if delta:
                self._pending.append(delta)
            return ""
        cut = len(delta) - run
        text = "".join([*self._pending, delta[:cut]])
        self._pending = [delta[cut:]] if run else []
        return self(text)

    def flush(self) -> str:
        """The rest, at the end of the stream."""
        text, self._pending = "".join(self._pending), []
        return self(text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message (and traceback) with secrets replaced; never drops a record."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._secrets: set[str] = set()
        self._redact = Redactor()

    def remember(self, secrets: Iterable[str | None]) -> None:
        new = {s for s in secrets if s} - self._secrets
        if new:
            with self._lock:
                self._secrets.update(new)
                self._redact = Redactor(self._secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        redact = self._redact
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted record is logging's to report, not ours
            return True
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_filter = RedactingFilter()
_installed = False
_install_lock = threading.Lock()


def redact_logs(secrets: Iterable[str | None] = ()) -> RedactingFilter:
    """Redact every log record from now on, whichever logger or handler it goes to; ``secrets`` adds known ones.

    The filter runs as each record is made (via the record factory), so handlers that libraries add
    later (uvicorn's, httpx's, a test's) only ever see redacted text. Idempotent.
    """
    global _installed
    _filter.remember(secrets)
    with _install_lock:
        if not _installed:
            make = logging.getLogRecordFactory()

            def factory(*args, **kwargs) -> logging.LogRecord:
                record = make(*args, **kwargs)
                _filter.filter(record)
                return record

            logging.setLogRecordFactory(factory)
            _installed = True
    return _filter
