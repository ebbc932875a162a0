"""Keep the catalogues current with Babel's own tools: ``pybabel extract``, ``update`` and ``init``.

The template (``webui/locale/persona_chat.pot``) holds every message a card can show, found
statically where it is written: ``N_("…")`` in the persona modules and ``t("…")`` in the card, as
``babel.cfg`` maps them. Nothing is sampled or guessed: a rare word is in the template because it
is written in a module. ``pybabel update`` then merges the template into every ``.po``: new entries
arrive empty (or as fuzzy guesses, which stay English until a translator confirms them), and
entries no longer written stay in the file as obsolete ones, their translations kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import CommandLineInterface, parse_mapping_cfg
from babel.messages.pofile import read_po

from . import DOMAIN, LOCALE_DIR, catalogue_path

ROOT = LOCALE_DIR.parent.parent
MAPPING = ROOT / "babel.cfg"
TEMPLATE_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ("N_", "t")
"""``N_`` marks text where the persona modules write it (``persona.words``); ``t`` is the card's translator."""
PROJECT = "persona-chat-space"
WIDTH = "100"
_DATE_HEADERS = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')
HEADER = "# Words a persona card can show; rebuilt by: python -m webui.i18n extract\n#"


def _pybabel(*args: str) -> None:
    """Run one ``pybabel`` command from the project root (Babel's own command line, in this process)."""
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract_args() -> list[str]:
    """The ``pybabel extract`` arguments that write the template (README, "Translations", shows them)."""
    keywords = [arg for k in KEYWORDS for arg in ("-k", k)]
    return ["extract", "-F", str(MAPPING.relative_to(ROOT)), "--no-default-keywords", *keywords,
            "--project", PROJECT, "--version", "1", "--sort-output", "--add-location", "file", "-w", WIDTH,
            "--header-comment", HEADER,
            "-o", str(TEMPLATE_PATH.relative_to(ROOT)), "."]


def messages(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """(msgid, file) for every marked message under ``root``, as ``pybabel extract`` finds them (for tests)."""
    with MAPPING.open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp)
    for filename, _lineno, message, _comments, _context in extract_from_dir(
            root, method_map, options_map, keywords=dict.fromkeys(KEYWORDS)):
        if isinstance(message, str):
            yield message, filename


def languages() -> list[str]:
    """The languages with a catalogue (``webui/locale/<lang>/LC_MESSAGES/persona_chat.po``)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, domain=DOMAIN)


def untranslated(catalog: Catalog) -> list[str]:
    """Entries with no translation yet, or only a fuzzy guess (which ``write_mo`` leaves out)."""
    return [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]


def _without_dates(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(_DATE_HEADERS)]


def run_extract() -> dict[str, int]:
    """Write the template and merge it into every catalogue; how many entries each language still lacks.

    A file whose only change would be its date headers is left as it was, so a rerun leaves git clean.
    """
    files = [TEMPLATE_PATH, *(catalogue_path(language) for language in languages())]
    before = {path: path.read_bytes() for path in files if path.is_file()}
    cwd = os.getcwd()
    os.chdir(ROOT)  # locations in the template are relative to the project root
    try:
        _pybabel(*extract_args())
        for language in languages():
            _pybabel("update", "-i", str(TEMPLATE_PATH), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", language,
                     "-w", WIDTH)
    finally:
        os.chdir(cwd)
    for path, old in before.items():
        if _without_dates(path.read_bytes()) == _without_dates(old):
            path.write_bytes(old)
    return {language: len(untranslated(read_catalogue(catalogue_path(language)))) for language in languages()}


def run_init(language: str) -> Path:
    """Start a catalogue for a new language from the template (``pybabel init``)."""
    path = catalogue_path(language)
    if path.exists():
        raise FileExistsError(f"{path} exists; run `python -m webui.i18n extract` to update it")
    _pybabel("init", "-i", str(TEMPLATE_PATH), "-d", str(LOCALE_DIR), "-D", DOMAIN, "-l", language, "-w", WIDTH)
    return path
