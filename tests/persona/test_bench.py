"""The benchmark script runs and reports every contender (its timings are never asserted: noisy machine)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "persona_speed.py"


def test_persona_speed_bench_runs(capsys):
    spec = importlib.util.spec_from_file_location("persona_speed", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    medians = bench.main(["--n", "3", "--rounds", "1", "--locale", "de_DE"])
    assert set(medians) == {"seed style (banking)", "engine banking", "engine insurance", "engine healthcare"}
    assert all(m > 0 for m in medians.values())
    out = capsys.readouterr().out
    assert "speed-up" in out and "engine healthcare" in out
    persona = bench.seed_style_banking(1)
    assert len(persona["recent_transactions"]) == 10 and persona == bench.seed_style_banking(1)
