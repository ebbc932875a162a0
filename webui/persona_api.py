"""The persona as data for other programs: the record as JSON, with input errors that name the input.

The app offers ``persona_json`` as an API endpoint and as an MCP tool. It returns JSON text, the
record the persona JSON download holds (``persona.load_persona`` reads it back) with the builder's
institution when a brand file renames it, so a program sees the same record as the card. Text rather
than a dict because Gradio's MCP server sends a dict as its Python repr, which is not JSON. With
``format="fhir"`` a healthcare persona comes as a FHIR transaction Bundle instead (``persona.datasets``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from persona import (
    DEFAULT_LOCALE,
    InvalidAsOfError,
    InvalidSeedError,
    PersonaBase,
    PersonaError,
    ScenarioNotApplicableError,
    UnknownLocaleError,
    UnknownModeError,
    UnknownScenarioError,
    generate,
    list_actions,
)
from persona.datasets import DEFAULT_LINK_BASE, fhir_json, share_link

from .brand import Brand
from .downloads import download_name, write_once
from .links import find_locale

FORMATS = ("json", "fhir")
"""What ``persona_json`` can return: the record as JSON, or (healthcare) a FHIR Bundle."""

_INPUT_OF = {UnknownModeError: "mode", InvalidSeedError: "seed", UnknownLocaleError: "locale",
             InvalidAsOfError: "as_of", UnknownScenarioError: "scenario", ScenarioNotApplicableError: "scenario"}
"""Which input a persona error is about."""


class PersonaInputError(ValueError):
    """An input to ``persona_json`` can't be used; the message starts with the input's name."""


def _input_of(error: PersonaError) -> str:
    for kind, name in _INPUT_OF.items():
        if isinstance(error, kind):
            return name
    return "input"


def parse_as_of(text: str | None) -> date | None:
    """``YYYY-MM-DD`` or empty for today."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PersonaInputError(f"as_of: {text[:40]!r} is not a date; write it as YYYY-MM-DD, "
                                "or leave it empty for today") from None


def persona_json(mode: str, seed: int | str, locale: str = DEFAULT_LOCALE, scenario: str = "", as_of: str = "",
                 brand: Brand | None = None, format: str = "json", base_url: str = DEFAULT_LINK_BASE) -> str:
    """The persona for (mode, seed, locale, scenario, as_of) as JSON; bad input raises ``PersonaInputError``.

    ``format="fhir"``: a healthcare persona as a FHIR Bundle whose ``meta.source`` is its share link under
    ``base_url``.
    """
    kind = (format or "").strip().lower() or "json"
    if kind not in FORMATS:
        raise PersonaInputError(f"format: {format[:40]!r} is not a format; choose {' or '.join(FORMATS)}")
    persona = _persona(mode, seed, locale, scenario, as_of, brand)
    if kind == "fhir":
        if persona.mode != "healthcare":
            raise PersonaInputError(f"format: fhir is for healthcare personas, not {persona.mode}; use json")
        return fhir_json(persona, share_link(base_url, persona.mode, persona.seed, persona.locale,
                                             persona.scenario.kind))
    return persona.model_dump_json()


def actions_json(mode: str, seed: int | str, locale: str = DEFAULT_LOCALE, scenario: str = "", as_of: str = "",
                 brand: Brand | None = None) -> str:
    """The actions a program may ask for on this persona, as JSON: each one's name, description, whether it
    changes the record (then the customer confirms it first) and its arguments' JSON schema, the ``parameters``
    a tool-calling model or an MCP client needs. Bad input raises ``PersonaInputError``."""
    persona = _persona(mode, seed, locale, scenario, as_of, brand)
    return json.dumps({"mode": persona.mode, "seed": persona.seed, "locale": persona.locale,
                       "actions": list_actions(persona)}, ensure_ascii=False)


def _persona(mode: str, seed: int | str, locale: str, scenario: str, as_of: str, brand: Brand | None) -> PersonaBase:
    mode_name = (mode or "").strip().lower()
    locale_name = find_locale(locale if (locale or "").strip() else DEFAULT_LOCALE) or locale
    kwargs = {"scenario": scenario.strip()} if scenario and scenario.strip() else {}
    try:
        persona = generate(mode_name, seed if isinstance(seed, int) else str(seed or "").strip(),
                           locale_name, parse_as_of(as_of), **kwargs)
    except PersonaError as exc:
        raise PersonaInputError(f"{_input_of(exc)}: {exc}") from None
    if brand is not None:
        persona = brand.mode(persona.mode).apply(persona)
    return persona


def write_fhir_download(persona: PersonaBase, link: str, folder: Path | None = None) -> str | None:
    """The card's second download for a healthcare persona: its FHIR Bundle (``meta.source`` = ``link``).

    Written once per record and link, as ``session.write_download`` writes the JSON (``downloads.write_once``):
    the name is a keyed digest of both, so it says nothing about the persona and a file handed out again is
    only touched, not rebuilt. None for the other industries, which have no FHIR form.
    """
    if persona.mode != "healthcare":
        return None
    name = download_name(f"{persona.model_dump_json()}\n{link}")
    return write_once(f"persona-{name}.fhir.json", lambda: fhir_json(persona, link, indent=2), folder)
