"""Conversation scripts: several user turns, the last one scored, and the same request asked alone.

Visitors don't ask one self-contained question per chat. A script is a short conversation with one
persona — small talk first, a follow-up that leans on the turn before ("and my savings?"), a summary,
a lookup by a named item, a question the record can't answer halfway through, a greeting, a question
in German or French — whose earlier replies come from the model itself, turn by turn. Its ``alone``
text is the same request as a self-contained first message: the one-turn figure printed beside it.

One module per mode registers its script kinds on import (``common`` those every mode shares), as
``grounding.questions`` does for questions. Each persona gets one script per kind, drawn from a
generator seeded by (mode, seed, kind) so a run is reproducible and personas rotate over templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from persona import PersonaBase, describe, generate, get_industry
from persona.discovery import import_submodules
from prompting.language import NAMES, detect_language

from ..matchers import Matcher, numbers_in
from ..refusal import says_not_on_record

ALL_MODES = "*"
KIND_ORDER = ("later_turn", "follow_up", "summary", "lookup", "absent", "small_talk", "language")
"""Script kinds in the order the report lists them."""
KIND_LABELS = {
    "later_turn": "question as the 2nd–4th turn (recall)",
    "follow_up": "elliptical follow-up (recall)",
    "summary": "summary names ≥ 3 correct facts",
    "lookup": "lookup by a named item (recall)",
    "absent": "out-of-record mid-conversation says \"not in your record\"",
    "small_talk": "small talk answered naturally",
    "language": "German/French question",
}
GREETINGS = ("Hi!", "Hello there!", "Good morning!", "Hey, how are you?", "Hi, I have a couple of questions.",
             "Hello", "hi")


def after_greeting(i: int, *turns: str) -> tuple[str, ...]:
    """``turns`` as the second (and later) turns of a chat that opens with a greeting (rotating with ``i``)."""
    return (GREETINGS[i % len(GREETINGS)], *turns)


SUMMARY_FACTS = 3
"""A summary passes when it names at least this many of the record's expected facts."""


@dataclass(frozen=True)
class Verdict:
    """How one reply scored: ``passed``, and for summaries how many expected facts it ``named``."""

    passed: bool
    named: int | None = None


Scorer = Callable[[str, str], Verdict]
"""``score(reply, prompt_style) -> Verdict``; the style ("compact"/"full") matters only for other languages."""


@dataclass(frozen=True)
class Script:
    """One scripted conversation with one persona."""

    mode: str
    seed: int
    locale: str
    kind: str
    template: str
    turns: tuple[str, ...]
    """The user's messages in order; the reply to the last one is scored (small talk scores every reply's loops)."""
    alone: str
    """The last turn's request as a self-contained first message."""
    score: Scorer = field(compare=False, repr=False)

    def persona(self) -> PersonaBase:
        from ..run import AS_OF

        return generate(self.mode, self.seed, locale=self.locale, as_of=AS_OF)


@dataclass(frozen=True)
class Template:
    """A way to script one kind of conversation; ``build(persona)`` gives its candidate chats' parts."""

    name: str
    build: Callable[[PersonaBase], list[tuple[tuple[str, ...], str, Scorer]]]
    """``persona -> [(turns, alone, scorer), …]``: every chat this template can make for the persona (may be empty)."""
    locale: str | None = None
    """Personas of this locale are scripted instead of the run's (for other-language scripts)."""


_TEMPLATES: dict[str, dict[str, list[Template]]] = {}


def register(mode: str, kind: str, *templates: Template) -> None:
    """Add templates of ``kind`` for ``mode`` (``ALL_MODES`` for every mode)."""
    if kind not in KIND_ORDER:
        raise ValueError(f"unknown script kind {kind!r}; known: {', '.join(KIND_ORDER)}")
    _TEMPLATES.setdefault(mode, {}).setdefault(kind, []).extend(templates)


def templates(mode: str, kind: str) -> list[Template]:
    import_submodules(__name__)  # once, under the lock a thread arriving mid-import waits on
    return [*_TEMPLATES.get(ALL_MODES, {}).get(kind, []), *_TEMPLATES.get(mode, {}).get(kind, [])]


def chats(persona: PersonaBase, kinds: tuple[str, ...] | list[str] = KIND_ORDER, per_kind: int = 1) -> list[Script]:
    """``per_kind`` scripts of each kind for this persona (fewer when its record offers fewer)."""
    out: list[Script] = []
    for kind in kinds:
        rng = Random(f"{persona.mode}:{persona.seed}:chat:{kind}")
        candidates: list[tuple[Template, tuple[str, ...], str, Scorer]] = []
        pool = templates(persona.mode, kind)
        for template in pool:
            subject = persona
            if template.locale and template.locale != persona.locale:
                subject = generate(persona.mode, persona.seed, locale=template.locale, as_of=persona.as_of)
            candidates.extend((template, *parts) for parts in template.build(subject))
        if not candidates:
            continue
        # rotate the template with the seed (every template gets its turn), then draw within it
        names = list(dict.fromkeys(c[0].name for c in candidates))
        for i in range(per_kind):
            name = names[(persona.seed + i) % len(names)]
            template, turns, alone, score = rng.choice([c for c in candidates if c[0].name == name])
            out.append(Script(persona.mode, persona.seed, template.locale or persona.locale, kind, template.name,
                            turns, alone, score))
    return out


# Scorers ----------------------------------------------------------------------------------------------


def recall(*expect: Matcher) -> Scorer:
    """Right when the reply states every expected fact."""
    return lambda reply, style: Verdict(all(m(reply) for m in expect))


def summary(expect: list[Matcher], need: int = SUMMARY_FACTS) -> Scorer:
    """Right when the reply names at least ``need`` of the expected facts (each distinct fact counted once)."""
    unique = tuple(dict.fromkeys(expect))

    def score(reply: str, style: str) -> Verdict:
        named = sum(m(reply) for m in unique)
        return Verdict(named >= need, named)

    return score


def not_on_record(reply: str, style: str) -> Verdict:
    return Verdict(says_not_on_record(reply))


_IDENTITY_KEYS = frozenset({"name", "member_since", "birth_date", "age", "email", "phone", "address", "ssn"})
_ENGLISH_ONLY = re.compile(r"\benglish\b", re.IGNORECASE)


def record_numbers(persona: PersonaBase) -> set:
    """Every figure the record states anywhere (facts, sentences, tables): a reply's figures must come from here."""
    view = describe(persona)
    text = " ".join([*(f"{f.value} {f.sentence}" for f in view.facts),
                     *(" ".join(row) for t in view.tables for row in t.rows)])
    return numbers_in(text)


def other_language(persona: PersonaBase, language: str, *expect: Matcher) -> Scorer:
    """A question in ``language``: a full-prompt (hosted) model answers in it with the record's figure; the
    compact (embedded, English-only) model says in English that it answers in English and states no figure
    the record doesn't have."""
    figures = record_numbers(persona)

    def score(reply: str, style: str) -> Verdict:
        if style == "compact":
            wrong = numbers_in(reply) - figures
            return Verdict(bool(_ENGLISH_ONLY.search(reply)) and not wrong)
        return Verdict(detect_language(reply) == language and all(m(reply) for m in expect))

    return score


def natural(persona: PersonaBase, about: str = "") -> Scorer:
    """Small talk answered naturally: something said, no refusal, no loop; ``about`` adds what it must mention.

    ``about="self"``: the assistant's role or institution ("who are you?"); ``about="abilities"``: something
    of the record it can look up ("what can you do?"): a word of its facts' labels, its tables' titles or the
    industry's ``capabilities``.
    """
    from inference.loops import has_loop

    industry = get_industry(persona.mode)
    if about == "self":
        words = {"assistant", *industry.institution.casefold().split()} - {"of", "the", "a"}
    elif about == "abilities":
        view = describe(persona)
        words = {w for f in view.facts if f.key not in _IDENTITY_KEYS for w in re.findall(r"[a-z]{4,}", f.label.casefold())}
        words |= {w for t in view.tables for w in re.findall(r"[a-z]{4,}", t.title.casefold())}
        words |= set(re.findall(r"[a-z]{4,}", industry.capabilities.casefold())) - {"your"}  # what it says it looks up
    else:
        words = set()

    def score(reply: str, style: str) -> Verdict:
        said = reply.strip()
        mentions = not words or any(re.search(rf"\b{re.escape(w)}\b", said.casefold()) for w in words)
        return Verdict(bool(said) and not says_not_on_record(said) and not has_loop(said) and mentions)

    return score


def language_name(code: str) -> str:
    return NAMES.get(code, code)


__all__ = ["ALL_MODES", "GREETINGS", "KIND_LABELS", "KIND_ORDER", "SUMMARY_FACTS", "Scorer", "Script", "Template", "Verdict",
           "after_greeting", "chats", "natural", "not_on_record", "other_language", "recall", "register", "summary", "templates"]
