"""The persona card in the persona's language: gettext catalogues under ``webui/locale``, read with Babel.

Personas stay English inside (retrieval and prompts use the English labels); the card translates
at render time. ``translator("de_DE")`` returns a callable: an exact catalogue entry first
("Checking balance" -> "Kontostand Girokonto"), then an entry with placeholders that matches the
composed text ("Upcoming payment: {payee}"), each placeholder value translated when it is
vocabulary ("Rent" -> "Miete") and left as it is when it is data (names, amounts, dates).

Catalogues are the ``.po`` files, compiled in memory with Babel's own ``write_mo`` on first use:
only text lives in git. ``python -m webui.i18n extract`` regenerates the template and merges it
into every ``.po`` (see README, "Translations").
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

from .template import MessageTemplate, fill

DOMAIN = "persona_chat"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
"""The language the persona modules write in: it needs no catalogue."""
MAX_COMPOSED = 1000
"""Longer text is never read against the entries with placeholders (card texts are under 300 characters)."""

__all__ = ["DOMAIN", "LOCALE_DIR", "Translator", "catalogue_path", "language_note", "translator"]


class Translator:
    """Translates card text into one language; call it with the English text (and any ``{name}`` values)."""

    def __init__(self, language: str, translations: Translations | None = None, known: frozenset[str] = frozenset()):
        self.language = language
        self._gettext = translations.gettext if translations is not None else str
        self._known = known
        templates = (MessageTemplate.parse(m) for m in known)
        self._templates = sorted((t for t in templates if t), key=lambda t: -t.fixed_length)
        self._translate = lru_cache(maxsize=4096)(self._lookup)

    def __call__(self, message: str, **values: object) -> str:
        """``message`` in this language, with ``values`` put into its ``{name}`` slots."""
        text = self._translate(message)
        return fill(text, values) if values else text

    def knows(self, text: str) -> bool:
        """Whether the catalogue has ``text``, as an entry or through an entry with placeholders."""
        return text in self._known or self._match(text) is not None

    def _lookup(self, text: str) -> str:
        if text in self._known:
            return self._gettext(text)
        found = self._match(text)
        if found is None:
            return text  # data (a name, an amount) or not yet translated: shown as is
        template, values = found
        return fill(self._gettext(template.text), {k: self._word(v) for k, v in values.items()})

    def _word(self, value: str) -> str:
        return self._gettext(value) if value in self._known else value

    def _match(self, text: str) -> tuple[MessageTemplate, dict[str, str]] | None:
        """The most specific entry with placeholders that reads ``text``, and the values it reads."""
        if not self._templates or len(text) > MAX_COMPOSED:
            return None
        known = self._known.__contains__
        for template in self._templates:
            values = template.best_split(text, known)
            if values is not None:
                return template, values
        return None


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
