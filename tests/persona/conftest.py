from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

AS_OF = date(2026, 1, 15)
HERE = Path(__file__).parent
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def check_golden(path: Path, text: str) -> None:
    """Compare byte-for-byte with a checked-in file; `UPDATE_GOLDEN=1 pytest tests/persona` rewrites it."""
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"missing golden file {path.name}; run UPDATE_GOLDEN=1 pytest tests/persona")
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path.name} changed (UPDATE_GOLDEN=1 to accept)"


@pytest.fixture
def golden():
    """golden(relative_path, text): compare with tests/persona/<relative_path>."""
    return lambda rel, text: check_golden(HERE / rel, text)
