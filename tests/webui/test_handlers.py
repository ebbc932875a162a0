"""The page's event handlers, called as plain functions with a request like the one Gradio hands over."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from starlette.datastructures import URL, Headers, QueryParams

from inference import InferenceConfig
from persona import PersonaError, applicable_scenarios, example_prompts, generate, list_scenarios
from webui import handlers
from webui.config import AppConfig
from webui.session import Session, open_session

APP = AppConfig()


def request(query: str = "", host: str = "192.168.1.5:7861", scheme: str = "http", **headers: str):
    """What ``gr.Request`` exposes of a page request: its query, headers (any case) and URL."""
    raw = {"host": host, **{k.replace("_", "-"): v for k, v in headers.items()}}
    return SimpleNamespace(query_params=QueryParams(query), headers=Headers(raw), url=URL(f"{scheme}://{host}/"))


def test_a_link_opens_its_persona_with_a_share_link_back_to_the_same_host():
    view = handlers.load_page(APP, request("mode=insurance&seed=42&locale=en_GB"))
    assert (view.session.mode, view.session.seed, view.session.locale) == ("insurance", 42, "en_GB")
    persona = generate("insurance", 42, "en_GB", date.today())
    assert view.scenario == persona.scenario.kind
    assert view.share_link == f"http://192.168.1.5:7861/?mode=insurance&seed=42&locale=en_GB&scenario={view.scenario}"
    assert persona.identity.full_name.replace("'", "&#x27;") in view.card
    assert view.examples == tuple(example_prompts(persona))
    assert view.download.endswith(".json") and view.warnings == () and view.clear_chat


def test_a_bad_link_falls_back_to_the_defaults_and_says_why():
    view = handlers.load_page(AppConfig(default_mode="healthcare"), request("mode=mortgages&seed=abc&locale=xx"))
    assert view.session.mode == "healthcare" and view.session.locale == "en_US"
    assert len(view.warnings) == 3 and "mortgages" in view.warnings[0]


@pytest.mark.parametrize("load", [lambda req: handlers.load_page(APP, req),
                                  lambda req: handlers.open_link(APP, "mode=banking&seed=3", req)],
                         ids=["page load", "open_link"])
@pytest.mark.parametrize(("proto", "expected"), [("https", "https"), ("https, http", "https"), (None, "http")])
def test_share_links_use_the_scheme_the_visitor_used_behind_a_proxy(load, proto, expected):
    req = request("mode=banking&seed=3", host="persona.example.com", **({"X-Forwarded-Proto": proto} if proto else {}))
    assert load(req).share_link.startswith(f"{expected}://persona.example.com/?mode=banking&seed=3&locale=en_US&")


def test_on_a_space_share_links_use_its_public_host_whatever_the_request():
    space = AppConfig(space_host="acme-persona-chat.hf.space", space_id="acme/persona-chat")
    assert handlers.load_page(space, request("seed=3", host="10.0.0.7:7860")).share_link.startswith(
        "https://acme-persona-chat.hf.space/?")
    assert handlers.open_link(AppConfig(space_id="Acme/Persona_Chat"), "seed=3", request()).share_link.startswith(
        "https://acme-persona-chat.hf.space/?")


def test_open_link_reads_a_query_string_and_works_without_a_request():
    view = handlers.open_link(APP, "mode=healthcare&seed=9&utm_source=mail", None)
    assert (view.session.mode, view.session.seed) == ("healthcare", 9)
    assert view.share_link.startswith(Session.base_url) and "utm_source" in view.warnings[0]
    assert handlers.open_link(APP, None, None).session.mode == "banking"


@pytest.fixture
def session() -> Session:
    return open_session("insurance", 42, "de_DE", base_url="https://persona.example.com/")


def test_each_control_changes_only_its_own_part(session):
    mode = handlers.switch_mode(APP, session, "healthcare").session
    assert (mode.mode, mode.locale, mode.seed) == ("healthcare", "de_DE", 42)
    locale = handlers.switch_locale(APP, session, "fr_FR").session
    assert (locale.mode, locale.locale, locale.seed) == ("insurance", "fr_FR", 42)
    seed = handlers.load_seed(APP, session, "  314 ").session
    assert (seed.mode, seed.locale, seed.seed) == ("insurance", "de_DE", 314)
    fresh = handlers.new_persona(APP, session).session
    assert (fresh.mode, fresh.locale) == ("insurance", "de_DE")
    for changed in (mode, locale, seed, fresh):
        assert changed.base_url == session.base_url
    assert handlers.switch_mode(APP, session, "banking").clear_chat


def test_before_the_page_has_loaded_the_app_defaults_are_used():
    app = AppConfig(default_mode="healthcare", default_locale="en_GB")
    view = handlers.load_seed(app, None, "7")
    assert (view.session.mode, view.session.locale, view.session.seed) == ("healthcare", "en_GB", 7)
    assert view.session.base_url == Session.base_url
    view = handlers.switch_mode(app, None, "banking")
    assert (view.session.mode, view.session.locale) == ("banking", "en_GB")


def test_a_bad_seed_keeps_the_persona_and_its_chat_with_a_warning(session):
    view = handlers.load_seed(APP, session, "not a number")
    assert view.session is session and not view.clear_chat
    assert len(view.warnings) == 1 and "not a number" in view.warnings[0]
    with pytest.raises(PersonaError):  # nothing to keep yet: app.py shows it as an error
        handlers.load_seed(APP, None, "not a number")


def test_badge_names_the_backend_that_answers_this_visitor():
    config = InferenceConfig()
    assert handlers.badge(config, None) == "**Answering:** Local · SmolLM2-135M-Instruct (Q4_1)"
    assert handlers.badge(config, "hf_oauth").startswith("**Answering:** Hosted · ")


def test_chat_settings_from_the_settings_panel():
    assert handlers.chat_settings("  ", 0.5, 128.0).model_dump() == {"model": None, "temperature": 0.5,
                                                                     "max_new_tokens": 128}
    assert handlers.chat_settings(" org/model ", 0.3, 64).model == "org/model"
    assert handlers.chat_settings(None, 0.3, 64).model is None


LOCAL = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local"})
HOSTED = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": "http://127.0.0.1:9/v1"})


@pytest.mark.parametrize(("locale", "language"), [("de_DE", "German"), ("fr_FR", "French")])
def test_the_chat_says_when_the_embedded_model_will_answer_in_english(locale, language):
    session = open_session("banking", 42, locale)
    note = handlers.language_notice(LOCAL, session, None)
    assert note is not None and "English" in note and language in note and "HF_TOKEN" in note
    assert handlers.language_notice(HOSTED, session, None) is None  # hosted models are told to reply in it


def test_no_language_note_for_english_personas_or_before_the_page_loads():
    for locale in ("en_US", "en_GB"):
        assert handlers.language_notice(LOCAL, open_session("insurance", 1, locale), None) is None
    assert handlers.language_notice(LOCAL, None, None) is None


def test_signing_in_turns_the_note_off_when_the_token_brings_a_hosted_model():
    auto = InferenceConfig.from_env({})
    session = open_session("healthcare", 3, "de_DE")
    if auto.token_for(None) is None:  # no HF_TOKEN in this environment: the embedded model answers
        assert handlers.language_notice(auto, session, None) is not None
    assert handlers.language_notice(auto, session, "hf_visitor_token") is None


def test_every_view_carries_the_customer_strip_for_phones():
    view = handlers.load_page(APP, request("mode=banking&seed=42&locale=de_DE"))
    assert view.session.persona.identity.full_name.replace("'", "&#x27;") in view.strip
    assert 'href="#persona-card"' in view.strip and "Profil" in view.strip


# -- Scenarios: links, the picker, examples ------------------------------------------------------------


def other_kind(persona) -> str:
    """A scenario this persona's record supports other than the one its seed draws."""
    return next(k for k in applicable_scenarios(persona) if k != persona.scenario.kind)


def unfit_kind(persona) -> str:
    """A scenario of this persona's industry that its record does not support."""
    return next(k for k in list_scenarios(persona.mode) if k not in applicable_scenarios(persona))


def test_a_scenario_link_opens_that_scenario_and_the_link_names_it():
    drawn = generate("banking", 42, "en_US", date.today())
    kind = other_kind(drawn)
    view = handlers.open_link(APP, f"mode=banking&seed=42&scenario={kind}", None)
    assert view.scenario == kind and view.warnings == ()
    assert view.session.persona.model_dump(exclude={"scenario"}) == drawn.model_dump(exclude={"scenario"})
    assert view.share_link.endswith(f"?mode=banking&seed=42&locale=en_US&scenario={kind}")
    assert f'data-scenario="{kind}"' in view.card
    assert (list_scenarios("banking")[kind], kind) in view.scenarios
    assert view.examples == tuple(example_prompts(view.session.persona))
    assert view.examples[0] == view.session.persona.scenario.opening
    # the share link opens exactly this persona again
    again = handlers.open_link(APP, view.share_link.split("?", 1)[1], None)
    assert again.session.persona == view.session.persona and again.warnings == ()


def test_the_picker_offers_exactly_the_scenarios_the_record_supports():
    for mode, seed in [("banking", 42), ("insurance", 7), ("healthcare", 3)]:
        view = handlers.open_link(APP, f"mode={mode}&seed={seed}", None)
        assert dict((k, t) for t, k in view.scenarios) == applicable_scenarios(view.session.persona)
        assert view.scenario in dict(view.scenarios).values()


@pytest.mark.parametrize("bad", ["unfit", "mortgage_rate", "<b>x</b>", "", "x" * 1900])  # a longer link is not read
def test_a_scenario_that_does_not_fit_falls_back_to_the_drawn_one_naming_the_valid_kinds(bad):
    drawn = generate("insurance", 42, "en_US", date.today())
    asked = unfit_kind(drawn) if bad == "unfit" else bad
    view = handlers.open_link(APP, f"mode=insurance&seed=42&scenario={asked}", None)
    assert view.session.persona == drawn and view.scenario == drawn.scenario.kind
    assert len(view.warnings) == 1
    warning = view.warnings[0]
    assert all(k in warning for k in applicable_scenarios(drawn)) and len(warning) < 600
    if bad == "unfit":
        assert asked in warning and "does not have" in warning
    else:
        assert warning.startswith("Unknown scenario")
    # the address bar then names the scenario shown, not the one asked for
    assert view.share_link.endswith(f"&scenario={drawn.scenario.kind}")


def test_scenario_spelling_variants_are_understood():
    drawn = generate("banking", 42, "en_US", date.today())
    kind = other_kind(drawn)
    view = handlers.open_link(APP, f"mode=banking&seed=42&scenario=%20{kind.upper().replace('_', '-')}", None)
    assert view.scenario == kind and view.warnings == ()


def test_the_picker_changes_the_scenario_and_keeps_the_customer(session):
    kind = other_kind(session.persona)
    view = handlers.switch_scenario(APP, session, kind)
    assert view.scenario == kind and view.clear_chat and view.warnings == ()
    assert view.session.persona.model_dump(exclude={"scenario"}) == session.persona.model_dump(exclude={"scenario"})
    assert (view.session.mode, view.session.seed, view.session.locale, view.session.base_url) == (
        session.mode, session.seed, session.locale, session.base_url)
    assert view.examples != handlers.show(session).examples
    assert view.examples[0] == view.session.persona.scenario.opening
    assert view.share_link == f"https://persona.example.com/?mode=insurance&seed=42&locale=de_DE&scenario={kind}"


def test_a_scenario_the_record_lacks_keeps_the_persona_and_its_chat_with_a_warning(session):
    view = handlers.switch_scenario(APP, session, unfit_kind(session.persona))
    assert view.session is session and not view.clear_chat
    assert len(view.warnings) == 1 and all(k in view.warnings[0] for k in applicable_scenarios(session.persona))


def test_every_other_persona_change_draws_the_new_personas_own_scenario(session):
    picked = handlers.switch_scenario(APP, session, other_kind(session.persona)).session
    for view in (handlers.switch_locale(APP, picked, "en_US"), handlers.load_seed(APP, picked, "42"),
                 handlers.switch_mode(APP, picked, "healthcare")):
        own = generate(view.session.mode, view.session.seed, view.session.locale, date.today())
        assert view.session.persona == own


def test_examples_are_this_personas_own_and_differ_between_seeds():
    one, two = (handlers.open_link(APP, f"mode=healthcare&seed={s}", None) for s in (1, 2))
    for view in (one, two):
        assert len(view.examples) >= 4 and len(set(view.examples)) == len(view.examples)
    assert set(one.examples) != set(two.examples)


# -- issue 12, row 4: a state that expired while the page still shows the customer ----------------------------

def test_a_chat_without_its_state_picks_the_persona_up_from_the_share_link_the_page_shows():
    shown = handlers.open_link(APP, "mode=insurance&seed=42&locale=en_GB&scenario=new_claim", None)
    resumed = handlers.resume(APP, None, shown.share_link)
    assert resumed is not None and resumed.persona == shown.session.persona
    assert resumed.persona.scenario.kind == "new_claim" and resumed.base_url == shown.session.base_url
    assert handlers.resume(APP, shown.session, "http://x/?mode=banking&seed=1") is shown.session  # a live state wins


@pytest.mark.parametrize("link", [None, "", "hello", "http://h/?mode=banking", "http://h/?mode=banking&seed=abc",
                                  "http://h/?mode=banking&seed=1&scenario=no_such_kind"])
def test_text_that_names_no_persona_resumes_nothing(link):
    assert handlers.resume(APP, None, link) is None


# -- issue 16, item 5: every persona event of a tab whose state expired goes on from the page's share link ------

def test_without_its_state_each_persona_event_goes_on_from_the_share_link():
    shown = handlers.open_link(APP, "mode=insurance&seed=42&locale=en_GB", None)
    link = shown.share_link
    assert handlers.switch_locale(APP, None, "fr_FR", link).session.persona == generate(
        "insurance", 42, "fr_FR", shown.session.as_of)
    mode = handlers.switch_mode(APP, None, "healthcare", link).session
    assert (mode.mode, mode.seed, mode.locale) == ("healthcare", 42, "en_GB")
    seed = handlers.load_seed(APP, None, "7", link).session
    assert (seed.mode, seed.seed, seed.locale) == ("insurance", 7, "en_GB")
    fresh = handlers.new_persona(APP, None, link).session
    assert (fresh.mode, fresh.locale) == ("insurance", "en_GB")
    kind = other_kind(shown.session.persona)
    picked = handlers.switch_scenario(APP, None, kind, link).session
    assert (picked.mode, picked.seed, picked.locale, picked.persona.scenario.kind) == ("insurance", 42, "en_GB", kind)
    assert picked.base_url == shown.session.base_url


def test_a_healthcare_persona_also_downloads_as_a_fhir_bundle_and_others_do_not():
    import json
    import re
    from pathlib import Path

    from fhir.resources.R4B.bundle import Bundle

    view = handlers.load_page(APP, request("mode=healthcare&seed=42&locale=en_GB"))
    bundle = Bundle.model_validate_json(Path(view.download_fhir).read_text(encoding="utf-8"))
    assert bundle.meta.source == view.share_link  # its name, as the JSON's, says nothing about the persona
    assert re.fullmatch(r"persona-[0-9a-f]{32}\.fhir\.json", Path(view.download_fhir).name), view.download_fhir
    patient = json.loads(Path(view.download_fhir).read_text(encoding="utf-8"))["entry"][0]["resource"]
    assert patient["name"][0]["text"] == generate("healthcare", 42, "en_GB", date.today()).identity.full_name
    assert handlers.load_page(APP, request("mode=healthcare&seed=42&locale=en_GB")).download_fhir == view.download_fhir
    assert handlers.load_page(APP, request("mode=banking&seed=42")).download_fhir is None
