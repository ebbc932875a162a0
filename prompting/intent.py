"""What the customer's latest message is doing in the conversation: small talk, asking for a summary,
leaning on an earlier turn ("and my savings?", "when is that due?", "the second one"), or asking anew.

Cheap regular expressions over English: the embedded model needs to be told which of these it is
facing (it can't infer it), and a wrong guess costs little because retrieval still decides the facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SMALL_TALK = {
    # kind: pattern; the first kind that matches names the message (who/abilities before a bare greeting)
    "who": r"\bwho (?:are|r) (?:you|u)\b|\bwhat(?:'s| is) your name\b|\bare you (?:a |an )?(?:bot|robot|human|real|"
           r"person|ai|machine|assistant)\b|\bwho am i (?:talking|speaking|chatting) (?:to|with)\b|\bwhat are you\b|"
           r"\bintroduce yourself\b|\byour name\b",
    "abilities": r"\bwhat (?:can|could) (?:you|u) (?:do|help)|\bhow (?:can|could) (?:you|u) help\b|\bwhat (?:kind of |sort of )?"
                 r"(?:questions|things) (?:can|could|should) i ask\b|\bwhat can i ask\b|\bwhat do you (?:do|know)\b|"
                 r"^\s*help\b|\bhelp me with\b\s*[?.!]*$|\bwhat are you able to\b",
    "thanks": r"\b(?:thanks|thank you|thank u|thx|ty|cheers|appreciate it|much appreciated)\b",
    "goodbye": r"\b(?:bye|goodbye|good bye|see you|see ya|that's all|that is all|have a (?:good|nice|great) (?:day|one))\b",
    "how_are_you": r"\bhow (?:are|r) (?:you|u)(?: doing)?\b|\bhow's it going\b|\bhow are things\b|\bhow do you do\b",
    "greeting": r"^\s*(?:hi+|hello+|hey+|hiya|howdy|greetings|good (?:morning|afternoon|evening|day)|yo|hallo|bonjour|"
                r"salut|guten (?:tag|morgen|abend))\b",
}
_SMALL_TALK = {kind: re.compile(pattern, re.IGNORECASE) for kind, pattern in SMALL_TALK.items()}
_FILLER = re.compile(r"\b(?:ok(?:ay)?|great|good|nice|cool|perfect|awesome|there|again|so|well|please|very|much|"
                     r"for now|i have (?:a|some|a few|a couple of) questions?|i need (?:some )?help|can you help me|"
                     r"ok thanks|got it|sounds good|that's (?:great|helpful|perfect)|yes|no|sure|all)\b", re.IGNORECASE)

_HARMLESS = frozenset("""
a about am an and are as at be can could do does for from have how i if in is it its me my of on or so the there
this to today tonight morning afternoon evening day doing again everyone guys friend sir madam team we what with
would you your really just
""".split())
"""Words that may surround small talk without turning it into a request ("hello, what can you do for me today?")."""

_SUMMARY = re.compile(
    r"\b(?:summar(?:y|ise|ize|ising|izing)|overview|over ?view|everything|all (?:about|of) my|rundown|run-down|recap|"
    r"big picture|at a glance|snapshot|full picture|tell me about (?:my|me)|what do you (?:have|know) (?:on|about) me|"
    r"list (?:all )?(?:of )?my)\b", re.IGNORECASE)

_LEAN = re.compile(r"^\s*(?:and|or|also|then|so|but|plus|what about|how about|and what about|what of)\b", re.IGNORECASE)
_ANAPHORA = re.compile(r"\b(?:it|its|it's|that|this|those|these|them|they|their|one|ones|same|there)\b", re.IGNORECASE)
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3, "fifth": 4,
            "5th": 4, "last": -1, "latest": 0, "other": 1}
_ORDINAL = re.compile(r"\bthe (" + "|".join(ORDINALS) + r")(?: ones?\b|(?=[\s?.!]*$))", re.IGNORECASE)
r"""'the second one', 'and the last?' — not 'the last 30 days' nor 'my latest claim'. At the end, only spaces and
?.! may follow (checked by ``_ordinal_at``: a pattern "\s*[?.!]*\s*$" would retry every split of a long run)."""


@dataclass(frozen=True)
class SmallTalk:
    """A message that is only small talk, and which kind (greeting, thanks, who, abilities, goodbye, how_are_you)."""

    kind: str


def small_talk(message: str) -> SmallTalk | None:
    """The small-talk kind of ``message`` when small talk is all it is (what's left holds no other words).

    "Hi!" and "Thanks, that's all" are small talk; "Hi, what's my balance?" is a question that happens
    to open with a greeting.
    """
    kinds = [kind for kind, pattern in _SMALL_TALK.items() if pattern.search(message)]
    if not kinds:
        return None
    rest = message
    for kind in kinds:
        rest = _SMALL_TALK[kind].sub(" ", rest)
    rest = _FILLER.sub(" ", rest)
    if any(w not in _HARMLESS for w in re.findall(r"[^\W\d_]{2,}", rest.lower())):  # a real request rides along
        return None
    return SmallTalk(kinds[0])


def wants_summary(message: str) -> bool:
    """Does the message ask for an overview ("summarize my account", "tell me everything about my policies")?"""
    return bool(_SUMMARY.search(message))


def leans_on_earlier(message: str) -> bool:
    """Does the message only make sense with the turn before: "and my savings?", "when is that due?"."""
    return bool(_LEAN.search(message) or _ANAPHORA.search(message) or _ordinal_at(message))


def _ordinal_at(message: str) -> re.Match | None:
    """'the second one', or 'the second' ending the message but for spaces, then ?.! marks, then spaces."""
    found = _ORDINAL.search(message)
    if found and not found.group().lower().endswith(("one", "ones")):
        rest = message[found.end():].strip()
        if rest.strip("?.!"):  # marks between spaces ("? ?"): not the message's end
            return None
    return found


_COUNTED = re.compile(r"\b(?:my|the) (first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\b", re.IGNORECASE)
"""'my second upcoming payment', 'the first prescription': a position in a list the message itself names."""


def ordinal(message: str) -> int | None:
    """The list position a message points at ("the second one" → 1, "the last one" → -1), if any."""
    found = _ordinal_at(message) or _COUNTED.search(message)
    return ORDINALS[found.group(1).lower()] if found else None
