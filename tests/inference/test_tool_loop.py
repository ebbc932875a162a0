"""The hosted tool-call loop against the loopback fake scripting tool calls as OpenAI and TGI stream them.

Each test scripts the model's side of one turn (``FakeOpenAI.script``) and checks what the customer would see
(text, one readable step per call, a notice) and what the model was sent back (tool messages).
"""

from __future__ import annotations

import asyncio
import itertools
import json

import pytest

from inference import NOTICE_MARK, ChatSettings, NoTools, Status, Step, Toolbox, ToolResult, stream_reply, tools_schemas

PROMPT = "You are a support assistant.\nCustomer record:\n- Name: Jane Doe\n- Card: ••3222 (active)\n"
HISTORY = [{"role": "user", "content": "Please block my card"}]
SCHEMAS = tools_schemas([
    {"name": "search_transactions", "description": "Find card transactions by merchant.",
     "parameters": {"type": "object", "properties": {"merchant": {"type": "string"}}, "required": ["merchant"]}},
    {"name": "freeze_card", "description": "Freeze the customer's card.",
     "parameters": {"type": "object", "properties": {"card": {"type": "string"}}, "required": ["card"]}},
])
_names = (f"script{n}" for n in itertools.count())


class Desk:
    """A fake action layer: records calls; searching runs at once, freezing is only proposed, bad cards are invalid."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def __call__(self, name: str, arguments: dict) -> ToolResult:
        self.calls.append((name, arguments))
        if name == "freeze_card":
            if arguments.get("card") != "3222":
                return ToolResult("invalid", "Freeze card: no such card",
                                  f"There is no card ending {arguments.get('card')!s:.8}.",
                                  "Error: card must be one of: 3222.")
            return ToolResult("proposed", "Proposed: freeze card ••3222", "Waiting for the customer.",
                              "", proposal=("freeze", "3222"))
        return ToolResult("done", f"Searched transactions for {arguments['merchant']}", "1 found: $12.00 on 3 Dec.",
                          "1 transaction: RideNow, $12.00, 2026-12-03.")


def run(config, model: str, toolbox: Toolbox, messages=HISTORY) -> list:
    async def collect():
        stream = stream_reply(PROMPT, list(messages), ChatSettings(model=model), config=config, tools=toolbox)
        return [item async for item in stream if not isinstance(item, Status)]

    return asyncio.run(collect())


def text_of(items: list) -> str:
    return "".join(i for i in items if isinstance(i, str))


def steps_of(items: list) -> list[Step]:
    return [i for i in items if isinstance(i, Step)]


@pytest.fixture
def toolbox():
    desk = Desk()
    return Toolbox(SCHEMAS, desk, max_calls=3), desk


@pytest.mark.parametrize("style", ["openai", "tgi"])
def test_one_call_runs_shows_a_step_and_the_model_words_the_result(fake_openai, hosted_config, toolbox, style):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        ["Let me look. ", {"name": "search_transactions", "arguments": {"merchant": "RideNow"}}],
        ["You paid RideNow $12.00 on 3 December."],
    ], style=style)
    items = run(hosted_config(), model, box)

    assert desk.calls == [("search_transactions", {"merchant": "RideNow"})]
    assert text_of(items) == "Let me look. You paid RideNow $12.00 on 3 December."
    (step,) = steps_of(items)
    assert items.index(step) > 0 and isinstance(items[-1], str)  # the step sits between the two texts
    assert step.result.title == "Searched transactions for RideNow" and step.result.status == "done"
    first, second = (r["body"] for r in fake_openai.requests_for(model))
    assert [t["function"]["name"] for t in first["tools"]] == ["search_transactions", "freeze_card"]
    call, answer = second["messages"][-2:]
    assert call["role"] == "assistant" and call["tool_calls"][0]["function"]["name"] == "search_transactions"
    assert json.loads(call["tool_calls"][0]["function"]["arguments"]) == {"merchant": "RideNow"}
    assert answer == {"role": "tool", "tool_call_id": call["tool_calls"][0]["id"],
                      "content": "1 transaction: RideNow, $12.00, 2026-12-03."}


def test_two_calls_in_a_turn_each_run_once_in_order(fake_openai, hosted_config, toolbox):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        [{"name": "search_transactions", "arguments": {"merchant": "RideNow"}},
         {"name": "search_transactions", "arguments": {"merchant": "Streamly"}}],
        [{"name": "search_transactions", "arguments": {"merchant": "Corner Shop"}}],
        ["Three merchants checked."],
    ])
    items = run(hosted_config(), model, box)

    assert [a["merchant"] for _, a in desk.calls] == ["RideNow", "Streamly", "Corner Shop"]
    assert [s.result.title for s in steps_of(items)] == [f"Searched transactions for {m}"
                                                         for m in ("RideNow", "Streamly", "Corner Shop")]
    assert text_of(items) == "Three merchants checked."
    last = fake_openai.requests_for(model)[-1]["body"]["messages"]
    assert [m["role"] for m in last[-5:]] == ["assistant", "tool", "tool", "assistant", "tool"]


def test_malformed_arguments_become_a_step_and_a_message_to_the_model(fake_openai, hosted_config, toolbox):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        [{"name": "search_transactions", "arguments": '{"merchant": "Ride'}],
        ["Sorry, which merchant?"],
    ])
    items = run(hosted_config(), model, box)

    assert desk.calls == []  # nothing ran on arguments that aren't JSON
    (step,) = steps_of(items)
    assert step.result.status == "invalid" and step.result.title == "Malformed call to search_transactions"
    assert "{" not in step.result.detail  # readable words, never the raw JSON
    assert text_of(items) == "Sorry, which merchant?"  # the turn went on
    told = fake_openai.requests_for(model)[-1]["body"]["messages"][-1]
    assert told["role"] == "tool" and "not valid JSON" in told["content"]


def test_an_unknown_tool_becomes_a_step_and_the_turn_goes_on(fake_openai, hosted_config, toolbox):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        [{"name": "wire_money_abroad", "arguments": {"to": "x"}}],
        ["I can't do that here."],
    ])
    items = run(hosted_config(), model, box)

    assert desk.calls == []
    (step,) = steps_of(items)
    assert step.result.title == "Unknown action “wire_money_abroad”"
    assert "freeze_card" in step.result.detail and "search_transactions" in step.result.detail
    assert text_of(items) == "I can't do that here."
    told = fake_openai.requests_for(model)[-1]["body"]["messages"][-1]["content"]
    assert "no tool named 'wire_money_abroad'" in told


def test_arguments_that_fail_validation_are_the_executors_readable_step(fake_openai, hosted_config, toolbox):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        [{"name": "freeze_card", "arguments": {"card": "9999"}}],
        [{"name": "freeze_card", "arguments": {"card": "3222"}}],
    ])
    items = run(hosted_config(), model, box)

    first, second = steps_of(items)
    assert first.result.status == "invalid" and "no card ending 9999" in first.result.detail
    assert second.result.status == "proposed"  # the model fixed its call, and the change was only proposed


def test_too_many_calls_stop_at_the_bound_and_the_model_answers_without_tools(fake_openai, hosted_config, toolbox):
    box, desk = toolbox
    call = {"name": "search_transactions", "arguments": {"merchant": "RideNow"}}
    model = fake_openai.script(next(_names), [[call, call], [call, call], [call], [call]])
    items = run(hosted_config(), model, box)

    assert len(desk.calls) == 3  # max_calls
    *ran, limit = steps_of(items)
    assert len(ran) == 3 and limit.result.title == "Stopped after 3 actions in one turn"
    assert "PERSONA_CHAT_MAX_TOOL_CALLS" in limit.result.detail
    sent = [r["body"] for r in fake_openai.requests_for(model)]
    assert [bool(b.get("tools")) for b in sent] == [True, True, False]  # the last request offers no tools
    assert text_of(items) == "No tools."  # so the turn ends in words
    skipped = sent[-1]["messages"][-1]
    assert skipped["role"] == "tool" and skipped["content"].startswith("Not run: at most 3 actions")


@pytest.mark.parametrize(("fault", "words"), [("fault:cut", "cut off"), ("fault:500", "internal error (500)")])
def test_a_fault_mid_loop_keeps_the_steps_and_ends_with_a_notice(fake_openai, hosted_config, toolbox, fault, words):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        ["Checking. ", {"name": "search_transactions", "arguments": {"merchant": "RideNow"}}],
        fault,
    ])
    items = run(hosted_config(), model, box)

    assert len(desk.calls) == 1 and len(steps_of(items)) == 1
    notice = items[-1]
    assert isinstance(notice, str) and notice.startswith("\n\n" + NOTICE_MARK) and words in notice
    assert text_of(items).startswith("Checking. ")


@pytest.mark.parametrize("model", ["no-tools", "no-tools:tgi"])
def test_a_server_without_tools_is_reported_once_without_a_reply(fake_openai, hosted_config, toolbox, model):
    box, desk = toolbox
    already = len(fake_openai.requests_for(model))
    items = run(hosted_config(), model, box)

    assert items == [NoTools(model)]
    assert len(fake_openai.requests_for(model)) == already + 1 and desk.calls == []
    # without tools the same server answers
    assert text_of(run(hosted_config(), model, None)) == "Hello! How can I help?"


def test_a_rejection_that_is_not_about_tools_is_an_ordinary_notice(hosted_config, toolbox):
    box, _ = toolbox
    items = run(hosted_config(), "fault:400", box)

    assert len(items) == 1 and items[0].startswith(NOTICE_MARK) and "400" in items[0]


def test_a_proposed_change_ends_the_turn_and_the_model_is_not_asked_again(fake_openai, hosted_config, toolbox):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        [{"name": "freeze_card", "arguments": {"card": "3222"}},
         {"name": "search_transactions", "arguments": {"merchant": "RideNow"}}],
        ["Your card is frozen."],
    ])
    items = run(hosted_config(), model, box)

    (step,) = steps_of(items)
    assert step.result.status == "proposed" and step.result.proposal == ("freeze", "3222")
    assert desk.calls == [("freeze_card", {"card": "3222"})]  # the search after it waits too
    assert len(fake_openai.requests_for(model)) == 1
    assert "frozen" not in text_of(items)


def test_a_confirmed_call_resumes_the_turn_with_its_result(fake_openai, hosted_config, toolbox):
    box, desk = toolbox
    model = fake_openai.script(next(_names), [
        [{"name": "freeze_card", "arguments": {"card": "3222"}}],
        ["Done: your card ••3222 is frozen (reference BK-1234)."],
    ])
    (step,) = steps_of(run(hosted_config(), model, box))
    confirmed = box.resumed(step.call, "Done. Card ••3222 frozen. Reference BK-1234.")
    history = [*HISTORY, {"role": "assistant", "content": "Freeze card ••3222?"}, {"role": "user", "content": "Yes"}]
    items = run(hosted_config(), model, confirmed, history)

    assert text_of(items) == "Done: your card ••3222 is frozen (reference BK-1234)."
    assert len(desk.calls) == 1  # confirming ran nothing through the model's loop
    call, result = fake_openai.requests_for(model)[-1]["body"]["messages"][-2:]
    assert call["tool_calls"][0]["id"] == step.call.id and result["tool_call_id"] == step.call.id
    assert result["content"] == "Done. Card ••3222 frozen. Reference BK-1234."
