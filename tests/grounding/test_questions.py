"""The question bank: enough kinds and phrasings per mode, and every expected answer is in the record."""

from __future__ import annotations

import pytest

from grounding.questions import ask, kinds, questions
from grounding.run import personas
from persona import describe, list_modes

PEOPLE = personas(list_modes(), 15)


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
