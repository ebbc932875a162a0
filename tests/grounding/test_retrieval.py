"""Retrieval: the fact a question asks about comes first, and nothing comes back for unrelated questions."""

from __future__ import annotations

import pytest

from grounding.questions import ask, kinds
from grounding.run import personas
from persona import describe, list_modes
from persona.retrieval import rank, relevant, terms

PEOPLE = personas(list_modes(), 30)


@pytest.mark.parametrize("mode", list_modes())
def test_top_fact_answers_every_phrasing_of_every_recall_kind(mode):
    """The compact prompt shows only the top fact, so it must be the one that answers the question."""
    misses = []
    for p in (p for p in PEOPLE if p.mode == mode):
        facts = describe(p).facts
        for kind in kinds(mode, absent=False):
            for phrasing in range(len(kind.phrasings)):
                q = ask(p, kind, phrasing)
                if q is not None and not q.correct(" ".join(f.sentence for f in relevant(q.text, facts, k=1))):
                    misses.append((p.seed, q.text))
    assert not misses


def test_unrelated_question_finds_nothing():
    facts = describe(PEOPLE[0]).facts
    assert relevant("What's my mortgage rate?", facts) == []
    assert relevant("", facts) == []


def test_terms_drop_function_words_and_fold_suffixes():
    assert terms("What are my pending claims?") == {"pend", "claim"}
    assert terms("When did I join?") == {"join"}
    assert terms("Policies renewed") == {"policy", "renew"}


def test_rank_prefers_rare_shared_words_and_keeps_record_order_on_ties():
    facts = describe(PEOPLE[0]).facts
    ranked = rank("savings balance", facts)
    assert ranked[0][1].key == "savings_balance"
    assert [s for s, _ in ranked] == sorted((s for s, _ in ranked), reverse=True)


def test_relevant_drops_facts_far_below_the_best():
    facts = describe(PEOPLE[0]).facts
    best = rank("savings balance", facts)[0][0]
    assert all(s >= 0.5 * best for s, f in rank("savings balance", facts) if f in relevant("savings balance", facts))
