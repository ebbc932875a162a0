"""The dataset benchmark runs and reports every contender (its timings are never asserted: noisy machine)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "bench" / "dataset_speed.py"


def test_dataset_speed_bench_runs(capsys):
    spec = importlib.util.spec_from_file_location("dataset_speed", SCRIPT)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    got = bench.main(["--n", "12", "--fhir-n", "3", "--rounds", "1", "--workers", "2", "--rss", "60"])
    assert set(got["jsonl"]) == {"banking", "insurance", "healthcare", "all"}
    assert set(got["formats"]) == {"jsonl (all modes)", "csv (all modes)", "csv + tables", "fhir (healthcare)"}
    assert all(r["one"] > 0 and r["all"] > 0 for r in got["formats"].values())
    assert got["rss"][60]["main"] > 0 and got["rss"][60]["file"] > 0
    out = capsys.readouterr().out
    assert "ratio (CPU)" in out and "vs seed style" in out and "Peak memory" in out
