"""Conversation export: a fixed conversation gives byte-identical Markdown and JSON (golden files).

After an intended change: ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/webui`` and review the diff.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from inference import NOTICE_MARK, BackendInfo, ChatSettings
from persona import generate
from webui import open_session, share_link
from webui.brand import Brand, ModeBrand
from webui.history import EMPTY_MESSAGE, EMPTY_REPLY, is_ui_line, shown_user_turn, status_line
from webui.markup import as_text, from_text
from webui.transcript import FORMAT, build_transcript, iso, messages, stamp, to_json, to_markdown, write_transcript

AS_OF = date(2026, 1, 15)
AT = datetime(2026, 1, 15, 9, 30, tzinfo=UTC)
BACKEND = BackendInfo("hosted", "meta-llama/Llama-3.1-8B-Instruct", "Hosted · meta-llama/Llama-3.1-8B-Instruct",
                      "full", 8192)
BRAND = Brand(modes={"banking": ModeBrand(institution="Northwind Bank", assistant_name="Nora",
                                          welcome="Hi {first_name}, I'm Nora. How can I help?")})


def at(minute: int, second: int = 0) -> datetime:
    return AT.replace(minute=minute, second=second)


def conversation():
    """A session with a welcome, two exchanges (one cut short by a fault notice), a status-only turn and HTML typed in."""
    session = open_session("banking", 42, "en_US", base_url="https://demo.example/", as_of=AS_OF, brand=BRAND)
    cut = "Your balance is $1,204.50 as of" + "\n\n" + NOTICE_MARK + "The connection dropped mid-reply; the partial reply is kept."
    history = [
        {"role": "assistant", "content": session.welcome},
        {"role": "user", "content": [{"type": "text", "text": "What's my <b>balance</b>?"}]},
        {"role": "assistant", "content": [{"type": "text", "text": cut}]},
        {"role": "user", "content": "   "},
        {"role": "assistant", "content": EMPTY_MESSAGE},
        {"role": "user", "content": "Any fees?"},
        {"role": "assistant", "content": EMPTY_REPLY},
        {"role": "user", "content": "Still there?"},
        {"role": "assistant", "content": status_line("Waiting for the local model — 1 request ahead…")},
    ]
    timeline = stamp(None, "assistant", session.welcome, at(30))
    timeline = stamp(timeline, "user", "What's my <b>balance</b>?", at(31))
    timeline = stamp(timeline, "assistant", cut, at(31, 4))
    timeline = stamp(timeline, "user", "Any fees?", at(32))
    return session, history, timeline


def transcript():
    session, history, timeline = conversation()
    return build_transcript(history, session.persona,
                            link=share_link(session.base_url, session.mode, session.seed, session.locale),
                            backend=BACKEND, settings=ChatSettings(temperature=0.3, max_new_tokens=256),
                            title="Northwind Demo Studio", assistant_name="Nora", welcome=session.welcome,
                            timeline=timeline, exported_at=at(40))


def test_json_golden(golden):
    golden("golden/conversation.json", to_json(transcript()))


def test_markdown_golden(golden):
    golden("golden/conversation.md", to_markdown(transcript()))


def test_the_json_says_who_what_and_when():
    data = json.loads(to_json(transcript()))
    name = generate("banking", 42, "en_US", AS_OF).identity.full_name
    assert data["format"] == FORMAT and data["exported_at"] == "2026-01-15T09:40:00Z"
    scenario = generate("banking", 42, "en_US", AS_OF).scenario
    assert data["persona"] == {
        "name": name, "mode": "banking", "seed": 42, "locale": "en_US", "as_of": "2026-01-15",
        "scenario": {"kind": scenario.kind, "title": scenario.title, "summary": scenario.summary},
        "link": "https://demo.example/?mode=banking&seed=42&locale=en_US", "fictional": True}
    assert data["assistant"]["institution"] == "Northwind Bank" and data["assistant"]["name"] == "Nora"
    assert data["backend"] == {"kind": "hosted", "model": BACKEND.model, "label": BACKEND.label}
    assert data["settings"] == {"temperature": 0.3, "max_new_tokens": 256}
    roles = [(m["role"], m.get("welcome")) for m in data["messages"]]
    assert roles == [("assistant", True), ("user", None), ("assistant", False), ("notice", None), ("notice", None),
                     ("user", None), ("notice", None), ("user", None), ("notice", None)]
    texts = [m["content"] for m in data["messages"]]
    assert texts[2] == "Your balance is $1,204.50 as of"  # the model's words only: the notice is its own entry
    assert texts[3] == "The connection dropped mid-reply; the partial reply is kept."
    assert texts[4] == "Please type a message."
    assert texts[6].startswith("The model returned an empty reply")
    assert texts[8] == "Waiting for the local model — 1 request ahead…"  # a stopped reply's status, unmarked
    # times as recorded, ISO 8601 in UTC; a turn the timeline never saw (the blank message) has none
    assert [m["time"] for m in data["messages"]] == ["2026-01-15T09:30:00Z", "2026-01-15T09:31:00Z",
                                                     "2026-01-15T09:31:04Z", "2026-01-15T09:31:04Z", None,
                                                     "2026-01-15T09:32:00Z", None, None, None]


def test_markdown_shows_html_typed_in_as_text_and_marks_notices():
    md = to_markdown(transcript())
    assert "<b>" not in md and "What's my \\<b\\>balance\\</b\\>?" in md  # as the chat showed it: characters
    assert "> ⚠️ **Notice · 2026-01-15 09:31:04 UTC:** The connection dropped mid-reply" in md
    assert "**Nora** · 2026-01-15 09:30:00 UTC *(welcome message)*" in md
    assert "<https://demo.example/?mode=banking&seed=42&locale=en_US>" in md


def test_the_same_turn_twice_gets_each_its_own_time():
    timeline = stamp(stamp(None, "user", "hi", at(1)), "user", "hi", at(2))
    out = messages([{"role": "user", "content": "hi"}, {"role": "user", "content": "hi"}], None, timeline)
    assert [m["time"] for m in out] == [iso(at(1)), iso(at(2))]


def test_an_assistant_reply_that_matches_the_welcome_later_is_not_the_welcome():
    hist = [{"role": "user", "content": "say hi"}, {"role": "assistant", "content": "Hi"}]
    assert messages(hist, welcome="Hi")[1]["welcome"] is False


def test_an_empty_conversation_still_exports(tmp_path):
    session = open_session("insurance", 1, "fr_FR", as_of=AS_OF)
    data = build_transcript([], session.persona, link="http://x/", backend=BACKEND, settings=ChatSettings())
    assert data["messages"] == [] and data["assistant"]["name"] is None
    md_path, json_path = write_transcript(data, tmp_path)
    assert "*No messages yet.*" in open(md_path, encoding="utf-8").read()
    assert json.loads(open(json_path, encoding="utf-8").read()) == data
    assert write_transcript(data, tmp_path) != (md_path, json_path)  # a fresh name per download


def test_a_bounded_timeline_keeps_its_last_entries():
    timeline = None
    for i in range(6):
        timeline = stamp(timeline, "user", f"q{i}", keep=4)
    assert [t["content"] for t in timeline] == ["q2", "q3", "q4", "q5"]
    assert len(stamp(timeline, "user", "q6")) == 5  # unbounded without keep


# -- issue 16: exports keep every character --------------------------------------------------------------------

def _exported(history: list[dict]) -> tuple[list[dict], str]:
    session = open_session("banking", 42, "en_US", as_of=AS_OF)
    data = build_transcript(history, session.persona, link="https://demo.example/", backend=BACKEND,
                            settings=ChatSettings(), exported_at=AT)
    return json.loads(to_json(data))["messages"], to_markdown(data)


def _reply_only(text: str) -> bool:
    """A reply with no paragraph that starts with the app's marks (such a paragraph is a notice)."""
    return not any(is_ui_line(p) for p in text.split("\n\n"))


@settings(max_examples=80, deadline=None)
@given(st.text().filter(str.strip), st.text().filter(str.strip).filter(_reply_only))
def test_any_text_reaches_the_exports_as_it_was_typed_and_replied(typed, reply):
    """A visitor's message byte for byte in the JSON (and, as the chat showed it, in the Markdown); a reply too,
    backslashes and all: before, a reply went through the visitor's unescaping and lost its backslashes."""
    shown = shown_user_turn({"role": "user", "content": [{"type": "text", "text": typed}]}, limit=10 ** 6)
    exported, md = _exported([shown, {"role": "assistant", "content": [{"type": "text", "text": reply}]}])
    assert [(m["role"], m["content"]) for m in exported] == [("user", typed), ("assistant", reply)]
    assert f"\n\n{as_text(typed)}\n\n**Assistant**\n\n{reply.replace('<', '&lt;')}\n" in md
    assert from_text(as_text(typed)) == typed


def test_what_the_page_sends_back_is_exported_as_it_shows_it():
    """Through Gradio's Chatbot (which trims a message's ends and expands tabs: ``inspect.cleandoc``) the
    export keeps what the page shows, markup characters and backslashes included."""
    import gradio as gr

    typed, reply = r"What's 2\*3 <b>now</b> [x](y) \\ ?", r"Use C:\Users\ana\*.csv; `2\*3`; a \\ stays two."
    chatbot = gr.Chatbot()
    history = chatbot.preprocess(chatbot.postprocess([shown_user_turn({"role": "user", "content": typed}, 10 ** 6),
                                                      {"role": "assistant", "content": reply}]))
    exported, md = _exported(history)
    assert [m["content"] for m in exported] == [typed, reply] and md.endswith(f"\n\n{reply}\n")
