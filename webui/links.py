"""Shareable links: parse ``?mode=…&seed=…&locale=…&scenario=…`` defensively and build links back."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from persona import SEED_SPACE, PersonaBase, applicable_scenarios, get_industry, list_locales, list_modes

PARAMS = ("mode", "seed", "locale", "scenario")
_CANONICAL_SEED = re.compile(r"[0-9]{1,10}")
_SHOWN = 40


def _show(value: str) -> str:
    return repr(value if len(value) <= _SHOWN else value[: _SHOWN - 1] + "…")


@dataclass(frozen=True)
class LinkRequest:
    mode: str
    seed: int
    locale: str
    warnings: tuple[str, ...] = ()
    scenario: str | None = None
    """The scenario kind the link asks for, as written (tidied); None: the one the seed draws.

    Whether it fits is known only once the persona exists: see ``scenario_warning``."""


def find_locale(value: str) -> str | None:
    """A locale as people write it (any case, ``-`` or ``_``: " de-de ") as its code; None when there is none."""
    wanted = value.strip().replace("-", "_").lower()
    return next((loc for loc in list_locales() if loc.lower() == wanted), None)


def parse_link(items: Iterable[tuple[str, str]], *, default_mode: str, default_locale: str,
               new_seed: Callable[[], int]) -> LinkRequest:
    """Read the page's query parameters; anything unusable falls back to a default with a warning.

    Keys starting with ``__`` (Gradio's and Spaces' own, such as ``__theme`` and ``__sign``) are
    ignored silently; other unknown keys are ignored with a warning. Seeds in links must be
    canonical (0 to 2**32-1, digits only) so that a link always names exactly one persona.
    """
    values: dict[str, list[str]] = {}
    warnings: list[str] = []
    for key, value in items:
        if key in PARAMS:
            values.setdefault(key, []).append(value)
        elif not key.startswith("__"):
            warnings.append(f"Ignored unknown link parameter {_show(key)}; "
                            "links use mode, seed, locale and scenario.")

    def single(key: str) -> str | None:
        got = values.get(key)
        if not got:
            return None
        if len(set(got)) > 1:
            warnings.append(f"The link gives {key} {len(got)} times; using the default {key} instead.")
            return None
        return got[0]

    mode = default_mode
    if (raw := single("mode")) is not None:
        if raw.strip().lower() in list_modes():
            mode = raw.strip().lower()
        else:
            warnings.append(f"Unknown mode {_show(raw)}; showing {mode}. Choose one of: {', '.join(list_modes())}.")
    locale = default_locale
    if (raw := single("locale")) is not None:
        if found := find_locale(raw):
            locale = found
        else:
            warnings.append(f"Unknown locale {_show(raw)}; using {locale}. Choose one of: {', '.join(list_locales())}.")
    seed = None
    if (raw := single("seed")) is not None:
        text = raw.strip()
        if _CANONICAL_SEED.fullmatch(text) and int(text) < SEED_SPACE:
            seed = int(text)
        else:
            warnings.append(f"Seed {_show(raw)} is not a whole number from 0 to {SEED_SPACE - 1}; "
                            "showing a new random persona instead.")
    if seed is None:
        seed = new_seed()
    scenario = None
    if (raw := single("scenario")) is not None:
        scenario = raw.strip().replace("-", "_").lower()
    return LinkRequest(mode=mode, seed=seed, locale=locale, warnings=tuple(warnings), scenario=scenario)


def read_share_link(link: str | None, *, default_mode: str, default_locale: str) -> tuple[LinkRequest, str] | None:
    """The persona a share link (``share_link``) names exactly, and the base URL it points at; None for text that
    names none: not a link, no seed (``parse_link`` would draw a new customer), or anything it would warn about.

    Whether its scenario fits is known only once the persona exists.
    """
    parts = urlsplit(link or "")
    items = parse_qsl(parts.query)
    if "seed" not in dict(items):
        return None
    asked = parse_link(items, default_mode=default_mode, default_locale=default_locale, new_seed=lambda: 0)
    if asked.warnings:
        return None
    return asked, f"{parts.scheme}://{parts.netloc}/" if parts.scheme and parts.netloc else ""


def scenario_warning(asked: str, persona: PersonaBase) -> str:
    """Why the link's scenario was not used for ``persona`` (shown with its own instead), naming those that fit."""
    declared = {k.kind: k for k in get_industry(persona.mode).scenarios}
    if asked in declared:
        why = f"Scenario {_show(asked)} needs {declared[asked].needs}, which this {persona.mode} persona does not have"
    else:
        why = f"Unknown scenario {_show(asked)} for {persona.mode}"
    return (f"{why}; showing their own, {persona.scenario.kind}. "
            f"Choose one of: {', '.join(applicable_scenarios(persona))}.")


def public_base_url(space_host: str | None, space_id: str | None, scheme: str, host: str | None) -> str:
    """Where a shared link should point: the Space's public host on Spaces, else this request's host."""
    if space_host:
        return f"https://{space_host}/"
    if space_id:
        sub = re.sub(r"[^a-z0-9]+", "-", space_id.lower()).strip("-")
        return f"https://{sub}.hf.space/"
    return f"{scheme}://{host or '127.0.0.1:7860'}/"


def share_link(base_url: str, mode: str, seed: int, locale: str, scenario: str | None = None) -> str:
    """The link that opens this persona; with ``scenario`` it names the scenario too.

    The page always passes the shown scenario, even the one the seed draws: the link then still opens the same
    story if a later version of the app draws differently.
    """
    params = {"mode": mode, "seed": seed, "locale": locale} | ({"scenario": scenario} if scenario else {})
    return f"{base_url}?{urlencode(params)}"
