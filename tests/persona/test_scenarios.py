"""Scenarios and example prompts: told from the customer's own record, and checked against it.

Every reference a scenario or an example carries is looked up in the persona's models (by this
file's own walker, not the engine's) and compared with what is there; then every figure, date and
name in the text must be one of those record values as the locale writes it: nothing else is left.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from persona import (
    AS_OF_RANGE,
    SEED_SPACE,
    Formatter,
    PersonaError,
    ScenarioNotApplicableError,
    UnknownScenarioError,
    applicable_scenarios,
    example_prompts,
    generate,
    get_industry,
    grounded_examples,
    list_locales,
    list_scenarios,
)

AS_OF = date(2026, 1, 15)
MODES = ("banking", "insurance", "healthcare")
LOCALES = tuple(list_locales())
CARD_SHOPPING = {"Groceries", "Dining", "Transport", "Shopping", "Utilities", "Health", "Entertainment", "Travel"}


def walk(persona, path: str):
    """The record value at ``path`` ("transactions[3].amount"), read from the models."""
    value = persona
    for name, index in re.findall(r"([a-z_]+)(?:\[(\d+)\])?", path):
        assert name in type(value).model_fields, f"{path}: {name} is not a field of {type(value).__name__}"
        value = getattr(value, name)
        if index:
            assert int(index) < len(value), f"{path}: only {len(value)} items"
            value = value[int(index)]
    return value


def item(persona, refs):
    """The record item a scenario is about: the list entry its first reference points into, else the persona."""
    head = refs[0].path.split(".")[0]
    return walk(persona, head) if "[" in head else persona


def unexplained(text: str, persona, refs) -> str:
    """``text`` with every value its refs name removed, as the locale writes it, after checking each
    reference against the record; what is left must hold no figure and no name."""
    fmt = Formatter(persona.locale)
    forms = {persona.identity.first_name}
    for ref in refs:
        actual = walk(persona, ref.path)
        assert str(actual) == ref.value, f"{ref.path}: the reference says {ref.value!r}, the record {actual!r}"
        if isinstance(actual, Decimal):
            forms |= {fmt.money(actual), fmt.money(-actual)}
        elif isinstance(actual, date):
            forms |= {fmt.date(actual), fmt.short_date(actual)}
        elif isinstance(actual, time):
            forms.add(fmt.time(actual))
        elif isinstance(actual, int):
            forms.add(str(actual))
        elif isinstance(actual, str):
            forms |= {actual, actual.lower()} | ({actual[-4:]} if actual[-4:].isdigit() else set())  # "ending 1881"
    for form in sorted(forms, key=len, reverse=True):
        text = re.sub(rf"(?<![\w]){re.escape(form)}(?![\w])", "…", text)
    return text


def assert_only_record_facts(text: str, persona, refs) -> None:
    left = unexplained(text, persona, refs)
    assert not re.search(r"\d", left), f"a figure not from the record: {left!r} (from {text!r})"
    for sentence in re.split(r"(?<=[.?!])\s+", left):
        names = [w for w in re.findall(r"\b\w[\w'&-]*", sentence)[1:] if w[0].isupper() and w not in {"I", "I've"}]
        assert not names, f"names not from the record: {names} in {text!r}"


# What each kind claims about the record item it is about: a scenario is only told where it is true.
def _newest_pay(p):
    return next(t for t in p.transactions if t.category == "Income")


CLAIMS = {
    "unrecognised_charge": lambda p, x: x.amount < 0 and x.category in CARD_SHOPPING,
    "bill_before_payday": lambda p, x: x.due_date < _newest_pay(p).date + timedelta(days=14)
    and p.checking_balance < x.amount * Decimal("1.25"),
    "travel_notice": lambda p, x: x.category == "Travel" and x.amount < 0,
    "card_payment": lambda p, x: x.payee == "Credit card payment" and x.amount <= p.credit_used,
    "cancel_subscription": lambda p, x: x.category == "Subscriptions"
    and x == next(t for t in p.transactions if t.merchant == x.merchant),  # its latest charge
    "credit_limit": lambda p, x: p.credit_used * 2 >= p.credit_limit,
    "slow_claim": lambda p, x: x.status == "pending" and (p.as_of - x.date).days >= 14,
    "premium_rise": lambda p, x: 0 <= (p.as_of - x.term_start).days < 60
    and x.term_start - timedelta(days=365) >= p.member_since,
    "add_driver": lambda p, x: x.kind == "auto",
    "add_valuable": lambda p, x: x.kind in {"home", "renters"},
    "upcoming_renewal": lambda p, x: 0 < (x.renewal_date - p.as_of).days <= 30,
    "claim_denied": lambda p, x: x.status == "denied",
    "new_claim": lambda p, x: x.kind in {"auto", "home", "renters", "pet"},
    "payment_date": lambda p, x: p.next_premium_due > p.as_of,
    "refill_needed": lambda p, x: x.refills_left == 0,
    "reschedule_appointment": lambda p, x: x in p.appointments,
    "bill_after_deductible": lambda p, x: p.deductible_met == p.deductible,
    "deductible_progress": lambda p, x: p.deductible_met < p.deductible,
    "specialist_referral": lambda p, x: x.specialty != "Primary care",
    "out_of_pocket": lambda p, x: p.out_of_pocket_spent * 2 >= p.out_of_pocket_max,
}


def assert_scenario_true(p) -> None:
    s = p.scenario
    assert s.kind in list_scenarios(p.mode) and s.title == list_scenarios(p.mode)[s.kind]
    assert s.refs and 1 <= len(s.questions) <= 3 and s.opening == s.questions[0]
    assert CLAIMS[s.kind](p, item(p, s.refs)), (s.kind, s.summary)
    sentences = re.findall(r"[.?!](\s|$)", s.summary.replace("Dr. ", "Dr "))
    assert 1 <= len(sentences) <= 2 and len(s.summary) < 300, s.summary
    for text in (s.summary, *s.questions):
        assert_only_record_facts(text, p, s.refs)
    assert all(q.endswith("?") for q in s.questions)


def test_every_kind_is_declared_in_its_industry_module_and_has_a_claim_here():
    assert set(CLAIMS) == {k for m in MODES for k in list_scenarios(m)}
    for mode in MODES:
        industry = get_industry(mode)
        assert len(industry.scenarios) >= 5, mode
        assert list(list_scenarios(mode)) == [k.kind for k in industry.scenarios]
        for k in industry.scenarios:
            assert k.build.__module__ == k.candidates.__module__ == industry.model.__module__ == \
                f"persona.industries.{mode}"
            assert k.title and k.needs and k.weight > 0


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mode=st.sampled_from(MODES), seed=st.integers(0, SEED_SPACE - 1), locale=st.sampled_from(LOCALES),
       as_of=st.dates(*AS_OF_RANGE), data=st.data())
def test_scenarios_name_only_what_the_record_holds(mode, seed, locale, as_of, data):
    """Drawn or chosen, a scenario is true of the record: its items exist, its figures match, its kind fits."""
    kind = data.draw(st.sampled_from([None, *list_scenarios(mode)]))
    try:
        p = generate(mode, seed, locale, as_of, scenario=kind)
    except ScenarioNotApplicableError:
        assert kind not in applicable_scenarios(generate(mode, seed, locale, as_of))
        return
    assert kind is None or p.scenario.kind == kind
    assert_scenario_true(p)
    examples = grounded_examples(p)
    assert len(examples) >= 4 and examples[0].text == p.scenario.opening
    assert len({e.text for e in examples}) == len(examples)
    for e in examples:
        assert_only_record_facts(e.text, p, e.refs)


@pytest.fixture(scope="module")
def drawn():
    """Scenario kinds drawn for seeds 0-2999 (locales in turn) per mode."""
    return {mode: Counter(generate(mode, s, LOCALES[s % 4], AS_OF).scenario.kind for s in range(3000))
            for mode in MODES}


@pytest.mark.parametrize("mode", MODES)
def test_every_declared_kind_is_drawn_for_some_seeds(mode, drawn):
    counts = drawn[mode]
    assert set(counts) == set(list_scenarios(mode)), set(list_scenarios(mode)) - set(counts)
    assert min(counts.values()) >= 30, counts  # at least 1% of personas: every kind shows up in a demo session
    assert max(counts.values()) <= 0.45 * 3000, counts  # and no kind crowds out the others


@pytest.mark.parametrize("mode", MODES)
def test_each_kind_can_be_picked_where_it_applies_and_only_there(mode):
    """Picking a kind keeps the record, changes only the scenario; elsewhere it names the valid kinds."""
    for kind in list_scenarios(mode):
        personas = [generate(mode, s, LOCALES[s % 4], AS_OF) for s in range(60)]
        fits = [p for p in personas if kind in applicable_scenarios(p)]
        misfits = [p for p in personas if kind not in applicable_scenarios(p)]
        assert fits, kind
        for p in fits[:5]:
            chosen = generate(mode, p.seed, p.locale, AS_OF, scenario=kind)
            assert chosen.scenario.kind == kind
            assert chosen.model_dump(exclude={"scenario"}) == p.model_dump(exclude={"scenario"})
            assert_scenario_true(chosen)
        for p in misfits[:3]:
            valid = ", ".join(applicable_scenarios(p))
            with pytest.raises(ScenarioNotApplicableError, match=rf"needs .*; choose one of: {valid}$") as err:
                generate(mode, p.seed, p.locale, AS_OF, scenario=kind)
            assert isinstance(err.value, PersonaError) and kind in str(err.value)


def test_asking_for_the_drawn_kind_gives_the_same_persona():
    for mode in MODES:
        for seed in range(30):
            p = generate(mode, seed, "en_GB", AS_OF)
            assert generate(mode, seed, "en_GB", AS_OF, scenario=p.scenario.kind) == p


@pytest.mark.parametrize("bad", ["lost_card", "", "Unrecognised_Charge", 5, "slow_claim"])
def test_an_unknown_kind_names_the_valid_ones(bad):
    p = generate("banking", 7, "en_US", AS_OF)
    valid = ", ".join(applicable_scenarios(p))
    with pytest.raises(UnknownScenarioError, match=rf"unknown scenario {re.escape(repr(bad))} for banking; "
                                                   rf"choose one of: {valid}$"):
        generate("banking", 7, "en_US", AS_OF, scenario=bad)


def test_list_scenarios_gives_every_kind_with_its_title():
    assert list_scenarios("banking")["unrecognised_charge"] == "A charge I don't recognise"
    assert "slow_claim" in list_scenarios("insurance") and "refill_needed" in list_scenarios("healthcare")
    with pytest.raises(PersonaError, match="unknown mode 'mortgages'"):
        list_scenarios("mortgages")


@pytest.mark.parametrize("mode", MODES)
def test_examples_differ_between_personas_and_start_with_the_scenario(mode):
    lists = [example_prompts(generate(mode, s, "en_US", AS_OF)) for s in range(200)]
    assert len({tuple(x) for x in lists}) == 200  # every persona asks its own questions
    assert all(4 <= len(x) <= 5 and x[0] == generate(mode, s, "en_US", AS_OF).scenario.opening
               for s, x in enumerate(lists))
    assert all(q.endswith("?") for x in lists for q in x)
    assert len({q for x in lists for q in x}) > 500  # written from each record, not picked from a short list
    assert example_prompts(generate(mode, 3, "en_US", AS_OF)) == lists[3]  # and the same ones every time


def test_the_issue_examples_come_out_of_the_records():
    """The questions the issue asks for, with this persona's own figures."""
    p = next(p for p in (generate("banking", s, "en_US", AS_OF) for s in range(40))
             if p.scenario.kind == "unrecognised_charge")
    t = item(p, p.scenario.refs)
    assert p.scenario.opening == f"Why was I charged ${-t.amount:,} at {t.merchant} on {t.date:%b} {t.date.day}?"
    seed = next(s for s in range(100) if "refill_needed" in applicable_scenarios(generate("healthcare", s, "en_US", AS_OF)))
    h = generate("healthcare", seed, "en_US", AS_OF, scenario="refill_needed")
    rx = item(h, h.scenario.refs)
    assert rx.refills_left == 0 and example_prompts(h)[0] == f"Can I get a refill of my {rx.medication}?"


def test_scenario_figures_follow_the_locale():
    for locale in LOCALES:
        p = generate("banking", 11, locale, AS_OF, scenario="unrecognised_charge")
        t, fmt = item(p, p.scenario.refs), Formatter(locale)
        assert f"{fmt.money(-t.amount)} charge from {t.merchant} on {fmt.date(t.date)}" in p.scenario.summary
        assert fmt.short_date(t.date) in p.scenario.opening


def test_the_walker_here_catches_a_wrong_reference():
    """The checks above can fail: a reference off by a cent, or to a figure not in the text, is caught."""
    p = generate("banking", 3, "en_US", AS_OF, scenario="unrecognised_charge")
    bad = [r.model_copy(update={"value": str(Decimal(r.value) + Decimal("0.01"))}) if r.path.endswith("amount") else r
           for r in p.scenario.refs]
    with pytest.raises(AssertionError, match="the reference says"):
        assert_only_record_facts(p.scenario.summary, p, bad)
    with pytest.raises(AssertionError, match="a figure not from the record"):
        assert_only_record_facts(p.scenario.summary + " It was $12.34.", p, p.scenario.refs)
    with pytest.raises(AssertionError, match="names not from the record"):
        assert_only_record_facts("Why did Acme Bank charge me?", p, p.scenario.refs)
