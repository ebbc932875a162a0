"""App-level settings from the environment (inference settings live in ``inference``).

A bad value raises ``inference.ConfigError`` like the inference settings do, so start-up reports both alike.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from pydantic import BaseModel, Field, ValidationError

from inference.config import config_error, parse_flag, read_env
from persona import DEFAULT_LOCALE, list_locales, list_modes

log = logging.getLogger(__name__)


class AppConfig(BaseModel):
    default_mode: str = "banking"
    default_locale: str = DEFAULT_LOCALE
    chat_concurrency: int = Field(64, ge=1, description="Chat streams served at once (hosted calls are I/O-bound).")
    queue_size: int = Field(512, ge=1, description="Requests allowed to wait in Gradio's queue.")
    state_ttl: int = Field(6 * 3600, ge=60, description="Seconds a session's state lives after its last update.")
    share: bool = False
    sign_in: bool = Field(False, description="Show 'Sign in with Hugging Face' (only on a Space with hf_oauth).")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> AppConfig:
        """Read the app's variables; an unknown default mode/locale is logged and replaced, a bad number raises."""

        def choice(name: str, valid: list[str], default: str) -> str:
            value = (environ.get(name) or "").strip()
            if value and value not in valid:
                log.warning("%s=%r is not one of %s; using %r", name, value, ", ".join(valid), default)
                return default
            return value or default

        numbers = read_env(environ, ENV_VARS)
        try:
            return cls(
                default_mode=choice("PERSONA_CHAT_DEFAULT_MODE", list_modes(), "banking"),
                default_locale=choice("PERSONA_CHAT_DEFAULT_LOCALE", list_locales(), DEFAULT_LOCALE),
                share=parse_flag(environ.get("PERSONA_CHAT_SHARE"), "PERSONA_CHAT_SHARE"),
                sign_in=on_spaces_with_oauth(environ),
                **numbers,
            )
        except ValidationError as exc:
            raise config_error(exc, ENV_VARS, numbers) from None


ENV_VARS = {"chat_concurrency": "PERSONA_CHAT_CONCURRENCY", "queue_size": "PERSONA_CHAT_QUEUE_SIZE",
            "state_ttl": "PERSONA_CHAT_STATE_TTL"}
"""Numeric fields -> the variable that sets each; their bounds are the fields' own."""


def on_spaces_with_oauth(environ: Mapping[str, str] = os.environ) -> bool:
    """True only where Gradio's real OAuth routes work: a Space (SYSTEM=spaces, SPACE_ID) with hf_oauth enabled.

    Anywhere else a ``gr.LoginButton`` makes Gradio mock sign-in with the machine's own HF login and
    fail to launch without one, so a laptop with ``SPACE_ID`` set for share links must not get it.
    """
    return bool(environ.get("SPACE_ID") and environ.get("SYSTEM") == "spaces" and environ.get("OAUTH_CLIENT_ID"))
