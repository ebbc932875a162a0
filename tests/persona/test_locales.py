"""Locales: names and addresses from Faker's locale data, money, dates and times formatted by Babel."""

from __future__ import annotations

import random
import re
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency
from faker import Factory

from persona import Formatter, UnknownLocaleError, describe, generate, list_locales, reply_language_instruction
from persona.identity import email_part
from persona.templates import Templates

AS_OF = date(2026, 1, 15)


@pytest.mark.parametrize(("locale", "money", "negative", "day", "long_day", "clock"), [
    ("en_US", "$1,234.56", "-$7.50", "Mar 4, 2026", "March 4, 2026", "2:30\u202fPM"),
    ("en_GB", "£1,234.56", "-£7.50", "4 Mar 2026", "4 March 2026", "14:30"),
    ("de_DE", "1.234,56\xa0€", "-7,50\xa0€", "04.03.2026", "4. März 2026", "14:30"),
    ("fr_FR", "1\u202f234,56\xa0€", "-7,50\xa0€", "4 mars 2026", "4 mars 2026", "14:30"),
])
def test_money_dates_and_times_follow_the_locale(locale, money, negative, day, long_day, clock):
    fmt = Formatter(locale)
    assert fmt.money(Decimal("1234.56")) == money and fmt.money(Decimal("-7.5")) == negative
    assert fmt.date(date(2026, 3, 4)) == day and fmt.long_date(date(2026, 3, 4)) == long_day
    assert fmt.time(time(14, 30)) == clock


@pytest.mark.parametrize("locale", list_locales())
def test_formatter_writes_what_babel_writes(locale):
    """The Formatter resolves the currency's symbol and the short-date pattern once per locale and remembers
    results: the text is still Babel's own format_currency and format_skeleton, for any amount and day."""
    fmt, rng = Formatter(locale), random.Random(locale)
    amounts = [Decimal(rng.randint(-10**12, 10**12)).scaleb(-2) for _ in range(3000)]
    amounts += [Decimal("0.00"), Decimal("-0.00"), Decimal("0"), Decimal("1.5"), Decimal("-7.5"), Decimal("1e3")]
    for amount in amounts:
        assert fmt.money(amount) == format_currency(amount, fmt.currency, locale=locale), amount
    for n in range(0, 800, 3):
        day = date(2025, 1, 1) + timedelta(days=n)
        assert fmt.short_date(day) == format_skeleton("MMMd", day, locale=locale)
        assert fmt.date(day) == format_date(day, "medium", locale=locale)
    assert fmt.short_date(date(2026, 11, 23)) == {"en_US": "Nov 23", "en_GB": "23 Nov", "de_DE": "23. Nov.",
                                                  "fr_FR": "23 nov."}[locale]


def test_the_record_is_formatted_in_the_persona_locale():
    for locale in list_locales():
        p = generate("banking", 8, locale, AS_OF)
        fmt = Formatter(locale)
        facts = {f.key: f.value for f in describe(p).facts}
        assert facts["checking_balance"] == fmt.money(p.checking_balance)
        assert facts["birth_date"] == fmt.date(p.identity.birth_date)
        assert describe(p).tables[0].rows[0][0] == fmt.date(p.transactions[0].date)
    h = next(p for p in (generate("healthcare", s, "en_US", AS_OF) for s in range(50)) if p.appointments)
    first = next(f for f in describe(h).facts if f.key == "next_appointment")
    assert f"{Formatter('en_US').date(h.appointments[0].date)} at {Formatter('en_US').time(h.appointments[0].time)}" \
        in first.value


def test_names_and_addresses_come_from_the_locale():
    people = {loc: [generate("insurance", s, loc, AS_OF).identity for s in range(300)] for loc in list_locales()}
    assert {p[0].address.country for p in people.values()} == {"United States", "United Kingdom", "Deutschland", "France"}
    for loc, idents in people.items():
        provider = Factory.create(loc)
        first = set(provider.provider("faker.providers.person").first_names)
        last = set(provider.provider("faker.providers.person").last_names)
        assert all(i.first_name in first and i.last_name in last for i in idents), loc
        assert all("\n" not in i.address.formatted and i.address.street in i.address.formatted for i in idents)
    surnames = {loc: {i.last_name for i in idents} for loc, idents in people.items()}
    assert len(surnames["de_DE"] & surnames["en_US"]) < 30 and len(surnames["fr_FR"] & surnames["de_DE"]) < 30


def test_addresses_are_written_as_each_country_does():
    de_cities = set(Factory.create("de_DE").provider("faker.providers.address").cities)
    for seed in range(200):
        us = generate("banking", seed, "en_US", AS_OF).identity.address
        assert re.fullmatch(r"[A-Z]{2}", us.region) and re.fullmatch(r"\d{5}", us.postcode)
        assert us.formatted == f"{us.street}, {us.city}, {us.region} {us.postcode}"
        assert not us.street.split()[0].startswith("0")  # no house number "074"
        gb = generate("banking", seed, "en_GB", AS_OF).identity.address
        assert re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", gb.postcode), gb.postcode
        assert gb.formatted == f"{gb.street}, {gb.city} {gb.postcode}" and gb.region is None
        de = generate("banking", seed, "de_DE", AS_OF).identity.address
        assert de.city in de_cities and re.fullmatch(r"\d{5}", de.postcode)
        assert de.formatted == f"{de.street}, {de.postcode} {de.city}"
        assert re.search(r"\d", de.street.split()[-1])  # "Hauptstr. 12": the number comes last
        fr = generate("banking", seed, "fr_FR", AS_OF).identity.address
        assert re.fullmatch(r"\d{5}", fr.postcode) and fr.formatted == f"{fr.street}, {fr.postcode} {fr.city}"


@pytest.mark.parametrize(("name", "part"), [
    ("Zoë", "zoe"), ("O'Connor", "oconnor"), ("Müller-Lüdenscheidt", "mullerludenscheidt"), ("Strauß", "strauss"),
    ("Ægir", "aegir"), ("Łukasz", "lukasz"), ("de La Fontaine", "delafontaine"), ("Œdipe", "oedipe"), ("李", "customer"),
])
def test_names_with_apostrophes_and_accents_give_valid_emails(name, part):
    assert email_part(name) == part


def test_emails_are_built_from_the_name():
    for locale in list_locales():
        for seed in range(200):
            ident = generate("healthcare", seed, locale, AS_OF).identity
            local = ident.email.split("@")[0]
            assert re.fullmatch(r"[a-z0-9]+\.[a-z0-9]+\d\d", local), ident.email
            assert local.startswith(f"{email_part(ident.first_name)}.{email_part(ident.last_name)}")


def test_templates_compile_faker_formats_and_fall_back_to_faker():
    fake = Factory.create("fr_FR", use_weighting=False)
    fake.seed_instance(1)
    templates = Templates(fake)
    rng = fake.random
    streets = [templates.street_address(rng) for _ in range(300)]
    prefixes = set(fake.provider("faker.providers.address").street_prefixes)
    assert all(any(p in s for p in prefixes) for s in streets)
    assert all(len(templates.postcode(rng)) == 5 for _ in range(50))  # fr_FR's own postcode method
    fake.seed_instance(1)
    again = [Templates(fake).street_address(fake.random) for _ in range(300)]
    assert again == streets


@pytest.mark.parametrize("locale", ["en_US", "en_GB", "de_DE", "fr_FR"])
def test_the_hot_faker_methods_are_compiled(locale):
    """After a Faker upgrade that changes these providers, this says which ones fell back (slower, still right)."""
    templates = Templates(Factory.create(locale, use_weighting=False))
    for method in ("street_address", "street_name", "city", "company", "first_name", "last_name"):
        assert not templates.through_faker(method), method
    assert templates.through_faker("postcode")  # never compiled: en_GB and fr_FR have their own


@pytest.mark.parametrize(("locale", "line"), [
    ("en_US", "Reply in English."),
    ("en_GB", "Reply in English."),
    ("de_DE", "Reply in German (Deutsch)."),
    ("fr_FR", "Reply in French (français)."),
])
def test_hosted_models_are_told_the_persona_language_by_babel_names(locale, line):
    assert reply_language_instruction(locale) == line


def test_every_locale_has_a_reply_language_and_unknown_ones_are_refused():
    for locale in list_locales():
        assert re.fullmatch(r"Reply in [A-Z][a-z]+( \(\w+\))?\.", reply_language_instruction(locale))
    with pytest.raises(UnknownLocaleError, match="choose one of"):
        reply_language_instruction("xx_YY")
