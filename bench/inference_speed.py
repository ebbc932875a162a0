"""Overhead of the ``inference`` interface, measured against direct calls in the same run.

1. Embedded: tokens/s through ``stream_reply`` vs raw ``llama_cpp.Llama.create_chat_completion`` on the
   same loaded model and prompt (temperature 0, so both generate the same tokens). Goal: ratio >= 0.9.
2. Hosted: time to first token through ``stream_reply`` vs a direct ``huggingface_hub.InferenceClient``
   call, both to a llama.cpp server this script starts on loopback. Goal: ratio <= 1.2.

Rounds alternate between the two sides so machine noise hits both; the ratio of medians and the median
of per-round ratios (robust to load drifting between rounds) are both reported.

    python bench/inference_speed.py [--rounds 5] [--tokens 128]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import threading
import time
from contextlib import aclosing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "servers"))

from huggingface_hub import InferenceClient  # noqa: E402
from llama_server import start_llama_server, stop_process  # noqa: E402

from inference import ChatSettings, InferenceConfig, Status, stream_reply  # noqa: E402
from inference.embedded import embedded_model  # noqa: E402
from inference.model_file import gguf_path  # noqa: E402

SYSTEM = "You are a helpful assistant for a bank. The customer is Jane Doe, a Gold member since 2019."
QUESTION = [{"role": "user", "content": "Write a short paragraph about saving money for a holiday."}]


def embedded_rates(rounds: int, tokens: int) -> tuple[list[float], list[float], list[float]]:
    """(interface, raw in a worker thread, raw in the main thread) tokens/s per round, on one loaded model.

    Raw runs both ways because on this machine llama.cpp generates markedly faster when called from a
    non-main thread; the threaded raw call is the like-for-like baseline for the interface's worker.
    """
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local"})
    model = embedded_model(gguf_path(config.gguf_path), config.local_n_ctx, config.local_threads)
    llama = model.load()
    settings = ChatSettings(temperature=0, max_new_tokens=tokens)
    chat = [{"role": "system", "content": SYSTEM}, *QUESTION]

    def count(text: str) -> int:
        return len(llama.tokenize(text.encode(), add_bos=False, special=True))

    def raw() -> tuple[str, float]:
        start = time.perf_counter()
        text = "".join(c["choices"][0]["delta"].get("content") or "" for c in
                       llama.create_chat_completion(messages=chat, temperature=0, max_tokens=tokens, stream=True))
        return text, time.perf_counter() - start

    def raw_threaded() -> tuple[str, float]:
        result: list[tuple[str, float]] = []
        worker = threading.Thread(target=lambda: result.append(raw()))
        worker.start()
        worker.join()
        return result[0]

    async def through_interface() -> tuple[str, float]:
        start = time.perf_counter()
        parts = [i async for i in stream_reply(SYSTEM, QUESTION, settings, config=config) if not isinstance(i, Status)]
        return "".join(parts), time.perf_counter() - start

    raw()  # warm up: the prompt prefix is cached after the first call, for every side alike
    asyncio.run(through_interface())
    rates: dict[str, list[float]] = {"iface": [], "thread": [], "main": []}
    for _ in range(rounds):
        for name, run in (("thread", raw_threaded), ("iface", lambda: asyncio.run(through_interface())),
                          ("main", raw)):
            text, seconds = run()
            rates[name].append(count(text) / seconds)
    return rates["iface"], rates["thread"], rates["main"]


def ttft(rounds: int) -> tuple[list[float], list[float]]:
    """(interface TTFT s, direct InferenceClient TTFT s) per round against a local llama.cpp server."""
    process, base_url = start_llama_server(gguf_path())
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                       "PERSONA_CHAT_MODEL": "smollm2"})
    settings = ChatSettings(temperature=0, max_new_tokens=16)
    chat = [{"role": "system", "content": SYSTEM}, *QUESTION]

    def direct() -> float:
        start = time.perf_counter()
        client = InferenceClient(base_url=base_url, api_key="sk-no-key-required")
        try:
            for chunk in client.chat_completion(chat, model="smollm2", stream=True, temperature=0, max_tokens=16):
                if chunk.choices and chunk.choices[0].delta.content:
                    return time.perf_counter() - start
        finally:
            client.close()
        raise RuntimeError("no text from the server")

    async def through_interface() -> float:
        start = time.perf_counter()
        async with aclosing(stream_reply(SYSTEM, QUESTION, settings, config=config)) as items:
            async for item in items:
                if not isinstance(item, Status):
                    return time.perf_counter() - start
        raise RuntimeError("no text from the interface")

    try:
        direct()
        asyncio.run(through_interface())
        mine, theirs = [], []
        for _ in range(rounds):
            theirs.append(direct())
            mine.append(asyncio.run(through_interface()))
        return mine, theirs
    finally:
        stop_process(process)


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--tokens", type=int, default=128, help="max new tokens per embedded generation")
    args = ap.parse_args(argv)

    iface, raw, raw_main = embedded_rates(args.rounds, args.tokens)
    rate_ratio = statistics.median(iface) / statistics.median(raw)
    paired = statistics.median(a / b for a, b in zip(iface, raw, strict=True))
    print(f"embedded tokens/s  interface {statistics.median(iface):7.1f}   raw llama_cpp (thread) "
          f"{statistics.median(raw):7.1f}   ratio {rate_ratio:.3f}  paired {paired:.3f}  (goal >= 0.9)")
    print(f"                   raw llama_cpp (main thread) {statistics.median(raw_main):7.1f}   "
          f"interface/main ratio {statistics.median(iface) / statistics.median(raw_main):.3f}")

    mine, theirs = ttft(args.rounds)
    ttft_ratio = statistics.median(mine) / statistics.median(theirs)
    ttft_paired = statistics.median(a / b for a, b in zip(mine, theirs, strict=True))
    print(f"hosted TTFT (ms)   interface {statistics.median(mine) * 1000:7.1f}   direct client "
          f"{statistics.median(theirs) * 1000:7.1f}   ratio {ttft_ratio:.3f}  paired {ttft_paired:.3f}  (goal <= 1.2)")
    return {"embedded_rate_ratio": rate_ratio, "embedded_paired": paired, "ttft_ratio": ttft_ratio,
            "ttft_paired": ttft_paired}


if __name__ == "__main__":
    main()
