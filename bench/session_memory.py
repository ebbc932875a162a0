"""Memory per open session (issue 12, row 5), measured in one run on this machine.

1. RSS per open session: ``--sessions`` visitors open the page (its two load events, as a browser sends them),
   then, once their states have expired, a second wave as large. The app keeps at most that many sessions
   (``PERSONA_CHAT_MAX_SESSIONS``), so the second wave shows what a full app adds: Gradio keeps a session's
   copy of the page config until capacity pushes it out, expired or not.
2. Where it goes (tracemalloc, bytes still allocated after a garbage collection): a whole session, Gradio's
   own share (the per-session copy of the page config it builds before any event, and the values it keeps
   of every output, the card's HTML among them), and the app's state (the ``Session``).
3. Five 10 MB messages in one session: the memory they add (each is cut to ``PERSONA_CHAT_MAX_MESSAGE_CHARS``
   as shown; none reaches a model).

    python bench/session_memory.py [--sessions 2000] [--ttl 5]
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import httpx  # noqa: E402
from gradio.state_holder import SessionState  # noqa: E402
from gradio_client import Client  # noqa: E402

from inference import InferenceConfig  # noqa: E402
from loopback import FakeOpenAI  # noqa: E402
from webui.config import AppConfig  # noqa: E402

KB = 1024
BIG = "What is my balance? " * 500_000  # 10,000,000 characters


def rss() -> int:
    """This process's resident memory in bytes, after a garbage collection."""
    gc.collect()
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * KB
    raise RuntimeError("no VmRSS in /proc/self/status")


def traced() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def open_pages(http: httpx.Client, url: str, names: range, prefix: str) -> None:
    """Each session opens the page: its load events, as the browser calls them (outside the queue)."""
    for i in names:
        for event in ("on_load", "on_settings"):
            http.post(f"{url}/gradio_api/run/{event}", json={"data": [], "session_hash": f"{prefix}{i}"},
                      timeout=60).raise_for_status()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=2000)
    parser.add_argument("--ttl", type=int, default=5, help="state time to live in seconds for the run")
    args = parser.parse_args()
    n = args.sessions
    from app import LAUNCH, build_demo

    with FakeOpenAI() as fake, httpx.Client() as http:
        config = InferenceConfig.from_env({"PERSONA_CHAT_BACKEND": "hosted", "PERSONA_CHAT_BASE_URL": fake.base_url,
                                           "PERSONA_CHAT_MODEL": "ok"})
        sample, warm = 200, 50
        # room for exactly the warm-up and the first wave: the second wave replaces the first
        app = AppConfig().model_copy(update={"state_ttl": args.ttl, "max_sessions": warm + n})
        demo = build_demo(config, app)
        demo.launch(server_name="127.0.0.1", prevent_thread_lock=True, quiet=True, **LAUNCH)
        url = demo.local_url.rstrip("/")
        holder = demo.server_app.state_holder
        try:
            open_pages(http, url, range(warm), "warm-")  # imports, caches and pools reach their steady size

            before = rss()
            start = time.perf_counter()
            open_pages(http, url, range(n), "first-")
            first, took = rss(), time.perf_counter() - start
            time.sleep(args.ttl + 3)  # Gradio deletes expired states every second
            expired = rss()
            open_pages(http, url, range(n), "second-")
            second = rss()
            holder.capacity += sample  # room for the sample, so no session it measures pushes another out
            tracemalloc.start()
            base = traced()
            open_pages(http, url, range(sample), "traced-")
            whole = (traced() - base) / sample
            state = holder[f"traced-{sample - 1}"]  # read before its state expires
            session = next(v for v in state.state_data.values() if type(v).__name__ == "Session")
            kept_values = sum(len(c["props"]["value"]) for c in state.components
                              if isinstance(c.get("props", {}).get("value"), str))
            base = traced()
            copies = [SessionState(demo) for _ in range(sample)]
            floor = (traced() - base) / sample
            del copies
            tracemalloc.stop()

            print(f"{n} sessions opened the page in {took:.1f} s (capacity {warm + n}, "
                  f"{len(holder.session_data) - sample} kept after the second wave)")
            print(f"  RSS per open session: {(first - before) / n / KB:.0f} KB "
                  f"({before / KB / KB:.0f} -> {first / KB / KB:.0f} MB)")
            print(f"  after the states expired: {expired / KB / KB:.0f} MB; a second wave of {n} at capacity adds "
                  f"{(second - expired) / n / KB:.0f} KB a session ({(second - expired) / (first - before):.2f}x "
                  "the first)")
            print(f"  one open session, retained (tracemalloc, {sample} sessions): {whole / KB:.0f} KB; of which "
                  f"Gradio's copy of the page config before any event: {floor / KB:.0f} KB ({floor / whole:.0%}), "
                  f"the text of the outputs Gradio keeps in it (card, strip, link, ...): {kept_values / KB:.0f} KB; "
                  f"the app's Session state: {len(pickle.dumps(session))} bytes pickled")

            client = Client(url + "/", verbose=False)
            client.predict("mode=banking&seed=3", api_name="/open_link")
            client.predict("hello", api_name="/chat")
            tracemalloc.start()
            base, base_rss = traced(), rss()
            for _ in range(5):
                client.predict(BIG, api_name="/chat")
            big, big_rss = traced() - base, rss() - base_rss
            client.predict("hello again", api_name="/chat")
            after = traced() - base
            tracemalloc.stop()
            client.close()
            print(f"  five 10 MB messages in one session: {big / KB / KB:.1f} MB retained ({big_rss / KB / KB:.0f} MB "
                  f"RSS), the last request's body; after one short message more: {after / KB:.0f} KB")
        finally:
            demo.close()

if __name__ == "__main__":
    main()
