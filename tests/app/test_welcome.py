"""A brand's welcome opens the chat and still offers the persona's example questions (issue 16, item 5).

Gradio shows a chat's examples only while it is empty, so a welcome message used to hide them.
"""

from __future__ import annotations

from datetime import date

import pytest

from persona import example_prompts, generate
from webui.brand import Brand, ModeBrand
from webui.config import AppConfig

WELCOME = "Hi {first_name}, I'm Nora. How can I help?"


@pytest.fixture(scope="module")
def welcoming(launch_hosted):
    """Answers with the system prompt's Name line; the banking brand opens every chat with a welcome."""
    brand = Brand(modes={"banking": ModeBrand(assistant_name="Nora", welcome=WELCOME)})
    return launch_hosted("echo-system", AppConfig(brand=brand))


def test_the_welcome_offers_the_personas_examples_and_a_click_asks_one(page, welcoming):
    p = generate("banking", 42, "en_US", date.today())
    page.goto(f"{welcoming.url}/?mode=banking&seed=42")
    welcome = WELCOME.format(first_name=p.identity.first_name)
    page.wait_for_function("w => document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText.trim() === w",
                           arg=welcome)
    example = example_prompts(p)[0]
    option = page.locator("#chatbot .options .option", has_text=example).first
    option.wait_for(state="visible", timeout=10_000)
    option.click()
    page.wait_for_function("n => [...document.querySelectorAll('#chatbot [data-testid=\"bot\"]')]"
                           ".some(e => e.innerText.includes(n))", arg=p.identity.full_name)
    users = page.locator('#chatbot [data-testid="user"]').all_inner_texts()
    assert [u.strip() for u in users] == [example], users
    page.wait_for_function("() => !document.querySelector('#chat-input textarea').disabled")
