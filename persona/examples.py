"""Example questions in a persona's own voice: their scenario first, then questions from their record."""

from __future__ import annotations

from random import Random

from .locales import Formatter
from .models import Example, PersonaBase
from .registry import get_industry

COUNT = 5
"""Examples offered per persona: enough to show range, few enough to read at a glance."""


def grounded_examples(persona: PersonaBase, count: int = COUNT) -> list[Example]:
    """``count`` examples with the record values each names: the scenario's questions (opening first),
    then a seeded sample of the industry's record-based questions, then its generic ones if still short.

    A record question about values already named (the scenario's own bill, say) is left out, so the
    examples show range. The sample is seeded by the persona: the same persona, the same examples.
    """
    industry = get_industry(persona.mode)
    scenario = persona.scenario
    chosen = [Example(text=q, refs=scenario.refs) for q in scenario.questions[:count]]
    pool = industry.prompts(persona, Formatter(persona.locale))
    rng = Random(f"examples:{persona.mode}:{persona.seed}")
    for example in (*rng.sample(pool, len(pool)), *(Example(text=q) for q in industry.examples)):
        if len(chosen) >= count:
            break
        named = {r.path for c in chosen for r in c.refs}
        repeats = example.refs and all(r.path in named for r in example.refs)
        if not repeats and all(example.text != c.text for c in chosen):
            chosen.append(example)
    return chosen


def example_prompts(persona: PersonaBase, count: int = COUNT) -> list[str]:
    """What this customer might ask, in their voice: the scenario's opening question first."""
    return [e.text for e in grounded_examples(persona, count)]
