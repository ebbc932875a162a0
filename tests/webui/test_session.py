"""A session's state: what a tab keeps on the server, and the same persona every time it is read (issue 12, row 5)."""

from __future__ import annotations

import pickle
from datetime import date

from persona import applicable_scenarios, generate
from webui import handlers
from webui.brand import Brand, ModeBrand
from webui.session import open_session

AS_OF = date(2026, 1, 15)


def test_a_session_keeps_only_the_inputs_that_regenerate_its_persona():
    kind = list(applicable_scenarios(generate("healthcare", 42, "de_DE", AS_OF)))[-1]
    session = open_session("healthcare", 42, "de_DE", as_of=AS_OF, scenario=kind)
    handlers.show(session)  # everything the page shows: card, strip, link, download, examples, scenarios
    assert len(pickle.dumps(session)) < 1_000  # before: the persona and its described view, tens of KB
    again = open_session("healthcare", 42, "de_DE", as_of=AS_OF, scenario=kind)
    assert session == again and session.persona == again.persona and session.persona.scenario.kind == kind


def test_the_persona_stays_the_day_it_was_opened_and_keeps_its_brand():
    brand = Brand(modes={"banking": ModeBrand(institution="Northwind Bank", welcome="Hi {first_name}")})
    session = open_session("banking", 3, "en_US", as_of=AS_OF, brand=brand)
    assert session.persona.as_of == AS_OF and session.persona.institution == "Northwind Bank"
    assert session.welcome == f"Hi {session.persona.identity.first_name}"
    assert session.voice is brand.mode("banking")  # shared with every session, never copied
