from datetime import date
from urllib.parse import parse_qsl, urlsplit

import pytest

from persona import SEED_SPACE, applicable_scenarios, generate, list_locales, list_modes, list_scenarios
from webui.links import parse_link, public_base_url, scenario_warning, share_link


def parse(query: str):
    return parse_link(parse_qsl(query, keep_blank_values=True), default_mode="banking", default_locale="en_US",
                      new_seed=lambda: 777)


def test_good_link_is_taken_as_is():
    link = parse("mode=insurance&seed=42&locale=de_DE")
    assert (link.mode, link.seed, link.locale, link.warnings, link.scenario) == ("insurance", 42, "de_DE", (), None)
    assert parse("mode=insurance&seed=42&scenario=new_claim").scenario == "new_claim"


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


def test_scenario_spellings_are_tidied_and_checked_once_the_persona_exists():
    assert parse("scenario=%20Travel-Notice%20").scenario == "travel_notice"
    # whether a kind fits depends on the record: parse_link keeps it for the handler, without a warning yet
    assert parse("scenario=no_such_kind").warnings == ()


def test_scenario_warning_names_the_kinds_that_fit_this_persona():
    persona = generate("insurance", 42, "en_US", date(2026, 1, 15))
    fits = applicable_scenarios(persona)
    lacking = next(k for k in list_scenarios("insurance") if k not in fits)
    unfit = scenario_warning(lacking, persona)
    assert unfit.startswith(f"Scenario {lacking!r} needs ") and "does not have" in unfit
    unknown = scenario_warning("y" * 5000, persona)
    assert unknown.startswith("Unknown scenario ") and len(unknown) < 400
    for warning in (unfit, unknown):
        assert f"showing their own, {persona.scenario.kind}" in warning
        assert warning.endswith(f"Choose one of: {', '.join(fits)}.")


def test_repeated_keys_fall_back_with_a_warning():
    link = parse("mode=insurance&mode=healthcare&seed=1&seed=2")
    assert link.mode == "banking" and link.seed == 777
    assert len(link.warnings) == 2
    link = parse("scenario=new_claim&scenario=slow_claim")
    assert link.scenario is None and "scenario" in link.warnings[0]
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
    url = share_link("https://owner-space.hf.space/", "insurance", 42, "fr_FR", "new_claim")
    parts = urlsplit(url)
    assert parts.netloc == "owner-space.hf.space"
    link = parse(parts.query)
    assert (link.mode, link.seed, link.locale, link.scenario, link.warnings) == ("insurance", 42, "fr_FR",
                                                                                "new_claim", ())
    assert share_link("http://h/", "banking", 1, "en_US") == "http://h/?mode=banking&seed=1&locale=en_US"


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


def test_a_link_over_the_bounds_is_not_read_and_one_warning_says_why():
    from webui.links import MAX_LINK_CHARS, MAX_LINK_PARAMS, bounded_items, read_query

    assert read_query("mode=insurance&seed=42") == ([("mode", "insurance"), ("seed", "42")], ())
    items, why = read_query("x" * (MAX_LINK_CHARS + 1))
    assert items == [] and len(why) == 1 and f"{MAX_LINK_CHARS + 1:,} characters" in why[0]
    items, why = read_query("&".join(["a=1"] * (MAX_LINK_PARAMS + 1)))
    assert items == [] and f"{MAX_LINK_PARAMS + 1} parameters" in why[0]
    assert bounded_items([("a", "1")] * (MAX_LINK_PARAMS + 1))[0] == []
    assert bounded_items([("seed", "x" * MAX_LINK_CHARS)])[0] == []


def test_unknown_parameters_make_one_warning_naming_the_first_three():
    one = parse("mode=insurance&seed=42&utm_source=x").warnings
    assert one == ("Ignored unknown link parameter 'utm_source'; links use mode, seed, locale and scenario.",)
    many = parse("&".join(f"k{i}=1" for i in range(10))).warnings
    assert len(many) == 1 and "'k0', 'k1', 'k2' and 7 more" in many[0] and "'k3'" not in many[0]
