"""App settings and deployment facts from the environment: clear errors for bad values, sign-in only where it can work."""

from __future__ import annotations

import logging

import pytest

from envconfig import ConfigError
from webui.config import AppConfig, on_spaces_with_oauth

SPACE = {"SYSTEM": "spaces", "SPACE_ID": "acme/persona-chat", "OAUTH_CLIENT_ID": "abc"}


def test_defaults_without_any_variable():
    config = AppConfig.from_env({})
    assert (config.default_mode, config.default_locale, config.chat_concurrency, config.queue_size,
            config.state_ttl, config.share, config.sign_in) == ("banking", "en_US", 64, 512, 21600, False, False)
    assert (config.space_host, config.space_id) == (None, None)
    assert (config.max_sessions, config.max_turns, config.file_ttl) == (4000, 40, 21600)
    assert config.delete_cache == (600, 21600)  # Gradio's cache: checked every 10 minutes, files kept 6 hours
    assert config == AppConfig()


@pytest.mark.parametrize(("name", "raw"), [("PERSONA_CHAT_CONCURRENCY", "many"), ("PERSONA_CHAT_CONCURRENCY", "0"),
                                           ("PERSONA_CHAT_QUEUE_SIZE", "1.5"), ("PERSONA_CHAT_STATE_TTL", "10"),
                                           ("PERSONA_CHAT_MAX_SESSIONS", "0"), ("PERSONA_CHAT_MAX_TURNS", "all"),
                                           ("PERSONA_CHAT_FILE_TTL", "5")])
def test_bad_numbers_name_the_variable_and_the_value(name, raw):
    with pytest.raises(ConfigError, match=name) as caught:
        AppConfig.from_env({name: raw})
    assert repr(raw) in str(caught.value)


def test_a_share_switch_that_is_not_yes_or_no_is_refused_not_read_as_no():
    with pytest.raises(ConfigError, match="PERSONA_CHAT_SHARE='maybe'"):
        AppConfig.from_env({"PERSONA_CHAT_SHARE": "maybe"})
    assert AppConfig.from_env({"PERSONA_CHAT_SHARE": "On"}).share is True


def test_unknown_default_mode_or_locale_is_logged_and_replaced(caplog):
    with caplog.at_level(logging.WARNING, logger="webui.config"):
        config = AppConfig.from_env({"PERSONA_CHAT_DEFAULT_MODE": "mortgages", "PERSONA_CHAT_DEFAULT_LOCALE": "xx"})
    assert (config.default_mode, config.default_locale) == ("banking", "en_US")
    assert "mortgages" in caplog.text and "insurance" in caplog.text and "'xx'" in caplog.text


def test_valid_values_are_taken():
    config = AppConfig.from_env({"PERSONA_CHAT_DEFAULT_MODE": "healthcare", "PERSONA_CHAT_DEFAULT_LOCALE": "de_DE",
                                 "PERSONA_CHAT_CONCURRENCY": " 16 ", "PERSONA_CHAT_SHARE": "yes"})
    assert (config.default_mode, config.default_locale, config.chat_concurrency, config.share) == (
        "healthcare", "de_DE", 16, True)


@pytest.mark.parametrize("missing", [None, "SYSTEM", "SPACE_ID", "OAUTH_CLIENT_ID"])
def test_sign_in_only_on_a_space_with_oauth_enabled(missing):
    environ = {k: v for k, v in SPACE.items() if k != missing}
    assert on_spaces_with_oauth(environ) is (missing is None)
    assert AppConfig.from_env(environ).sign_in is (missing is None)


def test_the_spaces_own_variables_are_read_once_here():
    config = AppConfig.from_env({**SPACE, "SPACE_HOST": "acme-persona-chat.hf.space"})
    assert (config.space_host, config.space_id, config.sign_in) == ("acme-persona-chat.hf.space", "acme/persona-chat",
                                                                    True)
