"""The chat as a visitor uses it (issue 10), in Debian's Chromium: send and stop, no lost or misattributed
turns, focus/names/contrast, honest settings (many tabs: test_many_visitors; the address bar and a link's
warnings: test_open_link).

Each test reproduces a row of the issue's table; the backend is the fake OpenAI-compatible server, whose
behaviour is picked by the model name (``slow:20`` streams one word a second, ``echo-turns`` repeats the
user turns it was sent, ``echo-system`` the persona's name).
"""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from persona import example_prompts, generate

from .browsing import (
    SETTLED_JS,
    button,
    card_name,
    chat_input,
    choose,
    last_bot,
    messages,
    open_app,
    send,
    settled,
    wait_idle,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def slow_words(launch_hosted):
    """Twenty words over twenty seconds: long enough to press Stop or change the persona mid-reply."""
    return launch_hosted("slow:20")


@pytest.fixture(scope="module")
def slow_turns(launch_hosted):
    return launch_hosted("echo-turns:slow=4")


@pytest.fixture(scope="module")
def slow_names(launch_hosted):
    return launch_hosted("echo-system:slow=8")


WORDS_JS = "() => (document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText || '').split(/\\s+/).length"


def open_settings(page) -> None:
    page.get_by_role("button", name=re.compile(r"^Settings\s*▼")).click()
    page.get_by_label("number input for Temperature").wait_for()


def outcome(fake_openai, model: str, index: int, timeout: float = 10.0) -> str:
    """What the fake server saw of request ``index`` for ``model``: complete, client-closed, ..."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = fake_openai.requests_for(model)
        if len(sent) > index and sent[index]["outcome"] != "started":
            return sent[index]["outcome"]
        time.sleep(0.05)
    sent = fake_openai.requests_for(model)
    return sent[index]["outcome"] if len(sent) > index else "never sent"


def steady(page) -> list[list[str]]:
    """The chat once the app has finished every event and the page has shown the last of it (a late chunk
    would show up here); it must not have changed meanwhile."""
    before = messages(page)
    settled(page)
    after = messages(page)
    assert after == before, f"the chat kept changing: {before} -> {after}"
    return after


# -- 1. Send and Stop ----------------------------------------------------------------------------------


def test_send_and_stop_buttons_stop_the_reply_and_close_the_hosted_request(page, slow_words, fake_openai):
    open_app(page, slow_words.url)
    send_button = button(page, "Send")
    assert send_button.is_visible(), "no Send button next to the chat input"
    already = len(fake_openai.requests_for("slow:20"))
    chat_input(page).fill("Tell me about my accounts")
    send_button.click()
    page.wait_for_function("() => /word1/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText)")
    stop = button(page, "Stop")
    assert stop.is_visible(), "no Stop button while the reply streams"
    assert not send_button.is_visible()
    stop.click()
    assert outcome(fake_openai, "slow:20", already) == "client-closed"  # the backend call ended, not just the view
    wait_idle(page, 5_000)
    shown = steady(page)
    assert "word19" not in shown[-1][1]
    assert button(page, "Send").is_visible() and not button(page, "Stop").count()


def test_stop_ends_local_generation(page, local_app):
    open_app(page, local_app.url)
    open_settings(page)
    for label, value in (("Temperature", "1.5"), ("Max new tokens", "1024")):  # a long, rambling reply
        page.get_by_label(f"number input for {label}").fill(value)
        page.get_by_label(f"number input for {label}").press("Enter")
    chat_input(page).fill("Hi! Tell me a long story about my bank, with many details.")
    button(page, "Send").click()
    # real text (not the "Loading the local model…" status) is streaming
    page.wait_for_function("() => (document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText || '')"
                           ".split(/\\s+/).length >= 4 && !/Loading the local model/.test("
                           "document.querySelector('#chatbot [data-testid=\"bot\"]').innerText)", timeout=180_000)
    # how long a few words take on this machine right now: the yardstick for "at once" below
    began, words = time.monotonic(), page.evaluate(WORDS_JS)
    page.wait_for_function(f"n => ({WORDS_JS})() >= n + 4", arg=words, timeout=60_000)
    per_word = (time.monotonic() - began) / 4
    button(page, "Stop").click()
    wait_idle(page, 5_000)
    steady(page)
    # The model is free at once: the stopped generation lets go after the token it was computing, so the next
    # reply may wait for that token (on a busy machine, a visible moment), never for the rest of the story.
    send(page, "Say hello.")
    page.wait_for_function("() => document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length === 2")
    seen, waiting_since = [], None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not re.search(r"\w{2,}", seen[-1] if seen else ""):
        shown = last_bot(page)
        seen.append(re.sub(r"(?s)^\s*(Waiting for the local model.*|Loading the local model…)$", "", shown))
        if "Waiting for the local model" in shown:
            waiting_since = waiting_since or time.monotonic()
            if time.monotonic() - waiting_since > 5 * per_word:
                pytest.fail(f"the stopped generation kept the model: the next reply waited for it "
                            f"(over {5 * per_word:.2f} s, five words' time)")
        time.sleep(0.05)
    assert re.search(r"\w{2,}", seen[-1]), "the next reply never started"
    button(page, "Stop").click()
    wait_idle(page, 5_000)


# -- 2. No turn lost -----------------------------------------------------------------------------------


def test_an_example_turn_survives_a_question_typed_during_its_answer(page, slow_turns):
    open_app(page, slow_turns.url)
    example = example_prompts(generate("banking", 42, "en_US", date.today()))[0]
    page.get_by_role("button", name=f"Select example 1: {example}").click()
    page.wait_for_function("() => /TURNS/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText)")
    # the visitor wants to ask the next question while the example is being answered: the input takes no
    # message then (one typed now would be answered from a history without the example), and says why
    box = chat_input(page)
    page.wait_for_function("() => /TURNS/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText)"
                           " && document.querySelector('#chat-input textarea').disabled", timeout=5_000)
    hint = box.get_attribute("placeholder") or ""
    assert re.search(r"reply|Stop", hint), f"the input is disabled without a hint: {hint!r}"
    settled(page)
    shown = messages(page)
    assert ["user", example] in shown, f"the example question vanished: {shown}"
    assert any(role == "bot" and example in text for role, text in shown), f"the example's answer vanished: {shown}"
    # the next turn is told the whole conversation, the example included (asked once the reply's last step,
    # giving the focus back to the input, has run)
    page.wait_for_function("() => document.activeElement === document.querySelector('#chat-input textarea')")
    send(page, "And my savings?")
    page.wait_for_function("n => document.querySelectorAll('#chatbot [data-testid=\"bot\"]').length >= n", arg=2)
    wait_idle(page)
    assert example in last_bot(page), f"the model was not told about the example turn: {last_bot(page)!r}"


# -- 3. A persona change stops the reply, then clears the chat ----------------------------------------


@pytest.mark.parametrize("change", ["new persona", "mode", "locale", "seed"])
def test_a_persona_change_during_a_reply_stops_it_then_clears_the_chat(page, slow_names, fake_openai, change):
    model = "echo-system:slow=8"
    first = open_app(page, slow_names.url, "mode=banking&seed=42")
    already = len(fake_openai.requests_for(model))
    send(page, "Who am I?")
    page.wait_for_function("() => document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText.trim()")
    if change == "new persona":
        page.get_by_role("button", name="New persona").click()
    elif change == "mode":
        choose(page, "mode", "Insurance")
    elif change == "locale":
        choose(page, "locale", "en_GB")
    else:
        seed = page.locator("#seed textarea, #seed input").first
        seed.fill("7")
        seed.press("Enter")
    page.wait_for_function("n => document.querySelector('#persona-card .persona-name')?.innerText.trim() !== n",
                           arg=first)
    second = card_name(page)
    assert outcome(fake_openai, model, already) == "client-closed", "the old reply kept streaming from the backend"
    assert steady(page) == [], f"the old chat stayed next to the new customer: {messages(page)}"
    send(page, "Who am I now?")
    wait_idle(page)
    page.wait_for_function("() => /SYSTEM-SHA256/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')"
                           "?.innerText)")
    assert second in last_bot(page) and first not in last_bot(page)
    sent = fake_openai.requests_for(model)[-1]["body"]["messages"]
    assert [m["role"] for m in sent if m["role"] != "system"] == ["user"], f"old turns were sent along: {sent}"


# -- 6. Focus, names, contrast -------------------------------------------------------------------------

AX_ROLES = {"button", "textbox", "combobox", "searchbox", "slider", "spinbutton", "checkbox", "link", "tab"}


def unnamed_controls(page) -> list[str]:
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    return [f"{n['role']['value']} {n.get('name', {}).get('value', '')!r}" for n in tree
            if not n.get("ignored") and n.get("role", {}).get("value") in AX_ROLES
            and (not (n.get("name", {}).get("value") or "").strip()
                 or n["name"]["value"].strip() in {"Textbox", "Button", "Slider"})]


def test_focus_returns_to_the_input_and_controls_have_names(page, hosted_app):
    open_app(page, hosted_app.url)
    assert page.get_by_role("textbox", name="Message").count() == 1, "the chat input has no real name"
    assert unnamed_controls(page) == []
    send(page, "Who am I?")
    wait_idle(page)
    page.wait_for_function("() => document.activeElement === document.querySelector('#chat-input textarea')",
                           timeout=5_000)
    chat_input(page).fill("And now?")
    button(page, "Send").click()
    wait_idle(page)
    page.wait_for_function("() => document.activeElement === document.querySelector('#chat-input textarea')",
                           timeout=5_000)
    page.keyboard.type("typed straight away")
    assert chat_input(page).input_value() == "typed straight away"
    # after an example's reply too (a new persona brings the examples back)
    chat_input(page).fill("")
    page.get_by_role("button", name="New persona").click()
    page.get_by_role("button", name=re.compile("^Select example 1")).click()
    page.wait_for_function("() => document.querySelector('#chatbot [data-testid=\"bot\"]')?.innerText.trim()")
    wait_idle(page)
    page.wait_for_function("() => document.activeElement === document.querySelector('#chat-input textarea')",
                           timeout=5_000)
    page.keyboard.type("next question")
    assert chat_input(page).input_value() == "next question"


CONTRAST_JS = """(targets) => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = css => {  // any CSS colour syntax -> [r, g, b, a]
    ctx.clearRect(0, 0, 1, 1); ctx.fillStyle = '#000'; ctx.fillStyle = css; ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data; return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((bg, c) => over(c, bg), [255, 255, 255, 1]);
  };
  const lum = c => c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const out = [];
  for (const [label, selector, pseudo] of targets) {
    const els = [...document.querySelectorAll(selector)].filter(e => e.getClientRects().length
      && (pseudo ? e.placeholder : e.innerText.trim()));
    if (!els.length) out.push([label, '(nothing visible)', 0]);
    for (const el of els.slice(0, 6)) {
      let opacity = 1;
      for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
      const c = rgba(getComputedStyle(el, pseudo || null).color);
      const bg = background(el);
      const fg = over([c[0], c[1], c[2], c[3] * opacity], bg);
      out.push([label, (pseudo ? el.placeholder : el.innerText).trim().slice(0, 30), Math.round(ratio(fg, bg) * 100) / 100]);
    }
  }
  return out;
}"""
KEY_TEXTS = [
    ("placeholder", "#chat-input textarea", "::placeholder"),
    ("label", "[data-testid='block-info']:not(.sr-only)", None),
    ("badge", "#backend-badge p", None),
    ("card", "#persona-card .persona-card div:not(:has(*)), #persona-card td, #persona-card th, #persona-card h4", None),
    ("example", "#chatbot .example-text", None),
    ("button", "#chat-input button, button.secondary, button.primary", None),
]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_contrast_meets_wcag_aa(page, hosted_app, theme):
    open_app(page, hosted_app.url, f"mode=banking&seed=42&__theme={theme}")
    assert page.evaluate("() => document.body.classList.contains('dark')") == (theme == "dark")
    page.wait_for_function(SETTLED_JS)  # updated components fade in: measure the colours they end with
    found = page.evaluate(CONTRAST_JS, KEY_TEXTS)
    send(page, "Who am I?")
    page.wait_for_function("() => /SYSTEM-SHA256/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')"
                           "?.innerText)")
    wait_idle(page)
    page.wait_for_function(SETTLED_JS)
    found += page.evaluate(CONTRAST_JS, [("message", "#chatbot [data-testid='bot'], #chatbot [data-testid='user']",
                                          None)])
    low = [f for f in found if f[2] < 4.5]
    assert low == [], f"below 4.5:1 in the {theme} scheme: {low}"


# -- 7. Settings show what is answering -----------------------------------------------------------------


def test_settings_with_the_local_model_show_it_and_no_hosted_model_box(page, local_app):
    open_app(page, local_app.url)
    open_settings(page)
    hosted_box = page.get_by_role("combobox", name=re.compile("Model", re.I))
    assert not any(hosted_box.nth(i).is_visible() for i in range(hosted_box.count())), \
        "Settings offer a hosted model while the local model answers"
    assert "meta-llama" not in page.locator("body").inner_text()
    assert "SmolLM2-135M-Instruct" in page.locator("#settings").inner_text()


def test_settings_with_a_hosted_model_let_the_visitor_change_it(page, hosted_app):
    open_app(page, hosted_app.url)
    open_settings(page)
    picker = page.get_by_role("combobox", name=re.compile("^Model"))
    assert picker.is_editable() and picker.input_value() == "echo-system"
    picker.click()  # a picker of the recommended models (issue 13: no bare textbox)
    assert page.get_by_role("option", name="echo-system").is_visible()
    assert "SmolLM2" not in page.locator("#settings").inner_text()


# -- Screenshots -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize(("viewport", "name"), [({"width": 1440, "height": 900}, "desktop"),
                                                ({"width": 390, "height": 844}, "mobile")])
def test_send_and_stop_are_on_screen_mid_reply(chromium, slow_words, tmp_path, viewport, name, theme):
    """Send and Stop within the first screen on desktop and phone (docs/ pictures: scripts/screenshot.py)."""
    context = chromium.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    try:
        open_app(page, slow_words.url, f"mode=banking&seed=42&__theme={theme}")
        send_button = button(page, "Send")
        assert send_button.is_visible()
        chat_input(page).fill("What's my checking balance?")
        send_button.click()
        page.wait_for_function("() => /word2/.test(document.querySelector('#chatbot [data-testid=\"bot\"]')"
                               "?.innerText)")
        stop = button(page, "Stop")
        box = stop.bounding_box()
        assert box and box["y"] + box["height"] <= viewport["height"], "Stop is below the first screen"
        shot = tmp_path / f"chat-{name}-{theme}.png"
        page.screenshot(path=str(shot))
        stop.click()
    finally:
        context.close()
