"""Same (mode, seed, locale, as_of) → the same bytes, scenario and example prompts included: across
processes, threads and days.

Regenerate the golden files after an intended change with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/persona`` and review the diff.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from persona import Formatter, PersonaError, example_prompts, generate, list_locales, list_modes, list_scenarios
from persona.distributions import add_working_days
from persona.engine import _faker

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
AS_OF = date(2026, 1, 15)
MODES = ("banking", "insurance", "healthcare")
GOLDEN_CASES = [(mode, locale, seed) for mode in MODES
                for locale, seed in (("en_US", 1), ("en_US", 42), ("en_GB", 7), ("de_DE", 2026), ("fr_FR", 99))]


def golden_text(mode: str, locale: str, seed: int) -> str:
    return generate(mode, seed, locale, AS_OF).model_dump_json(indent=2) + "\n"


def examples_text(cases=GOLDEN_CASES) -> str:
    """The example prompts of each case, one block per persona: reviewable as plain text."""
    blocks = []
    for mode, locale, seed in cases:
        p = generate(mode, seed, locale, AS_OF)
        blocks.append(f"{mode} {locale} {seed} [{p.scenario.kind}]\n" + "".join(f"- {q}\n" for q in example_prompts(p)))
    return "\n".join(blocks)


@pytest.mark.parametrize(("mode", "locale", "seed"), GOLDEN_CASES, ids=lambda v: str(v))
def test_golden_json(mode, locale, seed, golden):
    golden(f"golden/{mode}-{locale}-{seed}.json", golden_text(mode, locale, seed))


def test_example_prompts_snapshot(golden):
    golden("snapshots/examples.txt", examples_text())


# Every golden case again with each kind of its mode that applies: the chosen scenario is as stable as the drawn one.
_KIND_CASES = [(mode, locale, seed, kind) for mode, locale, seed in GOLDEN_CASES for kind in list_scenarios(mode)]

_CHILD = """
import json, sys
from datetime import date
from persona import PersonaError, example_prompts, generate
cases, kind_cases = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for mode, locale, seed in cases:
    sys.stdout.write(generate(mode, seed, locale, date(2026, 1, 15)).model_dump_json(indent=2) + "\\n")
    sys.stdout.write("\\x00")
chosen = {}
for mode, locale, seed, kind in kind_cases:
    try:
        p = generate(mode, seed, locale, date(2026, 1, 15), scenario=kind)
        chosen[f"{mode} {locale} {seed} {kind}"] = [p.scenario.model_dump(mode="json"), example_prompts(p)]
    except PersonaError as err:
        chosen[f"{mode} {locale} {seed} {kind}"] = str(err)
sys.stdout.write(json.dumps(chosen))
"""


def _chosen(mode: str, locale: str, seed: int, kind: str):
    try:
        p = generate(mode, seed, locale, AS_OF, scenario=kind)
    except PersonaError as err:
        return str(err)
    return [p.scenario.model_dump(mode="json"), example_prompts(p)]


@pytest.mark.parametrize("hash_seed", ["0", "4242"])
def test_a_fresh_process_with_another_hash_seed_writes_the_golden_bytes(hash_seed):
    """Hash randomisation, import order and a cold Faker change nothing: the child matches the files."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(GOLDEN_CASES), json.dumps(_KIND_CASES)],
                         cwd=ROOT, env=env, capture_output=True, check=True).stdout
    *texts, chosen = out.decode("utf-8").split("\x00")
    assert len(texts) == len(GOLDEN_CASES)
    for (mode, locale, seed), text in zip(GOLDEN_CASES, texts, strict=True):
        assert text == golden_text(mode, locale, seed), (mode, locale, seed)
        path = HERE / "golden" / f"{mode}-{locale}-{seed}.json"
        if path.exists():
            assert path.read_bytes() == text.encode("utf-8"), path.name
    chosen = json.loads(chosen)
    assert chosen == {f"{m} {loc} {s} {k}": _chosen(m, loc, s, k) for m, loc, s, k in _KIND_CASES}
    assert sum(isinstance(v, list) for v in chosen.values()) > len(GOLDEN_CASES)  # most kinds do apply somewhere


def test_eight_threads_of_200_personas_match_a_serial_run():
    """A Faker shared between threads would mix two personas' draws; each thread has its own."""
    modes, locales = list_modes(), list_locales()
    jobs = [(modes[i % len(modes)], (i * 7919) % 100_000, locales[(i // 3) % len(locales)]) for i in range(8 * 200)]

    def run(mode: str, seed: int, locale: str) -> tuple[str, list[str]]:
        p = generate(mode, seed, locale, AS_OF)
        return p.model_dump_json(), example_prompts(p)

    serial = [run(*job) for job in jobs]
    barrier = threading.Barrier(8)
    old_interval = sys.getswitchinterval()

    def worker(k: int) -> list[tuple[int, tuple]]:
        barrier.wait()  # start together, then interleave
        return [(i, run(*jobs[i])) for i in range(k, len(jobs), 8)]

    sys.setswitchinterval(1e-5)  # switch threads often, so generations really overlap
    try:
        with ThreadPoolExecutor(8) as pool:
            chunks = list(pool.map(worker, range(8)))
    finally:
        sys.setswitchinterval(old_interval)
    results = dict(pair for chunk in chunks for pair in chunk)
    assert [results[i] for i in range(len(jobs))] == serial


def test_each_thread_gets_its_own_faker():
    here = _faker("en_US")[0]
    with ThreadPoolExecutor(1) as pool:
        there = pool.submit(lambda: _faker("en_US")[0]).result()
    assert here is not there and here is _faker("en_US")[0]


def _dump(mode: str, seed: int, locale: str, as_of: date) -> dict:
    """The persona as JSON, its scenario checked apart (its text writes dates as the locale does)."""
    return json.loads(generate(mode, seed, locale, as_of).model_dump_json(exclude={"scenario"}))


def _date_words(text: str, refs: list[dict], fmt: Formatter) -> str:
    """``text`` with every date it names from its refs (long or short form) replaced by a numbered marker."""
    for n, ref in enumerate(refs):
        if re.fullmatch(r"\d{4}-\d\d-\d\d", ref["value"]):
            day = date.fromisoformat(ref["value"])
            for form in (fmt.date(day), fmt.short_date(day)):
                text = re.sub(rf"(?<!\d){re.escape(form)}(?!\d)", f"<date {n}>", text)
    return text


def assert_scenario_moved(mode: str, seed: int, locale: str, base: date, days: int) -> None:
    """Same kind and items after a shift of as_of, its dates moved with the record, its words unchanged."""
    before = generate(mode, seed, locale, base).scenario.model_dump(mode="json")
    after = generate(mode, seed, locale, base + timedelta(days=days)).scenario.model_dump(mode="json")
    assert [r["path"] for r in before["refs"]] == [r["path"] for r in after["refs"]]
    assert (before["kind"], before["title"]) == (after["kind"], after["title"])
    fmt = Formatter(locale)
    for field in ("summary", "questions"):
        texts = [before[field], after[field]] if field == "summary" else ["\n".join(before[field]),
                                                                         "\n".join(after[field])]
        old, new = _date_words(texts[0], before["refs"], fmt), _date_words(texts[1], after["refs"], fmt)
        assert old == new, (mode, seed, days, field)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("days", [7, 70, 364, 7 * 523, -7 * 1000])
def test_a_shift_by_whole_weeks_gives_the_same_persona_exactly_shifted(mode, days, shift):
    """Whole weeks keep weekdays too, so even appointments (on working days) move exactly."""
    for seed in range(40):
        locale = ("en_US", "en_GB", "de_DE", "fr_FR")[seed % 4]
        before = _dump(mode, seed, locale, AS_OF)
        after = _dump(mode, seed, locale, AS_OF + timedelta(days=days))
        assert shift(before, days) == after, (mode, seed, locale)
        scenario = generate(mode, seed, locale, AS_OF).scenario.model_dump(mode="json")
        assert shift(scenario["refs"], days) == \
            generate(mode, seed, locale, AS_OF + timedelta(days=days)).scenario.model_dump(mode="json")["refs"]
        assert_scenario_moved(mode, seed, locale, AS_OF, days)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("days", [1, 2, 3, 4, 5, 6, 365, 366, 1461, -1, -400])
def test_any_shift_moves_every_date_and_changes_nothing_else(mode, days, shift):
    """Documented exception: appointments are counted in working days from as_of, so their dates
    follow the calendar; they keep their number of working days after as_of, times and order."""
    for seed in range(25):
        locale = ("en_US", "en_GB", "de_DE", "fr_FR")[seed % 4]
        base = AS_OF + timedelta(days=seed)  # start on every weekday
        before = _dump(mode, seed, locale, base)
        after = _dump(mode, seed, locale, base + timedelta(days=days))
        for a, b in zip(before.get("appointments", []), after.get("appointments", []), strict=True):
            n = working_days_between(base, date.fromisoformat(a.pop("date")))
            assert date.fromisoformat(b.pop("date")) == add_working_days(base + timedelta(days=days), n)
        assert shift(before, days) == after, (mode, seed, days)
        assert_scenario_moved(mode, seed, locale, base, days)


def working_days_between(start: date, end: date) -> int:
    return sum((start + timedelta(days=i)).weekday() < 5 for i in range(1, (end - start).days + 1))


def test_add_working_days_skips_weekends_and_keeps_order():
    friday = date(2026, 1, 16)
    assert [add_working_days(friday, n) for n in (1, 2, 5, 6)] == [
        date(2026, 1, 19), date(2026, 1, 20), date(2026, 1, 23), date(2026, 1, 26)]
    for start in (date(2026, 1, 12) + timedelta(days=i) for i in range(7)):
        days = [add_working_days(start, n) for n in range(1, 70)]
        assert all(d.weekday() < 5 and d > start for d in days) and days == sorted(set(days))
        assert all(working_days_between(start, d) == n for n, d in enumerate(days, 1))


def test_default_as_of_is_today_and_datetimes_count_as_their_day():
    before = date.today()
    p = generate("banking", 5)
    assert p.as_of in {before, date.today()}
    moment = datetime(2026, 1, 15, 23, 59, 59)
    assert generate("insurance", 5, as_of=moment) == generate("insurance", 5, as_of=AS_OF)


def _calls(tree: ast.AST) -> list[str]:
    """Dotted names of every call in ``tree``: ``Faker.seed``, ``date.today``, ``fake.date_between``."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            parts, f = [], node.func
            while isinstance(f, ast.Attribute):
                parts.append(f.attr)
                f = f.value
            if isinstance(f, ast.Name):
                parts.append(f.id)
            names.append(".".join(reversed(parts)))
    return names


def test_no_clock_and_no_class_level_faker_seed_in_the_engine():
    """Only generate's default (and the generate command's, the same one) reads the clock; Faker's date providers (which use today) are never
    called; ``Faker.seed`` (class-level, shared by every instance) is never used, only ``seed_instance``."""
    clock = {"date.today", "datetime.today", "datetime.now", "datetime.utcnow", "time.time", "time.time_ns"}
    faker_dates = {"date_between", "date_of_birth", "date_time", "date_object", "past_date", "future_date",
                   "date_time_between", "date_between_dates", "date_this_year", "date_this_month", "date_this_decade"}
    found = {}
    for path in sorted((ROOT / "persona").rglob("*.py")):
        for name in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            leaf = name.rsplit(".", 1)[-1]
            if any(name.endswith(c) for c in clock) or leaf in faker_dates or leaf == "seed" \
                    or name.startswith("random."):
                found.setdefault(str(path.relative_to(ROOT)), []).append(name)
    # generate's default, and ``python -m persona generate``'s when --as-of is not given (the same default)
    assert found == {"persona/engine.py": ["date.today"], "persona/datasets/cli.py": ["date.today"]}
