"""Chat inputs as an API caller may send them: usable values taken, others refused with the input named."""

from __future__ import annotations

import pytest

from webui import handlers


@pytest.mark.parametrize(("name", "value", "words"), [
    ("temperature", "hot", "valid number"), ("temperature", None, "nothing"), ("temperature", [0.3], "a list"),
    ("temperature", 3, "less than or equal to 1.5"), ("max_new_tokens", 4096, "at most 1,024"),
    ("max_new_tokens", "many", "valid integer"), ("max_new_tokens", None, "nothing"), ("max_new_tokens", 1.5, "integer"),
    ("model", ["ok"], "a list"), ("model", {"id": "ok"}, "an object"), ("message", ["hi"], "a list"),
    ("message", 42, "a number"),
])
def test_a_wrong_value_is_refused_naming_the_input_and_what_was_sent(name, value, words):
    with pytest.raises(handlers.InvalidInput) as caught:
        handlers.check_input(name, value)
    assert str(caught.value).startswith(f"The {name} input is invalid:") and words in str(caught.value)


def test_usable_values_are_taken_as_the_chat_will_use_them():
    assert handlers.check_input("temperature", "0.5") == 0.5
    assert handlers.check_input("max_new_tokens", "32") == 32 and handlers.check_input("max_new_tokens", 128.0) == 128
    assert handlers.check_input("message", None) is None and handlers.check_input("message", "hi") == "hi"
    assert handlers.chat_settings(None, "0.5", 64.0).model_dump() == {"model": None, "temperature": 0.5,
                                                                      "max_new_tokens": 64}


def test_chat_settings_names_the_first_bad_setting():
    with pytest.raises(handlers.InvalidInput, match="The max_new_tokens input is invalid"):
        handlers.chat_settings("m", 0.3, None)
