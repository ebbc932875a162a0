"""Messages with named placeholders ("Upcoming payment: {payee}"): matched against finished text, filled in.

The persona engine hands the card English text that is already composed ("Upcoming payment: Rent").
A catalogue entry with placeholders matches such text, says which parts are data, and its
translation puts those parts (each translated on its own when it is vocabulary) in the target
language's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice

PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")
MAX_SPLITS = 256
"""Ways of cutting one text into placeholder values that are weighed; real texts have a handful."""


def placeholders(message: str) -> list[str]:
    """The placeholder names of a message, in order: ``"{a} at {b}"`` -> ``["a", "b"]``."""
    return PLACEHOLDER.findall(message)


def slot(name: str) -> str:
    """The placeholder for ``name`` as a message writes it: ``{name}``."""
    return "{" + name + "}"


def fill(message: str, values: dict[str, object]) -> str:
    """Put values into a message's ``{name}`` slots; a slot with no value stays as written.

    Plain substitution, not ``str.format``: a catalogue entry can't reach attributes or items.
    """
    return PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], message)


@dataclass(frozen=True)
class MessageTemplate:
    """A message with placeholders, ready to recognise the texts it produces."""

    text: str
    literals: tuple[str, ...]
    """The fixed text around the placeholders: one more than there are names."""
    names: tuple[str, ...]
    pattern: re.Pattern[str]

    @classmethod
    def parse(cls, text: str) -> MessageTemplate | None:
        """The template for ``text``, or None when it has no placeholders or two touch (``{a}{b}``: no way to cut)."""
        pieces = PLACEHOLDER.split(text)
        literals, names = tuple(pieces[0::2]), tuple(pieces[1::2])
        if not names or any(not lit for lit in literals[1:-1]):
            return None
        pattern = "".join(re.escape(lit) if i % 2 == 0 else "(.+?)" for i, lit in enumerate(pieces))
        return cls(text, literals, names, re.compile(pattern, re.DOTALL))

    @property
    def fixed_length(self) -> int:
        """How much fixed text the template has: the more, the more specific a match."""
        return sum(map(len, self.literals))

    def splits(self, text: str) -> Iterator[dict[str, str]]:
        """Every way to read ``text`` as this template with non-empty values, shortest first values first."""
        if not self.pattern.fullmatch(text):
            return
        lits, names = self.literals, self.names
        end = len(text) - len(lits[-1])

        def walk(i: int, pos: int, values: dict[str, str]) -> Iterator[dict[str, str]]:
            if i == len(names) - 1:
                if end > pos:
                    yield {**values, names[i]: text[pos:end]}
                return
            sep = lits[i + 1]
            cut = text.find(sep, pos + 1)
            while cut != -1 and cut + len(sep) < end:
                yield from walk(i + 1, cut + len(sep), {**values, names[i]: text[pos:cut]})
                cut = text.find(sep, cut + 1)

        yield from islice(walk(0, len(lits[0]), {}), MAX_SPLITS)

    def best_split(self, text: str, known: Callable[[str], bool]) -> dict[str, str] | None:
        """The reading of ``text`` whose values are most often ``known`` words; the first such on a tie.

        "90 mcg 2 puffs every 4 to 6 hours as needed" read as "{dosage} {frequency}" cuts after "mcg",
        because "90 mcg" and the frequency are both in the catalogue and "90" is not.
        """
        best, best_score = None, -1
        for values in self.splits(text):
            score = sum(map(known, values.values()))
            if score > best_score:
                best, best_score = values, score
        return best
