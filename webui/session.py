"""Per-browser-session state: which persona this tab is talking to."""

from __future__ import annotations

import secrets
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from persona import PersonaBase, PersonaView, describe, generate

from .card import Story, render_card, render_strip

NEW_SEED_RANGE = 1_000_000
"""Fresh seeds are drawn below this so links stay short; any seed up to 2**32-1 works."""


@dataclass(frozen=True)
class Session:
    """Everything needed to recompute the persona; held in a ``gr.State`` per tab."""

    mode: str
    seed: int
    locale: str
    persona: PersonaBase
    base_url: str = "http://127.0.0.1:7860/"

    @property
    def scenario(self) -> Story | None:
        """Why the customer is in touch, once personas carry one (``persona.scenario``)."""
        return getattr(self.persona, "scenario", None)

    @property
    def card_html(self) -> str:
        return render_card(self.view, self.seed, self.mode, self.locale, self.scenario)

    @property
    def strip_html(self) -> str:
        return render_strip(self.view, self.seed, self.locale, self.scenario)

    @cached_property
    def view(self) -> PersonaView:
        """The persona as display text, described once for the card and the strip."""
        return describe(self.persona)

    @property
    def scenario_kind(self) -> str:
        """The kind of the persona's scenario: the one its seed draws, or the one a link or the picker chose."""
        return self.persona.scenario.kind


def random_seed() -> int:
    return secrets.randbelow(NEW_SEED_RANGE)


def open_session(mode: str, seed: int | str, locale: str, base_url: str = Session.base_url,
                 as_of: date | None = None, scenario: str | None = None) -> Session:
    """The session for a persona; ``scenario`` picks its reason for contact (``PersonaError`` if it does not fit)."""
    persona = generate(mode, seed, locale, as_of, scenario=scenario)
    return Session(mode=persona.mode, seed=persona.seed, locale=persona.locale, persona=persona, base_url=base_url)


def write_download(persona: PersonaBase) -> str:
    """Write the persona's JSON once per (mode, locale, seed, as_of): same inputs, same file."""
    folder = Path(tempfile.gettempdir()) / "persona-chat"
    folder.mkdir(exist_ok=True)
    path = folder / f"persona-{persona.mode}-{persona.locale}-{persona.seed}-{persona.as_of.isoformat()}.json"
    if not path.exists():
        tmp = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
        tmp.write_text(persona.model_dump_json(indent=2), encoding="utf-8")
        tmp.replace(path)
    return str(path)
