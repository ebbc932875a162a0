"""The conversation eval's tables: each script kind per backend, in a conversation and asked alone.

Markdown, like ``report``, so a run's output can be pasted into the README as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from inference.loops import has_loop

from .conversations import KIND_LABELS, KIND_ORDER
from .converse import ChatOutcome
from .report import Rate, _table


def _rate(outcomes: Iterable[ChatOutcome], alone: bool) -> Rate:
    scored = [o for o in outcomes if not o.fault]
    return Rate(sum((o.alone_verdict if alone else o.verdict).passed for o in scored), len(scored))


def _mean_named(outcomes: Iterable[ChatOutcome], alone: bool) -> str:
    named = [(o.alone_verdict if alone else o.verdict).named for o in outcomes if not o.fault]
    named = [n for n in named if n is not None]
    return f"{sum(named) / len(named):.1f}" if named else "–"


def _loops(outcomes: Iterable[ChatOutcome], alone: bool) -> str:
    replies = [r for o in outcomes for r in ((o.alone_reply,) if alone else o.replies)]
    return f"{sum(map(has_loop, replies))} of {len(replies)}" if replies else "–"


def _columns(backends: Sequence[str]) -> list[tuple[str, str, bool]]:
    return [(b, f"{b} · {where}", alone) for b in backends for where, alone in (("conversation", False), ("alone", True))]


def conversation_table(outcomes: Sequence[ChatOutcome], backends: Sequence[str],
                       modes: Sequence[str] | None = None) -> str:
    """One row per script kind (per mode too, when ``modes`` is given), two columns per backend."""
    columns = _columns(backends)
    present = [k for k in KIND_ORDER if any(o.chat.kind == k for o in outcomes)]
    groups: list[tuple[str, Callable[[ChatOutcome], bool]]] = []
    for kind in present:
        groups.append((KIND_LABELS[kind], lambda o, k=kind: o.chat.kind == k))
        for mode in modes or ():
            groups.append((f"  {kind} · {mode}", lambda o, k=kind, m=mode: o.chat.kind == k and o.chat.mode == m))
    rows = [[label, *(str(_rate((o for o in outcomes if o.backend == b and keep(o)), alone)) for b, _, alone in columns)]
            for label, keep in groups]
    if "summary" in present:
        rows.append(["summary: correct facts named (mean)",
                     *(_mean_named((o for o in outcomes if o.backend == b and o.chat.kind == "summary"), alone)
                       for b, _, alone in columns)])
    if "small_talk" in present:
        rows.append(["small-talk replies that loop",
                     *(_loops([o for o in outcomes if o.backend == b and o.chat.kind == "small_talk"], alone)
                       for b, _, alone in columns)])
    rows.append(["replies that loop (all kinds)",
                 *(_loops([o for o in outcomes if o.backend == b], alone) for b, _, alone in columns)])
    seconds = {b: [o.seconds for o in outcomes if o.backend == b] for b in backends}
    rows.append(["seconds per script, both runs (mean)",
                 *((f"{sum(seconds[b]) / len(seconds[b]):.1f}" if seconds[b] and not alone else "")
                   for b, _, alone in columns)])
    faults = sum(o.fault for o in outcomes)
    note = f"\n\n{faults} scripts met a backend fault and are not scored." if faults else ""
    return _table(["script kind", *(title for _, title, _ in columns)], rows) + note
