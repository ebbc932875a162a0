"""A small fact-recall eval end to end through ``inference`` and the embedded model: the app's prompt must win."""

from __future__ import annotations

import asyncio

import pytest

from grounding.report import rate
from grounding.run import personas, run
from inference import ChatSettings, InferenceConfig
from persona import list_modes
from prompting import DEFAULTS

pytestmark = pytest.mark.slow

KINDS = ("name", "checking_balance", "credit_score", "monthly_premium", "pending_claims", "next_premium_due",
         "deductible", "pcp", "rx_dosage")
"""Three or four kinds per mode: amounts, counts, dates, names and doses."""


def test_the_compact_default_recalls_facts_the_seed_prompt_misses(gguf_path):
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local", "PERSONA_CHAT_GGUF": str(gguf_path)})
    winner = DEFAULTS["compact"]
    outcomes = asyncio.run(run(personas(list_modes(), 2, seed_start=500), ["seed", winner],
                               ChatSettings(max_new_tokens=96), config, absent_per_persona=0, kinds=KINDS))
    baseline, ours = (rate(o for o in outcomes if o.strategy == s) for s in ("seed", winner))
    assert ours.total >= 20 and not any(o.fault for o in outcomes)
    assert ours.value >= 0.7, [(o.question.text, o.answer) for o in outcomes if o.strategy == winner and not o.correct]
    assert ours.value - baseline.value >= 0.25, (baseline, ours)
