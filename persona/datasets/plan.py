"""What a dataset holds: which seeds, and for each seed its mode and locale, as of one day."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from urllib.parse import urlencode

from ..engine import generate
from ..errors import ScenarioNotApplicableError
from ..models import PersonaBase
from ..seeds import SEED_SPACE

DEFAULT_LINK_BASE = "http://127.0.0.1:7860/"
"""Where share links point unless told otherwise: the app as ``scripts/start.sh`` runs it."""


@dataclass(frozen=True)
class Plan:
    """One persona per seed, in seed order; seed ``s`` is ``modes[s % M]`` in ``locales[(s // M) % L]``.

    Consecutive seeds so cycle through every (mode, locale) pair evenly, and each row is the persona the
    app shows for the same (mode, seed, locale, as_of). ``first``..``last`` (inclusive) bounds the seeds;
    ``count`` caps the rows. With a ``scenario`` kind, seeds whose record cannot support it are skipped,
    so ``count`` rows may take more seeds than that.
    """

    modes: tuple[str, ...]
    locales: tuple[str, ...]
    as_of: date
    first: int = 0
    last: int = SEED_SPACE - 1
    count: int | None = None
    scenario: str | None = None
    link_base: str = DEFAULT_LINK_BASE

    def pick(self, seed: int) -> tuple[str, str]:
        """The (mode, locale) of ``seed``."""
        m = len(self.modes)
        return self.modes[seed % m], self.locales[(seed // m) % len(self.locales)]

    def seeds(self) -> Iterator[int]:
        """The seeds to try, in order (lazily: with a scenario filter the count is reached somewhere in it)."""
        seeds = range(self.first, self.last + 1)
        if self.count is not None and self.scenario is None:
            return iter(seeds[: self.count])
        return iter(seeds)

    @property
    def total(self) -> int | None:
        """How many rows the dataset will hold, when that is known before generating."""
        if self.scenario is None:
            span = self.last - self.first + 1
            return span if self.count is None else min(span, self.count)
        return self.count

    def persona(self, seed: int) -> PersonaBase | None:
        """The persona of ``seed``, or None when its record cannot support the plan's scenario."""
        mode, locale = self.pick(seed)
        try:
            return generate(mode, seed, locale, self.as_of, self.scenario)
        except ScenarioNotApplicableError:
            return None

    def link(self, persona: PersonaBase) -> str:
        """The share link that opens ``persona`` in the app (the same query as ``webui.links.share_link``)."""
        return share_link(self.link_base, persona.mode, persona.seed, persona.locale, persona.scenario.kind)


def persona_id(persona: PersonaBase) -> str:
    """A key for the persona's rows across files: ``healthcare-42-en_US`` (the as_of is the run's)."""
    return f"{persona.mode}-{persona.seed}-{persona.locale}"


def share_link(base_url: str, mode: str, seed: int, locale: str, scenario: str | None = None) -> str:
    """The app's link to this persona, as the page builds it (``webui.links.share_link``; a test keeps them equal)."""
    params = {"mode": mode, "seed": seed, "locale": locale} | ({"scenario": scenario} if scenario else {})
    return f"{base_url}?{urlencode(params)}"


def chunks(seeds: Iterator[int], size: int) -> Iterator[list[int]]:
    """``seeds`` in lists of ``size`` (the last may be shorter)."""
    while chunk := list(islice(seeds, size)):
        yield chunk

