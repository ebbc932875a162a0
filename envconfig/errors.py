"""The one error a setting from the environment raises."""

from __future__ import annotations


class ConfigError(ValueError):
    """A setting from the environment is unusable; the message names the variable and what it accepts."""
