"""The page's events bind results and inputs to components by name, never by a position kept by hand."""

from __future__ import annotations

from dataclasses import fields

import gradio as gr
import pytest

from webui import handlers
from webui.config import AppConfig
from webui.events import ModelChoice, PersonaOutputs, inputs, outputs, persona_values

APP = AppConfig()


def test_every_value_of_a_persona_update_has_a_component_of_its_name():
    names = {f.name for f in fields(PersonaOutputs)}
    fresh = handlers.open_link(APP, "mode=banking&seed=3", None)
    assert set(persona_values(fresh)) == names
    kept = handlers.load_seed(APP, fresh.session, "not a seed")  # a bad choice keeps the chat: left out
    assert set(persona_values(kept)) == names - {"chatbot", "history", "timeline"}


def test_a_welcome_offers_the_examples_as_its_options():
    from webui.brand import Brand, ModeBrand

    app = AppConfig(brand=Brand(modes={"banking": ModeBrand(welcome="Hi {first_name}!")}))
    update = handlers.open_link(app, "mode=banking&seed=3", None)
    (welcome,) = update.chat
    assert welcome["content"].startswith("Hi ") and [o["value"] for o in welcome["options"]] == list(update.examples)
    assert handlers.open_link(APP, "mode=banking&seed=3", None).chat == []  # no welcome: Gradio's own examples


def test_inputs_follow_the_functions_parameter_names():
    def event(message, history, session, model, link=None, request: gr.Request = None):
        pass

    a, b, c = object(), object(), object()
    assert inputs(event, link=c, session=a, model=b) == [a, b, c]
    with pytest.raises(TypeError, match="takes no colour"):
        inputs(event, session=a, colour=b)
    with pytest.raises(TypeError, match="needs a component for model"):
        inputs(event, session=a, link=c)


def test_outputs_follow_the_results_field_names():
    picker, note = object(), object()
    assert outputs(ModelChoice, note=note, picker=picker) == [picker, note]
    with pytest.raises(TypeError):
        outputs(ModelChoice, picker=picker)


def test_after_an_action_the_fhir_download_follows_the_record():
    import json
    from dataclasses import replace
    from pathlib import Path

    from persona import Event
    from webui.events import PageEvents
    from webui.session import open_session

    session = open_session("healthcare", 0, "en_US")
    before = PageEvents(None, APP).after_action(session)[3]["value"]
    changed = replace(session, events=(Event("update_phone", {"phone": "212 555 0142"}),), marked=True)
    card, strip, download, fhir, undo = PageEvents(None, APP).after_action(changed)
    patient = json.loads(Path(fhir["value"]).read_text(encoding="utf-8"))["entry"][0]["resource"]
    assert fhir["visible"] and fhir["value"] != before and patient["telecom"][0]["value"] == "(212) 555-0142"
    banking = PageEvents(None, APP).after_action(open_session("banking", 0, "en_US"))[3]
    assert banking["value"] is None and not banking["visible"]
