"""``python -m persona generate``: thousands of personas to a file, the same bytes for the same arguments."""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import time
from datetime import date
from pathlib import Path

from ..engine import AS_OF_RANGE
from ..locales import list_locales
from ..registry import list_modes, list_scenarios
from ..seeds import SEED_SPACE
from .formats import FORMATS
from .output import AtomicFiles, OutputExistsError, table_path
from .plan import DEFAULT_LINK_BASE, Plan
from .run import run

PROG = "python -m persona generate"
DEFAULT_COUNT = 1000
MAX_WORKERS = 256

SYNOPSIS = f"""{PROG} [--mode MODE[,MODE...]|all] [--count N | --seeds A-B]
           [--locale LOCALE[,LOCALE...]|all] [--as-of YYYY-MM-DD] [--scenario KIND|any]
           [--format jsonl|csv|fhir] [--tables] [--out PATH|-] [--force] [--workers N]
           [--link-base URL]"""

DESCRIPTION = """NAME
    persona generate - write many fictional customers to a file: JSON Lines, CSV or FHIR

DESCRIPTION
    Writes one persona per seed, in seed order: the same customer the app shows for the same
    mode, seed, locale and as-of date. The same arguments give the same bytes on every run, with
    any number of workers. With several modes or locales, seed S is mode number S mod M (in the
    order given) in locale number (S div M) mod L, so consecutive seeds go through every pair evenly.

    Every name, number and address is fake: phone numbers come from ranges reserved for fiction,
    e-mail addresses from RFC 2606 domains, SSNs in forms never issued, cards from processors'
    published test numbers.

    A progress bar shows on a terminal (standard error); piped or redirected, the command is
    silent. The output appears whole under its name at the end: an interrupted run leaves none."""

EPILOG = f"""FORMATS
    jsonl   One persona a line, exactly the JSON the app's /persona API returns (persona.load_persona
            reads each line back).
    csv     One row per persona: id, identity, scenario kind and title, then the industry's own facts
            (README, "Datasets", lists every column). With --tables, also one CSV per list in the
            record (transactions, pending_payments, policies, claims, appointments, prescriptions)
            beside the main file, NAME.TABLE.csv, keyed by persona_id and position.
    fhir    Healthcare only: one FHIR transaction Bundle per patient a line (NDJSON), validated with
            fhir.resources (R4B models, the same as R4 for these resources). meta.source is the
            persona's share link, under --link-base.

EXAMPLES
    {PROG} --mode all --count 10000 --format jsonl --out personas.jsonl
    {PROG} --mode banking --locale en_GB,de_DE --seeds 0-999 --format csv --tables --out bank.csv
    {PROG} --mode healthcare --count 500 --format fhir --out patients.ndjson
    {PROG} --mode insurance --scenario slow_claim --count 100 --out - | jq .scenario.title

EXIT STATUS
    0 written; 1 failed while writing (nothing left under the output's name); 2 bad arguments
    (one line on standard error names the argument and what it accepts; nothing written);
    130 interrupted."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (naming the argument and what it accepts) and exit code 2."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


def _several(kind: str, known: list[str], canonical) -> callable:
    def parse(text: str) -> tuple[str, ...]:
        if text.strip().lower() == "all":
            return tuple(known)
        picked = []
        for part in text.split(","):
            name = canonical(part)
            if name is None:
                raise argparse.ArgumentTypeError(
                    f"unknown {kind} {part.strip()[:40]!r}; accepted: {', '.join(known)}, all "
                    "(or several, comma-separated)")
            if name not in picked:
                picked.append(name)
        return tuple(picked)
    return parse


def _mode(text: str) -> str | None:
    name = text.strip().lower()
    return name if name in list_modes() else None


def _locale(text: str) -> str | None:
    wanted = text.strip().replace("-", "_").lower()
    return next((code for code in list_locales() if code.lower() == wanted), None)


def _count(text: str) -> int:
    if not re.fullmatch(r"\s*[0-9]{1,10}\s*", text) or not 1 <= int(text) <= SEED_SPACE:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a count; accepted: a whole number from 1 to {SEED_SPACE}")
    return int(text)


def _seeds(text: str) -> tuple[int, int]:
    m = re.fullmatch(r"\s*([0-9]{1,10})\s*(?:-\s*([0-9]{1,10})\s*)?", text)
    first, last = (int(m[1]), int(m[2] or m[1])) if m else (0, -1)
    if not m or not first <= last < SEED_SPACE:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a seed range; accepted: A-B with "
                                          f"0 <= A <= B <= {SEED_SPACE - 1} (both included), or one seed")
    return first, last


def _as_of(text: str) -> date:
    lo, hi = AS_OF_RANGE
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        day = None
    if day is None or not lo <= day <= hi or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a date; accepted: YYYY-MM-DD from {lo} to {hi}")
    return day


def _workers(text: str) -> int:
    if not re.fullmatch(r"\s*[0-9]{1,4}\s*", text) or not 1 <= int(text) <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of workers; accepted: 1 to {MAX_WORKERS}")
    return int(text)


def _link_base(text: str) -> str:
    if not re.fullmatch(r"https?://[^\s?#]+", text):
        raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a link base; accepted: an http(s) URL such as "
                                          f"{DEFAULT_LINK_BASE} or https://your-space.hf.space/")
    return text if text.endswith("/") else text + "/"


def default_workers() -> int:
    """The machine's cores (those this process may run on, where the platform says)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog=PROG, usage=SYNOPSIS, description=DESCRIPTION, epilog=EPILOG,
                formatter_class=lambda prog: argparse.RawDescriptionHelpFormatter(prog, max_help_position=30, width=100))
    p._optionals.title = "OPTIONS"
    p.add_argument("--mode", type=_several("mode", list_modes(), _mode), default=tuple(list_modes()[:1]),
                   metavar="MODES", help=f"industries: one of {', '.join(list_modes())}, several comma-separated, "
                   f"or all (default: {list_modes()[0]})")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--count", type=_count, metavar="N",
                       help=f"write N personas, seeds from 0 (default: {DEFAULT_COUNT})")
    which.add_argument("--seeds", type=_seeds, metavar="A-B", help="write the personas of seeds A to B, both included")
    p.add_argument("--locale", type=_several("locale", list_locales(), _locale), default=tuple(list_locales()[:1]),
                   metavar="LOCALES", help=f"one of {', '.join(list_locales())}, several comma-separated, or all "
                   f"(default: {list_locales()[0]})")
    p.add_argument("--as-of", type=_as_of, metavar="YYYY-MM-DD",
                   help="the day the records are as of (default: today; give it for a file that is the same any day)")
    p.add_argument("--scenario", default="any", metavar="KIND",
                   help="only customers getting in touch for this reason (a scenario kind every chosen mode "
                   "declares; seeds whose record cannot support it are skipped), or any (default)")
    p.add_argument("--format", choices=list(FORMATS), default="jsonl", help="see FORMATS (default: jsonl)")
    p.add_argument("--tables", action="store_true", help="csv only: also one CSV per table, beside --out")
    p.add_argument("--out", default="-", metavar="PATH", help="the file to write, or - for standard output (default)")
    p.add_argument("--force", action="store_true", help="replace an existing output file")
    p.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help=f"worker processes (default: this machine's cores, {default_workers()})")
    p.add_argument("--link-base", type=_link_base, default=DEFAULT_LINK_BASE, metavar="URL",
                   help=f"where share links point, in FHIR's meta.source (default: {DEFAULT_LINK_BASE})")
    return p


def _check(p: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """What one argument alone can't tell: the combinations."""
    fmt = FORMATS[args.format]
    if fmt.modes is not None and not set(args.mode) <= set(fmt.modes):
        others = [name for name, f in FORMATS.items() if f.modes is None]
        p.error(f"argument --format: {fmt.name} takes {', '.join(fmt.modes)} personas only; "
                f"use --mode {','.join(fmt.modes)}, or for {', '.join(args.mode)} one of: {', '.join(others)}")
    if args.tables and not (fmt.tables and args.out != "-"):
        p.error("argument --tables: needs --format csv and --out FILE (the tables go beside it)")
    if args.scenario.strip().lower() != "any":
        common = [k for k in list_scenarios(args.mode[0]) if all(k in list_scenarios(m) for m in args.mode)]
        kind = args.scenario.strip().replace("-", "_").lower()
        if kind not in common:
            p.error(f"argument --scenario: unknown scenario {args.scenario[:40]!r} for {', '.join(args.mode)}; "
                    f"accepted: any, {', '.join(common)}" if common else
                    f"argument --scenario: {', '.join(args.mode)} share no scenario kind; accepted: any")
        args.scenario = kind
    else:
        args.scenario = None


class _Stopped(Exception):
    """SIGTERM arrived: unwind like Ctrl-C, so the temporary files go."""


def _stop(signum, frame):
    raise _Stopped


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    _check(p, args)
    first, last = args.seeds if args.seeds else (0, SEED_SPACE - 1)
    count = None if args.seeds else (args.count or DEFAULT_COUNT)
    plan = Plan(modes=args.mode, locales=args.locale, as_of=args.as_of or date.today(), first=first, last=last,
                count=count, scenario=args.scenario, link_base=args.link_base)
    fmt = FORMATS[args.format]
    encoder = fmt.encoder(plan, args.tables)
    workers = args.workers or default_workers()
    to_stdout = args.out == "-"
    out = None if to_stdout else Path(args.out)
    files = None
    if out is not None:
        files = AtomicFiles([out, *(table_path(out, name) for name, _ in encoder.streams[1:])], force=args.force)
        try:
            files.check()
        except (OutputExistsError, FileNotFoundError) as exc:
            p.error(f"argument --out: {exc}")
    show = sys.stderr.isatty() and not (to_stdout and sys.stdout.isatty())
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: the workers are forked from this process
    previous = signal.signal(signal.SIGTERM, _stop)
    started = time.perf_counter()
    try:
        with tqdm(total=plan.total, unit=" personas", disable=not show, file=sys.stderr, mininterval=0.25,
                  dynamic_ncols=True, desc=args.format) as bar:
            if files is None:
                summary = run(plan, encoder, [sys.stdout.buffer], workers, bar.update)
                sys.stdout.buffer.flush()
            else:
                with files as sinks:
                    summary = run(plan, encoder, sinks, workers, bar.update)
                    files.commit()
    except (KeyboardInterrupt, _Stopped):
        print(f"{PROG}: interrupted; nothing written under {args.out}", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (… | head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        print(f"{PROG}: {exc}; nothing written under {args.out}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    if show:
        skipped = summary.seeds - summary.rows
        print(f"wrote {summary.rows:,} personas to {'standard output' if to_stdout else out} "
              f"in {time.perf_counter() - started:.1f} s"
              + (f" ({skipped:,} seeds skipped: no {plan.scenario} in their record)" if skipped else ""),
              file=sys.stderr)
    return 0
