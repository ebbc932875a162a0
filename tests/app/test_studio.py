"""The demo studio in the running app: the README's brand, the persona API and MCP tool, the conversation export.

One app is launched with the README's example brand file and the MCP server on, answering from the fake
OpenAI-compatible server (``echo-system``: it streams back the system prompt's Name line).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from persona import generate
from webui.brand import find_brand
from webui.config import AppConfig

from .conftest import hosted_config, launch

ROOT = Path(__file__).resolve().parents[2]


def readme_block(section: str, language: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8").split(f"## {section}", 1)[1]
    return re.search(rf"```{language}\n(.*?)```", text, re.S).group(1)


@pytest.fixture(scope="module")
def studio(fake_openai, tmp_path_factory):
    folder = tmp_path_factory.mktemp("brand")
    (folder / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "example-logo.svg", folder / "docs")
    (folder / "persona_chat.toml").write_text(readme_block("Your brand and instructions", "toml"), encoding="utf-8")
    app = AppConfig(brand=find_brand(str(folder / "persona_chat.toml")))
    running = launch(hosted_config(fake_openai.base_url, "echo-system"), app, mcp_server=True)
    try:
        yield running
    finally:
        running.demo.close()


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


def test_export_through_the_api_has_the_welcome_the_turns_and_the_settings(client, fake_openai):
    client.predict("mode=banking&seed=42&locale=en_US", api_name="/open_link")
    before = len(fake_openai.requests_for("echo-system"))
    reply = client.predict("Who am I?", api_name="/chat")
    data = client.predict(api_name="/export_conversation")
    p = generate("banking", 42, "en_US", date.today())
    assert data["persona"]["link"].endswith("?mode=banking&seed=42&locale=en_US")
    assert data["assistant"] == {"name": "Nora", "institution": "Northwind Bank", "industry": "Banking"}
    assert data["backend"]["model"] == "echo-system" and data["settings"] == {"temperature": 0.3,
                                                                               "max_new_tokens": 256}
    roles = [(m["role"], m.get("welcome")) for m in data["messages"]]
    assert roles == [("assistant", True), ("user", None), ("assistant", False)]  # open_link's fresh chat: the welcome
    welcome = f"Hi {p.identity.first_name}, I'm Nora from Northwind Bank. How can I help you today?"
    assert [m["content"] for m in data["messages"]] == [welcome, "Who am I?", reply]
    assert p.identity.full_name in reply
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", m["time"]) for m in data["messages"])
    system = fake_openai.requests_for("echo-system")[before]["body"]["messages"][0]["content"]
    assert system.startswith("You are Nora, a customer service assistant at Northwind Bank")
    assert "Never quote interest rates or fees" in system


async def _mcp(url: str, calls: list[tuple[str, dict]]):
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with streamable_http_client(url) as (read, write, _), ClientSession(read, write) as session:
        await session.initialize()
        tools = (await session.list_tools()).tools
        return tools, [await session.call_tool(name, args) for name, args in calls]


def test_the_mcp_server_offers_the_persona_and_nothing_else(studio):
    tools, (ok, bad) = asyncio.run(_mcp(studio.url + "/gradio_api/mcp/", [
        ("persona", {"mode": "banking", "seed": 42, "locale": "fr_FR", "as_of": "2026-01-15"}),
        ("persona", {"mode": "mortgages", "seed": 1}),
    ]))
    assert [t.name for t in tools] == ["persona"]
    schema = tools[0].inputSchema
    assert schema["required"] == ["mode", "seed"] and set(schema["properties"]) == {"mode", "seed", "locale",
                                                                                     "scenario", "as_of", "format"}
    assert "fhir" in schema["properties"]["format"]["description"]
    assert "banking, insurance or healthcare" in schema["properties"]["mode"]["description"]
    record = json.loads(ok.content[0].text)  # JSON text, not a Python repr
    expected = generate("banking", 42, "fr_FR", date(2026, 1, 15))
    assert not ok.isError and record == json.loads(expected.model_dump_json()) | {"institution": "Northwind Bank"}
    assert bad.isError and bad.content[0].text.startswith("mode: unknown mode 'mortgages'")


def download(page, selector: str, until, tries: int = 20):
    """Click a download button until the file it gives satisfies ``until``; the download and its text."""
    for _ in range(tries):
        with page.expect_download() as info:
            page.locator(selector).click()
        text = Path(info.value.path()).read_text(encoding="utf-8")
        if until(text):
            return info.value, text
        page.wait_for_timeout(500)
    raise AssertionError(f"{selector} never gave the expected file; last one:\n{text}")


@pytest.mark.slow
def test_in_the_browser_the_brand_shows_and_the_conversation_downloads(studio, tmp_path):
    from playwright.sync_api import sync_playwright

    from .conftest import CHROMIUM
    from .conftest import CHROMIUM_ARGS as ARGS

    p = generate("banking", 42, "en_US", date.today())
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True).new_page()
            page.set_default_timeout(30_000)
            page.goto(f"{studio.url}/?mode=banking&seed=42")
            page.wait_for_function("n => document.querySelector('#persona-card .persona-name')?.innerText.trim() === n",
                                   arg=p.identity.full_name)
            # the brand: tab title, header logo and title, accent colour, institution on the card, welcome first
            assert page.title() == "Northwind Demo Studio"
            assert page.locator("#brand-header .brand-title").inner_text() == "Northwind Demo Studio"
            assert page.locator("#brand-header img.brand-logo").get_attribute("src").startswith("data:image/svg+xml")
            primary = page.get_by_role("button", name="New persona")
            assert primary.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(15, 118, 110)"
            assert "Northwind Bank" in page.locator("#persona-card").inner_text()
            bot = "#chatbot [data-testid='bot']"
            welcome = f"Hi {p.identity.first_name}, I'm Nora from Northwind Bank. How can I help you today?"
            page.wait_for_function("([s, w]) => document.querySelector(s)?.innerText.trim() === w", arg=[bot, welcome])

            box = page.locator("#chat-input textarea")
            box.fill("Who am I?")
            box.press("Enter")
            page.wait_for_function("([s, n]) => [...document.querySelectorAll(s)].some(e => e.innerText.includes(n))",
                                   arg=[bot, p.identity.full_name])
            page.screenshot(path=str(tmp_path / "studio.png"))
            # the downloads follow the finished turn: the buttons get new files just after the reply ends
            md_download, md = download(page, "#download-chat-md", until=lambda text: "Who am I?" in text)
            json_download, text = download(page, "#download-chat-json", until=lambda text: "Who am I?" in text)
            data = json.loads(text)
            # clearing the chat clears the downloads too
            page.locator("#chatbot").get_by_role("button", name=re.compile("clear", re.I)).first.click()
            _, cleared = download(page, "#download-chat-md", until=lambda text: "*No messages yet.*" in text)
        finally:
            browser.close()
    assert md_download.suggested_filename.endswith(".md") and "Who am I?" not in cleared
    assert md.startswith(f"# Northwind Demo Studio: conversation with {p.identity.full_name}")
    assert "*(welcome message)*" in md and "Who am I?" in md and "?mode=banking&seed=42&locale=en_US>" in md
    assert [(m["role"], m.get("welcome")) for m in data["messages"]] == [("assistant", True), ("user", None),
                                                                          ("assistant", False)]
    assert p.identity.full_name in data["messages"][2]["content"] and data["persona"]["seed"] == 42
