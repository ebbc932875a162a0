"""Long conversations fit the backend's context: the persona prompt always goes, the oldest turns go first."""

from __future__ import annotations

from inference import NOTICE_MARK, ChatSettings
from inference.budget import estimate_tokens, fit

SYSTEM = "You are a support assistant.\n- Name: Jane Doe\n" + "Fact. " * 200


def conversation(turns: int, size: int = 400) -> list[dict]:
    msgs = []
    for i in range(turns):
        msgs += [{"role": "user", "content": f"question {i} " + "q" * size},
                 {"role": "assistant", "content": f"answer {i} " + "a" * size}]
    return [*msgs, {"role": "user", "content": "latest question"}]


def test_short_conversation_is_untouched():
    msgs = conversation(2)
    fitted = fit(SYSTEM, msgs, 2048, 256)
    assert fitted.messages == msgs and fitted.dropped_turns == 0 and fitted.truncated_chars == 0


def test_oldest_turns_go_first_in_whole_exchanges():
    msgs = conversation(30)
    fitted = fit(SYSTEM, msgs, 2048, 256)

    assert fitted.messages[-1] == msgs[-1]
    assert fitted.dropped_turns % 2 == 0 and fitted.dropped_turns > 0
    assert fitted.messages == msgs[fitted.dropped_turns:]
    assert fitted.messages[0]["role"] == "user"
    used = estimate_tokens(SYSTEM) + sum(estimate_tokens(m["content"]) + 8 for m in fitted.messages) + 8
    assert used <= 2048 - 256


def test_bigger_context_keeps_more_history():
    msgs = conversation(30)
    assert len(fit(SYSTEM, msgs, 8192, 256).messages) > len(fit(SYSTEM, msgs, 2048, 256).messages)


def test_a_huge_last_message_is_truncated():
    msgs = [{"role": "user", "content": "x" * 50_000}]
    fitted = fit(SYSTEM, msgs, 2048, 256)
    assert 0 < len(fitted.messages[0]["content"]) < 50_000
    assert fitted.truncated_chars == 50_000 - len(fitted.messages[0]["content"])


def test_through_the_interface_the_system_prompt_is_kept_and_the_user_is_told(reply, hosted_config, fake_openai):
    config = hosted_config("ok", PERSONA_CHAT_CONTEXT="1024", PERSONA_CHAT_MAX_MESSAGE_CHARS="50000")
    msgs = [*conversation(10), {"role": "user", "content": "z" * 20_000}]
    deltas, _ = reply(msgs, config, ChatSettings(max_new_tokens=128), prompt=SYSTEM)

    sent = fake_openai.requests_for("ok")[-1]["body"]["messages"]
    assert sent[0] == {"role": "system", "content": SYSTEM}
    assert sent[-1]["content"].startswith("zzz") and len(sent[-1]["content"]) < 20_000
    assert "question 0" not in str(sent)
    assert "".join(deltas).startswith("Hello! How can I help?")
    assert deltas[-1].startswith("\n\n" + NOTICE_MARK) and "too long" in deltas[-1]


SAMPLES = [
    "IBAN GB29 NWBK 6016 1331 9268 19, sort code 60-16-13, phone +44 20 7946 0958",
    "Policy POL-2024-00012345 renews on 2026-03-01; premium £1,234.56 a year.",
    "Müller, François and Zoë paid €1.250,00 to Łódź Bank in März.",
    "你好，我想查一下我的账户余额和最近的交易记录。",
    "Hello, how are you today? I would like to know more about my savings account.",
]


def test_estimate_never_undercounts_realistic_text(gguf_path):
    """Hosted models get the estimate; it must not undercount even against the small model's wordy tokenizer."""
    from llama_cpp import Llama

    vocab = Llama(model_path=str(gguf_path), vocab_only=True, verbose=False)
    for text in SAMPLES:
        assert estimate_tokens(text) >= len(vocab.tokenize(text.encode(), add_bos=False, special=True)), text
