"""``generate``: (mode, seed, locale, as_of) -> the same persona, in any process, thread or day."""

from __future__ import annotations

import threading
from datetime import date, datetime
from functools import lru_cache

from faker import Factory, Generator
from pydantic import TypeAdapter

from .errors import InvalidAsOfError
from .facts import identity_facts
from .identity import draw_member_since, make_identity
from .locales import DEFAULT_LOCALE, Formatter, get_profile
from .models import DRAFT, PersonaBase, PersonaView, Section
from .registry import Draw, get_industry, list_modes
from .scenarios import draw_scenario
from .seeds import normalise_seed
from .templates import Templates
from .words import N_

AS_OF_RANGE = (date(1900, 1, 1), date(2999, 12, 31))
"""The as_of dates accepted: wide enough for any demo, far from the calendar's ends."""

_local = threading.local()


def _faker(locale: str) -> tuple[Generator, Templates]:
    """One Faker generator per (thread, locale): reseeded per persona, never shared across threads.

    A generator shared between threads would interleave two personas' draws. ``use_weighting=False``
    draws names uniformly from Faker's lists, several times faster than its frequency-weighted
    draw, which recomputes cumulative weights on every call.
    """
    cache = getattr(_local, "fakers", None)
    if cache is None:
        cache = _local.fakers = {}
    pair = cache.get(locale)
    if pair is None:
        fake = Factory.create(locale, use_weighting=False)
        pair = cache[locale] = (fake, Templates(fake))
    return pair


def _as_of(value: date | None) -> date:
    if value is None:
        return date.today()
    if isinstance(value, datetime):  # a datetime is a date too: keep only its calendar day
        value = value.date()
    if not isinstance(value, date):
        raise InvalidAsOfError(f"as_of must be a datetime.date, not {type(value).__name__}; "
                               "use e.g. date(2026, 1, 15), or None for today")
    lo, hi = AS_OF_RANGE
    if not lo <= value <= hi:
        raise InvalidAsOfError(f"as_of {value.isoformat()} is out of range; use a date from {lo} to {hi}")
    return value


def generate(mode: str, seed: int | str, locale: str = DEFAULT_LOCALE, as_of: date | None = None,
             scenario: str | None = None) -> PersonaBase:
    """Generate the persona for these inputs; ``as_of`` defaults to today.

    The scenario (why the customer gets in touch) is drawn after the record, from the same stream,
    among the kinds the record supports; ``scenario`` names one instead (see ``list_scenarios``):
    the record stays the same, and a kind the industry does not declare or this record does not
    support raises ``UnknownScenarioError`` or ``ScenarioNotApplicableError``, naming those it does.

    Every random draw comes from one stream seeded with ``f"{mode}:{seed}"`` and every date is
    an offset from ``as_of``, so the same inputs give the same persona in any process or thread,
    and another ``as_of`` gives the same persona shifted in time: every field is identical and
    every date moves by the shift. One documented exception: dates an industry counts in working
    days (Mon-Fri) after as_of, such as appointments, land on the matching working day, exactly
    ``shift`` days later only when the shift is a whole number of weeks.
    """
    industry = get_industry(mode)
    profile = get_profile(locale)
    seed = normalise_seed(seed)
    as_of = _as_of(as_of)
    fake, templates = _faker(locale)
    fake.seed_instance(f"{mode}:{seed}")
    rng = fake.random
    identity, adult_days = make_identity(fake, templates, rng, profile, as_of)
    member_since = draw_member_since(rng, as_of, adult_days)
    draw = Draw(rng=rng, fake=fake, templates=templates, as_of=as_of, profile=profile, identity=identity,
                member_since=member_since)
    persona = industry.model.model_validate(dict(
        mode=mode, seed=seed, locale=locale, as_of=as_of, institution=industry.institution,
        identity=identity, member_since=member_since, **industry.build(draw),
    ), context=DRAFT)
    # The scenario is told from the validated record. Until it is returned the persona is ours alone,
    # so its one missing field is filled in place: model_copy would copy the whole record for it.
    persona.__dict__["scenario"] = draw_scenario(industry, persona, rng, scenario)
    persona.__pydantic_fields_set__.add("scenario")
    return persona


@lru_cache(maxsize=4)
def _adapter(models: tuple[type[PersonaBase], ...]) -> TypeAdapter:
    from typing import Annotated, Union

    from pydantic import Field

    if len(models) == 1:
        return TypeAdapter(models[0])
    return TypeAdapter(Annotated[Union[models], Field(discriminator="mode")])  # noqa: UP007


def load_persona(data: str | bytes | dict) -> PersonaBase:
    """Rebuild a persona from ``model_dump_json()`` output (or its dict), validating it again."""
    adapter = _adapter(tuple(get_industry(m).model for m in list_modes()))
    if isinstance(data, dict):
        return adapter.validate_python(data)
    return adapter.validate_json(data)


def describe(persona: PersonaBase) -> PersonaView:
    """The persona as display-ready text in its own locale (facts and tables)."""
    industry = get_industry(persona.mode)
    fmt = Formatter(persona.locale)
    identity, own = identity_facts(persona, fmt), industry.facts(persona, fmt)
    tables = tuple(industry.tables(persona, fmt))
    layout = industry.card
    headline = tuple(layout.headline(persona, fmt))
    shown = {f.key for f in headline} | _IN_HEADER
    holdings = tuple(t for t in tables if t.title in layout.holding_tables)
    sections = (  # what the demo is about first; contact details last
        Section(key="holdings", title=layout.holdings, tables=holdings,
                facts=tuple(f for f in own if f.key not in shown and not f.key.startswith(layout.listed))),
        Section(key="activity", title=N_("Activity"), tables=tuple(t for t in tables if t not in holdings)),
        Section(key="identity", title=N_("Personal details"), facts=tuple(f for f in identity if f.key not in shown)),
    )
    return PersonaView(
        title=persona.identity.full_name,
        subtitle=N_("{label} · {institution} · customer since {member_since}", label=industry.label,
                    institution=persona.institution, member_since=fmt.date(persona.member_since)),
        facts=(*identity, *own),
        tables=tables,
        headline=headline,
        sections=tuple(s for s in sections if s.facts or s.tables),
    )


_IN_HEADER = frozenset({"name", "member_since"})
"""Identity facts the card's header already shows (the title and subtitle): its sections leave them out."""
