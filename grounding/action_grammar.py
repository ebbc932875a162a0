"""Models choosing the call themselves, beside the planner: the embedded model under a JSON-schema grammar
(llama.cpp), and a hosted model offered the tools (``tools=``, the standard tool-call request).

The comparison the actions eval makes against the planner: SmolLM2-135M is shown the industry's tools
(name, description, parameters) and the conversation, and must answer with one JSON object
``{"name": …, "arguments": {…}}`` — the grammar guarantees the shape and the argument types, the
model chooses the action and fills the values. The call then goes through the same action layer
(``persona.ledger.call``): a proposal, a refusal or a reading; "yes"/"no" are read as in the planner.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from inference import InferenceConfig
from inference.model_file import gguf_path
from persona import ActionError, Ledger, Proposal, Reading, Refusal, RefusedError, tool_schemas
from persona.ledger import call
from prompting.actions import ActionPlan, done_text, is_no, is_yes

NO_ACTION = "no_action"
MAX_TOKENS = 96


def _schema(mode: str) -> dict:
    options = [{"type": "object", "properties": {"name": {"const": NO_ACTION}}, "required": ["name"],
                "additionalProperties": False}]
    for tool in tool_schemas(mode):
        fn = tool["function"]
        options.append({"type": "object", "properties": {"name": {"const": fn["name"]}, "arguments": fn["parameters"]},
                        "required": ["name", "arguments"], "additionalProperties": False})
    return {"oneOf": options}


def _system(mode: str, institution: str) -> str:
    lines = [f"- {t['function']['name']}: {t['function']['description']} Arguments: "
             f"{', '.join(t['function']['parameters'].get('properties', {})) or 'none'}." for t in tool_schemas(mode)]
    return (f"You are the assistant at {institution}. Choose the one tool that does what the customer asks, and fill "
            f"its arguments from the conversation. Answer only with JSON: {{\"name\": …, \"arguments\": {{…}}}}. "
            f"If the customer asks for nothing to be done, answer {{\"name\": \"{NO_ACTION}\"}}.\nTools:\n"
            + "\n".join(lines))


def _planner(choose):
    """A planner (``Ledger, message, history -> Ledger, ActionPlan | None``) whose calls ``choose`` makes."""

    def plan(ledger: Ledger, message: str, history: Sequence[dict]) -> tuple[Ledger, ActionPlan | None]:
        if ledger.pending is not None and is_yes(message):
            try:
                ledger, outcome = ledger.confirm()
            except RefusedError as exc:
                return ledger.cancel(), ActionPlan("refuse", text=exc.reason)
            return ledger, ActionPlan("confirm", outcome.event.action, outcome=outcome, text=done_text(outcome))
        if ledger.pending is not None and is_no(message):
            return ledger.cancel(), ActionPlan("cancel")
        chosen = choose(ledger, message, history)
        if chosen is None:
            return ledger, None
        name, args = chosen
        try:
            answer = call(ledger.persona, name, args)
        except ActionError as exc:
            return ledger, ActionPlan("clarify", name, args, str(exc))
        if isinstance(answer, Proposal):
            ledger, answer = ledger.call(name, answer.arguments)
            return ledger, ActionPlan("propose", name, args, answer.text, answer)
        if isinstance(answer, Refusal):
            return ledger, ActionPlan("clarify" if answer.reason.endswith("?") else "refuse", name, args, answer.reason)
        assert isinstance(answer, Reading)
        return ledger, ActionPlan("read", name, args, answer.text)

    return plan


def _messages(ledger: Ledger, message: str, history: Sequence[dict]) -> list[dict]:
    p = ledger.persona
    return [{"role": "system", "content": _system(p.mode, p.institution)},
            *[m for m in history if m.get("role") == "user"][-3:],
            {"role": "user", "content": f"(Today is {p.as_of.isoformat()}.) {message}"}]


def hosted_planner(config: InferenceConfig):
    """Calls chosen by the hosted model behind ``config`` (its base URL), offered every tool with ``tools=``."""
    from huggingface_hub import InferenceClient

    client = InferenceClient(base_url=config.base_url, api_key=config.api_key or "none", timeout=300)

    def choose(ledger: Ledger, message: str, history: Sequence[dict]) -> tuple[str, dict] | None:
        out = client.chat_completion(messages=_messages(ledger, message, history), model=config.model,
                                     tools=tool_schemas(ledger.persona.mode), tool_choice="auto",
                                     max_tokens=MAX_TOKENS, temperature=0.0)
        calls = out.choices[0].message.tool_calls or []
        if not calls:
            return None
        fn = calls[0].function
        args = fn.arguments
        if isinstance(args, str):
            try:
                args = json.loads(args)
            except json.JSONDecodeError:
                return fn.name, {"unreadable": args[:200]}
        return fn.name, args if isinstance(args, dict) else {}

    return _planner(choose)


def grammar_planner(config: InferenceConfig | None = None):
    """A planner (``Ledger, message, history -> Ledger, ActionPlan | None``) whose calls the embedded model makes."""
    from llama_cpp import Llama, LlamaGrammar

    config = config or InferenceConfig.from_env()
    llama = Llama(model_path=str(gguf_path(config.gguf_path)), n_ctx=4096, n_threads=config.local_threads,
                  verbose=False)
    grammars: dict[str, LlamaGrammar] = {}

    def choose(ledger: Ledger, message: str, history: Sequence[dict]) -> tuple[str, dict] | None:
        mode = ledger.persona.mode
        if mode not in grammars:
            grammars[mode] = LlamaGrammar.from_json_schema(json.dumps(_schema(mode)), verbose=False)
        out = llama.create_chat_completion(messages=_messages(ledger, message, history), grammar=grammars[mode],
                                           temperature=0.0, max_tokens=MAX_TOKENS)
        try:
            chosen = json.loads(out["choices"][0]["message"]["content"])
        except (json.JSONDecodeError, KeyError, TypeError):
            return None  # cut at MAX_TOKENS mid-object
        if not isinstance(chosen, dict) or chosen.get("name") in (None, NO_ACTION):
            return None
        return chosen["name"], chosen.get("arguments") or {}

    return _planner(choose)
