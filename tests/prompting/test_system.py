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


def test_german_prompt_snapshot(golden):
    """A de_DE customer: the record as for everyone, and one more rule, to reply in German."""
    golden("snapshots/banking-de_DE-prompt.txt", build_system_prompt(generate("banking", 42, "de_DE", AS_OF)) + "\n")


@pytest.mark.parametrize(("locale", "line"), [("de_DE", "- Reply in German (Deutsch)."),
                                              ("fr_FR", "- Reply in French (français).")])
def test_hosted_models_are_told_to_reply_in_the_personas_language(locale, line):
    for mode in MODES:
        prompt = build_system_prompt(generate(mode, 7, locale, AS_OF))
        assert prompt.endswith("\n" + line) and prompt.count("Reply in") == 1
        english = build_system_prompt(generate(mode, 7, "en_US", AS_OF))
        assert prompt.split("\nRules:\n")[1].startswith(english.split("\nRules:\n")[1])  # same rules, one more


@pytest.mark.parametrize("locale", ["en_US", "en_GB"])
def test_english_prompts_carry_no_language_rule(locale):
    for mode in MODES:
        assert "Reply in" not in build_system_prompt(generate(mode, 7, locale, AS_OF))


def test_the_full_style_sends_the_language_rule_to_a_hosted_backend():
    from inference import BackendInfo
    from prompting import chat_prompt

    persona = generate("insurance", 42, "fr_FR", AS_OF)
    hosted = BackendInfo("hosted", "m", "Hosted · m", "full", 8192)
    system, _ = chat_prompt(persona)(hosted, [{"role": "user", "content": "Bonjour"}])
    assert system.endswith("- Reply in French (français).")


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
