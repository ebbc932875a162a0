from urllib.parse import parse_qsl, urlsplit

import pytest

from persona import SEED_SPACE, list_locales, list_modes
from webui.links import parse_link, public_base_url, share_link


def parse(query: str):
    return parse_link(parse_qsl(query, keep_blank_values=True), default_mode="banking", default_locale="en_US",
                      new_seed=lambda: 777)


def test_good_link_is_taken_as_is():
    link = parse("mode=insurance&seed=42&locale=de_DE")
    assert (link.mode, link.seed, link.locale, link.warnings) == ("insurance", 42, "de_DE", ())


def test_missing_params_use_defaults_without_warning():
    assert parse("") == parse_link([], default_mode="banking", default_locale="en_US", new_seed=lambda: 777)
    link = parse("")
    assert (link.mode, link.seed, link.locale, link.warnings) == ("banking", 777, "en_US", ())


@pytest.mark.parametrize("seed", ["abc", "-5", "1e400", "4294967296", "99999999999", "", "4.2", "0x10", "٣"])
def test_bad_seed_falls_back_to_a_new_seed_with_a_warning(seed):
    link = parse(f"mode=healthcare&seed={seed}")
    assert link.seed == 777 and link.mode == "healthcare"
    assert len(link.warnings) == 1 and "Seed" in link.warnings[0] and str(SEED_SPACE - 1) in link.warnings[0]


def test_largest_seed_is_accepted():
    assert parse(f"seed={SEED_SPACE - 1}").seed == SEED_SPACE - 1


def test_unknown_mode_and_locale_name_the_choices():
    link = parse("mode=unknown&locale=xx_YY&seed=3")
    assert (link.mode, link.locale, link.seed) == ("banking", "en_US", 3)
    assert any(all(m in w for m in list_modes()) for w in link.warnings)
    assert any(all(loc in w for loc in list_locales()) for w in link.warnings)


def test_locale_spelling_variants_are_understood():
    assert parse("locale=fr-fr").locale == "fr_FR"
    assert parse("locale=EN_gb").locale == "en_GB"


def test_repeated_keys_fall_back_with_a_warning():
    link = parse("mode=insurance&mode=healthcare&seed=1&seed=2")
    assert link.mode == "banking" and link.seed == 777
    assert len(link.warnings) == 2
    # the same value twice is not ambiguous
    assert parse("mode=insurance&mode=insurance").warnings == ()


def test_spaces_own_keys_are_ignored_silently_and_others_are_reported():
    assert parse("__theme=dark&__sign=abc&seed=5").warnings == ()
    link = parse("seed=5&utm_source=mail")
    assert link.seed == 5 and len(link.warnings) == 1 and "utm_source" in link.warnings[0]


def test_very_long_values_are_shortened_in_warnings():
    link = parse("mode=" + "x" * 5000)
    assert len(link.warnings[0]) < 300


def test_share_link_round_trips():
    url = share_link("https://owner-space.hf.space/", "insurance", 42, "fr_FR")
    parts = urlsplit(url)
    assert parts.netloc == "owner-space.hf.space"
    link = parse(parts.query)
    assert (link.mode, link.seed, link.locale, link.warnings) == ("insurance", 42, "fr_FR", ())


@pytest.mark.parametrize(
    ("space_host", "space_id", "host", "expected"),
    [
        ("acme-persona-chat.hf.space", "Acme/Persona_Chat", None, "https://acme-persona-chat.hf.space/"),
        (None, "Acme/Persona_Chat.v2", None, "https://acme-persona-chat-v2.hf.space/"),
        (None, None, "192.168.1.5:7861", "http://192.168.1.5:7861/"),
    ],
)
def test_public_base_url(space_host, space_id, host, expected):
    assert public_base_url(space_host, space_id, "http", host) == expected
