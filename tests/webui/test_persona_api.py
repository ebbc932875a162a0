"""The persona as data: the same record as the download, input errors that name the input."""

from __future__ import annotations

import json
from datetime import date

import pytest

from persona import generate, list_scenarios, load_persona
from webui.brand import Brand, ModeBrand
from webui.persona_api import PersonaInputError, actions_json, persona_json


def test_the_record_is_the_downloads_json_and_loads_back():
    text = persona_json("insurance", "42", "en_GB", as_of="2026-01-15")
    expected = generate("insurance", 42, "en_GB", date(2026, 1, 15))
    assert text == expected.model_dump_json()  # byte for byte
    assert load_persona(json.loads(text)) == expected


def test_inputs_are_read_as_a_person_would_type_them():
    base = persona_json("banking", 7, "de_DE", as_of="2026-01-15")
    assert persona_json(" Banking ", " 7 ", "de-de", as_of=" 2026-01-15 ") == base
    assert json.loads(persona_json("banking", 7, "de_DE"))["as_of"] == date.today().isoformat()  # empty as_of: today


def test_a_brand_renames_the_institution_only():
    brand = Brand(modes={"banking": ModeBrand(institution="Northwind Bank")})
    plain = json.loads(persona_json("banking", 3, as_of="2026-01-15"))
    branded = json.loads(persona_json("banking", 3, as_of="2026-01-15", brand=brand))
    assert branded["institution"] == "Northwind Bank" and branded | {"institution": plain["institution"]} == plain


@pytest.mark.parametrize(("args", "starts"), [
    (("mortgages", 1), "mode: unknown mode 'mortgages'; choose one of: banking, insurance, healthcare"),
    (("banking", "abc"), "seed: "),
    (("banking", ""), "seed: "),
    (("banking", 1.5), "seed: "),
    (("banking", 1, "xx_XX"), "locale: "),
    (("banking", 1, "en_US", "", "2026-13-01"), "as_of: '2026-13-01' is not a date; write it as YYYY-MM-DD"),
    (("banking", 1, "en_US", "", "0001-01-01"), "as_of: as_of 0001-01-01 is out of range"),
])
def test_bad_input_names_the_input(args, starts):
    with pytest.raises(PersonaInputError) as caught:
        persona_json(*args)
    assert str(caught.value).startswith(starts), str(caught.value)


def test_a_scenario_can_be_chosen_and_a_bad_one_is_named():
    drawn = json.loads(persona_json("banking", 42, as_of="2026-01-15"))
    other = next(k for k in list_scenarios("banking") if k != drawn["scenario"]["kind"]
                 and k in {"unrecognised_charge", "card_payment"})
    chosen = json.loads(persona_json("banking", 42, scenario=f" {other} ", as_of="2026-01-15"))
    assert chosen["scenario"]["kind"] == other and chosen["identity"] == drawn["identity"]  # same customer
    with pytest.raises(PersonaInputError, match=r"^scenario: unknown scenario 'lottery' for banking; choose one of"):
        persona_json("banking", 42, scenario="lottery")


def test_format_fhir_gives_the_healthcare_persona_as_a_validated_bundle():
    from fhir.resources.R4B.bundle import Bundle

    from persona.datasets import fhir_json

    text = persona_json("healthcare", 7, "de_DE", as_of="2026-01-15", format=" FHIR ",
                        base_url="https://demo.hf.space/")
    p = generate("healthcare", 7, "de_DE", date(2026, 1, 15))
    link = f"https://demo.hf.space/?mode=healthcare&seed=7&locale=de_DE&scenario={p.scenario.kind}"
    assert Bundle.model_validate_json(text).meta.source == link
    assert text == fhir_json(p, link)
    assert persona_json("healthcare", 7, "de_DE", as_of="2026-01-15", format="json") == p.model_dump_json()
    with pytest.raises(PersonaInputError, match=r"^format: fhir is for healthcare personas, not banking; use json"):
        persona_json("banking", 1, format="fhir")
    with pytest.raises(PersonaInputError, match=r"^format: 'xml' is not a format; choose json or fhir"):
        persona_json("healthcare", 1, format="xml")


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_a_program_can_list_a_personas_actions_with_their_schemas(mode):
    listed = json.loads(actions_json(mode, 42, "en_US", as_of="2026-01-15"))
    assert (listed["mode"], listed["seed"], listed["locale"]) == (mode, 42, "en_US")
    names = [a["name"] for a in listed["actions"]]
    assert names and len(set(names)) == len(names)
    for action in listed["actions"]:
        assert action["description"] and isinstance(action["changes_record"], bool)
        assert action["parameters"]["type"] == "object"  # a JSON schema, as tools= and MCP clients take it


def test_listing_actions_checks_its_inputs_like_the_persona():
    with pytest.raises(PersonaInputError, match="^mode: "):
        actions_json("mortgages", 1)
