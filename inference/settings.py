"""Per-request knobs the UI exposes; validation and documentation in one model."""

from __future__ import annotations

from pydantic import BaseModel, Field, field_validator

from .model_ids import MAX_MODEL_CHARS, is_url


class ChatSettings(BaseModel):
    """What the user may change per message in the Settings panel."""

    model: str | None = Field(None, description="Hosted model id override; None uses the configured default.")
    temperature: float = Field(0.3, ge=0, le=2, description="Sampling temperature; 0 is (near) deterministic.")
    max_new_tokens: int = Field(256, ge=1, le=4096, description="Upper bound on the reply length in tokens.")

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
