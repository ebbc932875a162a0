"""The registry, seeds and errors: what a caller sees when input is wrong, and how an industry plugs in."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import pytest
from pydantic import Field

import persona
from persona import (
    AS_OF_RANGE,
    SEED_SPACE,
    Industry,
    InvalidAsOfError,
    InvalidSeedError,
    PersonaBase,
    PersonaError,
    ScenarioKind,
    ScenarioNotApplicableError,
    Story,
    UnknownLocaleError,
    UnknownModeError,
    UnknownScenarioError,
    describe,
    example_prompts,
    generate,
    get_industry,
    list_locales,
    list_modes,
    list_scenarios,
    load_persona,
    normalise_seed,
    register,
)
from persona.facts import fact
from persona.models import refs
from persona.registry import unregister
from prompting import build_system_prompt

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 1, 15)


def test_modes_locales_and_what_each_industry_declares():
    assert list_modes() == ["banking", "insurance", "healthcare"]
    assert list_locales() == ["en_US", "en_GB", "de_DE", "fr_FR"]
    institutions = set()
    for mode in list_modes():
        industry = get_industry(mode)
        assert industry.mode == mode and industry.label and industry.institution in industry.role
        assert "fictional" in industry.role and 3 <= len(industry.examples) <= 8
        assert all(q.endswith("?") for q in industry.examples)
        assert industry.model.model_fields["mode"].default == mode
        institutions.add(industry.institution)
    assert len(institutions) == 3


class Int:
    """An integer type that is not ``int`` (like ``numpy.int64``): it implements ``__index__``."""

    def __init__(self, value: int):
        self.value = value

    def __index__(self) -> int:
        return self.value


@pytest.mark.parametrize(("value", "expected"), [
    (42, 42), ("42", 42), ("  42\n", 42), ("\t+7 ", 7), ("+7", 7), ("007", 7), (0, 0), ("0", 0),
    (SEED_SPACE - 1, SEED_SPACE - 1), (SEED_SPACE, 0), (SEED_SPACE + 7, 7),
    (-1, SEED_SPACE - 1), ("-1", SEED_SPACE - 1), ("-5", SEED_SPACE - 5), (-SEED_SPACE, 0),
    (2**64 + 3, 3), (str(2**64 + 3), 3), (10**100, 10**100 % SEED_SPACE), (Int(9), 9),
])
def test_seeds_are_normalised_into_0_to_2_32(value, expected):
    assert normalise_seed(value) == expected
    assert 0 <= expected < SEED_SPACE
    assert generate("banking", value, as_of=AS_OF) == generate("banking", expected, as_of=AS_OF)


@pytest.mark.parametrize("value", [
    True, False, 1.0, 7.5, float("nan"), "1e5", "1.0", "abc", "", "   ", "4 2", "0x10", "1_000", "٣", "+", "--1",
    None, b"42", [42], "1" * 5000,
])
def test_malformed_seeds_raise_an_error_naming_the_range(value):
    with pytest.raises(InvalidSeedError, match="use a number from 0 to 4294967295"):
        normalise_seed(value)
    with pytest.raises(PersonaError):
        generate("banking", value, as_of=AS_OF)


def test_unknown_mode_and_locale_name_the_choices():
    with pytest.raises(UnknownModeError, match=r"unknown mode 'mortgages'; choose one of: banking, insurance, healthcare"):
        generate("mortgages", 1)
    for bad in (None, "", "Banking", ["banking"]):
        with pytest.raises(UnknownModeError, match="choose one of"):
            generate(bad, 1)
    with pytest.raises(UnknownLocaleError, match=r"unknown locale 'xx_XX'; choose one of: en_US, en_GB, de_DE, fr_FR"):
        generate("banking", 1, "xx_XX")
    with pytest.raises(UnknownLocaleError, match="choose one of"):
        generate("banking", 1, "en-US")


def test_as_of_must_be_a_date_in_range():
    lo, hi = AS_OF_RANGE
    assert generate("healthcare", 1, as_of=lo).as_of == lo and generate("healthcare", 1, as_of=hi).as_of == hi
    assert generate("healthcare", 1, as_of=datetime(2026, 1, 15, 8, 30)).as_of == AS_OF
    for bad in (date(1899, 12, 31), date(3000, 1, 1), date.min, date.max):
        with pytest.raises(InvalidAsOfError, match="out of range; use a date from 1900-01-01 to 2999-12-31"):
            generate("healthcare", 1, as_of=bad)
    for bad in ("2026-01-15", 20260115):
        with pytest.raises(InvalidAsOfError, match="must be a datetime.date"):
            generate("healthcare", 1, as_of=bad)


def test_every_error_is_a_persona_error_and_a_value_error():
    for err in (UnknownModeError, UnknownLocaleError, InvalidSeedError, InvalidAsOfError, UnknownScenarioError,
                ScenarioNotApplicableError):
        assert issubclass(err, PersonaError) and issubclass(err, ValueError) and err.__doc__


class TelecomPersona(PersonaBase):
    mode: Literal["telecom"] = "telecom"
    plan: str
    data_used_gb: float = Field(ge=0, le=50)


def _telecom_facts(p: TelecomPersona, fmt) -> list:
    return [fact("plan", "Plan", p.plan), fact("data", "Data used", f"{p.data_used_gb} GB")]


def _data_story(p: TelecomPersona, _: object, fmt, rng) -> Story:
    return Story(summary=f"{p.identity.first_name} has used {p.data_used_gb} GB on {p.plan} and wants more data.",
                 questions=(f"Can I add data to my {p.plan} plan?",), refs=refs("", p, "plan", "data_used_gb"))


def _plan_story(p: TelecomPersona, _: object, fmt, rng) -> Story:
    return Story(summary=f"{p.identity.first_name} wants to leave {p.plan} for a cheaper plan.",
                 questions=("Which plan is cheaper than mine?",), refs=refs("plan", p.plan))


TELECOM = Industry(
    mode="telecom", label="Telecom", institution="Fictel Mobile",
    role="a support assistant at Fictel Mobile, a fictional mobile network",
    model=TelecomPersona,
    build=lambda d: {"plan": d.rng.choice(("Fictel 5", "Fictel 20", "Fictel Unlimited")),
                     "data_used_gb": round(d.rng.uniform(0, 50), 1)},
    facts=_telecom_facts, tables=lambda p, fmt: [],
    examples=("How much data have I used?", "Which plan am I on?", "When does my plan renew?"), order=99,
    scenarios=(ScenarioKind("data_top_up", "Out of data", "over 40 GB used",
                            lambda p: [p] if p.data_used_gb > 40 else [], _data_story),
               ScenarioKind("cheaper_plan", "A cheaper plan", "a plan", lambda p: [p], _plan_story)),
)


@pytest.fixture
def telecom():
    register(TELECOM)
    try:
        yield TELECOM
    finally:
        unregister("telecom")


def test_a_new_industry_plugs_in_without_touching_other_modules(telecom):
    assert list_modes() == ["banking", "insurance", "healthcare", "telecom"]
    p = generate("telecom", 5, "de_DE", AS_OF)
    assert isinstance(p, TelecomPersona) and p == generate("telecom", "5", "de_DE", AS_OF)
    assert p.identity.address.country == "Deutschland"
    assert load_persona(p.model_dump_json()) == p
    assert describe(p).facts[-1].label == "Data used"
    prompt = build_system_prompt(p)
    assert "Fictel Mobile" in prompt and "Data used" in prompt and p.identity.full_name in prompt
    # It brings its own scenarios; examples fill up from its generic questions, the scenario's first.
    assert list_scenarios("telecom") == {"data_top_up": "Out of data", "cheaper_plan": "A cheaper plan"}
    assert p.scenario.kind in list_scenarios("telecom") and p.plan in p.scenario.summary
    assert example_prompts(p) == [*p.scenario.questions, *TELECOM.examples][:5]
    heavy = next(generate("telecom", s, as_of=AS_OF) for s in range(200)
                 if generate("telecom", s, as_of=AS_OF).data_used_gb > 40)
    assert generate("telecom", heavy.seed, as_of=AS_OF, scenario="data_top_up").scenario.kind == "data_top_up"
    light = next(generate("telecom", s, as_of=AS_OF) for s in range(200)
                 if generate("telecom", s, as_of=AS_OF).data_used_gb <= 40)
    with pytest.raises(ScenarioNotApplicableError, match="needs over 40 GB used.*choose one of: cheaper_plan$"):
        generate("telecom", light.seed, as_of=AS_OF, scenario="data_top_up")
    with pytest.raises(UnknownModeError, match="banking, insurance, healthcare, telecom"):
        generate("mortgages", 1)


def test_unregistering_removes_the_industry(telecom):
    unregister("telecom")
    assert "telecom" not in list_modes()
    with pytest.raises(UnknownModeError):
        generate("telecom", 1)


@pytest.mark.parametrize(("changes", "message"), [
    ({"mode": "Tele Com"}, "lowercase identifier"),
    ({"mode": "mobile"}, r"declare mode: Literal\['mobile'\]"),
    ({"model": dict}, "must subclass PersonaBase"),
    ({"scenarios": ()}, "must declare its scenarios"),
    ({"scenarios": ("data_top_up",)}, "must declare its scenarios"),
    ({"scenarios": TELECOM.scenarios[:1] * 2}, "distinct kinds"),
])
def test_a_misdeclared_industry_is_refused_with_what_to_fix(changes, message):
    fields = {k: getattr(TELECOM, k) for k, f in TELECOM.__dataclass_fields__.items() if f.init}
    with pytest.raises(ValueError, match=message):
        Industry(**{**fields, **changes})


@pytest.mark.parametrize(("changes", "message"), [
    ({"kind": "Data Top-Up"}, "lowercase identifier"), ({"weight": 0}, "positive weight"),
])
def test_a_misdeclared_scenario_kind_is_refused(changes, message):
    kind = TELECOM.scenarios[0]
    fields = {k: getattr(kind, k) for k in kind.__dataclass_fields__}
    with pytest.raises(ValueError, match=message):
        ScenarioKind(**{**fields, **changes})


def test_industry_modules_stand_alone():
    """Each industry module imports only the shared engine, and shared modules never name an industry."""
    industries = sorted((ROOT / "persona" / "industries").glob("[!_]*.py"))
    names = {p.stem for p in industries}
    for path in industries:
        text = path.read_text(encoding="utf-8")
        assert not any(f"from .{n}" in text or f"industries.{n}" in text for n in names - {path.stem}), path.name
    for shared in ("engine", "registry", "models", "identity", "locales", "facts", "fakesafe", "distributions",
                   "seeds", "templates", "scenarios", "examples", "words", "discovery"):
        text = (ROOT / "persona" / f"{shared}.py").read_text(encoding="utf-8").lower()
        assert not names & set(text.replace(".", " ").split()), shared


_CHILD = """
import sys, threading
from datetime import date
import persona.registry as registry
from persona import generate, get_industry, list_modes
{body}
"""


def _run(body: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", _CHILD.format(body=body)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout


def test_registering_first_does_not_hide_the_built_in_industries():
    out = _run("""
from typing import Literal
from persona import Industry, PersonaBase, ScenarioKind, Story
class Toy(PersonaBase):
    mode: Literal["toy"] = "toy"
play = ScenarioKind("play", "Play", "nothing", lambda p: [p], lambda p, item, fmt, rng: Story("Play.", ("?",), ()))
registry.register(Industry(mode="toy", label="Toy", institution="Toy Co", role="a toy assistant", model=Toy,
                           build=lambda d: {}, facts=lambda p, f: [], tables=lambda p, f: [], examples=("?",),
                           scenarios=(play,)))
print(",".join(list_modes()))
""")
    assert out.strip() == "banking,insurance,healthcare,toy"


def test_first_lookups_from_many_threads_all_see_every_industry():
    out = _run("""
errors, barrier = [], threading.Barrier(8)
def look():
    barrier.wait()
    try:
        get_industry("healthcare"); generate("insurance", 1, "en_GB", date(2026, 1, 15))
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=look) for _ in range(8)]
[t.start() for t in threads]; [t.join() for t in threads]
print(len(errors), errors[:1])
""")
    assert out.strip() == "0 []"


def test_public_api_is_stable():
    for name in ("generate", "list_modes", "list_locales", "describe", "load_persona",
                 "normalise_seed", "get_industry", "register", "errors", "models", "list_scenarios",
                 "example_prompts", "applicable_scenarios"):
        assert hasattr(persona, name), name
    assert len(set(persona.__all__)) == len(persona.__all__)
    assert all(hasattr(persona, name) for name in persona.__all__)


def test_the_domain_neither_exports_nor_imports_prompting_or_inference():
    """Prompt wording lives in ``prompting``, beside the domain: ``persona`` stays usable without it."""
    assert not {"build_system_prompt", "chat_prompt", "Persona"} & set(dir(persona))
    out = _run("""
generate("banking", 1, "en_US", date(2026, 1, 15)); list_modes()
print(sorted({m.split(".")[0] for m in sys.modules} & {"prompting", "inference", "grounding", "webui", "gradio"}))
""")
    assert out.strip() == "[]"


def test_package_docstring_example_runs():
    import doctest

    assert doctest.testmod(persona, raise_on_error=True).attempted >= 2


def test_each_industry_declares_what_the_planner_and_the_eval_read():
    """The overview's facts, the capability sentence and the words for the record live in the industry's module."""
    for mode in list_modes():
        industry = get_industry(mode)
        keys = {f.key for f in describe(generate(mode, 7, "en_US", AS_OF)).facts}
        assert industry.summary and set(industry.summary) - {"pending_0"} <= keys, mode
        assert industry.capabilities.startswith("your "), mode
        assert industry.overview_words and industry.glossary, mode
        assert all(w == w.lower() for w in (*industry.overview_words, *industry.record_names, *industry.glossary))
    assert TELECOM.summary == () and TELECOM.capabilities == ""  # optional: the planner falls back to the record


def test_discovery_is_one_function_for_every_registry():
    """persona.industries and the eval's question and script banks are filled by the same locked import."""
    out = _run("""
from persona.discovery import import_submodules
import grounding.conversations as conversations, grounding.questions as questions
errors, barrier = [], threading.Barrier(6)
def look(i):
    barrier.wait()
    try:
        found = (len(questions.kinds("banking")), len(conversations.templates("insurance", "lookup")), len(list_modes()))
        errors.append(found)
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=look, args=(i,)) for i in range(6)]
[t.start() for t in threads]; [t.join() for t in threads]
print(len(set(errors)), errors[0])
""")
    count, first = out.strip().split(" ", 1)
    assert count == "1" and "Error" not in first
    for path in ("persona/registry.py", "grounding/questions/__init__.py", "grounding/conversations/__init__.py"):
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "import_submodules(" in text and "pkgutil" not in text, path
