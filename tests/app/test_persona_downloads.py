"""The persona's downloads: the JSON for every customer, and a FHIR Bundle beside it for a healthcare patient;
the ``/persona`` API's ``format=fhir``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from gradio_client import Client
from gradio_client.exceptions import AppError

from persona import generate


@pytest.fixture
def client(hosted_app):
    c = Client(hosted_app.url + "/", verbose=False)
    try:
        yield c
    finally:
        c.close()


def test_the_persona_api_gives_a_healthcare_patient_as_a_fhir_bundle(client):
    text = client.predict(mode="healthcare", seed=7, locale="de_DE", as_of="2026-01-15", format="fhir",
                          api_name="/persona")
    bundle = Bundle.model_validate_json(text)
    p = generate("healthcare", 7, "de_DE", date(2026, 1, 15))
    assert bundle.type == "transaction" and bundle.entry[0].resource.name[0].text == p.identity.full_name
    assert bundle.meta.source.endswith(f"/?mode=healthcare&seed=7&locale=de_DE&scenario={p.scenario.kind}")
    with pytest.raises(AppError, match="^format: fhir is for healthcare personas, not banking"):
        client.predict(mode="banking", seed=7, format="fhir", api_name="/persona")


@pytest.mark.slow
def test_in_the_browser_a_patient_downloads_as_fhir_beside_the_json(hosted_app, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(f"{hosted_app.url}/?mode=healthcare&seed=42&locale=en_GB")
        fhir = page.locator("#download-fhir")
        fhir.wait_for(state="visible")
        assert page.locator("#download").is_visible()
        with page.expect_download() as info:
            fhir.click()
        data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        Bundle.model_validate(data)
        p = generate("healthcare", 42, "en_GB", date.today())
        assert data["entry"][0]["resource"]["name"][0]["text"] == p.identity.full_name
        assert data["meta"]["source"] == page.locator("#share-link textarea, #share-link input").first.input_value()
        page.locator("#mode input").click()  # another industry: no FHIR form, no button
        page.get_by_role("option", name="Banking").click()
        fhir.wait_for(state="hidden")
    finally:
        context.close()
