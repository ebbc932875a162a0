"""Drawing a persona's scenario from the kinds its industry declares, and the kinds a record supports."""

from __future__ import annotations

from random import Random

from .distributions import Weights, pick
from .errors import ScenarioNotApplicableError, UnknownScenarioError
from .locales import Formatter
from .models import PersonaBase, Scenario
from .registry import Industry, ScenarioKind, get_industry

_TRIES = 32
"""Weighted draws of a kind before every kind's candidates are listed instead (about never needed)."""


def _options(industry: Industry, persona: PersonaBase) -> list[tuple[ScenarioKind, list]]:
    return [(k, items) for k in industry.scenarios if (items := list(k.candidates(persona)))]


def _draw_kind(industry: Industry, persona: PersonaBase, rng: Random) -> tuple[ScenarioKind, list]:
    """A kind by weight among those that apply: drawn among all, redrawn until one applies.

    Same odds as a weighted draw among the applicable kinds, but most draws list the candidates of
    one or two kinds instead of all of them.
    """
    declared, draw = industry.scenarios, industry.scenario_weights.draw
    seen: dict[int, list] = {}
    for _ in range(_TRIES):
        i = draw(rng)
        if i not in seen:
            seen[i] = list(declared[i].candidates(persona))
        if seen[i]:
            return declared[i], seen[i]
    options = _options(industry, persona)
    if not options:
        raise RuntimeError(f"no scenario of {industry.mode!r} applies to seed {persona.seed}: the industry "
                           "must declare one that applies to any record")
    return options[Weights({i: k.weight for i, (k, _) in enumerate(options)}).draw(rng)]


def draw_scenario(industry: Industry, persona: PersonaBase, rng: Random, kind: str | None = None) -> Scenario:
    """One scenario for ``persona``: a kind among those that apply (by weight), or ``kind`` if given.

    The kind is drawn even when ``kind`` is given, so the item a scenario is about comes from the
    same point of the stream: asking for the kind the seed would draw gives the same persona.
    """
    chosen, items = _draw_kind(industry, persona, rng)
    if kind is not None and kind != chosen.kind:
        chosen, items = _requested(industry, persona, kind)
    story = chosen.build(persona, pick(rng, items), Formatter(persona.locale), rng)
    return Scenario.model_validate({"kind": chosen.kind, "title": chosen.title, "summary": story.summary,
                                    "questions": story.questions, "refs": story.refs})


def _requested(industry: Industry, persona: PersonaBase, kind: str) -> tuple[ScenarioKind, list]:
    options = _options(industry, persona)
    valid = ", ".join(k.kind for k, _ in options)
    declared = {k.kind: k for k in industry.scenarios}
    if kind not in declared:
        raise UnknownScenarioError(f"unknown scenario {kind!r} for {industry.mode}; choose one of: {valid}")
    for k, items in options:
        if k.kind == kind:
            return k, items
    raise ScenarioNotApplicableError(
        f"scenario {kind!r} needs {declared[kind].needs}, which this {industry.mode} persona does not have; "
        f"choose one of: {valid}")


def applicable_scenarios(persona: PersonaBase) -> dict[str, str]:
    """The scenario kinds this persona's record supports, with their titles: what a picker offers."""
    return {k.kind: k.title for k, _ in _options(get_industry(persona.mode), persona)}
