"""``python -m grounding.action_eval``: does the assistant do what the customer asks — and only after a yes?

    python -m grounding.action_eval                  # the embedded path's planner, 6 personas per mode
    python -m grounding.action_eval --n 4 --modes banking -v
    python -m grounding.action_eval --grammar        # also: the embedded model choosing the call itself,
                                                     # constrained by a JSON grammar (llama.cpp)

Every persona gets the scripts of ``grounding.action_scripts``: each action asked several ways (the item
named, named an earlier turn, or not needed), and requests the record must refuse. Each script is played
turn by turn through ``prompting.actions.respond`` on a fresh ``Ledger``; a proposal is then answered
"yes". Reported: right action with right arguments (the proposal's words equal those of the intended call),
refused when it should be (and with which reason), proposed before run (the record unchanged until the
yes that follows a proposal; a stray "yes" runs nothing), and the record's invariants after each run
(the persona re-validated from its JSON, and replayed from its events).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from persona import Ledger, PersonaBase, Proposal, Reading, Refusal, list_modes, load_persona, replay
from prompting.actions import ActionPlan, respond

from .action_scripts import ActionScript, scripts
from .report import Rate, _table
from .run import personas


@dataclass(frozen=True)
class ActionOutcome:
    """One script played on one path."""

    script: ActionScript
    path: str
    plan: ActionPlan | None
    right: bool
    """The last turn planned the intended action: the same proposal words, refusal or reading."""
    before_run: bool
    """Nothing changed before the customer's yes, and the yes ran exactly the proposal shown."""
    invariants: bool | None
    """After the run, the record re-validates and replays from its events (None: nothing ran)."""
    seconds: float


def _verdict(script: ActionScript, plan: ActionPlan | None) -> bool:
    expected = script.expected
    if plan is None or plan.action != script.action:
        return False
    if isinstance(expected, Proposal):
        return plan.kind == "propose" and plan.text == expected.text
    if isinstance(expected, Refusal):
        return plan.kind == "refuse"
    if isinstance(expected, Reading):
        return plan.kind == "read" and plan.text == expected.text
    return False


def _invariants(ledger: Ledger) -> bool:
    try:
        return load_persona(ledger.persona.model_dump_json()) == ledger.persona == replay(ledger.origin, ledger.events)
    except ValueError:
        return False


Planner = Callable[[Ledger, str, list[dict]], tuple[Ledger, ActionPlan | None]]


def play(persona: PersonaBase, script: ActionScript, planner: Planner = respond, path: str = "planner") -> ActionOutcome:
    """Play the script's turns, then "yes" to a proposal; check what changed and when."""
    start = time.perf_counter()
    ledger, history, plan = Ledger(persona), [], None
    stray, _ = planner(ledger, "yes", [])  # a yes with nothing proposed runs nothing
    safe = not stray.events and stray.persona == persona
    for turn in script.turns:
        ledger, plan = planner(ledger, turn, history)
        history += [{"role": "user", "content": turn}, {"role": "assistant", "content": plan.text if plan else "…"}]
        safe &= not ledger.events and ledger.persona == persona
    invariants = None
    if plan is not None and plan.kind == "propose":
        shown = ledger.pending
        ledger, done = planner(ledger, "yes", history)
        ran = len(ledger.events) == 1 and done is not None and done.kind == "confirm"
        safe &= ran and shown is not None and ledger.events[0].arguments == shown.arguments
        invariants = _invariants(ledger)
    return ActionOutcome(script, path, plan, _verdict(script, plan), safe, invariants, time.perf_counter() - start)


def _rates(outcomes: Sequence[ActionOutcome], paths: Sequence[str], modes: Sequence[str]) -> str:
    def rate(path: str, keep: Callable[[ActionOutcome], bool], score: Callable[[ActionOutcome], bool | None]) -> str:
        chosen = [o for o in outcomes if o.path == path and keep(o) and score(o) is not None]
        return str(Rate(sum(bool(score(o)) for o in chosen), len(chosen)))

    rows = []
    for mode in modes:
        rows.append([f"right action and arguments · {mode}",
                     *(rate(p, lambda o, m=mode: o.script.mode == m and not o.script.refusal, lambda o: o.right)
                       for p in paths)])
    rows += [
        ["**right action and arguments · all**", *(rate(p, lambda o: not o.script.refusal, lambda o: o.right)
                                                   for p in paths)],
        ["  item named in the request", *(rate(p, lambda o: not o.script.refusal and o.script.phrasing == "named",
                                               lambda o: o.right) for p in paths)],
        ["  item named in an earlier turn", *(rate(p, lambda o: not o.script.refusal and o.script.phrasing == "context",
                                                   lambda o: o.right) for p in paths)],
        ["  second phrasing set", *(rate(p, lambda o: not o.script.refusal and o.script.phrasing ==
                                         "held-out", lambda o: o.right) for p in paths)],
        ["  third set (first, untuned run: 76%)", *(rate(p, lambda o: not o.script.refusal and o.script.phrasing
                                                          == "blind", lambda o: o.right) for p in paths)],
        ["**refused when it should be**", *(rate(p, lambda o: o.script.refusal, lambda o: o.right) for p in paths)],
        ["  second phrasing set", *(rate(p, lambda o: o.script.refusal and o.script.phrasing == "held-out",
                                         lambda o: o.right) for p in paths)],
        ["  third set (first, untuned run: 68%)", *(rate(p, lambda o: o.script.refusal and o.script.phrasing == "blind",
                                         lambda o: o.right) for p in paths)],
        ["**proposed before run**", *(rate(p, lambda o: True, lambda o: o.before_run) for p in paths)],
        ["invariants after each run", *(rate(p, lambda o: True, lambda o: o.invariants) for p in paths)],
    ]
    seconds = {p: [o.seconds for o in outcomes if o.path == p] for p in paths}
    rows.append(["seconds per script (mean)", *(f"{sum(s) / len(s):.3f}" if s else "–" for s in seconds.values())])
    return _table(["", *paths], rows)


def _sample(chosen: list[ActionScript], per_action: int | None) -> list[ActionScript]:
    if per_action is None:
        return chosen
    seen: dict[tuple[str, bool], int] = {}
    out = []
    for s in chosen:
        key = (s.action, s.refusal)
        if seen.get(key, 0) < per_action:
            seen[key] = seen.get(key, 0) + 1
            out.append(s)
    return out


def _csv(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grounding.action_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=6, help="personas per mode (default 6)")
    parser.add_argument("--seed-start", type=int, default=0)
    parser.add_argument("--modes", type=_csv, default=list_modes())
    parser.add_argument("--grammar", action="store_true",
                        help="also let the embedded model choose the call under a JSON-schema grammar")
    parser.add_argument("--hosted", action="store_true",
                        help="also offer the tools to the hosted model (PERSONA_CHAT_BASE_URL, else llama.cpp's server on "
                             "loopback with the embedded model's file) with tools=")
    parser.add_argument("--first-set", action="store_true", help="only the first phrasing set (a shorter run)")
    parser.add_argument("--per-action", type=int, default=None,
                        help="at most this many scripts per action and persona (a shorter run for slow paths)")
    parser.add_argument("--jsonl", type=Path, default=None, help="write every script and its plan to this file")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each script that went wrong")
    args = parser.parse_args(argv)
    people = personas(args.modes, args.n, args.seed_start)
    paths: list[tuple[str, Planner]] = [("planner", respond)]
    if args.grammar:
        from .action_grammar import grammar_planner

        paths.append(("grammar", grammar_planner()))
    hosted = contextlib.ExitStack()
    if args.hosted:
        from .action_grammar import hosted_planner
        from .backends import backend_config

        paths.append(("hosted tools=", hosted_planner(hosted.enter_context(backend_config("hosted")))))
    outcomes: list[ActionOutcome] = []
    played = {p: _sample(scripts(p, held_out=not args.first_set), args.per_action) for p in people}
    total = sum(map(len, played.values()))
    print(f"{total} scripts ({args.n} personas per mode, seeds {args.seed_start}…{args.seed_start + args.n - 1}, "
          f"{sum(s.refusal for ss in played.values() for s in ss)} of them to be refused)\n", flush=True)
    with hosted:
        for name, planner in paths:
            for persona in people:
                for script in played[persona]:
                    o = play(persona, script, planner, name)
                    outcomes.append(o)
                    if args.verbose and not (o.right and o.before_run and o.invariants is not False):
                        got = (o.plan.kind, o.plan.action, o.plan.text[:120]) if o.plan else None
                        want = getattr(script.expected, "text", None) or getattr(script.expected, "reason", None)
                        print(f"{name} {script.mode} {script.seed} {script.action} {script.phrasing}: "
                              f"{script.turns[-1]!r}\n   got {got}\n  want {type(script.expected).__name__}: {want}",
                              file=sys.stderr)
    print(_rates(outcomes, [n for n, _ in paths], args.modes))
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as out:
            for o in outcomes:
                out.write(json.dumps({"path": o.path, "mode": o.script.mode, "seed": o.script.seed,
                                      "action": o.script.action, "phrasing": o.script.phrasing,
                                      "turns": o.script.turns, "refusal": o.script.refusal,
                                      "plan": o.plan and [o.plan.kind, o.plan.action, o.plan.text],
                                      "right": o.right, "before_run": o.before_run, "invariants": o.invariants},
                                     ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
