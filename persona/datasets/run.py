"""Generate a plan's personas on worker processes, written in seed order, in bounded memory.

Seeds go out in chunks; at most ``WINDOW`` chunks per worker are in flight, and the results are taken
back in the order the chunks were sent, so the file is the same with any number of workers, and memory
holds a few chunks whatever the run's size. One worker runs in this process: nothing to send or receive.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO

from .formats import Encoder
from .plan import Plan, chunks

CHUNK = 64
"""Seeds per task: large enough that sending results costs little next to generating them."""
WINDOW = 4
"""Chunks in flight per worker: keeps every worker busy while the writer catches up, and memory flat."""

Rows = list[tuple[bytes, ...]]
_job: tuple[Plan, Encoder] | None = None


@dataclass(frozen=True)
class Summary:
    rows: int
    """Personas written."""
    seeds: int
    """Seeds tried: more than ``rows`` when a scenario filter skipped records that cannot support it."""


def _start_worker(plan: Plan, encoder: Encoder) -> None:
    """A worker leaves Ctrl-C to the parent (which stops the pool) and keeps the run's plan and encoder."""
    global _job
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _job = (plan, encoder)


def _encode_chunk(seeds: list[int]) -> tuple[int, Rows]:
    plan, encoder = _job
    rows = []
    for seed in seeds:
        persona = plan.persona(seed)
        if persona is not None:
            rows.append(encoder.encode(persona))
    return len(seeds), rows


def _context():
    """fork where there is one (workers start with the engine already imported); else the platform's default."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _in_pool(plan: Plan, encoder: Encoder, tasks: Iterable[list[int]], workers: int) -> Iterator[tuple[int, Rows]]:
    """Each chunk's result in the order sent, with at most ``WINDOW * workers`` chunks pending.

    However the caller stops (done, enough rows, an error, Ctrl-C), chunks not started are cancelled and
    the workers finish the one in hand and exit: nothing is killed mid-write, nothing outlives the run.
    """
    pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_start_worker, initargs=(plan, encoder))
    pending: deque = deque()
    try:
        for chunk in tasks:
            pending.append(pool.submit(_encode_chunk, chunk))
            if len(pending) >= WINDOW * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_process(plan: Plan, encoder: Encoder, tasks: Iterable[list[int]]) -> Iterator[tuple[int, Rows]]:
    global _job
    _job = (plan, encoder)
    try:
        yield from map(_encode_chunk, tasks)
    finally:
        _job = None


def run(plan: Plan, encoder: Encoder, sinks: Sequence[BinaryIO], workers: int = 1,
        progress: Callable[[int], object] | None = None, chunk: int = CHUNK) -> Summary:
    """Write the plan's personas to ``sinks`` (one per ``encoder.streams``, headers first), in seed order."""
    for sink, (_, header) in zip(sinks, encoder.streams, strict=True):
        if header:
            sink.write(header)
    tasks = chunks(plan.seeds(), chunk)
    results = _in_process(plan, encoder, tasks) if workers <= 1 else _in_pool(plan, encoder, tasks, workers)
    cap = plan.count if plan.scenario is not None else None  # a filtered run stops at count rows
    written = tried = 0
    try:
        for n, rows in results:
            if cap is not None:
                rows = rows[:cap - written]
            for i, sink in enumerate(sinks):
                sink.write(b"".join(row[i] for row in rows))
            written += len(rows)
            tried += n
            if progress is not None and rows:
                progress(len(rows))
            if cap is not None and written >= cap:
                break
    finally:
        results.close()
    return Summary(rows=written, seeds=tried)
