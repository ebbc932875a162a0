"""Actions as a visitor sees them (issue 17), in Debian's Chromium: a request becomes a proposal with Confirm /
Cancel, the card shows the change, Undo brings it back, a new persona leaves nothing behind.

The hosted side is the loopback fake scripting the model's tool calls (``FakeOpenAI.script``); the done-when
runs ``python app.py`` on the embedded model, whose planner proposes the actions.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
QUERY = "mode=banking&seed=42&scenario=unrecognised_charge"
CARD_TEXT_JS = "() => document.querySelector('#persona-card')?.innerText ?? ''"
IDLE_JS = """() => !document.querySelector('#chat-input .stop-button')
    && !document.querySelector('#chat-input textarea').disabled"""
BOTS_JS = """() => [...document.querySelectorAll('#chatbot [data-testid="bot"]')].map(e => e.innerText.trim())"""


@pytest.fixture(scope="module")
def freezing(launch_hosted, fake_openai):
    """A hosted model that calls freeze_card when asked, and words the result once the customer confirmed."""
    model = fake_openai.script("browser-freeze", [[{"name": "freeze_card", "arguments": {}}],
                                                  ["Your card ending 3222 is frozen now."]])
    return launch_hosted(model)


def open_app(page, url: str, query: str = QUERY) -> str:
    page.goto(f"{url}/?{query}")
    page.wait_for_function("() => document.querySelector('#persona-card .persona-name')?.innerText.trim()")
    page.wait_for_function(IDLE_JS)
    return card_text(page)


def card_text(page) -> str:
    return page.evaluate(CARD_TEXT_JS)


def send(page, text: str) -> None:
    box = page.locator("#chat-input textarea")
    box.fill(text)
    box.press("Enter")


def option(page, name: str):
    return page.locator("#chatbot").get_by_role("button", name=name, exact=True).last


def wait_idle(page) -> None:
    page.wait_for_function(IDLE_JS, timeout=60_000)


def test_block_my_card_is_proposed_confirmed_shown_on_the_card_and_undone(page, freezing):
    before = open_app(page, freezing.url)
    undo = page.locator("#undo-action")
    assert not undo.is_visible()  # nothing to undo yet

    send(page, "please block my card")
    option(page, "Confirm").wait_for()
    assert "Freeze your card ending 3222?" in page.evaluate(BOTS_JS)[-1]
    assert card_text(page) == before  # proposed, nothing changed
    wait_idle(page)

    option(page, "Confirm").click()
    page.wait_for_function("() => document.querySelector('#persona-card .pc-badge')")
    wait_idle(page)
    after = card_text(page)
    assert "frozen" in after.lower() and after != before
    bots = page.evaluate(BOTS_JS)
    assert any("Freeze card: done · TEST-" in b for b in bots), bots  # the step, with its reference
    assert bots[-1] == "Your card ending 3222 is frozen now."
    assert not any(b.lstrip().startswith(("{", "[")) for b in bots)  # never raw JSON

    undo.wait_for()  # offered now that there is an action to revert
    undo.click()
    page.wait_for_function("t => document.querySelector('#persona-card')?.innerText === t", arg=before)
    undo.wait_for(state="hidden")
    assert "Freeze card: undone" in page.evaluate(BOTS_JS)[-1]


def test_switching_persona_mid_proposal_leaves_nothing_behind(page, freezing, fake_openai):
    open_app(page, freezing.url)
    send(page, "please block my card")
    option(page, "Confirm").wait_for()
    wait_idle(page)

    seed = page.locator("#seed input, #seed textarea").first
    seed.fill("7")
    seed.press("Enter")
    page.wait_for_function("() => document.querySelector('#persona-card .persona-card')?.dataset.seed === '7'")
    page.wait_for_function("() => !document.querySelector('#chatbot').innerText.includes('Freeze your card')")
    fresh = card_text(page)

    sent = len(fake_openai.requests_for("tools:browser-freeze"))
    send(page, "yes")
    page.wait_for_function("n => document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length >= n", arg=1)
    wait_idle(page)
    assert card_text(page) == fresh and not page.locator("#persona-card .pc-badge").count()
    assert not page.locator("#undo-action").is_visible()
    assert not any("done" in b for b in page.evaluate(BOTS_JS))  # the old proposal did not run on the new customer
    assert len(fake_openai.requests_for("tools:browser-freeze")) == sent + 1  # "yes" was only a new message


def test_done_when_on_the_embedded_model_two_confirmations_two_references_and_an_overdraft_refused(page, local_app):
    """The issue's done-when: block the card and dispute the charge, confirm both; ask for an overdraft."""
    open_app(page, local_app.url)
    for request in ("Please block my card", "Can you dispute the charge?"):
        shown = len(page.evaluate(BOTS_JS))
        send(page, request)
        page.wait_for_function("n => document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length > n", arg=shown)
        option(page, "Confirm").wait_for()
        wait_idle(page)
        option(page, "Confirm").click()
        page.wait_for_function("n => new Set(document.querySelector('#chatbot').innerText"
                               ".match(/TEST-[0-9A-F]{4}-[0-9A-F]{4}/g) ?? []).size >= n",
                               arg=1 if request.startswith("Please") else 2)
        wait_idle(page)
    send(page, "Transfer $100,000 from checking to savings")
    page.wait_for_function("() => /would overdraw it/.test(document.querySelector('#chatbot').innerText)")
    wait_idle(page)

    chat = page.locator("#chatbot").inner_text()
    references = set(re.findall(r"TEST-[0-9A-F]{4}-[0-9A-F]{4}", chat))
    assert len(references) == 2, chat
    card = card_text(page)
    assert "frozen" in card.lower() and "(disputed)" in card
    assert "I can't do that: Your checking account holds" in chat


def test_the_readme_actions_api_example_runs(freezing, capsys):
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## Actions in the chat", 1)[1]
    code = re.search(r"```python\n(.*?)```", text, re.S).group(1).replace("http://127.0.0.1:7860/", freezing.url + "/")
    exec(compile(code, "README.md", "exec"), {})
    out = [line for line in capsys.readouterr().out.splitlines() if not line.startswith("Loaded as API")]
    assert out == ["['freeze_card', 'unfreeze_card', 'dispute_transaction']", "['merchant']"]


@pytest.fixture(scope="module")
def stalling(launch_hosted, fake_openai):
    """A hosted model that proposes freezing, then keeps the reply after the confirmation waiting for 20 s."""
    return launch_hosted(fake_openai.script("browser-stall", [[{"name": "freeze_card", "arguments": {}}],
                                                              "fault:timeout=20"]))


def test_a_persona_change_stops_the_reply_a_confirm_started(page, stalling, fake_openai):
    """Gradio keeps no handle on the reply an option click starts; the persona change must stop it all the same."""
    model = "tools:browser-stall"
    open_app(page, stalling.url)
    send(page, "please block my card")
    option(page, "Confirm").wait_for()
    wait_idle(page)
    option(page, "Confirm").click()
    page.wait_for_function("() => /Freeze card: done/.test(document.querySelector('#chatbot').innerText)")
    assert outcome(fake_openai, model, 1) == "started"  # the model's words after the confirmation: still waiting

    seed = page.locator("#seed input, #seed textarea").first
    seed.fill("7")
    seed.press("Enter")
    page.wait_for_function("() => document.querySelector('#persona-card .persona-card')?.dataset.seed === '7'")
    assert outcome(fake_openai, model, 1, until_not="started") == "client-closed"


def outcome(fake_openai, model: str, index: int, until_not: str | None = None, timeout: float = 10.0) -> str:
    """What the fake server saw of request ``index`` for ``model`` (waiting until it was sent, and until it is no
    longer ``until_not``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = fake_openai.requests_for(model)
        if len(sent) > index and sent[index]["outcome"] != until_not:
            return sent[index]["outcome"]
        time.sleep(0.05)
    sent = fake_openai.requests_for(model)
    return sent[index]["outcome"] if len(sent) > index else "never sent"
