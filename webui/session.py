"""Per-browser-session state: which persona this tab is talking to."""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from persona import PersonaBase, PersonaView, describe, generate
from prompting import Assistant

from .brand import Brand
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
    assistant: Assistant = Assistant()
    welcome: str | None = None
    """The brand's first assistant message for this persona: shown in the chat, never sent to the model."""

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
                 as_of: date | None = None, brand: Brand | None = None, scenario: str | None = None) -> Session:
    """The session for these inputs, shown through the builder's brand (its institution, assistant, welcome);
    ``scenario`` picks its reason for contact (``PersonaError`` if it does not fit)."""
    persona = generate(mode, seed, locale, as_of, scenario=scenario)
    voice = (brand or Brand()).mode(persona.mode)
    persona = voice.apply(persona)
    return Session(mode=persona.mode, seed=persona.seed, locale=persona.locale, persona=persona, base_url=base_url,
                   assistant=voice.assistant(), welcome=voice.welcome_for(persona))


def write_download(persona: PersonaBase) -> str:
    """Write the persona's JSON once per content: same inputs (and brand), same file.

    The name ends with a digest of the content, so a brand that renames the institution (or a newer
    persona engine) never gets a file written for another one.
    """
    folder = Path(tempfile.gettempdir()) / "persona-chat"
    folder.mkdir(exist_ok=True)
    text = persona.model_dump_json(indent=2)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    path = folder / f"persona-{persona.mode}-{persona.locale}-{persona.seed}-{persona.as_of.isoformat()}-{digest}.json"
    if not path.exists():
        tmp = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return str(path)
