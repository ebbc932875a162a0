"""The README's persona example runs as written, so the docs never lie."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_persona_example_runs(capsys):
    text = README.read_text(encoding="utf-8")
    section = text.split("## The persona API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "unknown mode 'mortgages'; choose one of: banking, insurance, healthcare" in out
