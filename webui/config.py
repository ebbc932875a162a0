"""App-level settings from the environment (inference settings live in ``inference``)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from pydantic import BaseModel, Field

from persona import DEFAULT_LOCALE, list_locales, list_modes


class AppConfig(BaseModel):
    default_mode: str = "banking"
    default_locale: str = DEFAULT_LOCALE
    chat_concurrency: int = Field(64, ge=1, description="Chat streams served at once (hosted calls are I/O-bound).")
    queue_size: int = Field(512, ge=1, description="Requests allowed to wait in Gradio's queue.")
    state_ttl: int = Field(6 * 3600, ge=60, description="Seconds a session's state lives after its last update.")
    share: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> AppConfig:
        mode = environ.get("PERSONA_CHAT_DEFAULT_MODE", "banking")
        locale = environ.get("PERSONA_CHAT_DEFAULT_LOCALE", DEFAULT_LOCALE)
        return cls(
            default_mode=mode if mode in list_modes() else "banking",
            default_locale=locale if locale in list_locales() else DEFAULT_LOCALE,
            chat_concurrency=int(environ.get("PERSONA_CHAT_CONCURRENCY", 64)),
            queue_size=int(environ.get("PERSONA_CHAT_QUEUE_SIZE", 512)),
            state_ttl=int(environ.get("PERSONA_CHAT_STATE_TTL", 6 * 3600)),
            share=environ.get("PERSONA_CHAT_SHARE", "").lower() in {"1", "true", "yes"},
        )
