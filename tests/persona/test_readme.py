"""The README's persona example runs as written, so the docs never lie."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from persona import example_prompts, generate

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_persona_example_runs(capsys):
    text = README.read_text(encoding="utf-8")
    section = text.split("## The persona API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "unknown mode 'mortgages'; choose one of: banking, insurance, healthcare" in out
    p = generate("insurance", 42, "en_GB", date(2026, 1, 15))
    assert f"{p.scenario.title} - {p.scenario.summary}" in out
    chosen = generate("insurance", 42, "en_GB", date(2026, 1, 15), scenario="new_claim")
    assert chosen.scenario.kind == "new_claim" and str(example_prompts(chosen)) in out
    assert "scenario 'slow_claim' needs a claim pending for 14 days or more" in out and "choose one of: " in out
