"""App-level settings and deployment facts, read once from the environment (inference's are ``InferenceConfig``).

Each setting is described once, on its field; README's Configuration table is generated from these fields
(``python -m envconfig.docs webui.config:AppConfig``). A bad value raises ``envconfig.ConfigError`` like the
inference settings do, so start-up reports both alike.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from envconfig import from_env
from persona import DEFAULT_LOCALE, list_locales, list_modes

from .brand import Brand, find_brand

log = logging.getLogger(__name__)

_CHOICES: dict[str, Callable[[], list[str]]] = {"default_mode": list_modes, "default_locale": list_locales}


class AppConfig(BaseModel):
    share: bool = Field(
        False, json_schema_extra={"env": "PERSONA_CHAT_SHARE"},
        description="`1` (or `python app.py --share`) asks Gradio for a public `*.gradio.live` link; with no "
                    "network it says so and keeps serving locally")
    default_mode: str = Field(
        "banking", json_schema_extra={"env": "PERSONA_CHAT_DEFAULT_MODE"},
        description="the industry a plain link opens")
    default_locale: str = Field(
        DEFAULT_LOCALE, json_schema_extra={"env": "PERSONA_CHAT_DEFAULT_LOCALE"},
        description="the locale a plain link opens")
    chat_concurrency: int = Field(
        64, ge=1, json_schema_extra={"env": "PERSONA_CHAT_CONCURRENCY"},
        description="chat streams served at once; hosted calls are I/O-bound (see [Scaling](#scaling))")
    queue_size: int = Field(
        512, ge=1, json_schema_extra={"env": "PERSONA_CHAT_QUEUE_SIZE"},
        description="requests allowed to wait in Gradio's queue")
    state_ttl: int = Field(
        6 * 3600, ge=60, json_schema_extra={"env": "PERSONA_CHAT_STATE_TTL"},
        description="seconds a session's state is kept after its last use (every chat message renews it; a chat "
                    "whose state expired picks the persona up again from the page's share link)")
    max_sessions: int = Field(
        4000, ge=1, json_schema_extra={"env": "PERSONA_CHAT_MAX_SESSIONS"},
        description="sessions kept in memory (Gradio's `state_session_capacity`); past it the least recently used "
                    "one is dropped (see [Scaling](#scaling) for the memory each costs)")
    max_turns: int = Field(
        40, ge=1, json_schema_extra={"env": "PERSONA_CHAT_MAX_TURNS"},
        description="visitor messages a chat keeps, with their replies; older ones leave the chat, oldest first")
    file_ttl: int = Field(
        6 * 3600, ge=60, json_schema_extra={"env": "PERSONA_CHAT_FILE_TTL"},
        description="seconds a download (persona JSON, conversation) stays in Gradio's cache after it was last "
                    "handed out; Gradio's `delete_cache` checks every 10 minutes (or every `PERSONA_CHAT_FILE_TTL` "
                    "seconds if shorter)")
    space_host: str | None = Field(
        None, json_schema_extra={"env": "SPACE_HOST"},
        description="set by Hugging Face Spaces: share links point to `https://SPACE_HOST/` (with neither this nor "
                    "`SPACE_ID`, to the scheme and host the browser used)")
    space_id: str | None = Field(
        None, json_schema_extra={"env": "SPACE_ID"},
        description="set by Spaces (`owner/name`); without `SPACE_HOST`, share links point to "
                    "`https://owner-name.hf.space/`")
    config_file: str | None = Field(
        None, json_schema_extra={"env": "PERSONA_CHAT_CONFIG"},
        description="your brand file (TOML: title, colour, logo, and per industry institution, assistant name, "
                    "welcome, instructions; see [Your brand and instructions](#your-brand-and-instructions)); "
                    "unset: `persona_chat.toml` next to `app.py` when there is one")
    mcp_server: bool = Field(
        True, json_schema_extra={"env": "PERSONA_CHAT_MCP"},
        description="offer the persona as an MCP tool at `/gradio_api/mcp/` (see [The persona as data]"
                    "(#the-persona-as-data-api-and-mcp)); `0` turns the MCP server off")
    sign_in: bool = Field(
        False, description="Show 'Sign in with Hugging Face': only on a Space with hf_oauth (see on_spaces_with_oauth).")
    brand: Brand = Field(default_factory=Brand, description="The brand file's contents (read by from_env).")

    @property
    def delete_cache(self) -> tuple[int, int]:
        """``gr.Blocks(delete_cache=(frequency, age))``: how often Gradio cleans its cache, and of what age."""
        return min(self.file_ttl, 600), self.file_ttl

    @property
    def timeline_entries(self) -> int:
        """Entries a chat's timeline keeps (``transcript.stamp(keep=…)``): a message and its reply for each of
        the ``max_turns`` turns the chat keeps, and the chat's opening and welcome."""
        return 2 * self.max_turns + 2

    @field_validator("default_mode", "default_locale")
    @classmethod
    def _known_or_default(cls, value: str, info: ValidationInfo) -> str:
        """An unknown default mode or locale is logged and replaced, so a typo never stops the app."""
        valid = _CHOICES[info.field_name]()
        if value in valid:
            return value
        field = cls.model_fields[info.field_name]
        var = field.json_schema_extra["env"]
        log.warning("%s=%r is not one of %s; using %r", var, value, ", ".join(valid), field.default)
        return field.default

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> AppConfig:
        """Read the app's variables, the Space's own and the brand file; a bad value raises ``ConfigError``."""
        config = from_env(cls, environ, sign_in=on_spaces_with_oauth(environ))
        return config.model_copy(update={"brand": find_brand(config.config_file)})


def on_spaces_with_oauth(environ: Mapping[str, str] = os.environ) -> bool:
    """True only where Gradio's real OAuth routes work: a Space (SYSTEM=spaces, SPACE_ID) with hf_oauth enabled.

    Anywhere else a ``gr.LoginButton`` makes Gradio mock sign-in with the machine's own HF login and
    fail to launch without one, so a laptop with ``SPACE_ID`` set for share links must not get it.
    """
    return bool(environ.get("SPACE_ID") and environ.get("SYSTEM") == "spaces" and environ.get("OAUTH_CLIENT_ID"))
