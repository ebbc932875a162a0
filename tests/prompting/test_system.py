"""The system prompt: the institution's role, the record as short labelled lines, the rules; compact.

The snapshots (tests/prompting/snapshots/<mode>-prompt.txt) change whenever the prompt's wording or a
persona changes: after an intended change, ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/prompting``
rewrites them; review the diff.
"""

from __future__ import annotations

from datetime import date

import pytest

from persona import Formatter, describe, generate, get_industry, list_locales
from prompting import build_system_prompt

AS_OF = date(2026, 1, 15)
MODES = ["banking", "insurance", "healthcare"]
BUDGET = 2500
"""Characters for 99% of personas: the prompt is sent with every turn."""
CEILING = 3000
"""Characters for the richest (three appointments and six prescriptions, say)."""


@pytest.mark.parametrize("mode", MODES)
def test_prompt_snapshot(mode, golden):
    golden(f"snapshots/{mode}-prompt.txt", build_system_prompt(generate(mode, 42, "en_US", AS_OF)) + "\n")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("locale", list_locales())
def test_prompt_structure(mode, locale):
    industry = get_industry(mode)
    for seed in range(0, 300, 11):
        p = generate(mode, seed, locale, AS_OF)
        prompt = build_system_prompt(p)
        assert prompt.startswith(f"You are {industry.role}") and industry.institution in prompt
        assert Formatter(locale).date(AS_OF) in prompt  # the record is dated
        for f in describe(p).facts:
            assert f"- {f.label}: {f.value}" in prompt, f.label  # each fact on its own labelled line
        lowered = prompt.lower()
        assert "stay in your role" in lowered and "use the record" in lowered
        assert "don't have that information" in lowered and "never invent or discuss other customers" in lowered
        assert p.identity.full_name in prompt
        assert p.identity.ssn is None or p.identity.ssn not in prompt


@pytest.mark.parametrize("mode", MODES)
def test_prompt_is_compact(mode):
    lengths = sorted(len(build_system_prompt(generate(mode, seed, locale, AS_OF)))
                     for seed in range(400) for locale in ("en_US", "fr_FR"))
    assert lengths[int(0.99 * len(lengths))] < BUDGET and lengths[-1] < CEILING, (lengths[len(lengths) // 2], lengths[-1])
