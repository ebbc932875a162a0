"""The card in the persona's language: Babel catalogues cover every label a persona can show."""

from __future__ import annotations

import ast
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import webui.i18n as i18n
from persona import Fact, PersonaView, Table, describe, generate, list_locales, list_modes
from webui.card import render_card
from webui.i18n import language_note, translator
from webui.i18n.extract import (
    TEMPLATE_PATH,
    UI_DIR,
    Collector,
    card_texts,
    personas,
    read_catalogue,
    read_source,
    ui_messages,
)
from webui.i18n.template import MessageTemplate, placeholders

AS_OF = date(2026, 1, 15)
LANGUAGES = ("de", "fr")
COVERAGE_SEEDS = range(100)
"""Seeds per mode and locale the coverage test describes (the extract command uses more)."""
HINT = "run `python -m webui.i18n extract`, then translate the new entries in webui/locale/*/LC_MESSAGES/"


def translations(language: str) -> dict[str, str]:
    """The catalogue's usable entries (not empty, not fuzzy), as write_mo compiles them."""
    catalog = read_catalogue(i18n.catalogue_path(language))
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def template_ids() -> set[str]:
    return {m.id for m in read_catalogue(TEMPLATE_PATH) if m.id}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.nodes.append(data)


def text_nodes(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.nodes


def card(mode: str, seed: int, locale: str) -> str:
    p = generate(mode, seed, locale, AS_OF)
    return render_card(describe(p), p.seed, p.mode, p.locale)


def full_card_seed(mode: str, locale: str) -> int:
    """A seed whose card has rows in every table (so their cells are on the page)."""
    return next(s for s in range(200) if all(t.rows for t in describe(generate(mode, s, locale, AS_OF)).tables))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_entry_is_translated_with_its_placeholders(language):
    done = translations(language)
    missing = sorted(template_ids() - done.keys())
    assert not missing, f"{language}: {len(missing)} untranslated: {missing[:10]}; {HINT}"
    for msgid, msgstr in done.items():
        assert sorted(placeholders(msgstr)) == sorted(placeholders(msgid)), (language, msgid, msgstr)


def test_every_text_any_persona_shows_has_a_german_and_french_translation():
    """Every mode x locale x seed: each label, and each value that is vocabulary, is in both catalogues."""
    collector = Collector(read_source())
    labels = set()
    for p in personas(COVERAGE_SEEDS):
        for text, _where, is_label in card_texts(p):
            collector.take(text, _where, is_label)
            if is_label:
                labels.add(text)
    assert len(labels) > 50 and len(collector.entries) > 150  # the walk saw real cards
    assert not (stale := sorted(collector.entries.keys() - template_ids())), f"not in the template: {stale}; {HINT}"
    for language in LANGUAGES:
        done = translations(language)
        assert not (missing := sorted(collector.entries.keys() - done.keys())), f"{language}: {missing}; {HINT}"
        t = translator(language)
        assert not (unknown := sorted(x for x in labels if not t.knows(x))), f"{language}: {unknown}; {HINT}"


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_a_german_card_has_german_labels_and_no_english_catalogue_words(mode):
    seed = full_card_seed(mode, "de_DE")
    nodes = text_nodes(card(mode, seed, "de_DE"))
    de = translations("de")
    english = {m for m in template_ids() if de.get(m) != m}  # the same in German ("Status", names) is fine
    english_words = {m for m in english if not placeholders(m)}
    english_templates = [MessageTemplate.parse(m) for m in english if placeholders(m)]
    assert not [n for n in nodes if n in english_words]
    assert not [n for n in nodes if any(tp.pattern.fullmatch(n) for tp in english_templates)]
    view = describe(generate(mode, seed, "de_DE", AS_OF))
    for label in (f.label for f in view.facts):
        assert translator("de_DE")(label) in nodes
    assert any(n.endswith("fiktive Daten") for n in nodes)
    assert any("Kunde seit" in n for n in nodes)


def test_german_banking_card_in_detail():
    p = generate("banking", 2026, "de_DE", AS_OF)
    nodes = text_nodes(render_card(describe(p), p.seed, p.mode, p.locale))
    for word in ("Kontostand Girokonto", "Kontostand Sparkonto", "Geburtsdatum", "Letzte Umsätze", "Kategorie",
                 "Anstehende Zahlungen", "Fällig am", "Empfänger", "Betrag"):
        assert word in nodes
    assert "Kartenzahlung · QuickFuel" in nodes  # vocabulary translated, the merchant's name kept
    assert "Anstehende Zahlung: Kreditkartenabrechnung" in nodes
    assert "62,62\xa0€, fällig am 16.01.2026" in nodes  # Babel's formatting untouched
    assert p.identity.full_name in nodes
    assert f"+{len(p.transactions) - 8} weitere im JSON-Download" in nodes


def test_french_cards_read_french():
    t = translator("fr_FR")
    assert t("Checking balance") == "Solde du compte courant"
    assert t("Upcoming payment: Rent") == "Paiement à venir : Loyer"
    assert t("Auto policy") == "Assurance auto"
    assert t("Prescription: Atorvastatin") == "Ordonnance : Atorvastatine"
    h = generate("healthcare", full_card_seed("healthcare", "fr_FR"), "fr_FR", AS_OF)
    nodes = text_nodes(render_card(describe(h), h.seed, h.mode, h.locale))
    assert {"Prochains rendez-vous", "Ordonnances", "Médicament", "Fréquence", "Motif"} <= set(nodes)
    assert any(n.startswith("Dr ") for n in nodes)  # French writes "Dr" without a point


@pytest.mark.parametrize("locale", ["en_US", "en_GB"])
def test_english_cards_are_unchanged(locale):
    t = translator(locale)
    for mode in list_modes():
        for seed in range(20):
            for text, _where, _label in card_texts(generate(mode, seed, locale, AS_OF)):
                assert t(text) == text
    nodes = text_nodes(card("banking", 42, locale))
    assert {"Checking balance", "Recent transactions", "Date", "Category"} <= set(nodes)
    assert f"Seed 42 · {locale} · fictional data" in nodes


def test_placeholder_values_are_translated_when_vocabulary_and_kept_when_data():
    t = translator("de_DE")
    assert t("Upcoming payment: Rent") == "Anstehende Zahlung: Miete"
    assert t("Payroll · Müller & Söhne GmbH") == "Gehalt · Müller & Söhne GmbH"
    assert t("Auto policy") == "Versicherung (Kfz)"
    assert t("CLM-1234567, Storm damage, 9.500,00\xa0€, pending, filed 03.01.2026") == \
        "CLM-1234567, Sturmschaden, 9.500,00\xa0€, in Bearbeitung, gemeldet am 03.01.2026"
    for data in ("Antonio Döhn", "•••• 6189", "1.966,29\xa0€", "", '<script>alert("x")</script>'):
        assert t(data) == data


def test_an_ambiguous_text_is_read_the_way_its_words_are_known():
    """"90 mcg 2 puffs …" could be cut after "90"; the catalogue knows "90 mcg" and the frequency, so it cuts there."""
    t = translator("de_DE")
    text = "90 mcg 2 puffs every 4 to 6 hours as needed, 3 refills left, prescribed by Dr. Emine Henk"
    assert t(text) == "90 µg 2 Hübe alle 4 bis 6 Stunden bei Bedarf, noch 3 Folgerezepte, verordnet von Dr. Emine Henk"
    assert t(text.replace("3 refills", "1 refill")).endswith("noch 1 Folgerezept, verordnet von Dr. Emine Henk")


def test_card_words_take_their_values():
    assert translator("de_DE")("+{count} more in the JSON download", count=14) == "+14 weitere im JSON-Download"
    assert translator("en_US")("+{count} more in the JSON download", count=14) == "+14 more in the JSON download"


def test_a_hostile_view_is_still_escaped_in_german():
    hostile = '<script>alert("x")</script> Rent'
    view = PersonaView(title=hostile, subtitle=hostile,
                       facts=(Fact(key="k", label=hostile, value=hostile, sentence=hostile),),
                       tables=(Table(title=hostile, columns=(hostile,), rows=((hostile,),)),))
    html = render_card(view, 7, "banking", "de_DE")
    assert "<script>" not in html and html.count("&lt;script&gt;") >= 6


def test_catalogues_load_from_po_files_through_babel(tmp_path, monkeypatch):
    """A .po is compiled in memory: fuzzy guesses and empty entries stay English; a locale's own catalogue wins."""
    for name, body in {
        "de": 'msgid "Rent"\nmsgstr "Miete"\n\n#, fuzzy\nmsgid "Income"\nmsgstr "Einkommen?"\n\nmsgid "Travel"\nmsgstr ""\n',
        "de_AT": 'msgid "Rent"\nmsgstr "Zins"\n',
    }.items():
        path = tmp_path / name / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
        path.parent.mkdir(parents=True)
        path.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + body, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._load.cache_clear()
    i18n.translator.cache_clear()
    try:
        de = translator("de_DE")
        assert (de("Rent"), de("Income"), de("Travel")) == ("Miete", "Income", "Travel")
        assert translator("de_AT")("Rent") == "Zins"
        assert translator("it_IT")("Rent") == "Rent"  # no catalogue: English as is
    finally:
        i18n._load.cache_clear()
        i18n.translator.cache_clear()


def test_every_literal_t_call_in_the_ui_is_extracted():
    """Babel's extractor can't see inside f-strings on Python 3.11; a t("…") there would ship untranslated."""
    written = set()
    for path in UI_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                written.add(node.args[0].value)
    assert written and written == {m for m, _ in ui_messages()}
    assert written <= template_ids()


def test_the_embedded_model_says_it_answers_in_english():
    note = language_note("de_DE", "local")
    assert note and "English" in note and "German" in note
    assert "French" in language_note("fr_FR", "local")
    assert language_note("de_DE", "hosted") is None
    assert all(language_note(loc, "local") is None for loc in list_locales() if loc.startswith("en_"))


def test_the_catalogue_files_are_the_ones_documented():
    root = Path(i18n.__file__).resolve().parent.parent / "locale"
    assert TEMPLATE_PATH == root / "persona_chat.pot"
    found = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.po"))
    assert found == [f"{lang}/LC_MESSAGES/persona_chat.po" for lang in LANGUAGES]
    assert not list(root.rglob("*.mo"))  # compiled in memory; only text in git
    assert re.search(r"python -m webui\.i18n extract", (root.parent.parent / "README.md").read_text())


def test_a_new_persona_module_brings_its_words_without_new_code(tmp_path):
    """Say a scenario module writes titles with an f-string: the title becomes one entry, its vocabulary others."""
    package = tmp_path / "persona"
    package.mkdir()
    (package / "scenarios.py").write_text(
        'KINDS = ("Travel notice", "Unrecognised charge")\n'
        'MERCHANTS = ("FreshMart",)\n'
        'def title(t, who):\n'
        '    return f"A charge at {t.merchant} that {who.first_name} does not recognise"\n', encoding="utf-8")
    collector = Collector(read_source(package))
    collector.take("A charge at FreshMart that Anna does not recognise", "scenario title", True)
    collector.take("Travel notice", "scenario title", True)
    collector.take("Anna Schmidt", "fact value", False)  # data: no entry
    assert set(collector.entries) == {"A charge at {merchant} that {first_name} does not recognise",
                                      "FreshMart", "Travel notice"}
    assert collector.entries["FreshMart"].locations == {"persona/scenarios.py"}
