"""``generate``: (mode, seed, locale, as_of) -> the same persona, in any process, thread or day."""

from __future__ import annotations

import threading
from datetime import date
from functools import lru_cache

from faker import Factory, Generator
from pydantic import TypeAdapter

from .facts import identity_facts
from .identity import draw_member_since, make_identity
from .locales import DEFAULT_LOCALE, Formatter, get_profile
from .models import PersonaBase, PersonaView
from .registry import Draw, get_industry, list_modes
from .seeds import normalise_seed

_local = threading.local()


def _faker(locale: str) -> Generator:
    """One Faker generator per (thread, locale): reseeded per persona, never shared across threads.

    ``use_weighting=False`` draws names uniformly from Faker's lists, several times faster than
    its frequency-weighted draw, which recomputes cumulative weights on every call.
    """
    cache = getattr(_local, "fakers", None)
    if cache is None:
        cache = _local.fakers = {}
    fake = cache.get(locale)
    if fake is None:
        fake = cache[locale] = Factory.create(locale, use_weighting=False)
    return fake


def generate(mode: str, seed: int | str, locale: str = DEFAULT_LOCALE, as_of: date | None = None) -> PersonaBase:
    """Generate the persona for these inputs; ``as_of`` defaults to today."""
    industry = get_industry(mode)
    profile = get_profile(locale)
    seed = normalise_seed(seed)
    if as_of is None:
        as_of = date.today()
    elif not isinstance(as_of, date):
        raise TypeError("as_of must be a datetime.date")
    fake = _faker(locale)
    fake.seed_instance(f"{mode}:{seed}")
    rng = fake.random
    identity, adult_days = make_identity(fake, rng, profile, as_of)
    member_since = draw_member_since(rng, as_of, adult_days)
    draw = Draw(rng=rng, fake=fake, as_of=as_of, profile=profile, identity=identity, member_since=member_since)
    return industry.model(
        mode=mode, seed=seed, locale=locale, as_of=as_of, institution=industry.institution,
        identity=identity, member_since=member_since, **industry.build(draw),
    )


@lru_cache(maxsize=1)
def _adapter(modes: tuple[str, ...]) -> TypeAdapter:
    from typing import Annotated, Union

    from pydantic import Field

    models = tuple(get_industry(m).model for m in modes)
    union = models[0] if len(models) == 1 else Union[models]  # noqa: UP007
    return TypeAdapter(Annotated[union, Field(discriminator="mode")] if len(models) > 1 else union)


def load_persona(data: str | bytes | dict) -> PersonaBase:
    """Rebuild a persona from ``model_dump_json()`` output (or its dict), validating it again."""
    adapter = _adapter(tuple(list_modes()))
    if isinstance(data, dict):
        return adapter.validate_python(data)
    return adapter.validate_json(data)


def describe(persona: PersonaBase) -> PersonaView:
    """The persona as display-ready text in its own locale (facts and tables)."""
    industry = get_industry(persona.mode)
    fmt = Formatter(persona.locale)
    return PersonaView(
        title=persona.identity.full_name,
        subtitle=f"{industry.label} · {persona.institution} · "
        f"customer since {fmt.date(persona.member_since)}",
        facts=(*identity_facts(persona, fmt), *industry.facts(persona, fmt)),
        tables=tuple(industry.tables(persona, fmt)),
    )
