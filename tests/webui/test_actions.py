"""Actions in the chat function: a hosted model's call is only proposed; the customer's yes runs it, no cancels it.

The hosted side is the loopback fake scripting tool calls (``FakeOpenAI.script``); the record is the real
persona's, changed only through the session's ledger.
"""

from __future__ import annotations

import asyncio
import itertools

import pytest

from inference import ChatSettings, InferenceConfig
from webui import open_session
from webui.actions import CANCEL, CONFIRM, answer_of, converse, undo
from webui.config import AppConfig
from webui.handlers import conversation, show
from webui.markup import from_text
from webui.transcript import to_markdown

_names = (f"chat-script{n}" for n in itertools.count())


def _config(base_url: str) -> InferenceConfig:
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                     "PERSONA_CHAT_MODELS": "*"})


def turn(message: str, history: list, session, model: str, config: InferenceConfig):
    """One turn to its end: (what the chat shows last, the session after it, the history after it)."""
    async def run():
        items = [item async for item in converse(message, history, session, ChatSettings(model=model), config)]
        return items[-1]

    shown, after = asyncio.run(run())
    replies = shown if isinstance(shown, list) else [{"role": "assistant", "content": shown}]
    return shown, after, [*history, {"role": "user", "content": message}, *replies]


@pytest.fixture
def local_config(gguf_path):
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local", "PERSONA_CHAT_GGUF": str(gguf_path)})


def banking():
    return open_session("banking", 42, "en_US", scenario="unrecognised_charge")


def test_answers_a_customer_gives_to_a_proposal():
    for said in ("yes", "Yes!", "  YES please ", "Confirm", "ok", "go ahead.", "Ja", "oui"):
        assert answer_of(said) == "yes", said
    for said in ("no", "No.", "Cancel", "don't", "nope", "nein", "non"):
        assert answer_of(said) == "no", said
    for said in ("yes but first tell me my balance", "why?", "", "y" * 200):
        assert answer_of(said) is None, said


def test_a_models_call_is_proposed_with_options_and_runs_only_on_confirm(fake_openai):
    config = _config(fake_openai.base_url)
    model = fake_openai.script(next(_names), [
        [{"name": "freeze_card", "arguments": {}}],
        ["Your card ending 3222 is now frozen."],
    ])
    session = banking()
    shown, session, history = turn("Please block my card", [], session, model, config)

    proposal = shown[-1]
    assert [o["value"] for o in proposal["options"]] == [CONFIRM, CANCEL]
    assert from_text(proposal["content"]).startswith("Freeze your card ending 3222?")
    assert session.pending is not None and session.events == ()
    assert session.persona.card_frozen is False  # nothing changed before the customer's answer
    assert len(fake_openai.requests_for(model)) == 1

    shown, session, history = turn(CONFIRM, history, session, model, config)

    step, words = shown
    title, detail = from_text(step["metadata"]["title"]), from_text(step["content"])
    assert title.startswith("Freeze card: done · TEST-") and session.persona.actions[-1].reference in detail
    assert words["content"] == "Your card ending 3222 is now frozen."
    assert session.persona.card_frozen is True and len(session.events) == 1 and session.pending is None
    resumed = fake_openai.requests_for(model)[-1]["body"]["messages"]
    assert resumed[-3]["content"].endswith(CONFIRM) and resumed[-1]["role"] == "tool"
    assert session.persona.actions[-1].reference in resumed[-1]["content"]  # the model gets the reference to give
    assert session.card_changes().facts  # the card marks what changed
    assert session.origin.card_frozen is False  # the share link's persona is the original


def test_no_cancels_and_a_question_leaves_the_proposal_waiting(fake_openai):
    config = _config(fake_openai.base_url)
    model = fake_openai.script(next(_names), [[{"name": "freeze_card", "arguments": {}}], ["Frozen."]])
    _, session, history = turn("Please block my card", [], banking(), model, config)

    shown, cancelled, _ = turn("no", history, session, model, config)
    assert "Nothing was changed" in shown[0]["content"] and cancelled.pending is None and cancelled.events == ()
    _, after, _ = turn("yes", history, cancelled, model, config)  # a yes with nothing pending runs nothing
    assert after.events == () and after.persona.card_frozen is False

    chat = fake_openai.script(next(_names), [["Your balance is on the card."]])
    _, waiting, later = turn("What's my balance?", history, session, chat, config)
    assert waiting.pending == session.pending and waiting.events == ()  # a question changes nothing, answers nothing
    _, confirmed, _ = turn("yes", later, waiting, model, config)
    assert confirmed.persona.card_frozen is True and len(confirmed.events) == 1


def test_a_refusal_and_a_lookup_are_steps_and_change_nothing(fake_openai):
    config = _config(fake_openai.base_url)
    model = fake_openai.script(next(_names), [
        [{"name": "search_transactions", "arguments": {"merchant": "Gadget Hub"}},
         {"name": "transfer", "arguments": {"from_account": "checking", "to_account": "savings",
                                           "amount": 99999999}}],
        ["You can't move that much."],
    ])
    shown, session, _ = turn("Move everything to savings", [], banking(), model, config)

    lookup, refused, words = shown
    assert lookup["metadata"]["status"] == "done" and "Gadget Hub" in lookup["content"]
    assert from_text(refused["metadata"]["title"]) == "Transfer: not possible"
    assert session.events == () and session.pending is None
    assert words["content"] == "You can't move that much."


def test_a_model_without_tools_is_remembered_with_one_notice(fake_openai):
    config = _config(fake_openai.base_url)
    session = banking()
    before = len(fake_openai.requests_for("no-tools"))
    shown, session, history = turn("Hi", [], session, "no-tools", config)

    notice, reply = shown
    assert "can't call the app's actions" in notice["content"] and reply["content"] == "Hello! How can I help?"
    assert session.no_tools == frozenset({"no-tools"})
    shown, session, _ = turn("Hi again", history, session, "no-tools", config)
    assert shown == "Hello! How can I help?"  # no second notice
    sent = fake_openai.requests_for("no-tools")[before:]
    assert [bool(r["body"].get("tools")) for r in sent] == [True, False, False]


def test_on_the_embedded_path_the_planner_proposes_and_two_confirmations_give_two_references(local_config):
    """The issue's done-when, at the chat function: block the card, dispute the charge, an overdraft refused."""
    session, history = banking(), []
    said = []
    for message in ("Please block my card", CONFIRM, "Can you dispute the charge?", "yes",
                    "Transfer $100,000 from checking to savings"):
        shown, session, history = turn(message, history, session, "", local_config)
        said.append(shown)

    assert [o["value"] for o in said[0][-1]["options"]] == [CONFIRM, CANCEL]
    assert [o["value"] for o in said[2][-1]["options"]] == [CONFIRM, CANCEL]
    assert "Gadget Hub" in from_text(said[2][-1]["content"])
    references = [a.reference for a in session.persona.actions]
    assert len(references) == 2 and all(r in from_text(said[i][0]["content"]) for i, r in ((1, references[0]),
                                                                                            (3, references[1])))
    assert session.persona.card_frozen and any(t.disputed for t in session.persona.transactions)
    refusal = said[4]
    assert from_text(refusal[0]["metadata"]["title"]) == "Transfer: not possible"
    assert "would overdraw it" in refusal[-1]["content"] and len(session.events) == 2  # the reason, told


def test_the_export_lists_each_action_with_its_result_and_reference(local_config):
    session, history = banking(), []
    for message in ("Please block my card", "yes"):
        _, session, history = turn(message, history, session, "", local_config)
    data = conversation(AppConfig(), local_config, session, history, [], ChatSettings())

    (record,) = data["actions"]
    assert record["action"] == "freeze_card" and record["reference"].startswith("TEST-")
    step = next(m for m in data["messages"] if m["role"] == "action")
    assert step["title"] == f"Freeze card: done · {record['reference']}" and record["result"] in step["content"]
    markdown = to_markdown(data)
    assert "## Actions on the record" in markdown and f"reference `{record['reference']}`" in markdown
    assert "\\" not in step["content"]  # read back as the chat showed it, not as its escaped Markdown


def test_the_card_marks_the_change_and_undo_brings_back_the_card_as_before(local_config):
    original = show(banking())
    session, history = banking(), []
    for message in ("Please block my card", "yes"):
        _, session, history = turn(message, history, session, "", local_config)
    after = show(session)

    assert after.card != original.card and 'class="pc-badge"' in after.card and "frozen" in after.card
    assert after.share_link == original.share_link  # the link reproduces the persona as generated

    undone, chat = undo(session, history)
    assert undone.events == () and show(undone).card == original.card
    assert from_text(chat[-1]["metadata"]["title"]) == "Freeze card: undone" and len(chat) == len(history) + 1
    assert undo(undone, chat) == (undone, chat)  # nothing left to undo


def test_an_owner_can_keep_tools_from_hosted_models_and_the_planner_acts(fake_openai):
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                       "PERSONA_CHAT_MODELS": "*", "PERSONA_CHAT_TOOLS": "0"})
    before = len(fake_openai.requests_for("ok"))
    shown, session, _ = turn("Please block my card", [], banking(), "ok", config)

    assert from_text(shown[-1]["content"]).startswith("Freeze your card ending 3222?") and session.pending
    assert len(fake_openai.requests_for("ok")) == before  # the planner proposed it; no model was asked


def test_a_message_over_the_limit_gets_the_notice_and_nothing_is_proposed(fake_openai):
    """PERSONA_CHAT_MAX_MESSAGE_CHARS: a longer message "gets a notice at once and reaches no model"; the planner
    must not act on it either (before: "Please block my card" padded past the limit came back as a proposal)."""
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake_openai.base_url,
                                       "PERSONA_CHAT_MODELS": "*", "PERSONA_CHAT_TOOLS": "0",
                                       "PERSONA_CHAT_MAX_MESSAGE_CHARS": "100"})
    before = len(fake_openai.requests_for("ok"))
    shown, session, _ = turn("Please block my card. " + "x" * 100, [], banking(), "ok", config)

    assert isinstance(shown, str) and "PERSONA_CHAT_MAX_MESSAGE_CHARS" in from_text(shown)
    assert session.pending is None and not session.events
    assert len(fake_openai.requests_for("ok")) == before
