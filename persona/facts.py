"""Building blocks for an industry's facts, plus the identity facts every persona shares."""

from __future__ import annotations

from .locales import Formatter
from .models import Fact, PersonaBase
from .words import N_


def fact(key: str, label: str, value: str, sentence: str | None = None, keywords: tuple[str, ...] = ()) -> Fact:
    """A fact whose customer-facing sentence defaults to 'Your <label> is <value>.'."""
    if sentence is None:
        sentence = f"Your {label[0].lower()}{label[1:]} is {value}."
    words = tuple(dict.fromkeys((*label.lower().split(), *keywords)))
    return Fact(key=key, label=label, value=value, sentence=sentence, keywords=words)


def identity_facts(persona: PersonaBase, fmt: Formatter) -> list[Fact]:
    ident = persona.identity
    facts = [
        fact("name", N_("Name"), ident.full_name, f"Your name is {ident.full_name}.", ("called", "who", "registered", "holder", "file")),
        fact("member_since", N_("Customer since"), fmt.date(persona.member_since),
             f"You have been a customer since {fmt.date(persona.member_since)}.",
             ("member", "joined", "since", "long", "open", "opened", "start")),
        fact("birth_date", N_("Date of birth"), fmt.date(ident.birth_date),
             keywords=("born", "birthday", "dob", "birth")),
        fact("age", N_("Age"), str(ident.age), f"You are {ident.age} years old.", ("old", "years")),
        fact("email", N_("Email"), ident.email, keywords=("e-mail", "mail", "contact")),
        fact("phone", N_("Phone"), ident.phone, keywords=("number", "telephone", "contact", "call")),
        fact("address", N_("Address"), ident.address.formatted, keywords=("live", "home", "street", "where")),
    ]
    if ident.ssn:
        masked = "***-**-" + ident.ssn[-4:]
        facts.append(fact("ssn", N_("SSN on file"), masked, f"The SSN on file ends in {ident.ssn[-4:]}.",
                          ("social", "security")))
    return facts
