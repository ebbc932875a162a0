"""The prompting package's public API, its docstring example and the README's prompting example."""

from __future__ import annotations

import doctest
import re
from datetime import date
from pathlib import Path

import prompting
from persona import describe, generate

README = Path(__file__).resolve().parents[2] / "README.md"


def test_public_api_is_a_short_sorted_all_that_resolves():
    assert prompting.__all__ == sorted(prompting.__all__)
    assert all(hasattr(prompting, name) for name in prompting.__all__)
    assert {"build_system_prompt", "chat_prompt", "DEFAULTS", "STRATEGIES"} <= set(prompting.__all__)


def test_package_docstring_example_runs():
    assert doctest.testmod(prompting, raise_on_error=True).attempted >= 1


def test_readme_prompting_example_runs(capsys):
    section = README.read_text(encoding="utf-8").split("## Prompting", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "Bluestem Mutual Insurance" in out  # the printed system prompt names the institution
    premium = next(f for f in describe(generate("insurance", 42, "en_GB", date(2026, 1, 15))).facts
                   if f.key == "monthly_premium")
    assert out.rstrip().endswith(f"{premium.sentence}\n\nHow much is my monthly premium?")
