"""Which language a message is written in, cheaply: counts of common function words and letters.

Enough to tell an English question from a German or French one (the languages personas are
generated in); anything unrecognised counts as English, the language every prompt is written in.
"""

from __future__ import annotations

import re

from persona import get_industry, list_modes

ENGLISH = "en"
NAMES = {"en": "English", "de": "German", "fr": "French"}
"""Language codes this module can return, with their English names (for instructions to a model)."""

# Frequent words of each language, minus those another of the three spells the same ("was", "die",
# "a", "on", "me", "des", "plus", "sie"/"see" are left out or kept only where unambiguous).
_STOPWORDS = {
    "en": frozenset("""
        the and is are what what's whats how much many my your you i i'm me do does did can could would
        which who when where why of to in for with this that it it's have has there please thanks thank
        hi hello hey about be am been any account balance tell show give next last
        """.split()),
    "de": frozenset("""
        der das und ist sind mein meine meinen meinem meiner mir mich ich du ihr wie wann wo warum welche
        welcher welches wer nicht ein eine einen einem kein keine bitte danke hallo guten tag morgen abend
        mit für auf von zu zum zur bei noch auch wieviel viel viele hoch habe haben hat gibt es können
        kannst sie ihnen dem den des nächste nächster nächsten meines über
        """.split()) - {"des", "die", "was"},
    "fr": frozenset("""
        le la les et est sont mon ma mes je tu vous nous quel quelle quels quelles quand où pourquoi comment
        combien qui que qu'est-ce est-ce un une du au aux pour avec sur dans ne pas merci bonjour salut
        bonsoir s'il plaît ai avez ont prochaine prochain dernier dernière c'est quoi suis êtes
        """.split()),
}
_LETTERS = {"de": re.compile(r"[äöüß]"), "fr": re.compile(r"[éèêàçùâîôœë]")}
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def detect_language(text: str) -> str:
    """"en", "de" or "fr": the language most of the message's function words belong to (English on a tie)."""
    words = [w.replace("’", "'") for w in _WORD.findall(text.casefold())]
    if not words:
        return ENGLISH
    score = {lang: sum(w in stop for w in words) for lang, stop in _STOPWORDS.items()}
    for lang, letters in _LETTERS.items():
        score[lang] += 0.5 * min(2, len(letters.findall(text.casefold())))
    best = max(score, key=lambda lang: (score[lang], lang == ENGLISH))
    return best if score[best] > score[ENGLISH] else ENGLISH


GLOSSARY = {
    # German
    "monatliche": "monthly", "fällig": "due", "nächste": "next", "nächster": "next", "nächsten": "next",
    "ausgaben": "spending", "zahlung": "payment", "rechnung": "bill",
    # French
    "mensuelle": "monthly", "due": "due", "prochaine": "next", "prochain": "next", "dépenses": "spending",
    "paiement": "payment", "facture": "bill",
}
"""German and French words any record's questions use, in English; each industry adds the words for what its
records hold (``Industry.glossary``: "kontostand" → "balance"). Enough for retrieval to find the facts a
question in another language asks about (the record itself is labelled in English)."""


def glossary() -> dict[str, str]:
    """The words above and every registered industry's own."""
    words = dict(GLOSSARY)
    for mode in list_modes():
        words.update(get_industry(mode).glossary)
    return words


def in_english(text: str) -> str:
    """The message's record words in English ("Kontostand auf dem Girokonto" → "balance checking"), for
    retrieval only; words outside the glossary are dropped, so they can't dilute the match."""
    words = (w.replace("’", "'") for w in _WORD.findall(text.casefold()))
    known = glossary()
    return " ".join(known[w] for w in words if w in known)
