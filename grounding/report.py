"""Turn outcomes into the eval's tables: recall per mode and overall, the no-invention rate, recall per kind.

Tables are Markdown so a run's output can be pasted into the README as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .run import Outcome


@dataclass(frozen=True)
class Rate:
    """``hits`` out of ``total``, printed as '85% (85/100)'."""

    hits: int
    total: int

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def __str__(self) -> str:
        return f"{self.hits / self.total:.0%} ({self.hits}/{self.total})" if self.total else "–"


def rate(outcomes: Iterable[Outcome]) -> Rate:
    """The share of scored outcomes answered correctly (backend faults are left out, not counted wrong)."""
    scored = [o for o in outcomes if not o.fault]
    return Rate(sum(o.correct for o in scored), len(scored))


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    rows = [list(header), *map(list, rows)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def _by(outcomes: Sequence[Outcome], strategies: Sequence[str],
        rows: Iterable[tuple[str, Callable[[Outcome], bool]]]) -> list[list[str]]:
    """One row per (label, predicate): the rate of the matching outcomes under each strategy."""
    return [[label, *(str(rate(o for o in outcomes if o.strategy == s and keep(o))) for s in strategies)]
            for label, keep in rows]


def summary(outcomes: Sequence[Outcome], strategies: Sequence[str], modes: Sequence[str]) -> str:
    """Recall per mode and overall, the no-invention rate and seconds per question, strategies side by side."""
    rows: list[tuple[str, Callable[[Outcome], bool]]] = [
        *((f"recall · {m}", lambda o, m=m: o.question.mode == m and not o.question.absent) for m in modes),
        ("**recall · overall**", lambda o: not o.question.absent),
        ("says \"not on record\" when it isn't", lambda o: o.question.absent),
    ]
    table = _by(outcomes, strategies, rows)
    table.append(["seconds per question (mean)", *(_mean_seconds(o for o in outcomes if o.strategy == s)
                                                   for s in strategies)])
    faults = sum(o.fault for o in outcomes)
    note = f"\n\n{faults} replies were backend faults and are not scored." if faults else ""
    return _table(["", *strategies], table) + note


def per_kind(outcomes: Sequence[Outcome], strategies: Sequence[str]) -> str:
    """Recall (or, for absent kinds, the no-invention rate) per mode and question kind."""
    keys = sorted({(o.question.mode, o.question.absent, o.question.kind) for o in outcomes})
    rows = [(f"{mode} · {kind}{' (absent)' if absent else ''}",
             lambda o, m=mode, k=kind: o.question.mode == m and o.question.kind == k) for mode, absent, kind in keys]
    return _table(["kind", *strategies], _by(outcomes, strategies, rows))


def _mean_seconds(outcomes: Iterable[Outcome]) -> str:
    times = [o.seconds for o in outcomes]
    return f"{sum(times) / len(times):.1f}" if times else "–"
