"""Settings from the environment: one reader, one error, and docs generated from the fields.

A Pydantic model names each field's variable (``Field(description=..., json_schema_extra={"env": "NAME"})``);
``from_env(Model)`` reads and validates them, and ``python -m envconfig.docs`` (``envconfig.docs.settings_table``)
prints their table. No knowledge of any particular setting lives here.
"""

from .errors import ConfigError
from .read import env_var, from_env, mask_credentials, parse_flag, read_env

__all__ = ["ConfigError", "env_var", "from_env", "mask_credentials", "parse_flag", "read_env"]
