"""The actions eval command runs and prints its table (the planner path: fast, no model)."""

from __future__ import annotations

from grounding.action_eval import main


def test_the_actions_eval_prints_the_planner_table(capsys):
    assert main(["--n", "1", "--modes", "healthcare", "--first-set"]) == 0
    out = capsys.readouterr().out
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in out.splitlines() if line.startswith("| ")}
    assert rows["**proposed before run**"].startswith("100% (")
    assert rows["invariants after each run"].startswith("100% (")
    assert rows["**right action and arguments · all**"].startswith("100% (")
