"""The persona card in the persona's language: gettext catalogues under ``webui/locale``, read with Babel.

Personas stay English inside (retrieval and prompts read the English); the persona modules mark each
text a person reads where they write it (``persona.words.N_``), so the card gets a ``Message`` that
knows its message id and its values. ``translator("de_DE")`` returns a callable that looks the id up
("Upcoming payment: {payee}" -> "Anstehende Zahlung: {payee}") and fills in the values, each
translated when it is vocabulary (a message itself, or a word of the catalogue: "Rent" -> "Miete")
and left as it is when it is data (names, amounts, dates). Text that is not a message is looked up
whole, as a word.

Catalogues are the ``.po`` files, compiled in memory with Babel's own ``write_mo`` on first use:
only text lives in git. ``python -m webui.i18n extract`` runs Babel's extractor and merges the
template into every ``.po`` (see README, "Translations").
"""

from __future__ import annotations

from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from persona.words import Message, fill

DOMAIN = "persona_chat"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
"""The language the persona modules write in: it needs no catalogue."""
CAPITALISED_NOUNS = frozenset({"de"})
"""Languages that write a noun with its capital anywhere in a sentence: German "Miete", not "miete"."""

__all__ = ["DOMAIN", "LOCALE_DIR", "Translator", "catalogue_path", "language_note", "translator"]


class Translator:
    """Translates card text into one language; call it with a ``Message``, a word, or a card string and its values."""

    def __init__(self, language: str, translations: Translations | None = None, known: frozenset[str] = frozenset()):
        self.language = language
        self._gettext = translations.gettext if translations is not None else str
        self._known = known
        self._folded = {m.casefold(): m for m in sorted(known)}
        self._lowercases = language.split("_")[0] not in CAPITALISED_NOUNS

    def __call__(self, text: str, **values: object) -> str:
        """``text`` in this language: a message with its values translated, else the word or the card's own string."""
        if isinstance(text, Message):
            return self._message(text)
        if values:
            return fill(self._gettext(text), values)
        return self._gettext(text) if text in self._known else text

    def knows(self, text: str) -> bool:
        """Whether the catalogue translates ``text``: its message id, and every value that is itself a message."""
        if isinstance(text, Message):
            return text.msgid in self._known and all(self.knows(v) for v in text.values.values() if isinstance(v, Message))
        return text in self._known

    def _message(self, message: Message) -> str:
        translated = self._gettext(message.msgid) if message.msgid in self._known else message.msgid
        if not message.values:
            return translated
        return fill(translated, {k: self._value(v) for k, v in message.values.items()})

    def _value(self, value: object) -> str:
        """A placeholder's value in this language when it is vocabulary, found case-blind if need be.

        Stories lowercase vocabulary mid-sentence ("Ariana's rent of …"): "rent" is read as the entry
        "Rent" and starts lowercase in the translation too, except in languages that capitalise nouns.
        """
        if isinstance(value, Message):
            return self._message(value)
        if not isinstance(value, str):
            return str(value)
        if value in self._known:
            return self._gettext(value)
        entry = self._folded.get(value.casefold())
        if entry is None:
            return value  # data: a name, an amount, a date
        word = self._gettext(entry)
        if value[:1].islower() and self._lowercases:
            word = word[:1].lower() + word[1:]
        return word


def catalogue_path(language: str) -> Path:
    """Where the ``.po`` file for ``language`` (``de``, or a full locale such as ``de_AT``) lives."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _load(language: str) -> Translator | None:
    """Compile ``<language>/LC_MESSAGES/persona_chat.po`` into a ``.mo`` in memory and load it; None if absent."""
    path = catalogue_path(language)
    if not path.is_file():
        return None
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=language, domain=DOMAIN)
    buf = BytesIO()
    write_mo(buf, catalog)  # skips fuzzy and empty entries, as msgfmt does
    buf.seek(0)
    known = frozenset(m.id for m in catalog if m.id and isinstance(m.id, str) and m.string and not m.fuzzy)
    return Translator(language, Translations(buf, domain=DOMAIN), known)


@lru_cache(maxsize=64)
def translator(locale: str) -> Translator:
    """The translator for a persona's locale: its own catalogue, else its language's, else English as is."""
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return Translator(SOURCE_LANGUAGE)
    if parsed.language != SOURCE_LANGUAGE:
        for name in (str(parsed), parsed.language):
            found = _load(name)
            if found is not None:
                return found
    return Translator(parsed.language)


def language_note(locale: str, backend_kind: Literal["hosted", "local"]) -> str | None:
    """A line for the UI when the embedded model can't answer in the persona's language; None when it can.

    SmolLM2-135M was trained on English: asked for German it answers in English or in broken German.
    """
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if backend_kind != "local" or parsed.language == SOURCE_LANGUAGE:
        return None
    name = parsed.get_language_name(SOURCE_LANGUAGE)
    return (f"The built-in model answers in English only. For replies in {name}, use a hosted model "
            "(sign in with Hugging Face, or set HF_TOKEN).")
