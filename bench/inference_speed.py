"""Overhead of the ``inference`` interface, measured against direct calls in the same run.

1. Embedded: tokens/s through ``stream_reply`` vs raw ``llama_cpp.Llama.create_chat_completion`` called
   on a script's main thread, same model file and prompt (temperature 0, so both generate the same
   tokens), each side in fresh processes. Goal: ratio >= 0.9.
2. Hosted: time to first token through ``stream_reply`` vs a direct ``huggingface_hub.InferenceClient``
   call, both to a llama.cpp server this script starts on loopback. Goal: ratio <= 1.2.

Rounds alternate between the two sides so machine noise hits both; the ratio of medians and the median
of per-round ratios (robust to load drifting between rounds) are both reported.

    python bench/inference_speed.py [--rounds 5] [--tokens 128]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from contextlib import aclosing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from huggingface_hub import InferenceClient  # noqa: E402

from inference import ChatSettings, InferenceConfig, Status, stream_reply  # noqa: E402
from inference.embedded import embedded_model  # noqa: E402
from inference.model_file import gguf_path  # noqa: E402
from loopback import start_llama_server, stop_process  # noqa: E402

SYSTEM = "You are a helpful assistant for a bank. The customer is Jane Doe, a Gold member since 2019."
QUESTION = [{"role": "user", "content": "Write a short paragraph about saving money for a holiday."}]


def _side_rates(side: str, per_process: int, tokens: int) -> list[float]:
    """Tokens/s of ``per_process`` generations after a warm-up, in this process, as ``side`` runs them.

    Each side runs in a process of its own: llama.cpp's compute threads stay fast only for the thread
    that first computed, so a raw call on the main thread would slow the interface's later worker
    threads (measured here: ~105 vs ~55 tokens/s) and make the comparison measure that, not the interface.
    """
    config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "local"})
    model = embedded_model(gguf_path(config.gguf_path), config.local_n_ctx, config.local_threads)
    settings = ChatSettings(temperature=0, max_new_tokens=tokens)
    chat = [{"role": "system", "content": SYSTEM}, *QUESTION]

    def raw() -> tuple[str, float]:  # what a script using llama_cpp directly does: everything on its main thread
        llama = model.load()
        start = time.perf_counter()
        text = "".join(c["choices"][0]["delta"].get("content") or "" for c in
                       llama.create_chat_completion(messages=chat, temperature=0, max_tokens=tokens, stream=True))
        return text, time.perf_counter() - start

    async def through_interface() -> tuple[str, float]:
        start = time.perf_counter()
        parts = [i async for i in stream_reply(SYSTEM, QUESTION, settings, config=config) if not isinstance(i, Status)]
        return "".join(parts), time.perf_counter() - start

    run = raw if side == "raw" else lambda: asyncio.run(through_interface())
    run()  # warm up: load the model and cache the prompt prefix
    llama = model.load()
    rates = []
    for _ in range(per_process):
        text, seconds = run()
        rates.append(len(llama.tokenize(text.encode(), add_bos=False, special=True)) / seconds)
    return rates


def embedded_rates(rounds: int, tokens: int, per_process: int = 3) -> tuple[list[float], list[float]]:
    """(interface, raw llama_cpp) tokens/s: per round one fresh process per side, sides alternating."""
    iface: list[float] = []
    raw: list[float] = []
    for _ in range(rounds):
        for side, into in (("raw", raw), ("interface", iface)):
            out = subprocess.run([sys.executable, __file__, "--side", side, "--per-process", str(per_process),
                                  "--tokens", str(tokens)], check=True, capture_output=True, text=True).stdout
            into.append(statistics.median(json.loads(out.strip().splitlines()[-1])))
    return iface, raw


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
    ap.add_argument("--side", choices=["raw", "interface"], help=argparse.SUPPRESS)
    ap.add_argument("--per-process", type=int, default=3, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.side:  # a child process measuring one side
        print(json.dumps(_side_rates(args.side, args.per_process, args.tokens)))
        return {}

    iface, raw = embedded_rates(args.rounds, args.tokens, args.per_process)
    rate_ratio = statistics.median(iface) / statistics.median(raw)
    paired = statistics.median(a / b for a, b in zip(iface, raw, strict=True))
    print(f"embedded tokens/s  interface {statistics.median(iface):7.1f}   raw llama_cpp {statistics.median(raw):7.1f}"
          f"   ratio {rate_ratio:.3f}  paired {paired:.3f}  (goal >= 0.9)")

    mine, theirs = ttft(args.rounds * 4)  # ~40 ms each: more rounds tame the noise cheaply
    ttft_ratio = statistics.median(mine) / statistics.median(theirs)
    ttft_paired = statistics.median(a / b for a, b in zip(mine, theirs, strict=True))
    print(f"hosted TTFT (ms)   interface {statistics.median(mine) * 1000:7.1f}   direct client "
          f"{statistics.median(theirs) * 1000:7.1f}   ratio {ttft_ratio:.3f}  paired {ttft_paired:.3f}  (goal <= 1.2)")
    return {"embedded_rate_ratio": rate_ratio, "embedded_paired": paired, "ttft_ratio": ttft_ratio,
            "ttft_paired": ttft_paired}


if __name__ == "__main__":
    main()
