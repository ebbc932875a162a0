"""Refusal detection: saying the record lacks something, as opposed to answering."""

from __future__ import annotations

import pytest

from grounding.refusal import says_not_on_record


@pytest.mark.parametrize("text", [
    "I don't have that information.",
    "I’m sorry, I do not have your mortgage rate on file.",
    "There is no mortgage in your record.",
    "That isn't in your record.",
    "I can't find a 401(k) in your accounts.",
    "Your record has no information about a safe deposit box.",
    "That's not available in your record.",
    "You don't have a travel policy with us.",
])
def test_says_not_on_record(text):
    assert says_not_on_record(text)


@pytest.mark.parametrize("text", [
    "Your mortgage rate is 4.5%.",
    "Your checking balance is $1,731.69.",
    "Your 401(k) balance is $12,000.00.",
])
def test_an_answer_is_not_a_refusal(text):
    assert not says_not_on_record(text)
