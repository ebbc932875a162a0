"""The persona as data, as the README shows it: the ``/persona`` endpoint through gradio_client and the MCP tool.

Against the ``studio`` app (conftest): the README's example brand file and the MCP server on, answering from
the fake OpenAI-compatible server (``echo-system``: it streams back the system prompt's Name line).
"""

from __future__ import annotations

import asyncio
import json
from datetime import date

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from persona import generate

from .conftest import readme_block


@pytest.fixture
def client(studio):
    c = Client(studio.url + "/", verbose=False)
    try:
        yield c
    finally:
        c.close()


def test_the_readme_gradio_client_example_runs(studio, capsys):
    code = readme_block("The persona as data (API and MCP)", "python").replace("http://127.0.0.1:7860/",
                                                                              studio.url + "/")
    exec(compile(code, "README.md", "exec"), {})
    out = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("Loaded as API")]
    p = generate("insurance", 42, "en_GB", date.today())
    assert out[0] == f"{p.identity.full_name} Northwind Mutual {p.scenario.title}"  # the brand's institution
    assert out[1] == "True"


def test_the_persona_endpoint_returns_the_record_and_names_bad_input(client):
    text = client.predict(mode="healthcare", seed=7, locale="de_DE", scenario="", as_of="2026-01-15",
                          api_name="/persona")
    assert text == generate("healthcare", 7, "de_DE", date(2026, 1, 15)).model_dump_json()  # no brand for healthcare
    for kwargs, start in (({"mode": "mortgages", "seed": 1}, "mode: unknown mode 'mortgages'"),
                          ({"mode": "banking", "seed": 1, "locale": "xx"}, "locale: "),
                          ({"mode": "banking", "seed": 1, "as_of": "soon"}, "as_of: 'soon' is not a date"),
                          ({"mode": "banking", "seed": 1, "scenario": "lottery_win"}, "scenario: ")):
        with pytest.raises(AppError) as caught:
            client.predict(**kwargs, api_name="/persona")
        assert str(caught.value).startswith(start), str(caught.value)


async def _mcp(url: str, calls: list[tuple[str, dict]]):
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with streamable_http_client(url) as (read, write, _), ClientSession(read, write) as session:
        await session.initialize()
        tools = (await session.list_tools()).tools
        return tools, [await session.call_tool(name, args) for name, args in calls]


def test_the_mcp_server_offers_the_persona_and_its_actions_and_nothing_else(studio):
    tools, (ok, bad, listed) = asyncio.run(_mcp(studio.url + "/gradio_api/mcp/", [
        ("persona", {"mode": "banking", "seed": 42, "locale": "fr_FR", "as_of": "2026-01-15"}),
        ("persona", {"mode": "mortgages", "seed": 1}),
        ("persona_actions", {"mode": "banking", "seed": 42}),
    ]))
    assert [t.name for t in tools] == ["persona", "persona_actions"]
    actions = json.loads(listed.content[0].text)["actions"]
    assert not listed.isError and {"freeze_card", "transfer"} <= {a["name"] for a in actions}
    assert all(a["parameters"]["type"] == "object" for a in actions)
    schema = tools[0].inputSchema
    assert schema["required"] == ["mode", "seed"] and set(schema["properties"]) == {"mode", "seed", "locale",
                                                                                     "scenario", "as_of", "format"}
    assert "fhir" in schema["properties"]["format"]["description"]
    assert "banking, insurance or healthcare" in schema["properties"]["mode"]["description"]
    record = json.loads(ok.content[0].text)  # JSON text, not a Python repr
    expected = generate("banking", 42, "fr_FR", date(2026, 1, 15))
    assert not ok.isError and record == json.loads(expected.model_dump_json()) | {"institution": "Northwind Bank"}
    assert bad.isError and bad.content[0].text.startswith("mode: unknown mode 'mortgages'")
