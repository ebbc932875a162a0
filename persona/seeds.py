"""Seed normalisation: every accepted spelling of a seed maps to one int in [0, SEED_SPACE)."""

from __future__ import annotations

import operator
import re

from .errors import InvalidSeedError

SEED_SPACE = 2**32
"""Seeds are reduced modulo this, so any int is accepted and the canonical range is 0..2**32-1."""

_INTEGER = re.compile(r"[+-]?[0-9]{1,4300}")  # 4300 digits: Python's int-parsing safety limit


def normalise_seed(value: int | str) -> int:
    """Return the canonical seed for ``value``.

    Accepts an int (or an integer type such as ``numpy.int64``) or a string of ASCII decimal
    digits with an optional sign and surrounding whitespace. Negative and huge values wrap
    modulo ``SEED_SPACE`` (Python's ``%`` keeps the result non-negative), so ``-1`` is
    ``4294967295`` and ``2**32 + 7`` is ``7``. Booleans, floats (even ``1.0``), ``"1e5"``,
    ``"0x10"``, digit strings over 4,300 characters (Python's int-parsing limit) and empty
    strings are rejected with ``InvalidSeedError``: only what is plainly a whole number is a seed.
    """
    if not isinstance(value, (int, str)) and hasattr(type(value), "__index__"):
        try:
            value = operator.index(value)
        except TypeError:
            pass  # e.g. numpy.bool_: rejected below like bool
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InvalidSeedError(
            f"seed must be an integer or a string of digits, not {type(value).__name__}; "
            f"use a number from 0 to {SEED_SPACE - 1}"
        )
    if isinstance(value, str):
        text = value.strip()
        if not _INTEGER.fullmatch(text):
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise InvalidSeedError(
                f"seed {shown!r} is not a whole number; use a number from 0 to {SEED_SPACE - 1}"
            )
        value = int(text)
    return value % SEED_SPACE
