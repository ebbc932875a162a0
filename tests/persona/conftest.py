"""Shared fixtures for the persona tests: date shifting (the ``golden`` fixture is in tests/conftest.py).

Test modules are imported with ``--import-mode=importlib``, so helpers are handed out as fixtures
rather than imported; each module states its own constants (the fixed as_of is 2026-01-15).

Golden files (tests/persona/golden/*.json) are compared byte for byte. After a deliberate change to
the engine, rewrite them with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/persona`` and review the diff.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest


@pytest.fixture
def shift():
    """``shift(tree, days)``: see ``shift_dates``."""
    return shift_dates


def is_iso_date(value: object) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-"


def shift_dates(value, days: int):
    """Move every ISO date in a ``model_dump(mode="json")`` tree by ``days``."""
    if isinstance(value, dict):
        return {k: shift_dates(v, days) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_dates(v, days) for v in value]
    if is_iso_date(value):
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    return value
