"""Fact-recall eval: the seed app's prompt beside the app's default for this backend, in one run.

Same as ``python -m grounding.eval`` (all its options apply); see that module for what is measured.

    python bench/grounding_eval.py [--n 20] [--strategies seed,echo] [--per-kind]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from grounding.eval import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
