"""Turn rewrites that read the whole conversation (``conversation.plan_reply``) before wording the latest turn.

Compact (embedded): the planned lines go right before the question, after one example exchange in
which the assistant says exactly those lines — for a fact, a list of rows, a summary, a greeting or
the English-only notice alike, so a 135M model's habit of copying what it was shown gives the right
reply. Full (hosted): the planned lines are listed under "From my record:" above the question, with
a note for small talk and the language to answer in.
"""

from __future__ import annotations

from babel import Locale

from persona import PersonaBase

from .conversation import Reply, plan_reply, small_talk_reply
from .turns import NOT_ON_RECORD, Messages, TurnFn, exchange, last_user, refusal_examples


def _said(reply: Reply) -> str:
    """The reply's lines as the assistant would say them: one paragraph, or one line per item."""
    return "\n".join(reply.lines) if reply.topic in ("summary", "items") and len(reply.lines) > 1 else " ".join(reply.lines)


def compact_turn(reply: Reply, question: str) -> Messages:
    """The example exchange and the rewritten latest turn for a small model.

    The example is the very message it is about to answer, answered with the planned lines: asked a
    second time, a 135M model says them again. Given any other example question it copies a single
    fact well but drifts from a list ("Can you summarize my account?" → "Your account is a 100%
    cashless …"): in a small trial, summaries named ≥ 3 facts in 6 of 6 replies this way, in 3 of 5
    after the generic example question (and 0 of 4 with the lines run into one paragraph).
    """
    if reply.kind == "not_on_record":
        return [*refusal_examples(1), {"role": "user", "content": f"{NOT_ON_RECORD}\n\n{question}"}]
    said = _said(reply)
    asked = f"{said}\n\n{question}"
    return [*exchange(asked, said), {"role": "user", "content": asked}]


def _language_name(code: str) -> str:
    return Locale.parse(code).get_language_name("en")


def full_turn(persona: PersonaBase, reply: Reply, question: str) -> str:
    """The latest turn for a capable model: what the record says about it, and how to answer."""
    if reply.kind == "small_talk":
        note = (f"(Small talk: reply briefly and naturally, as the assistant, without record figures — "
                f"for example: \"{small_talk_reply(persona, reply.topic)}\")")
        return f"{note}\n\nMessage: {question}"
    lines = reply.lines if reply.kind == "facts" else (NOT_ON_RECORD,)
    notes = "\n".join(f"- {line}" for line in lines)
    text = f"From my record:\n{notes}\n\nQuestion: {question}"
    if reply.language != "en":
        text += (f"\n\n(Answer in {_language_name(reply.language)}, quoting amounts and dates exactly as "
                 "the record writes them.)")
    return text


def conversation_turns(style: str, k: int = 1, history: bool = True) -> TurnFn:
    """A rewrite for ``style`` ("compact" or "full") that plans the latest reply from the whole conversation.

    ``history=False`` (compact only) sends the small model just the example and the latest turn: the
    plan already carries what the earlier turns mean, and a 135M model mostly gets distracted by them.
    """

    def rewrite(persona: PersonaBase, messages: Messages) -> Messages:
        i = last_user(messages)
        if i is None:
            return messages
        question = messages[i]["content"]
        reply = plan_reply(persona, messages[:i + 1], k=k, english_only=style == "compact")
        if style == "compact":
            return [*(messages[:i] if history else ()), *compact_turn(reply, question), *messages[i + 1:]]
        return [*messages[:i], {**messages[i], "content": full_turn(persona, reply, question)}, *messages[i + 1:]]

    return rewrite
