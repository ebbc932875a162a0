"""Build a Pydantic model from the environment variables named on its fields.

A field is read from the environment when it names its variable: ``Field(..., json_schema_extra={"env": "NAME"})``.
Missing or blank variables keep the field's default; yes/no fields go through ``parse_flag``; everything else is
validated by the model itself (its types, bounds and validators), and a failure becomes one ``ConfigError``
line naming each bad variable and its value (never a secret's value, nor the credentials in a URL).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, SecretStr, ValidationError
from pydantic.fields import FieldInfo

from .errors import ConfigError

Model = TypeVar("Model", bound=BaseModel)

_USERINFO = re.compile(r"(?<![^\s'\"(])((?:[A-Za-z][A-Za-z0-9+.-]*:)?/*)[^/@\s'\"]*@")
MASK = "[redacted]"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_var(field: FieldInfo) -> str | None:
    """The environment variable that sets this field, or None for a field not read from the environment."""
    extra = field.json_schema_extra
    return extra.get("env") if isinstance(extra, Mapping) else None


def is_secret(field: FieldInfo) -> bool:
    """A value never to be shown: a ``SecretStr`` field, or one kept out of the model's repr."""
    return not field.repr or field.annotation is SecretStr or SecretStr in get_args(field.annotation)


def mask_credentials(text: str) -> str:
    """``text`` as it may be printed: the ``user:password@`` of any URL in it masked, even in a malformed URL."""
    return _USERINFO.sub(rf"\g<1>{MASK}@", text)


def parse_flag(raw: str | None, name: str) -> bool:
    """A yes/no variable; anything else is a ``ConfigError`` rather than a silent "no"."""
    value = (raw or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name}={raw!r} is not a yes/no value; use 1/0, true/false, yes/no or on/off.")


def read_env(model: type[BaseModel], environ: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """``{field: value}`` for each of the model's variables that is set and not blank (surrounding space dropped)."""
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        var = env_var(field)
        raw = (environ.get(var) or "").strip() if var else ""
        if raw:
            values[name] = parse_flag(raw, var) if field.annotation is bool else raw
    return values


def from_env(model: type[Model], environ: Mapping[str, str] = os.environ, **derived: Any) -> Model:
    """The model from its variables in ``environ`` plus ``derived`` values (fields worked out from other facts).

    Raises ``ConfigError`` naming each variable whose value the model refuses, and what it accepts.
    """
    values = read_env(model, environ)
    try:
        return model(**values, **derived)
    except ValidationError as exc:
        raise config_error(exc, model, values) from None


def config_error(exc: ValidationError, model: type[BaseModel], values: Mapping[str, Any]) -> ConfigError:
    """One line naming each bad variable, what it held (unless secret) and what it accepts."""
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        field = model.model_fields.get(name)
        var = (env_var(field) if field else None) or name
        shown = "(hidden)" if field and is_secret(field) else mask_credentials(repr(values.get(name)))
        message = str(error["msg"]).removeprefix("Value error, ")
        problems.append(f"{var}={shown}: {message}")
    return ConfigError("; ".join(problems))
