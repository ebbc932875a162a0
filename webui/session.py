"""Per-browser-session state: which persona this tab is talking to, as the few values that regenerate it."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from inference import ToolCall
from persona import Event, Ledger, PersonaBase, Proposal, describe, generate, replay
from prompting import Assistant

from .brand import Brand, ModeBrand
from .card import Changes, changes
from .downloads import download_name, write_once

NEW_SEED_RANGE = 1_000_000
"""Fresh seeds are drawn below this so links stay short; any seed up to 2**32-1 works."""


@dataclass(frozen=True)
class Session:
    """Everything needed to recompute the persona; held in a ``gr.State`` per tab.

    Only the inputs are kept, never what they give: the persona regenerates in about 150 µs, the card and
    strip from it, so an open tab's state costs a few hundred bytes (README, Scaling) instead of tens of KB.
    """

    mode: str
    seed: int
    locale: str
    as_of: date
    """The day the persona is as of: the same customer all session long, even past midnight."""
    scenario_asked: str | None = None
    """The scenario a link or the picker chose; None: the one the seed draws."""
    base_url: str = "http://127.0.0.1:7860/"
    voice: ModeBrand = field(default_factory=ModeBrand)
    """The builder's brand for this industry (shared with every session, never copied)."""
    events: tuple[Event, ...] = ()
    """The actions the customer confirmed, replayed on the generated record (``persona.Ledger``); a new persona
    (industry, seed, locale, scenario) starts without any, and the share link never carries them."""
    pending: Proposal | None = None
    """The change proposed to the customer and not yet answered: nothing has run."""
    pending_call: ToolCall | None = None
    """The hosted model's call behind ``pending``, so the tool loop resumes after the customer's answer."""
    no_tools: frozenset[str] = frozenset()
    """Hosted models that rejected tools in this session: the planner answers for them."""
    marked: bool = False
    """Whether the card marks what the last action changed (until Undo)."""

    @property
    def origin(self) -> PersonaBase:
        """The persona as generated and branded, before any action (what the share link reproduces)."""
        return self.voice.apply(generate(self.mode, self.seed, self.locale, self.as_of, scenario=self.scenario_asked))

    @property
    def persona(self) -> PersonaBase:
        """The current record: the generated persona (deterministic: the same one every time) with the events replayed."""
        origin = self.origin
        return replay(origin, self.events) if self.events else origin

    @property
    def ledger(self) -> Ledger:
        """The session's actions as the ledger that proposes, confirms and undoes them."""
        return Ledger(self.origin, self.events, self.pending)

    def card_changes(self, persona: PersonaBase | None = None) -> Changes:
        """What the card marks: the last action's changes (until Undo); ``persona`` is this session's, if at hand."""
        if not self.events or not self.marked:
            return Changes()
        before = replay(self.origin, self.events[:-1])
        return changes(describe(before), describe(persona if persona is not None else self.persona))

    @property
    def assistant(self) -> Assistant:
        return self.voice.assistant()

    @property
    def welcome(self) -> str | None:
        """The brand's first assistant message for this persona: shown in the chat, never sent to the model.

        It regenerates the persona: a caller that has it already asks ``voice.welcome_for(persona)``.
        """
        return self.voice.welcome_for(self.persona)



def random_seed() -> int:
    return secrets.randbelow(NEW_SEED_RANGE)


def open_session(mode: str, seed: int | str, locale: str, base_url: str = Session.base_url,
                 as_of: date | None = None, brand: Brand | None = None, scenario: str | None = None) -> Session:
    """The session for these inputs, shown through the builder's brand (its institution, assistant, welcome);
    ``scenario`` picks its reason for contact (``PersonaError`` if it does not fit)."""
    persona = generate(mode, seed, locale, as_of, scenario=scenario)  # validates the inputs once, here
    return Session(mode=persona.mode, seed=persona.seed, locale=persona.locale, as_of=persona.as_of,
                   scenario_asked=persona.scenario.kind if scenario else None, base_url=base_url,
                   voice=(brand or Brand()).mode(persona.mode))


def write_download(persona: PersonaBase, folder: Path | None = None) -> str:
    """Write the persona's JSON once per content: same inputs (and brand), same file.

    The name is a keyed digest of the content (``downloads.download_name``), so a brand that renames the
    institution (or a newer persona engine) never gets a file written for another one, and nobody can work a
    name out from a persona's mode, seed or locale. The file lives in Gradio's cache (``downloads.write_once``),
    which serves it as it is and deletes it on the app's schedule.
    """
    text = persona.model_dump_json(indent=2)
    return write_once(f"persona-{download_name(text)}.json", lambda: text, folder)
