"""Rewrite the conversation a model sees: the record's facts right before the latest question, and examples.

A 135M model finds a fact in a 40-line system prompt about one time in five (22% of 300 questions);
placed just before the question as a "Your … is …" sentence it copies it far more often, and after
one example exchange that repeats the very same fact it does so 86% of the time; when retrieval
finds nothing, "This is not in your record." makes it admit a gap 77% of the time instead of 7%
(``python -m grounding.eval``; figures in the README).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from persona import Fact, PersonaBase, describe

from .retrieval import relevant

Messages = list[dict[str, Any]]
TurnFn = Callable[[PersonaBase, Messages], Messages]

NOT_ON_RECORD = "This is not in your record."
"""What stands in for the facts when none matches the question."""
ECHO_QUESTION = "What does my record say about this?"
_IDENTITY_EXAMPLES = {
    "name": "What name do you have for me?",
    "member_since": "Since when have I been a customer?",
    "age": "How old am I?",
}
"""Identity facts every persona has, with a question each, for ``with_examples``."""
_REFUSALS = (
    ("What's my shoe size?", "I'm sorry, I don't have your shoe size in your record."),
    ("What's my favourite colour?", "I'm sorry, I don't have that information in your record."),
)
"""Examples for questions the record cannot answer: generic, so they never suggest a customer's data."""


def lead(facts: Sequence[Fact], question: str) -> str:
    """The user turn a small model sees: the facts as 'Your … is …' sentences, then the question."""
    head = " ".join(f.sentence for f in facts) if facts else NOT_ON_RECORD
    return f"{head}\n\n{question}"


def _exchange(user: str, assistant: str) -> Messages:
    return [{"role": "user", "content": user}, {"role": "assistant", "content": assistant}]


def _refusal_examples(n: int) -> Messages:
    return [turn for question, answer in _REFUSALS[:n] for turn in _exchange(lead((), question), answer)]


def echo_example(found: Sequence[Fact]) -> Messages:
    """One exchange that repeats the very facts found for the real question (or refuses, if none were).

    Whatever the model copies from this example is the right fact: it cannot leak another one.
    """
    if not found:
        return _refusal_examples(1)
    return _exchange(lead(found, ECHO_QUESTION), " ".join(f.sentence for f in found))


def identity_examples(record: Sequence[Fact], found: Sequence[Fact], n: int = 2) -> Messages:
    """``n`` exchanges answering identity questions from the same record (refusals when nothing was found).

    Measured worse than ``echo_example``: the model often repeats the last example's answer.
    """
    if not found:
        return _refusal_examples(n)
    by_key = {f.key: f for f in record}
    skip = {f.key for f in found}
    shown = [by_key[k] for k in _IDENTITY_EXAMPLES if k in by_key and k not in skip][:n]
    return [turn for f in shown for turn in _exchange(lead((f,), _IDENTITY_EXAMPLES[f.key]), f.sentence)]


def _last_user(messages: Messages) -> int | None:
    for i in range(len(messages) - 1, -1, -1):
        if messages[i].get("role") == "user" and isinstance(messages[i].get("content"), str):
            return i
    return None


def facts_before_question(k: int, *, heading: bool = False,
                          examples: Callable[[Sequence[Fact], Sequence[Fact]], Messages] | None = None) -> TurnFn:
    """A rewrite that leads the latest question with its top-``k`` facts, optionally after example turns.

    ``heading`` words it as a labelled list ("From my record: - …  Question: …") instead of bare
    sentences; ``examples(record, found)`` gives exchanges to put right before that question, after
    the history, so trimming a long chat drops old turns first. Earlier turns stay as they were.
    """

    def rewrite(persona: PersonaBase, messages: Messages) -> Messages:
        i = _last_user(messages)
        if i is None:
            return messages
        question = messages[i]["content"]
        record = describe(persona).facts
        found = relevant(question, record, k=k)
        if heading:
            note = "\n".join(f"- {f.sentence}" for f in found) if found else f"- {NOT_ON_RECORD}"
            content = f"From my record:\n{note}\n\nQuestion: {question}"
        else:
            content = lead(found, question)
        shown = examples(record, found) if examples else []
        return [*messages[:i], *shown, {**messages[i], "content": content}, *messages[i + 1:]]

    return rewrite


def unchanged(persona: PersonaBase, messages: Messages) -> Messages:
    return messages
