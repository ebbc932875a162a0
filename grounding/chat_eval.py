"""``python -m grounding.eval --conversations``: the conversation scripts on each backend, one table.

    python -m grounding.eval --conversations                       # embedded and hosted, 10 personas per mode
    python -m grounding.eval --conversations --n 3 --backends embedded --script-kinds follow_up,summary -v
    python -m grounding.eval --conversations --backends embedded --strategies echo,chat   # compare wordings

With ``--strategies`` each named wording is forced for every backend and gets its own columns.
Every persona gets one script of each kind (``grounding.conversations``), run turn by turn with the
app's prompt and the app's settings (temperature 0.3, replies up to 256 tokens), then its last
request again alone in a fresh chat. Backends run one after the other (see ``grounding.backends``):
the hosted one is PERSONA_CHAT_BASE_URL, or a llama.cpp server started on loopback with the
embedded model's file. On a busy 2-core machine PERSONA_CHAT_THREADS=1 is often faster.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
import time

from inference import ChatSettings, resolve_backend

from .backends import BACKENDS, backend_config
from .chat_report import conversation_table
from .conversations import KIND_ORDER, chats
from .converse import ChatOutcome, run_chats
from .run import personas


class _GuardCounter(logging.Handler):
    """Counts the loop guard's stops (it logs each one) so the report can say how often it stepped in."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.stops = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.stops += 1


def _progress(verbose: bool, total: int, backend: str):
    done = 0
    start = time.perf_counter()

    def show(o: ChatOutcome) -> None:
        nonlocal done
        done += 1
        if verbose:
            mark = "ERR" if o.fault else ("ok " if o.verdict.passed else "no ")
            alone = "ok " if o.alone_verdict.passed else "no "
            turns = " | ".join(f"{t!r} -> {r[:140]!r}" for t, r in zip(o.chat.turns, o.replies, strict=True))
            print(f"{mark}{alone}{backend:<8} {o.chat.mode:<10} {o.chat.kind:<10} {o.seconds:5.1f}s {turns} "
                  f"|| alone -> {o.alone_reply[:140]!r}", file=sys.stderr, flush=True)
        elif done % max(1, total // 10) == 0 or done == total:
            print(f"{backend}: {done}/{total} scripts, {time.perf_counter() - start:.0f}s", file=sys.stderr, flush=True)

    return show


def run_conversations(args: argparse.Namespace) -> int:
    backends = args.backends or list(BACKENDS)
    kinds = args.script_kinds or list(KIND_ORDER)
    unknown = [b for b in backends if b not in BACKENDS] + [k for k in kinds if k not in KIND_ORDER]
    if unknown:
        print(f"unknown backend or script kind: {', '.join(unknown)} (backends: {', '.join(BACKENDS)}; "
              f"kinds: {', '.join(KIND_ORDER)})", file=sys.stderr)
        return 2
    settings = ChatSettings(max_new_tokens=args.max_new_tokens)
    scripts = [c for p in personas(args.modes, args.n, args.seed_start, args.locale) for c in chats(p, kinds)]
    print(f"{len(scripts)} scripts ({args.n} personas per mode, seeds {args.seed_start}…{args.seed_start + args.n - 1}); "
          f"the app's prompt; temperature {settings.temperature}, max {settings.max_new_tokens} new tokens\n",
          flush=True)
    guard = _GuardCounter()
    logging.getLogger("inference.loops").addHandler(guard)
    logging.getLogger("inference.loops").setLevel(logging.INFO)
    outcomes: list[ChatOutcome] = []
    stops: dict[str, int] = {}
    columns: list[str] = []
    for name in backends:
        with backend_config(name) as config:
            backend = resolve_backend(config)
            print(f"{name}: {backend.label} (prompt style {backend.prompt_style!r})", flush=True)
            for strategy in args.strategies or [None]:
                label = f"{name} {strategy}" if strategy else name
                columns.append(label)
                before = guard.stops
                outcomes += asyncio.run(run_chats(scripts, label, backend.prompt_style, settings, config,
                                                  on_outcome=_progress(args.verbose, len(scripts), label),
                                                  strategy=strategy))
                stops[label] = guard.stops - before
    print()
    print(conversation_table(outcomes, columns, args.modes if args.per_kind else None))
    print("\nLoop guard stops: " + ", ".join(f"{b} {n}" for b, n in stops.items()))
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for o in outcomes:
                out.write(json.dumps({
                    "backend": o.backend, "mode": o.chat.mode, "seed": o.chat.seed, "locale": o.chat.locale,
                    "kind": o.chat.kind, "template": o.chat.template, "turns": o.chat.turns, "replies": o.replies,
                    "passed": o.verdict.passed, "named": o.verdict.named, "alone": o.chat.alone,
                    "alone_reply": o.alone_reply, "alone_passed": o.alone_verdict.passed, "fault": o.fault,
                    "loops": o.loops, "seconds": round(o.seconds, 2)}, ensure_ascii=False) + "\n")
    return 0
