"""Regenerate the message template from what a persona card can show, and merge it into every catalogue.

Two sources make one template (``webui/locale/persona_chat.pot``):

- the card's own words: literal ``t("…")`` calls in ``webui/``, read by Babel's Python extractor;
- the persona modules' words: every mode and locale over ``SEEDS`` is described, and each text the
  card would show is classed by the persona package's own source (read with ``ast``). A string
  literal there is vocabulary ("Rent", "pending") and gets an entry; text an f-string made gets the
  f-string as an entry with placeholders ("Upcoming payment: {payee}"), nested ones folded in, and its
  values an entry each when they are literals; a label, title or column always gets an entry; any
  other value (a name, an amount, a date) is data and gets none.

So a new label, status or scenario title reaches the template by being written in a persona module,
and ``tests/webui/test_i18n.py`` fails until every catalogue translates it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

import persona
from persona import PersonaBase, describe, generate, list_locales, list_modes

from . import DOMAIN, LOCALE_DIR, catalogue_path
from .template import PLACEHOLDER, MessageTemplate, slot

PERSONA_DIR = Path(persona.__file__).resolve().parent
UI_DIR = Path(__file__).resolve().parent.parent
ROOT = UI_DIR.parent
TEMPLATE_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
SEEDS = range(300)
"""Personas described per mode and locale: enough for rare vocabulary (an umbrella claim, pet surgery) to show up."""
AS_OF = date(2026, 1, 15)
KEYWORD = "t"
"""The name the UI gives its translator (``t = translator(locale)``); ``t("…")`` literals are extracted."""
BRACE_FLAG = "python-brace-format"
PROJECT = "persona-chat-space"
_WORDY = re.compile(r"[A-Za-z][a-z]")
"""Fixed text with a word in it: "Upcoming payment: " is, "•••• ", "BSM-" and ", " are not."""
_DATE_HEADERS = ("POT-Creation-Date", "PO-Revision-Date")
_MAX_DEPTH = 3


def card_texts(p: PersonaBase) -> Iterator[tuple[str, str, bool]]:
    """Every text a persona's card shows: (text, where it shows, whether it is a label and so always translated)."""
    view = describe(p)
    yield view.subtitle, "subtitle", True
    for fact in view.facts:
        yield fact.label, "fact label", True
        yield fact.value, "fact value", False
    for table in view.tables:
        yield table.title, "table title", True
        for column in table.columns:
            yield column, "table column", True
        for row in table.rows:
            for cell in row:
                yield cell, "table cell", False
    title = getattr(getattr(p, "scenario", None), "title", None)
    if isinstance(title, str):
        yield title, "scenario title", True


def personas(seeds: Iterable[int] = SEEDS) -> Iterator[PersonaBase]:
    """Every registered mode in every locale, for each seed."""
    seeds = tuple(seeds)
    for mode in list_modes():
        for locale in list_locales():
            for seed in seeds:
                yield generate(mode, seed, locale, AS_OF)


def _name(node: ast.expr) -> str:
    """A placeholder name for an f-string's expression: the field or thing it shows.

    ``pp.payee`` -> payee; ``fmt.money(pp.amount)`` and ``_refills(rx.refills_left)`` name their
    argument; ``x.kind.capitalize()`` names the value; ``templates.first_name(rng)`` names the method.
    """
    match node:
        case ast.Name(id=name) | ast.Attribute(attr=name):
            return name
        case ast.UnaryOp(operand=inner) | ast.Subscript(value=inner):
            return _name(inner)
        case ast.Call(func=ast.Attribute(value=ast.Name(id="fmt")) | ast.Name(), args=[arg, *_]):
            return _name(arg)  # a Formatter method or a helper function formats its argument
        case ast.Call(func=ast.Attribute(value=inner), args=[]):
            return _name(inner)  # a method on a value: x.kind.capitalize() -> kind
        case ast.Call(func=ast.Attribute(attr=name)):
            return name
    return "value"


_CASE_METHODS = frozenset({"capitalize", "lower", "upper", "title", "casefold"})


def _recased(node: ast.expr) -> bool:
    """Whether the expression changes a word's case (``a.reason.lower()``): its values match literals case-blind."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _CASE_METHODS


def _fstring_template(node: ast.JoinedStr) -> tuple[str, frozenset[str]] | None:
    """The f-string as a message with named placeholders, and the names whose case it changes.

    None when its fixed text has no word (``f"{first} {last}"``, ``f"•••• {n}"``): nothing to translate.
    """
    parts: list[str] = []
    seen: dict[str, int] = {}
    recased: set[str] = set()
    for piece in node.values:
        if isinstance(piece, ast.Constant):
            if "{" in piece.value or "}" in piece.value:
                return None
            parts.append(piece.value)
        elif isinstance(piece, ast.FormattedValue):
            base = _name(piece.value)
            seen[base] = seen.get(base, 0) + 1
            name = base if seen[base] == 1 else f"{base}_{seen[base]}"
            parts.append(slot(name))
            if _recased(piece.value):
                recased.add(name)
    text = "".join(parts)
    return (text, frozenset(recased)) if _WORDY.search(PLACEHOLDER.sub("", text)) else None


@dataclass(frozen=True)
class SourceTemplate:
    """An f-string of the persona code as a message, where it is, and which placeholders it recases."""

    template: MessageTemplate
    where: str
    recased: frozenset[str]


@dataclass
class SourceWords:
    """The persona package's string literals and f-strings, with the file each first appears in."""

    literals: dict[str, str] = field(default_factory=dict)
    templates: list[SourceTemplate] = field(default_factory=list)
    _folded: dict[str, str] = field(default_factory=dict)

    def add_literal(self, text: str, where: str) -> None:
        self.literals.setdefault(text, where)
        self._folded.setdefault(text.casefold(), text)

    def is_vocabulary(self, text: str, recased: bool = False) -> bool:
        """A literal of the persona code; for a recased placeholder ("Auto", "skin check") in any case."""
        return text in self.literals or (recased and text.casefold() in self._folded)

    def location(self, text: str) -> str | None:
        return self.literals.get(text) or self.literals.get(self._folded.get(text.casefold(), ""))


def read_source(package_dir: Path = PERSONA_DIR) -> SourceWords:
    """Read every module of the persona package with ``ast`` (nothing is imported or run)."""
    words = SourceWords()
    seen_templates: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        where = path.relative_to(package_dir.parent).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        inside_fstrings = {id(c) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for c in n.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                found = _fstring_template(node)
                template = MessageTemplate.parse(found[0]) if found else None
                if template and template.text not in seen_templates:
                    seen_templates.add(template.text)
                    words.templates.append(SourceTemplate(template, where, found[1]))
            elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in inside_fstrings
                  and _WORDY.search(node.value)):
                words.add_literal(node.value, where)
    words.templates.sort(key=lambda st: -st.template.fixed_length)  # the most specific reading wins
    return words


@dataclass
class _Entry:
    where: set[str] = field(default_factory=set)
    locations: set[str] = field(default_factory=set)


class Collector:
    """Turns the texts cards show into template entries (see the module docstring for the rules)."""

    def __init__(self, source: SourceWords):
        self.source = source
        self.entries: dict[str, _Entry] = {}
        self._read_cache: dict[tuple[str, int], tuple[str, str, list[str]] | None] = {}

    def add(self, msgid: str, where: str, location: str | None = None) -> None:
        entry = self.entries.setdefault(msgid, _Entry())
        entry.where.add(where)
        if location:
            entry.locations.add(location)

    def take(self, text: str, where: str, is_label: bool) -> None:
        """Enter ``text`` shown at ``where``; a value that is neither vocabulary nor composed is data and skipped."""
        if self.source.is_vocabulary(text):
            self.add(text, where, self.source.location(text))
            return
        found = self._read(text)
        if found is not None:
            msgid, location, words = found
            self.add(msgid, where, location)
            for word in words:
                self.add(word, "placeholder value", self.source.location(word))
        elif is_label and text.strip():
            self.add(text, where)

    def _recognised(self, value: str) -> bool:
        return self.source.is_vocabulary(value) or any(st.template.pattern.fullmatch(value) for st in self.source.templates)

    def _read(self, text: str, depth: int = 0) -> tuple[str, str, list[str]] | None:
        """The f-string that made ``text`` with nested ones folded in, where it is, and the vocabulary it holds."""
        if (text, depth) in self._read_cache:
            return self._read_cache[text, depth]
        found = None
        for source in self.source.templates:
            template = source.template
            values = template.best_split(text, self._recognised)
            if values is None:
                continue
            pieces, words, used = [template.literals[0]], [], set(template.names)
            for name, after in zip(template.names, template.literals[1:], strict=True):
                value = values[name]
                word = self.source.is_vocabulary(value, recased=name in source.recased)
                inner = None if word or depth >= _MAX_DEPTH else self._read(value, depth + 1)
                if inner is None:
                    if word:
                        words.append(value)
                    pieces.append(slot(name))
                else:
                    pieces.append(_rename(inner[0], used))
                    words.extend(inner[2])
                pieces.append(after)
            found = ("".join(pieces), source.where, words)
            break
        self._read_cache[text, depth] = found
        return found


def _rename(message: str, used: set[str]) -> str:
    """``message`` with placeholder names already ``used`` by the outer message given a number."""
    mapping: dict[str, str] = {}
    for name in PLACEHOLDER.findall(message):
        if name in mapping:
            continue
        new, n = name, 1
        while new in used:
            n += 1
            new = f"{name}_{n}"
        mapping[name] = new
        used.add(new)
    return PLACEHOLDER.sub(lambda m: slot(mapping[m[1]]), message)


def ui_messages() -> Iterator[tuple[str, str]]:
    """(message, file) for each literal ``t("…")`` in the webui package, via Babel's extractor."""
    for path in sorted(UI_DIR.rglob("*.py")):
        for _lineno, message, _comments, _context in extract_from_file("python", path, keywords={KEYWORD: None}):
            if isinstance(message, str):
                yield message, path.relative_to(ROOT).as_posix()


def extract(seeds: Iterable[int] = SEEDS) -> Catalog:
    """The template catalogue: the card's own words and every translatable text of the personas over ``seeds``."""
    collector = Collector(read_source())
    for message, where in ui_messages():
        collector.add(message, "card", where)
    for p in personas(seeds):
        for text, where, is_label in card_texts(p):
            collector.take(text, where, is_label)
    catalog = Catalog(domain=DOMAIN, project=PROJECT, version="1", charset="utf-8", fuzzy=False,
                      header_comment="# Words a persona card can show; regenerate with: python -m webui.i18n extract\n#")
    for msgid in sorted(collector.entries):
        entry = collector.entries[msgid]
        catalog.add(msgid, locations=[(loc, None) for loc in sorted(entry.locations)],
                    auto_comments=["shown as: " + ", ".join(sorted(entry.where))],
                    flags=[BRACE_FLAG] if PLACEHOLDER.search(msgid) else [])
    return catalog


def _po_bytes(catalog: Catalog) -> bytes:
    buf = BytesIO()
    write_po(buf, catalog, width=100, include_lineno=False, ignore_obsolete=True)
    return buf.getvalue()


def _without_dates(data: bytes) -> bytes:
    return b"\n".join(line for line in data.splitlines() if not line.startswith(tuple(
        f'"{h}:'.encode() for h in _DATE_HEADERS)))


def _write(path: Path, data: bytes) -> bool:
    """Write ``data`` unless only the date headers differ (a rerun leaves git clean); True if written."""
    if path.is_file() and _without_dates(path.read_bytes()) == _without_dates(data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def languages() -> list[str]:
    """The languages with a catalogue (``webui/locale/<lang>/LC_MESSAGES/persona_chat.po``)."""
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def untranslated(catalog: Catalog) -> list[str]:
    """Entries with no translation yet, or only a fuzzy guess (which ``write_mo`` leaves out)."""
    return [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]


def read_catalogue(path: Path) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, domain=DOMAIN)


def merge(template: Catalog, language: str) -> Catalog:
    """The language's catalogue updated to ``template`` (new entries empty, gone ones dropped), as pybabel update does."""
    path = catalogue_path(language)
    catalog = read_catalogue(path) if path.is_file() else Catalog(
        locale=language, domain=DOMAIN, project=PROJECT, version="1", charset="utf-8", fuzzy=False,
        last_translator=PROJECT, language_team=f"{language} <{PROJECT}>",
        header_comment=f"# {Locale.parse(language).english_name} translations of the words a persona card can show.\n"
                       "# New entries arrive with: python -m webui.i18n extract (see README, Translations).\n#")
    catalog.update(template)
    return catalog


def run_extract(seeds: Iterable[int] = SEEDS) -> dict[str, int]:
    """Write the template and merge it into every catalogue; how many entries each language still lacks."""
    template = extract(seeds)
    _write(TEMPLATE_PATH, _po_bytes(template))
    missing = {}
    for language in languages():
        catalog = merge(template, language)
        _write(catalogue_path(language), _po_bytes(catalog))
        missing[language] = len(untranslated(catalog))
    return missing


def run_init(language: str) -> Path:
    """Start a catalogue for a new language from the template (like ``pybabel init``)."""
    path = catalogue_path(language)
    if path.exists():
        raise FileExistsError(f"{path} exists; run `python -m webui.i18n extract` to update it")
    catalog = merge(read_catalogue(TEMPLATE_PATH), language)
    _write(path, _po_bytes(catalog))
    return path
