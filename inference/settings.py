"""Per-request knobs the UI exposes; validation and documentation in one model."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from .model_ids import MAX_MODEL_CHARS, is_url

MAX_TEMPERATURE = 1.5
"""Hotter than this, small models write noise; the Settings slider and every API call stop here."""
MIN_NEW_TOKENS = 16
DEFAULT_MAX_NEW_TOKENS = 1024
"""The default of ``PERSONA_CHAT_MAX_NEW_TOKENS`` (``InferenceConfig.max_new_tokens``)."""


@dataclass(frozen=True)
class SettingsLimits:
    """The bounds of a visitor's Settings, on every path: the page's sliders are built from them and
    ``ChatSettings.model_validate(…, context={"limits": …})`` refuses what lies outside them (UI, /chat, any API)."""

    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS
    min_new_tokens: int = MIN_NEW_TOKENS
    max_temperature: float = MAX_TEMPERATURE


class ChatSettings(BaseModel):
    """What the user may change per message in the Settings panel.

    Validated with a ``SettingsLimits`` in the context (``{"limits": …}``), the reply length must lie within the
    owner's bounds; without one (the owner's own code: evals, benches) any positive length is taken.
    """

    model: str | None = Field(None, description="Hosted model id override; None uses the configured default.")
    temperature: float = Field(0.3, ge=0, le=MAX_TEMPERATURE,
                               description="Sampling temperature; 0 is (near) deterministic.")
    max_new_tokens: int = Field(256, ge=1, description="Upper bound on the reply length in tokens.")

    @field_validator("max_new_tokens")
    @classmethod
    def _within_the_owners_limit(cls, value: int, info: ValidationInfo) -> int:
        limits = (info.context or {}).get("limits")
        if limits is None:
            return value
        if value > limits.max_new_tokens:
            raise ValueError(f"it should be at most {limits.max_new_tokens:,}, this Space's limit "
                             "(PERSONA_CHAT_MAX_NEW_TOKENS)")
        if value < limits.min_new_tokens:
            raise ValueError(f"it should be at least {limits.min_new_tokens}")
        return value

    @field_validator("model")
    @classmethod
    def _a_name_not_an_address(cls, value: str | None) -> str | None:
        """On every route a model id is a name, never a URL (``model_ids``: the route's own pattern comes later)."""
        if value is None:
            return value
        if is_url(value):
            raise ValueError("it should be a model id such as owner/name, never a URL")
        if len(value) > MAX_MODEL_CHARS or not value.isprintable():
            raise ValueError(f"it should be a model id: printable characters, at most {MAX_MODEL_CHARS}")
        return value
