"""How fast ``python -m persona generate`` writes, per format, on one worker and on all, against a bare
loop of ``generate()`` + ``model_dump_json()`` and the seed's style (a new ``Faker()`` per persona), and
its peak memory on a small and a large JSON Lines run.

    python bench/dataset_speed.py [--n 3000] [--rounds 5] [--fhir-n 150] [--workers N] [--rss 1000,100000]

Contenders run in interleaved rounds so machine noise hits them alike; every ratio is measured in this
run. Rates are personas per second of elapsed time (what a user waits for); the one-worker ratio is also
given in CPU time, which other work on a shared machine does not distort. Goals: one worker writes JSON
Lines at >= 0.8x the bare loop; two workers >= 1.7x one.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from persona_speed import seed_style_banking  # noqa: E402

from persona import generate, list_modes  # noqa: E402
from persona.datasets import FORMATS, Plan, run  # noqa: E402
from persona.datasets.cli import default_workers  # noqa: E402

AS_OF = date(2026, 1, 15)


def _plan(modes: tuple[str, ...], first: int, n: int) -> Plan:
    return Plan(modes=modes, locales=("en_US",), as_of=AS_OF, first=first, count=n)


def bare_loop(modes: tuple[str, ...], first: int, n: int) -> None:
    """What the command adds to: generate each persona and serialise it, nothing else."""
    plan = _plan(modes, first, n)
    for seed in plan.seeds():
        mode, locale = plan.pick(seed)
        generate(mode, seed, locale, AS_OF).model_dump_json()


def seed_style(modes: tuple[str, ...], first: int, n: int) -> None:
    for seed in range(first, first + n):
        json.dumps(seed_style_banking(seed))


def command(fmt: str, workers: int, tables: bool = False):
    def write(modes: tuple[str, ...], first: int, n: int) -> None:
        plan = _plan(modes, first, n)
        with tempfile.TemporaryFile() as sink:
            encoder = FORMATS[fmt].encoder(plan, tables)
            sinks = [sink] + [tempfile.TemporaryFile() for _ in encoder.streams[1:]]
            try:
                run(plan, encoder, sinks, workers)
            finally:
                for extra in sinks[1:]:
                    extra.close()
    return write


def rates(contenders: dict, modes: tuple[str, ...], n: int, rounds: int) -> dict[str, tuple[float, float]]:
    """Median personas/s per contender over interleaved rounds: (elapsed, CPU of this process)."""
    for fn in contenders.values():  # warm imports and caches
        fn(modes, 10**6, 20)
    wall: dict[str, list[float]] = {k: [] for k in contenders}
    cpu: dict[str, list[float]] = {k: [] for k in contenders}
    for r in range(rounds):
        for name, fn in contenders.items():
            w0, c0 = time.perf_counter(), time.process_time()
            fn(modes, r * n, n)
            wall[name].append(n / (time.perf_counter() - w0))
            cpu[name].append(n / max(time.process_time() - c0, 1e-9))
    return {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in contenders}


def peak_rss(count: int, workers: int) -> dict[str, float]:
    """Peak RSS in MB of the command (its own process, and the largest worker) writing ``count`` JSONL rows."""
    code = ("import json, resource, sys; from persona.datasets.cli import main; rc = main(sys.argv[1:]); "
            "print(json.dumps({'rc': rc, 'main': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
            "'worker': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "personas.jsonl"
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, "--mode", "all", "--count", str(count), "--as-of",
                               AS_OF.isoformat(), "--workers", str(workers), "--out", str(out)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - started
        size = out.stat().st_size
    got = json.loads(done.stdout.splitlines()[-1])
    return {"main": got["main"] / 1024, "worker": got["worker"] / 1024, "file": size / 2**20, "seconds": seconds}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=3000, help="personas per round (JSONL and CSV)")
    ap.add_argument("--fhir-n", type=int, default=150, help="personas per round for FHIR (validation is slow)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=default_workers(), help="'all workers' (default: the cores)")
    ap.add_argument("--rss", default="1000,100000", help="JSONL runs whose peak memory to measure ('' for none)")
    args = ap.parse_args(argv)
    every = args.workers
    results: dict = {"load": os.getloadavg(), "workers": every}
    print(f"load average {results['load'][0]:.1f} on {os.cpu_count()} cores; all workers = {every}\n")

    print("JSON Lines on one worker against a bare generate() + model_dump_json() loop (personas/s)")
    print(f"{'mode':<12} {'bare loop':>10} {'1 worker':>10} {'ratio':>7} {'ratio (CPU)':>12}")
    results["jsonl"] = {}
    for mode in (*list_modes(), "all"):
        modes = tuple(list_modes()) if mode == "all" else (mode,)
        got = rates({"bare": bare_loop, "one": command("jsonl", 1)}, modes, args.n, args.rounds)
        (bw, bc), (ow, oc) = got["bare"], got["one"]
        results["jsonl"][mode] = {"bare": bw, "one": ow, "ratio": ow / bw, "ratio_cpu": oc / bc}
        print(f"{mode:<12} {bw:>10.0f} {ow:>10.0f} {ow / bw:>6.2f}× {oc / bc:>11.2f}×")

    print(f"\nEvery format, one worker and {every}, against the seed style (a new Faker() per persona)")
    print(f"{'format':<22} {'1 worker':>10} {f'{every} workers':>10} {'scaling':>8} {'vs seed style':>14}")
    cases = {"jsonl (all modes)": ("jsonl", tuple(list_modes()), False, args.n),
             "csv (all modes)": ("csv", tuple(list_modes()), False, args.n),
             "csv + tables": ("csv", tuple(list_modes()), True, args.n),
             "fhir (healthcare)": ("fhir", ("healthcare",), False, args.fhir_n)}
    results["formats"] = {}
    for name, (fmt, modes, tables, n) in cases.items():
        contenders = {"seed": seed_style, "one": command(fmt, 1, tables), "all": command(fmt, every, tables)}
        got = rates(contenders, modes, n, args.rounds)
        seed, one, many = got["seed"][0], got["one"][0], got["all"][0]
        results["formats"][name] = {"one": one, "all": many, "scaling": many / one, "vs_seed_style": one / seed}
        print(f"{name:<22} {one:>10.0f} {many:>10.0f} {many / one:>7.2f}× {one / seed:>13.1f}×")

    counts = [int(c) for c in args.rss.split(",") if c.strip()]
    results["rss"] = {}
    if counts:
        print(f"\nPeak memory of a JSON Lines run, all modes, {every} workers (MB)")
        print(f"{'personas':>10} {'command':>9} {'worker':>8} {'file MB':>9} {'seconds':>8}")
    for count in counts:
        got = peak_rss(count, every)
        results["rss"][count] = got
        print(f"{count:>10,} {got['main']:>9.0f} {got['worker']:>8.0f} {got['file']:>9.1f} {got['seconds']:>8.1f}")
    return results


if __name__ == "__main__":
    main()
