"""Settings tables generated from the fields, and README's tables equal to them so the docs can't drift."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, Field

from envconfig.docs import load_model, main, marked_targets, settings_table, update_marked_tables
from inference import InferenceConfig
from webui.config import AppConfig

README = Path(__file__).resolve().parents[2] / "README.md"


class Example(BaseModel):
    url: str | None = Field(None, description="where | to go", json_schema_extra={"env": "EX_URL"})
    on: bool = Field(False, description="a switch", json_schema_extra={"env": "EX_ON"})
    wait: float = Field(60.0, description="seconds,\n  wrapped", json_schema_extra={"env": "EX_WAIT"})
    ratio: float = Field(0.5, description="a fraction", json_schema_extra={"env": "EX_RATIO"})
    derived: int = Field(3, description="not read from the environment")


def test_a_table_row_per_variable_in_field_order():
    assert settings_table(Example) == (
        "| variable | default | meaning |\n| --- | --- | --- |\n"
        "| `EX_URL` | unset | where \\| to go |\n"
        "| `EX_ON` | off | a switch |\n"
        "| `EX_WAIT` | `60` | seconds, wrapped |\n"
        "| `EX_RATIO` | `0.5` | a fraction |\n")


def test_a_variable_without_a_description_is_refused():
    class Undocumented(BaseModel):
        x: int = Field(1, json_schema_extra={"env": "EX_X"})

    with pytest.raises(ValueError, match=r"Undocumented.x \(EX_X\) has no description"):
        settings_table(Undocumented)


def test_marked_tables_are_regenerated_and_nothing_else_changes():
    text = ("# Settings\n\n<!-- python -m envconfig.docs webui.config:AppConfig -->\n| stale | row |\n| --- |\n\n"
            "after\n| other | table |\n")
    updated = update_marked_tables(text)
    assert updated == ("# Settings\n\n<!-- python -m envconfig.docs webui.config:AppConfig -->\n"
                       + settings_table(AppConfig) + "\nafter\n| other | table |\n")
    assert update_marked_tables(updated) == updated


def test_the_command_prints_the_tables(capsys):
    assert main(["webui.config:AppConfig", "inference.config:InferenceConfig"]) == 0
    assert capsys.readouterr().out == settings_table(AppConfig) + "\n" + settings_table(InferenceConfig)
    with pytest.raises(ValueError, match="not a Pydantic model"):
        load_model("webui.config:on_spaces_with_oauth")


def test_readme_documents_every_setting_exactly_as_its_field_says():
    text = README.read_text(encoding="utf-8")
    configuration = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    inference = text.split("## Inference", 1)[1].split("\n## ", 1)[0]
    assert marked_targets(configuration) == ["webui.config:AppConfig"]
    assert marked_targets(inference) == ["inference.config:InferenceConfig"]
    assert update_marked_tables(text) == text, "README's settings tables are stale: python -m envconfig.docs --write README.md"


@pytest.mark.parametrize("model", [AppConfig, InferenceConfig])
def test_every_field_is_described(model):
    assert all(field.description for field in model.model_fields.values())
