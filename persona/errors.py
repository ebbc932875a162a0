"""One exception base for the persona engine, narrow subclasses callers can catch."""

from __future__ import annotations


class PersonaError(ValueError):
    """Base class: every input the engine rejects raises a subclass of this."""


class UnknownModeError(PersonaError):
    """The mode is not a registered industry."""


class UnknownLocaleError(PersonaError):
    """The locale is not one the engine formats and generates for."""


class InvalidSeedError(PersonaError):
    """The seed is not an integer or a string of decimal digits."""


class InvalidAsOfError(PersonaError):
    """as_of is not a date, or lies outside ``AS_OF_RANGE``."""


class UnknownScenarioError(PersonaError):
    """The scenario kind is not one the mode's industry declares."""


class ScenarioNotApplicableError(PersonaError):
    """The scenario kind is declared, but this persona's record holds nothing it could be about."""
