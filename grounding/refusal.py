"""Does an answer say the information is not on record, rather than make something up?"""

from __future__ import annotations

import re

from .matchers import plain

_CUES = (
    r"(?:do not|don't|dont|does not|doesn't|did not|didn't) (?:have|see|show|find|hold|list|include|contain)",
    r"(?:can ?not|can't|cant|could not|couldn't|am unable to|i'm unable to|unable to) (?:find|see|access|locate|provide|share|tell|give|look)",
    r"\bno (?:information|info|record|records|details|data|mention|such)\b",
    r"(?:\bnot|n't) (?:in|on|part of) (?:your|the|our|my) (?:record|records|file|account|profile|information|data)",
    r"\bnot (?:available|listed|shown|recorded|on file|on record|included|mentioned)\b",
    r"\bthere (?:is|are) no\b",
    r"\bnothing (?:in|on|about)\b",
    r"\byou (?:do not|don't) (?:have|hold|seem to have)\b",
    r"\bnot aware of\b",
    r"\bi (?:don't|do not) know\b",
)
_REFUSAL = re.compile("|".join(f"(?:{c})" for c in _CUES))


def says_not_on_record(answer: str) -> bool:
    """True when the answer states the record lacks the information (or that the customer has no such thing)."""
    return bool(_REFUSAL.search(plain(answer).replace("’", "'")))
