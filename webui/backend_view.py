"""What Settings show about the model: only what applies to the backend that is answering."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from inference import BackendInfo, InferenceConfig


@dataclass(frozen=True)
class ModelSettings:
    hosted_box: bool
    """Show the model picker (only a hosted backend takes a model id per request)."""
    note: str
    """Markdown naming the model when there is nothing to choose ("" when the picker is shown)."""
    choices: tuple[str, ...] = ()
    """The recommended hosted models, the configured default first (``PERSONA_CHAT_MODEL`` + ``PERSONA_CHAT_MODELS``)."""
    custom: bool = False
    """Whether the visitor may type another model id: only where ``InferenceConfig.models_for`` allows any."""


def recommended_models(config: InferenceConfig) -> tuple[str, ...]:
    """The picker's list: the default model, then the owner's list (``*``, "any model", is not a model)."""
    return (config.model, *(m for m in config.models or () if m not in ("*", config.model)))


def model_settings(backend: BackendInfo, config: InferenceConfig | None = None,
                   oauth_token: str | None = None) -> ModelSettings:
    """The Settings for the backend answering: a picker of recommended models for a hosted one (custom ids where
    the visitor may spend on any model), the built-in model's name for the local one."""
    if backend.kind == "hosted":
        if config is None:
            return ModelSettings(hosted_box=True, note="", choices=(backend.model,))
        return ModelSettings(hosted_box=True, note="", choices=recommended_models(config),
                             custom=config.models_for(oauth_token) is None)
    return ModelSettings(hosted_box=False,
                         note=f"**Model:** {escape(backend.model)}, built in and running on this server.")
