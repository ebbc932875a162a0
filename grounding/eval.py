"""Fact-recall eval: does the assistant state the customer's facts, and admit what the record lacks?

    python -m grounding.eval                      # 20 personas per mode, baseline vs this backend's default
    python -m grounding.eval --n 5 --modes banking --strategies seed,full,retrieval --per-kind

The backend comes from the environment exactly as in the app (PERSONA_CHAT_BACKEND, PERSONA_CHAT_BASE_URL,
PERSONA_CHAT_MODEL, HF_TOKEN, …) and every question goes through ``inference.complete`` at the app's
default temperature. By default the baseline ("seed", the original app's prompt) runs beside the
strategy the app uses for this backend's prompt style, in the same run.

Each persona is asked 5 recall kinds (a window rotating over all of them, so 20 personas ask every
kind 7–8 times per mode) and 2 questions the record cannot answer. Sampling is not seeded (the
interface takes no seed), so figures move by a few points between runs; compare strategies within
one run. On a busy 2-core machine, PERSONA_CHAT_THREADS=1 makes the embedded model several times faster.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from inference import ChatSettings, InferenceConfig, resolve_backend
from persona import list_modes
from prompting import DEFAULTS, STRATEGIES

from .report import per_kind, summary
from .run import AS_OF, Outcome, personas, run

BASELINE = "seed"
EVAL_MAX_NEW_TOKENS = 96
"""Replies are cut at 96 tokens (the app allows 256): enough for the longest fact sentence (an insurance
policy's, ~55 tokens) with room to spare, while a fact first stated later than that is not an answer a
customer reads, and uncapped rambling would make a run several times longer."""


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m grounding.eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20, help="personas per mode (default 20)")
    parser.add_argument("--modes", type=_csv, default=list_modes(), help="comma-separated modes (default: all)")
    parser.add_argument("--strategies", type=_csv, default=None,
                        help=f"comma-separated prompt strategies (default: {BASELINE} and this backend's default); "
                             f"known: {', '.join(STRATEGIES)}")
    parser.add_argument("--seed-start", type=int, default=0, help="first persona seed (default 0)")
    parser.add_argument("--locale", default="en_US", help="persona locale (default en_US)")
    parser.add_argument("--recall-per-persona", type=int, default=5,
                        help="recall kinds asked per persona, rotating over all kinds (default 5; 0 = every kind)")
    parser.add_argument("--absent-per-persona", type=int, default=2,
                        help="questions per persona whose answer is not in the record (default 2)")
    parser.add_argument("--kinds", type=_csv, default=None, help="only these question kinds")
    parser.add_argument("--max-new-tokens", type=int, default=EVAL_MAX_NEW_TOKENS,
                        help=f"reply length cap (default {EVAL_MAX_NEW_TOKENS})")
    parser.add_argument("--per-kind", action="store_true", help="also print recall per question kind")
    parser.add_argument("--jsonl", type=Path, default=None, help="write every question and reply to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each question and reply as it is scored")
    args = parser.parse_args(argv)
    unknown = [s for s in args.strategies or () if s not in STRATEGIES]
    if unknown:
        parser.error(f"unknown strategy {', '.join(unknown)}; choose from {', '.join(STRATEGIES)}")
    return args


def _progress(verbose: bool, total: int):
    done = 0
    start = time.perf_counter()

    def show(o: Outcome) -> None:
        nonlocal done
        done += 1
        if verbose:
            mark = "ok " if o.correct else ("ERR" if o.fault else "no ")
            print(f"{mark} {o.strategy:<16} {o.question.mode:<10} {o.question.kind:<20} {o.seconds:5.1f}s "
                  f"{o.question.text!r} -> {o.answer[:160]!r}", file=sys.stderr, flush=True)
        elif sys.stderr.isatty() and (done % 10 == 0 or done == total):
            print(f"\r{done}/{total} replies, {time.perf_counter() - start:.0f}s", end="", file=sys.stderr, flush=True)
            if done == total:
                print(file=sys.stderr)
        elif done % max(1, total // 10) == 0 or done == total:  # a log file gets ten plain lines, not \r noise
            print(f"{done}/{total} replies, {time.perf_counter() - start:.0f}s", file=sys.stderr, flush=True)

    return show


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    config = InferenceConfig.from_env()
    backend = resolve_backend(config)
    strategies = args.strategies or list(dict.fromkeys([BASELINE, DEFAULTS[backend.prompt_style]]))
    settings = ChatSettings(max_new_tokens=args.max_new_tokens)
    people = personas(args.modes, args.n, args.seed_start, args.locale)
    recall_n = args.recall_per_persona or None
    per_persona = (recall_n or 14) + args.absent_per_persona
    print(f"Backend: {backend.label} (prompt style {backend.prompt_style!r}); temperature {settings.temperature}, "
          f"max {settings.max_new_tokens} new tokens")
    print(f"{args.n} personas per mode ({args.locale}, seeds {args.seed_start}…{args.seed_start + args.n - 1}, "
          f"as of {AS_OF}); strategies: {', '.join(strategies)}; "
          f"default for this backend: {DEFAULTS[backend.prompt_style]}\n", flush=True)

    outcomes = asyncio.run(run(people, strategies, settings, config, recall_per_persona=recall_n,
                               absent_per_persona=args.absent_per_persona, kinds=args.kinds,
                               on_outcome=_progress(args.verbose, len(people) * per_persona * len(strategies))))
    print(summary(outcomes, strategies, args.modes))
    if args.per_kind:
        print()
        print(per_kind(outcomes, strategies))
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for o in outcomes:
                out.write(json.dumps({"strategy": o.strategy, "mode": o.question.mode, "seed": o.question.seed,
                                      "kind": o.question.kind, "absent": o.question.absent,
                                      "question": o.question.text, "answer": o.answer, "correct": o.correct,
                                      "fault": o.fault, "seconds": round(o.seconds, 2)}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
