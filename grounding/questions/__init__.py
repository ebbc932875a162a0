"""The question bank: kinds of question per mode, each able to say what a correct answer states.

One module per mode registers its kinds on import (``common`` registers those every mode shares);
the registry discovers them, like ``persona.industries``. A kind is either *recall* (the answer is
a fact in the persona) or *absent* (the persona has no such thing; a correct answer says so).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from random import Random

from persona import PersonaBase
from persona.discovery import import_submodules

from ..matchers import Matcher
from ..refusal import says_not_on_record

ALL_MODES = "*"


@dataclass(frozen=True)
class Target:
    """One thing to ask about: the words that fill the phrasing, and what a correct answer must state."""

    expect: tuple[Matcher, ...]
    fill: Mapping[str, str] = field(default_factory=dict)


def not_on_record(**fill: str) -> Target:
    """A target whose correct answer says the record does not have it."""
    return Target((says_not_on_record,), fill)


@dataclass(frozen=True)
class Kind:
    """A kind of question: several phrasings of it, and the targets it has in a given persona."""

    name: str
    phrasings: tuple[str, ...]
    targets: Callable[[PersonaBase], list[Target]]
    absent: bool = False

    def __post_init__(self) -> None:
        if len(self.phrasings) < 2:
            raise ValueError(f"kind {self.name!r} needs at least two phrasings")


@dataclass(frozen=True)
class Question:
    """A question put to the assistant about one persona, and how to score the reply."""

    mode: str
    seed: int
    kind: str
    text: str
    expect: tuple[Matcher, ...]
    absent: bool = False

    def correct(self, answer: str) -> bool:
        return all(match(answer) for match in self.expect)


_KINDS: dict[str, dict[str, Kind]] = {}


def register(mode: str, kind: Kind) -> Kind:
    """Add a kind for ``mode`` (``ALL_MODES`` for every mode); names are unique within a mode."""
    _KINDS.setdefault(mode, {})[kind.name] = kind
    return kind


def kinds(mode: str, *, absent: bool | None = None) -> list[Kind]:
    """The kinds that apply to ``mode``, shared ones first; ``absent`` filters recall/absent kinds."""
    import_submodules(__name__)  # each module registers its kinds on import, once
    found = [*_KINDS.get(ALL_MODES, {}).values(), *_KINDS.get(mode, {}).values()]
    return [k for k in found if absent is None or k.absent == absent]


def ask(persona: PersonaBase, kind: Kind, phrasing: int | None = None) -> Question | None:
    """The question of this kind for this persona, or None when the persona gives it nothing to ask.

    Target and phrasing are drawn from a generator seeded by (mode, seed, kind), so a run is
    reproducible and successive personas rotate through the phrasings.
    """
    targets = kind.targets(persona)
    if not targets:
        return None
    rng = Random(f"{persona.mode}:{persona.seed}:{kind.name}")
    target = rng.choice(targets)
    index = rng.randrange(len(kind.phrasings)) if phrasing is None else phrasing
    return Question(persona.mode, persona.seed, kind.name, kind.phrasings[index].format(**target.fill),
                    target.expect, kind.absent)


def questions(persona: PersonaBase, absent_per_persona: int = 2, recall_per_persona: int | None = None) -> list[Question]:
    """Recall questions then ``absent_per_persona`` absent ones, for one persona.

    With ``recall_per_persona`` only that many recall kinds are asked, a window rotating with the
    seed so that consecutive personas cover every kind evenly (a full run costs minutes, not hours).
    """
    recall = [q for k in kinds(persona.mode, absent=False) if (q := ask(persona, k))]
    if recall_per_persona is not None and recall_per_persona < len(recall):
        start = persona.seed * recall_per_persona % len(recall)
        recall = [recall[(start + i) % len(recall)] for i in range(recall_per_persona)]
    pool = [q for k in kinds(persona.mode, absent=True) if (q := ask(persona, k))]
    Random(f"{persona.mode}:{persona.seed}:absent").shuffle(pool)
    return recall + pool[:absent_per_persona]


__all__ = ["ALL_MODES", "Kind", "Question", "Target", "ask", "kinds", "not_on_record", "questions", "register"]
