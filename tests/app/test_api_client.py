"""The app through gradio_client, as an API user (and the UI's own events) would drive it."""

from __future__ import annotations

from datetime import date

import pytest
from gradio_client import Client

from persona import applicable_scenarios, generate


def card_of(result) -> str:
    return result[1] if isinstance(result, (list, tuple)) else result


@pytest.fixture
def client(hosted_app):
    c = Client(hosted_app.url + "/", verbose=False)
    try:
        yield c
    finally:
        c.close()


def open_link(client: Client, query: str):
    return client.predict(query, api_name="/open_link")


def test_open_link_switch_mode_and_chat_use_the_sessions_persona(client):
    out = open_link(client, "mode=insurance&seed=42&locale=en_GB")
    name = generate("insurance", 42, "en_GB", date.today()).identity.full_name
    assert any(isinstance(v, str) and name.replace("'", "&#x27;") in v for v in out)
    reply = client.predict("What is my name?", api_name="/chat")
    assert name in reply

    out = client.predict("healthcare", api_name="/switch_mode")
    hc = generate("healthcare", 42, "en_GB", date.today()).identity.full_name
    assert any(isinstance(v, str) and hc.replace("'", "&#x27;") in v for v in out)
    reply = client.predict("And now?", api_name="/chat")
    assert hc in reply and name not in reply


@pytest.mark.parametrize("query", ["seed=abc", "seed=-5", "seed=1e400", "mode=unknown", "locale=xx_XX",
                                   "mode=banking&mode=insurance", "__theme=dark&foo=bar", "seed=" + "9" * 5000,
                                   "mode=banking&seed=1&scenario=no_such_kind"])
def test_bad_links_fall_back_with_a_warning(client, query):
    out = open_link(client, query)
    text = " ".join(str(v) for v in out)
    if query.startswith("__theme") and "foo" not in query:
        assert "⚠️" not in text
    else:
        assert "⚠️" in text
    # still a working session
    assert client.predict("hello", api_name="/chat")


def test_two_sessions_never_see_each_others_persona(hosted_app):
    a, b = Client(hosted_app.url + "/", verbose=False), Client(hosted_app.url + "/", verbose=False)
    try:
        open_link(a, "mode=banking&seed=1")
        open_link(b, "mode=banking&seed=2")
        na = generate("banking", 1, "en_US", date.today()).identity.full_name
        nb = generate("banking", 2, "en_US", date.today()).identity.full_name
        assert na in a.predict("who?", api_name="/chat")
        assert nb in b.predict("who?", api_name="/chat")
        assert na in a.predict("again?", api_name="/chat")
    finally:
        a.close()
        b.close()


def test_share_links_use_the_scheme_the_visitor_used_behind_a_tls_proxy(hosted_app):
    """A proxy (a Space, nginx) serves https and forwards plain http with ``X-Forwarded-Proto: https``."""
    c = Client(hosted_app.url + "/", verbose=False, headers={"X-Forwarded-Proto": "https"})
    try:
        out = open_link(c, "mode=banking&seed=3")
    finally:
        c.close()
    kind = generate("banking", 3, "en_US", date.today()).scenario.kind
    links = [v for v in out if isinstance(v, str) and v.endswith(f"?mode=banking&seed=3&locale=en_US&scenario={kind}")]
    assert links and links[0].startswith("https://"), out


def test_the_api_opens_and_switches_scenarios(client):
    drawn = generate("insurance", 42, "en_US", date.today())
    kind = next(k for k in applicable_scenarios(drawn) if k != drawn.scenario.kind)
    out = open_link(client, f"mode=insurance&seed=42&scenario={kind}")
    assert any(isinstance(v, str) and v.endswith(f"&scenario={kind}") for v in out), out
    assert any(f'data-scenario="{kind}"' in str(v) for v in out)
    out = client.predict(drawn.scenario.kind, api_name="/switch_scenario")
    assert any(f'data-scenario="{drawn.scenario.kind}"' in str(v) for v in out)
    assert any(isinstance(v, str) and v.endswith(f"&scenario={drawn.scenario.kind}") for v in out), out
    assert drawn.identity.full_name in client.predict("Who am I?", api_name="/chat")
