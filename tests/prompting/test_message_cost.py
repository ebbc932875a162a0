"""Reading a long message costs time linear in its length: the patterns over visitor text don't backtrack.

Each adversarial message is 8,000 characters (the default message limit). The bound on the CPU time of one
call (``time.process_time``) is far above what a linear scan takes (~1-3 ms) and far below what the
backtracking patterns took (0.1-0.3 s each).
"""

from __future__ import annotations

import time

import pytest

from persona import generate
from prompting import chat_prompt
from prompting.intent import leans_on_earlier, ordinal, small_talk, wants_summary
from prompting.retrieval import unheld_possessions

MESSAGE_CHARS = 8_000
CPU_BOUND = 0.05

MESSAGES = {
    "an ordinal then a long run of spaces": "the first" + " " * (MESSAGE_CHARS - 10) + "x",
    "an ordinal then spaces and marks": "the second" + " ?" * ((MESSAGE_CHARS - 11) // 2) + "x",
    "my, over and over": "my " * (MESSAGE_CHARS // 3),
    "which, over and over": "which " * (MESSAGE_CHARS // 6),
    "how much, over and over": "how much " * (MESSAGE_CHARS // 9),
    "help me with, then spaces": "help me with" + " " * (MESSAGE_CHARS - 13) + "x",
}


def cpu(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


@pytest.mark.parametrize("message", MESSAGES.values(), ids=MESSAGES.keys())
@pytest.mark.parametrize("read", [ordinal, leans_on_earlier, small_talk, wants_summary,
                                  lambda m: unheld_possessions(m, [])],
                         ids=["ordinal", "leans_on_earlier", "small_talk", "wants_summary", "unheld_possessions"])
def test_each_reading_of_a_long_message_is_linear(read, message):
    assert len(message) <= MESSAGE_CHARS
    assert cpu(read, message) < CPU_BOUND


def test_the_readings_are_unchanged_on_ordinary_messages():
    assert ordinal("and the second one?") == 1 and ordinal("the last?") == -1 and ordinal("the first  ? ") == 0
    assert ordinal("the last 30 days") is None and not leans_on_earlier("the first ? ?")
    assert ordinal("my second upcoming payment") == 1
    assert leans_on_earlier("and the second?") and not leans_on_earlier("What is my balance?")
    assert unheld_possessions("how much is in my retirement account", []) == {"retirement"}
    assert unheld_possessions("my full (legal) name", []) == {"legal"}
    assert unheld_possessions("my current\npassport", []) == set()


def test_a_prompt_for_a_long_message_is_built_in_linear_time():
    """The whole prompt (retrieval, intent, the record) for one 8,000-character message: bounded, not quadratic.

    It still takes tens of milliseconds, so ``inference.stream`` builds it on a worker thread.
    """
    persona = generate("banking", 1)
    from inference import InferenceConfig, resolve_backend

    backend = resolve_backend(InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local"}))
    prompt = chat_prompt(persona)
    prompt(backend, [{"role": "user", "content": "hello"}])  # warm the caches
    for message in MESSAGES.values():
        assert cpu(prompt, backend, [{"role": "user", "content": message}]) < 0.2
