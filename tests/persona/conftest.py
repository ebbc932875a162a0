"""Shared fixtures for the persona tests: golden files and date shifting.

Test modules are imported with ``--import-mode=importlib``, so helpers are handed out as fixtures
rather than imported; each module states its own constants (the fixed as_of is 2026-01-15).

Golden files (tests/persona/golden/*.json) and prompt snapshots (tests/persona/snapshots/*.txt)
are compared byte for byte. After a deliberate change to the engine or the prompt, rewrite them
with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/persona`` and review the diff.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def check_golden(path: Path, text: str) -> None:
    """Compare ``text`` byte for byte with a checked-in file; ``UPDATE_GOLDEN=1`` rewrites it instead."""
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    if not path.exists():
        pytest.fail(f"missing golden file {path.relative_to(ROOT)}; create it with UPDATE_GOLDEN=1 pytest tests/persona")
    expected = path.read_bytes()
    assert expected == text.encode("utf-8"), (
        f"{path.relative_to(ROOT)} differs from what the engine produces now; if the change is intended, "
        "rewrite it with UPDATE_GOLDEN=1 pytest tests/persona and review the diff")


@pytest.fixture
def golden():
    """``golden(relative_path, text)``: compare with tests/persona/<relative_path>."""
    return lambda rel, text: check_golden(HERE / rel, text)


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
