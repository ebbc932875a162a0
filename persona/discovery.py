"""Import every module of a package once: how a registry is filled by the modules that register into it.

``persona.industries`` (one module per industry) and the eval's per-industry question and script
banks (``grounding.questions``, ``grounding.conversations``) all work this way; this is the one
place that does the importing.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

_done: set[str] = set()
_lock = threading.RLock()  # re-entrant: a module may look a registry up (and so discover another) while it registers


def import_submodules(package: str) -> None:
    """Import every module of ``package`` (not those starting with ``_``) once, in name order.

    Guarded by a lock and marked done only when every module is in, so a thread arriving mid-way
    waits instead of seeing half a registry, and an entry registered by hand before the first
    lookup does not hide the package's own.
    """
    if package in _done:
        return
    with _lock:
        if package in _done:
            return
        path = importlib.import_module(package).__path__
        for info in sorted(pkgutil.iter_modules(path), key=lambda i: i.name):
            if not info.name.startswith("_"):
                importlib.import_module(f"{package}.{info.name}")
        _done.add(package)


__all__ = ["import_submodules"]
