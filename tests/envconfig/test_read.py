"""A model read from the variables its fields name: defaults, yes/no switches, one clear line per bad value."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, SecretStr

from envconfig import ConfigError, env_var, from_env, mask_credentials, parse_flag, read_env


class Example(BaseModel):
    port: int = Field(8080, ge=1, le=65535, description="port", json_schema_extra={"env": "EX_PORT"})
    verbose: bool = Field(False, description="talk more", json_schema_extra={"env": "EX_VERBOSE"})
    password: SecretStr | None = Field(None, description="a secret", json_schema_extra={"env": "EX_PASSWORD"})
    key: str | None = Field(None, repr=False, min_length=8, description="another", json_schema_extra={"env": "EX_KEY"})
    derived: str = Field("none", description="worked out from other facts, not read")


def test_unset_and_blank_variables_keep_the_defaults():
    assert from_env(Example, {}) == Example()
    assert from_env(Example, {"EX_PORT": "   ", "EX_VERBOSE": "", "derived": "x"}) == Example()


def test_values_are_stripped_validated_and_derived_fields_passed_in():
    config = from_env(Example, {"EX_PORT": " 9000 ", "EX_VERBOSE": "Yes"}, derived="space")
    assert (config.port, config.verbose, config.derived) == (9000, True, "space")
    assert read_env(Example, {"EX_PORT": " 9000 ", "OTHER": "1"}) == {"port": "9000"}
    assert env_var(Example.model_fields["port"]) == "EX_PORT" and env_var(Example.model_fields["derived"]) is None


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("TRUE", True), (" on ", True), ("yes", True),
                                               ("0", False), ("False", False), ("off", False), ("no", False),
                                               ("", False), (None, False)])
def test_yes_no_values(raw, expected):
    assert parse_flag(raw, "EX_VERBOSE") is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "enabled"])
def test_anything_else_is_refused_rather_than_read_as_no(raw):
    with pytest.raises(ConfigError, match=f"EX_VERBOSE='{raw}' is not a yes/no value; use 1/0"):
        from_env(Example, {"EX_VERBOSE": raw})


def test_one_line_names_every_bad_variable_its_value_and_what_it_accepts():
    with pytest.raises(ConfigError) as caught:
        from_env(Example, {"EX_PORT": "99999"})
    assert str(caught.value) == "EX_PORT='99999': Input should be less than or equal to 65535"
    with pytest.raises(ConfigError) as caught:
        from_env(Example, {"EX_PORT": "http", "EX_KEY": "short"})
    assert "\n" not in str(caught.value) and "EX_PORT='http'" in str(caught.value) and "EX_KEY=" in str(caught.value)


def test_a_secret_is_never_shown_in_the_error():
    with pytest.raises(ConfigError) as caught:
        from_env(Example, {"EX_KEY": "hunter2"})
    assert "EX_KEY=(hidden)" in str(caught.value) and "hunter2" not in str(caught.value)
    assert isinstance(caught.value, ValueError)  # callers that catch ValueError keep working


@pytest.mark.parametrize("url", ["ftp://alice:pw-s3cret@example.org/v1", "alice:pw-s3cret@example.org:8080/v1",
                                 "http://alice:pw-s3cret@/v1"])
def test_credentials_in_a_refused_url_are_never_printed(url):
    class Server(BaseModel):
        url: int = Field(0, description="not a URL at all", json_schema_extra={"env": "EX_URL"})

    with pytest.raises(ConfigError) as caught:
        from_env(Server, {"EX_URL": url})
    assert "EX_URL=" in str(caught.value) and "pw-s3cret" not in str(caught.value)
    assert "[redacted]@" in mask_credentials(url)
