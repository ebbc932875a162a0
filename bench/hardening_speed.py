"""Hardening figures (issue 12), each a ratio measured in one run on this machine.

1. A persona switch and the health check while the chat queue is full vs on an idle app (goal: about 1×;
   before the fix both got "Queue is full").
2. ``GET /config`` while a 10 MB message is refused vs idle (before the fix: 6–9 s, the message was
   tokenised on the event loop).
3. A 10 MB message's notice vs a short message's whole reply, through ``inference.stream_reply``
   (the notice comes before any tokenising, so it is the faster of the two).

    python bench/hardening_speed.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import httpx  # noqa: E402
from gradio_client import Client  # noqa: E402

from inference import InferenceConfig, complete  # noqa: E402
from loopback import FakeOpenAI  # noqa: E402
from webui.config import AppConfig  # noqa: E402

BIG = "What is my balance? " * 500_000  # 10,000,000 characters


def launch(config: InferenceConfig, app: AppConfig | None = None):
    from app import LAUNCH, build_demo

    demo = build_demo(config, app or AppConfig())
    demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, **LAUNCH)
    return demo


def config_for(base_url: str, model: str) -> InferenceConfig:
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                     "PERSONA_CHAT_MODEL": model})


def seconds(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def direct(url: str, api_name: str, *data) -> None:
    """A call as the page makes it for events outside the queue."""
    httpx.post(f"{url.rstrip('/')}/gradio_api/run/{api_name}", json={"data": list(data), "session_hash": "bench"},
               timeout=60).raise_for_status()


def persona_calls(url: str, rounds: int) -> tuple[float, float]:
    modes = iter(["insurance", "healthcare", "banking"] * rounds)
    switch = statistics.median(seconds(lambda: direct(url, "switch_mode", None, next(modes))) for _ in range(rounds))
    ping = statistics.median(seconds(lambda: direct(url, "ping")) for _ in range(rounds))
    return switch, ping


def queue_figures(fake: FakeOpenAI, rounds: int) -> dict[str, float]:
    idle = launch(config_for(fake.base_url, "ok"))
    busy = launch(config_for(fake.base_url, "fault:timeout=120"), AppConfig(chat_concurrency=1, queue_size=3))
    chatters = [Client(busy.local_url, verbose=False) for _ in range(4)]
    try:
        jobs = [c.submit("hello?", api_name="/chat") for c in chatters]  # 1 running + 3 waiting: full
        time.sleep(3)
        idle_switch, idle_ping = persona_calls(idle.local_url, rounds)
        busy_switch, busy_ping = persona_calls(busy.local_url, rounds)
        for job in jobs:
            job.cancel()
    finally:
        for c in chatters:
            c.close()
        idle.close()
        busy.close()
    return {"switch idle ms": idle_switch * 1000, "switch full ms": busy_switch * 1000,
            "ping idle ms": idle_ping * 1000, "ping full ms": busy_ping * 1000}


def config_during_big_message(fake: FakeOpenAI, rounds: int) -> dict[str, float]:
    demo = launch(config_for(fake.base_url, "ok"))
    url = demo.local_url.rstrip("/")
    try:
        baseline = statistics.median(seconds(lambda: httpx.get(url + "/config", timeout=60)) for _ in range(rounds))
        client = Client(demo.local_url, verbose=False)
        client.predict("mode=banking&seed=3", api_name="/open_link")
        sender = threading.Thread(target=lambda: client.predict(BIG, api_name="/chat"))
        sender.start()
        during = []
        while sender.is_alive():
            during.append(seconds(lambda: httpx.get(url + "/config", timeout=60)))
        sender.join()
        client.close()
    finally:
        demo.close()
    return {"config idle ms": baseline * 1000, "config worst ms": max(during) * 1000}


def refusal_vs_reply(fake: FakeOpenAI, rounds: int) -> dict[str, float]:
    config = config_for(fake.base_url, "ok")

    def ask(text: str) -> None:
        asyncio.run(complete("You are helpful.", [{"role": "user", "content": text}], config=config))

    ask("warm up")
    short = statistics.median(seconds(lambda: ask("What is my balance?")) for _ in range(rounds))
    huge = statistics.median(seconds(lambda: ask(BIG)) for _ in range(rounds))
    return {"short reply ms": short * 1000, "10 MB notice ms": huge * 1000}


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args(argv)
    with FakeOpenAI() as fake:
        f = {**queue_figures(fake, args.rounds), **config_during_big_message(fake, args.rounds),
             **refusal_vs_reply(fake, args.rounds)}
    print(f"persona switch with the chat queue full {f['switch full ms']:.1f} ms vs idle {f['switch idle ms']:.1f} ms "
          f"→ {f['switch full ms'] / f['switch idle ms']:.2f}×; /ping {f['ping full ms']:.1f} ms vs "
          f"{f['ping idle ms']:.1f} ms → {f['ping full ms'] / f['ping idle ms']:.2f}× (before: \"Queue is full\")")
    print(f"GET /config while a 10 MB message is refused: worst {f['config worst ms']:.0f} ms vs idle "
          f"{f['config idle ms']:.0f} ms → {f['config worst ms'] / f['config idle ms']:.1f}× (before: 6–9 s)")
    print(f"10 MB message's notice {f['10 MB notice ms']:.2f} ms vs a short message's reply {f['short reply ms']:.2f} ms "
          f"→ {f['10 MB notice ms'] / f['short reply ms']:.2f}×")
    return f


if __name__ == "__main__":
    main()
