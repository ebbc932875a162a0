"""The system prompt: role, labelled facts, rules; compact; snapshot per mode."""

from __future__ import annotations

from datetime import date

import pytest

from persona import build_system_prompt, describe, generate, get_industry

AS_OF = date(2026, 1, 15)


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_prompt_snapshot(mode, golden):
    golden(f"snapshots/{mode}-prompt.txt", build_system_prompt(generate(mode, 42, "en_US", AS_OF)) + "\n")


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
@pytest.mark.parametrize("seed", range(0, 200, 7))
def test_prompt_structure(mode, seed):
    p = generate(mode, seed, "en_GB", AS_OF)
    prompt = build_system_prompt(p)
    assert get_industry(mode).institution in prompt
    for f in describe(p).facts:
        assert f.value in prompt, f.label
    lowered = prompt.lower()
    assert "not in the record" in lowered or "don't have" in lowered
    assert "other customers" in lowered
    assert len(prompt) < 2500
