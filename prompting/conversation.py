"""Read the whole conversation to decide what the assistant's next reply must say.

The latest message alone is often not enough: "and my savings?" and "when is that due?" lean on the
turn before, "the second one" points into a list, "FreshMart" or "CLM-7119731" names a row of the
record's tables, "summarize my account" wants several facts, "hi" and "thanks" want no facts at all,
and "Was ist mein Kontostand?" is German. ``plan_reply`` turns all that into a ``Reply``: its kind and
the lines (facts, rows, or a ready sentence) the prompt puts before the question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from persona import Fact, PersonaBase, describe, get_industry

from .intent import leans_on_earlier, ordinal, small_talk, wants_summary
from .items import item, named_items, table_topic
from .language import ENGLISH, NAMES, detect_language, in_english
from .retrieval import MIN_COVERAGE, industry_words, ranked_for, terms, unheld_possessions, weights

Messages = list[dict[str, Any]]
ReplyKind = Literal["facts", "not_on_record", "small_talk", "other_language"]

EARLIER_WEIGHTS = (0.5, 0.25)
"""How much the words of the previous user turn, and the one before it, count in a follow-up's query."""
SUMMARY_LINES = 6
_IDENTITY = frozenset({"name", "member_since", "birth_date", "age", "email", "phone", "address", "ssn"})
_SUMMARY_WORDS = frozenset(terms("summary summarize summarise overview everything all about tell me big picture "
                                 "rundown recap glance snapshot full list me you have know with"))
"""Words of a request for an overview; each industry adds the words that name its whole record (``overview_words``)."""


@dataclass(frozen=True)
class Reply:
    """What the next reply should say: ``lines`` of the record (or a ready sentence) of one ``kind``."""

    kind: ReplyKind
    lines: tuple[str, ...] = ()
    language: str = ENGLISH
    topic: str = ""
    """For small talk, which kind ("greeting", "thanks", …); for facts, "summary", "items" or "facts"."""
    facts: tuple[Fact, ...] = field(default=(), compare=False)


def capabilities(persona: PersonaBase) -> str:
    """What the assistant can look up: the industry's own sentence, else the record's table titles."""
    declared = get_industry(persona.mode).capabilities
    if declared:
        return declared
    titles = [t.title.lower() for t in describe(persona).tables]
    return "your " + (", ".join(titles[:-1]) + " and " + titles[-1] if len(titles) > 1 else "".join(titles) or "record")


def introduction(persona: PersonaBase) -> str:
    return f"I'm the virtual assistant at {get_industry(persona.mode).institution}."


def small_talk_reply(persona: PersonaBase, kind: str) -> str:
    """A natural reply to small talk: who the assistant is and what it can look up."""
    institution = get_industry(persona.mode).institution
    can = f"I can look up {capabilities(persona)}."
    return {
        "greeting": f"Hello {persona.identity.first_name}! {introduction(persona)} {can} How can I help you today?",
        "how_are_you": f"I'm doing well, thank you for asking! {can} What would you like to know?",
        "who": f"{introduction(persona)} {can}",
        "abilities": f"{can} For example, ask me: \"{get_industry(persona.mode).examples[0]}\"",
        "thanks": "You're welcome! Is there anything else I can look up for you?",
        "goodbye": f"Thank you for contacting {institution}. Have a great day!",
    }[kind]


def english_only_reply(persona: PersonaBase, language: str) -> str:
    """What the English-only model says to a message in another language: politely, in English, no facts."""
    example = get_industry(persona.mode).examples[0]
    return (f"I'm sorry, I can only answer in English, not in {NAMES.get(language, 'your language')}. "
            f"Please ask me in English, for example: \"{example}\"")


def _user_texts(messages: Messages) -> list[str]:
    return [m["content"] for m in messages if m.get("role") == "user" and isinstance(m.get("content"), str)]


def _searchable(text: str) -> str:
    """The text retrieval reads: German and French record words put in English (the record's labels are)."""
    return text if detect_language(text) == ENGLISH else in_english(text)


def _topic(text: str, facts: Sequence[Fact]) -> set[str]:
    """What an earlier turn was about: its own words and the label of the fact that answered it.

    "How much do I have in savings?" is about the savings *balance*, so "what about checking?" after
    it means the checking balance, not the checking account number.
    """
    words = terms(text)
    ranked, weight = ranked_for(dict.fromkeys(words, 1.0), facts)
    if ranked and ranked[0][0] >= MIN_COVERAGE * weight:
        words |= terms(ranked[0][1].label)
    return words


def conversation_query(messages: Messages, facts: Sequence[Fact]) -> dict[str, float]:
    """The latest message's words, plus (for a follow-up) the earlier turns' topics at lower weights.

    A message leans on earlier turns when it says so ("and …", "that", "the second one") or when
    the record has nothing for it alone; small talk turns are skipped when looking back.
    """
    texts = [_searchable(t) for t in _user_texts(messages)]
    if not texts:
        return {}
    current = texts[-1]
    query = dict.fromkeys(terms(current), 1.0)
    ranked, weight = ranked_for(query, facts)
    if not leans_on_earlier(current) and ranked and ranked[0][0] >= MIN_COVERAGE * weight:
        return query
    earlier = [t for t in reversed(texts[:-1]) if small_talk(t) is None][:len(EARLIER_WEIGHTS)]
    for text, weight in zip(earlier, EARLIER_WEIGHTS, strict=False):
        for term in _topic(text, facts):
            query.setdefault(term, weight)
    return query


def _summary_facts(persona: PersonaBase, facts: Sequence[Fact]) -> list[Fact]:
    by_key = {f.key: f for f in facts}
    keys = get_industry(persona.mode).summary
    if not keys:
        return [f for f in facts if f.key not in _IDENTITY][:SUMMARY_LINES]
    return [by_key[k] for k in keys if k in by_key]


def plan_reply(persona: PersonaBase, messages: Messages, *, k: int = 1, english_only: bool = True) -> Reply:
    """What the reply to the latest user message should say, read from the whole conversation.

    ``k`` is how many headline facts answer a plain question; ``english_only`` is for a model that
    can't answer in other languages (the embedded one): it is told to say so instead.
    """
    texts = _user_texts(messages)
    if not texts:
        return Reply("not_on_record")
    current = texts[-1]
    language = detect_language(current)
    if language != ENGLISH and english_only:
        return Reply("other_language", (english_only_reply(persona, language),), language)
    chat = small_talk(current)
    if chat is not None:
        return Reply("small_talk", (small_talk_reply(persona, chat.kind),), language, chat.kind)
    view = describe(persona)
    facts = view.facts
    query = conversation_query(messages, facts)
    if wants_summary(current):
        return _summary(persona, view, query, language)
    if unheld_possessions(_searchable(current), facts):
        return Reply("not_on_record", (), language)
    position = ordinal(current)
    if position is not None:
        own = {t: w for t, w in query.items() if t in terms(_searchable(current))}
        earlier = {t: w for t, w in query.items() if t not in own}
        table = table_topic(own, view.tables) or table_topic(earlier, view.tables)
        if table is not None and -len(table.rows) <= position < len(table.rows):
            chosen = item(table, position, facts)
            return Reply("facts", (chosen.line,), language, "items")
    held = {t for f in facts for t, w in weights(f).items() if w >= 1.0}
    rows, strength = named_items(_searchable(current), query, view.tables, facts, held, persona.locale[:2])
    found = _top_facts(query, facts, k)
    if rows and (strength >= 1.0 or not found):
        name_terms = {t for t in query if t not in held}
        lines = [f.sentence for f in found if name_terms & terms(f"{f.label} {f.value}")]
        lines += [r.line for r in rows if r.line not in lines]
        return Reply("facts", tuple(lines), language, "items", tuple(found))
    if not found:
        return Reply("not_on_record", (), language)
    return Reply("facts", tuple(f.sentence for f in found), language, "facts", tuple(found))


def _top_facts(query: Mapping[str, float], facts: Sequence[Fact], k: int, floor: float = 0.5) -> list[Fact]:
    ranked, weight = ranked_for(query, facts)
    if not ranked or ranked[0][0] < MIN_COVERAGE * weight:
        return []
    best = ranked[0][0]
    return [f for s, f in ranked[:k] if s >= floor * best]


def _summary(persona: PersonaBase, view, query: Mapping[str, float], language: str) -> Reply:
    """An overview: the industry's headline facts, or — for "my policies", "my prescriptions" — that table's rows."""
    facts = view.facts
    overview = _SUMMARY_WORDS | _overview_words()
    topic_query = {t: w for t, w in query.items() if t not in overview}
    table = table_topic(topic_query, view.tables) if topic_query else None
    lines: list[str] = []
    if table is not None:
        lines += [f.sentence for f in _top_facts(topic_query, facts, 2)]
        lines += [item(table, i, facts).line for i in range(min(len(table.rows), SUMMARY_LINES - 2))]
    else:
        lines += [f.sentence for f in _summary_facts(persona, facts)]
    unique = tuple(dict.fromkeys(lines))[:SUMMARY_LINES]
    return Reply("facts", unique, language, "summary")


def _overview_words() -> frozenset[str]:
    """Every industry's words for its whole record ("account", "insurance", "plan"), as query terms."""
    return frozenset(terms(" ".join(industry_words("overview_words"))))


__all__ = ["Reply", "capabilities", "conversation_query", "plan_reply", "small_talk_reply"]
