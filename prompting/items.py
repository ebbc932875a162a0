"""Rows of the record's tables a message names: a merchant, a claim number, a provider, a date, "the second one".

Headline facts hold one line per thing (the latest claim, the next appointment); a customer who asks
about *their* FreshMart purchases, claim CLM-7119731, or what they bought on Jan 12 needs the rows of
``describe(persona).tables`` that mention it. A row is worded as one line ("Claim: claim CLM-…; date
…; amount …"), or as the headline fact that already states it, when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_month_names

from persona import Fact, Table

from .retrieval import stem, terms

_YEAR = re.compile(r"\b\d{4}\b")
_TIME = re.compile(r"^\d{1,2}[:.h]\d{2}")
_LETTER = re.compile(r"[^\W\d_]")
SPECIFIC_SHARE = 0.34
"""A word names an item when at most this share of its table's rows (at least one) contain it: "FreshMart"
in 3 of 20 transactions does, "purchase" in all of them doesn't."""
MAX_ROWS = 5
"""Rows put before a question at most: a small model reads a few lines, not a statement."""
_TABLE_WORDS = {"bill": "payment", "bills": "payment", "purchase": "transaction", "purchases": "transaction",
                "bought": "transaction", "spend": "transaction", "spent": "transaction", "medication": "prescription",
                "medications": "prescription", "medicine": "prescription", "medicines": "prescription",
                "meds": "prescription", "drug": "prescription", "drugs": "prescription", "visit": "appointment",
                "visits": "appointment", "doctor": "appointment", "see": "appointment"}
"""Everyday words for what a table holds, mapped to a word of its title (the titles are the record's own)."""


@dataclass(frozen=True)
class Item:
    """One row of one table, and the line a prompt shows for it."""

    table: str
    index: int
    line: str


def _singular(title: str) -> str:
    head, _, last = title.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}".strip()


def _is_date(cell: str) -> bool:
    return bool(_YEAR.search(cell))


def _names(cell: str) -> bool:
    """A cell that can name an item: it has letters and is no date, time or amount."""
    return bool(_LETTER.search(cell)) and not _is_date(cell) and not _TIME.match(cell)


def row_line(table: Table, row: Sequence[str]) -> str:
    """'Claim: claim CLM-1234567; date Jan 3, 2026; type Storm damage; amount $9,512.40; status pending.'"""
    return f"{_singular(table.title)}: " + "; ".join(f"{c.lower()} {v}" for c, v in zip(table.columns, row, strict=False)) + "."


def _fact_for(row: Sequence[str], facts: Sequence[Fact]) -> Fact | None:
    """The headline fact stating this very row (its first naming cell and every date in it), if any."""
    key = next((c for c in row if _names(c)), None)
    if key is None:
        return None
    must = [key, *(c for c in row if _is_date(c))]
    for fact in facts:
        text = f"{fact.label} {fact.value}"
        if all(part in text for part in must):
            return fact
    return None


def item(table: Table, index: int, facts: Sequence[Fact]) -> Item:
    row = table.rows[index]
    fact = _fact_for(row, facts)
    return Item(table.title, index, fact.sentence if fact else row_line(table, row))


@lru_cache(maxsize=8)
def _month_variants(language: str) -> tuple[tuple[str, str], ...]:
    """(abbreviated, wide) month names, so 'Jan 12' also reads as 'January 12'."""
    short = get_month_names("abbreviated", locale=language)
    wide = get_month_names("wide", locale=language)
    return tuple((short[m].rstrip(".").casefold(), wide[m].casefold()) for m in short if short[m] != wide[m])


def _date_forms(cell: str, language: str) -> set[str]:
    """Ways a customer may write the date in ``cell``: as shown, without its year, with the month spelt out."""
    base = " ".join(cell.casefold().split())
    forms = {base, _YEAR.sub("", base).strip(" ,./-")}
    for short, wide in _month_variants(language):
        for form in list(forms):
            if re.search(rf"\b{re.escape(short)}\b\.?", form):
                forms.add(re.sub(rf"\b{re.escape(short)}\b\.?", wide, form))
    return {f for f in forms if len(f) >= 4}


def table_topic(query: Mapping[str, float], tables: Sequence[Table]) -> Table | None:
    """The table a message is about ("my policies", "my bills"), by the words of its title."""
    asked = {stem(_TABLE_WORDS.get(t, t)) for t in query}
    best, score = None, 0.0
    for table in tables:
        title = terms(table.title)
        hit = sum(query.get(t, 0.0) for t in query if stem(_TABLE_WORDS.get(t, t)) in title) if asked & title else 0.0
        if hit > score and table.rows:
            best, score = table, hit
    return best


LOWERCASE_WEIGHT = 0.5
"""A name typed in lowercase counts half: "how strong is my Amlodipine?" doesn't mean Dr. Strong, while
"FreshMart" or "CLM-7119731" is plainly a name. Rows are shown for a score of 1 (a name, or a date)."""


def _written_as_names(message: str) -> set[str]:
    """Terms of the words the customer wrote capitalised or with digits (not counting the first word)."""
    words = re.findall(r"[\w'’-]+", message)[1:]
    return set().union(*(terms(w) for w in words if w[:1].isupper() or any(ch.isdigit() for ch in w))) if words else set()


def named_items(message: str, query: Mapping[str, float], tables: Sequence[Table], facts: Sequence[Fact],
                held_words: set[str], language: str = "en") -> tuple[list[Item], float]:
    """Rows the message names by a word specific to them (a merchant, a claim id, a provider) or by a date,
    and how strongly (see ``LOWERCASE_WEIGHT``).

    ``held_words`` are words the headline facts are filed under (labels and keywords): those are topics
    ("auto", "pending", a medication), answered by the facts themselves, not item names.
    """
    text = " ".join(message.casefold().split())
    shown = _written_as_names(message)
    scored: list[tuple[float, Table, int]] = []
    for table in tables:
        bags = [set().union(*(terms(c) for c in row if _names(c))) if any(_names(c) for c in row) else set()
                for row in table.rows]
        df: dict[str, int] = {}
        for bag in bags:
            for t in bag:
                df[t] = df.get(t, 0) + 1
        limit = max(1, int(SPECIFIC_SHARE * len(table.rows)))
        for i, (row, bag) in enumerate(zip(table.rows, bags, strict=True)):
            score = sum(w * (1.0 if t in shown else LOWERCASE_WEIGHT) for t, w in query.items()
                        if t in bag and df[t] <= limit and t not in held_words)
            if any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text)
                   for c in row if _is_date(c) for form in _date_forms(c, language)):
                score += 1.0
            if score > 0:
                scored.append((score, table, i))
    if not scored:
        return [], 0.0
    best = max(s for s, _, _ in scored)
    picked = [(t, i) for s, t, i in scored if s >= best]
    topic = table_topic(query, tables)
    if topic is not None and any(t is topic for t, _ in picked):
        picked = [(t, i) for t, i in picked if t is topic]
    return [item(t, i, facts) for t, i in picked[:MAX_ROWS]], best
