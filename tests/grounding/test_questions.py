"""The question bank: enough kinds and phrasings per mode, and every expected answer is in the record."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from grounding.questions import ask, kinds, questions
from grounding.run import personas
from persona import describe, list_modes

PEOPLE = personas(list_modes(), 15)
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("mode", list_modes())
def test_each_mode_has_eight_recall_kinds_and_some_absent_ones(mode):
    recall = kinds(mode, absent=False)
    assert len(recall) >= 8
    assert all(len(k.phrasings) >= 2 for k in recall)
    assert kinds(mode, absent=True)


@pytest.mark.parametrize("p", PEOPLE, ids=lambda p: f"{p.mode}-{p.seed}")
def test_the_record_itself_answers_every_recall_question(p):
    """The persona card's facts and tables state each expected answer: the bank never asks the impossible."""
    view = describe(p)
    record = " ".join([*(f"{f.label}: {f.value}. {f.sentence}" for f in view.facts),
                       *("; ".join(row) for t in view.tables for row in t.rows)])
    for kind in kinds(p.mode, absent=False):
        for phrasing in range(len(kind.phrasings)):
            q = ask(p, kind, phrasing)
            assert q is None or q.correct(record), (q.kind, q.text)


@pytest.mark.parametrize("p", PEOPLE, ids=lambda p: f"{p.mode}-{p.seed}")
def test_absent_questions_are_not_answered_by_the_record(p):
    """An absent question's only correct answer is a refusal, and the record's own sentences are not one."""
    sentences = " ".join(f.sentence for f in describe(p).facts)
    for kind in kinds(p.mode, absent=True):
        q = ask(p, kind)
        assert q is None or not q.correct(sentences), q.text


def test_questions_are_reproducible_and_rotate_over_kinds():
    p = PEOPLE[0]
    assert [q.text for q in questions(p, 1, 5)] == [q.text for q in questions(p, 1, 5)]
    seen = {q.kind for s in PEOPLE if s.mode == "banking" for q in questions(s, 0, 5)}
    assert seen == {k.name for k in kinds("banking", absent=False)}


def test_phrasings_rotate_across_personas():
    texts = {q.text for p in PEOPLE if p.mode == "banking" for q in questions(p, 0) if q.kind == "checking_balance"}
    assert len(texts) >= 2


_CHILD = """
import sys, threading, time
from grounding.questions import Kind, kinds, register
{body}
"""


def _run(body: str) -> str:
    """Run ``body`` in a fresh interpreter, where the bank has not been discovered yet."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", _CHILD.format(body=body)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout


def test_threads_asking_during_discovery_all_see_every_kind():
    """Threads arriving a millisecond apart land mid-discovery: none may see a half-registered bank."""
    out = _run("""
seen, barrier = [], threading.Barrier(24)
def look(i):
    barrier.wait()
    time.sleep(i / 1000)
    seen.append(len(kinds("healthcare")))
threads = [threading.Thread(target=look, args=(i,)) for i in range(24)]
[t.start() for t in threads]; [t.join() for t in threads]
print(sorted(set(seen)), len(kinds("healthcare")))
""")
    seen, total = out.rsplit(" ", 1)
    assert seen == f"[{total.strip()}]", out


def test_a_kind_registered_before_the_first_lookup_does_not_hide_the_bank():
    out = _run("""
register("healthcare", Kind("toy", ("Toy?", "Toy, please?"), lambda p: []))
print(",".join(k.name for k in kinds("healthcare")))
""")
    names = out.strip().split(",")
    assert "toy" in names and len(names) > 8, names
