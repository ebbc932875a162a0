"""Marked text: English wherever it is read as a string, its message id and values kept for the card."""

from __future__ import annotations

import copy
import json
import pickle
from datetime import date

from persona import describe, generate, load_persona
from persona.models import Fact
from persona.words import N_, Message

AS_OF = date(2026, 1, 15)


def test_a_marked_message_is_its_english_text_and_remembers_how_it_was_made():
    payee = N_("Rent")
    label = N_("Upcoming payment: {payee}", payee=payee)
    assert label == "Upcoming payment: Rent" and isinstance(label, str)
    assert (label.msgid, label.values) == ("Upcoming payment: {payee}", {"payee": payee})
    assert f"{label}!" == "Upcoming payment: Rent!" and label.lower() == "upcoming payment: rent"
    assert json.dumps({"label": label}) == '{"label": "Upcoming payment: Rent"}'
    for clone in (pickle.loads(pickle.dumps(label)), copy.deepcopy(label)):  # Gradio state copies and pickles
        assert clone == label and clone.msgid == label.msgid and clone.values == label.values


def test_models_keep_a_message_and_write_its_english():
    fact = Fact(key="k", label=N_("Upcoming payment: {payee}", payee="Rent"), value="$1.00", sentence="s")
    assert isinstance(fact.label, Message) and fact.label.values == {"payee": "Rent"}
    assert fact.model_dump_json() == Fact(key="k", label="Upcoming payment: Rent", value="$1.00",
                                          sentence="s").model_dump_json()
    assert Fact.model_json_schema()["properties"]["label"]["type"] == "string"
    plain = Fact.model_validate_json(fact.model_dump_json())
    assert plain == fact and type(plain.label) is str


def test_a_generated_persona_carries_messages_and_its_json_round_trips():
    p = generate("healthcare", 11, "fr_FR", AS_OF)
    assert isinstance(p.scenario.title, Message) and isinstance(p.scenario.summary, Message)
    again = load_persona(p.model_dump_json())
    assert again == p and again.model_dump_json() == p.model_dump_json()
    assert [str(f.label) for f in describe(again).facts] == [str(f.label) for f in describe(p).facts]
