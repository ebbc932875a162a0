"""The card in the persona's language: text is marked where it is written, Babel's extractor finds it, the
catalogues translate it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import webui.i18n as i18n
from persona import PersonaView, describe, generate, list_locales, list_modes, list_scenarios
from persona.errors import ScenarioNotApplicableError
from persona.industries import banking, healthcare, insurance
from persona.models import Fact, Table
from persona.words import N_, Message, placeholders
from webui.card import render_card
from webui.i18n import language_note, translator
from webui.i18n.extract import MAPPING, ROOT, TEMPLATE_PATH, extract_args, languages, messages, read_catalogue

AS_OF = date(2026, 1, 15)
LANGUAGES = tuple(languages())
"""Every catalogue in webui/locale: a fifth language is tested as soon as its .po is there."""
HINT = "run `python -m webui.i18n extract`, then translate the new entries in webui/locale/*/LC_MESSAGES/"


def translations(language: str) -> dict[str, str]:
    """The catalogue's usable entries (not empty, not fuzzy, not obsolete), as write_mo compiles them."""
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
    return render_card(describe(p), p.seed, p.mode, p.locale, p.scenario)


def full_card_seed(mode: str, locale: str) -> int:
    """A seed whose card has rows in every table (so their cells are on the page)."""
    return next(s for s in range(200) if all(t.rows for t in describe(generate(mode, s, locale, AS_OF)).tables))


def labels(view: PersonaView) -> Iterator[str]:
    """Every label a card shows: the subtitle, fact and figure labels, section and table titles, columns."""
    yield view.subtitle
    yield from (f.label for f in view.facts)
    yield from (f.label for f in view.headline)
    yield from (s.title for s in view.sections)
    for table in view.tables:
        yield table.title
        yield from table.columns


def test_every_marked_message_is_in_the_template():
    """The template is what Babel's extractor finds now: a message written in a module is never missing from it."""
    found = {msgid for msgid, _ in messages()}
    assert len(found) > 200
    assert found == template_ids(), f"template out of date: {sorted(found ^ template_ids())[:10]}; {HINT}"
    in_persona = {msgid for msgid, where in messages() if where.startswith("persona/")}
    assert {"Upcoming payment: {payee}", "Rent", "internet bill", "Emergency pet surgery"} <= in_persona


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_entry_is_translated_with_its_placeholders(language):
    done = translations(language)
    missing = sorted(template_ids() - done.keys())
    assert not missing, f"{language}: {len(missing)} untranslated: {missing[:10]}; {HINT}"
    for msgid, msgstr in done.items():
        assert sorted(set(placeholders(msgstr))) == sorted(set(placeholders(msgid))), (language, msgid, msgstr)


def test_every_label_a_card_shows_is_marked_where_it_is_written():
    """A label typed as a plain string would ship in English: each one is a message with an entry in the template."""
    ids = template_ids()
    for mode in list_modes():
        for locale in list_locales():
            view = describe(generate(mode, 3, locale, AS_OF))
            for label in labels(view):
                assert isinstance(label, Message), (mode, label)
                assert label.msgid in ids, (mode, label.msgid)


def test_a_rare_word_is_translated_without_any_persona_showing_it():
    """"internet bill" is said only in a bill-before-payday story about an internet bill: 300 sampled seeds per
    locale never drew one, so the old template lacked it. Written with N_ it is in the template, and translated."""
    bill = banking._bill("Internet")
    assert bill == "internet bill" and isinstance(bill, Message)
    assert translator("de_DE")(bill) == "Internetrechnung"
    assert translator("fr_FR")(bill) == "facture Internet"
    story = N_("{first_name}'s {bill} of {amount} is due on {due_date}, before the next paycheck from {employer}, "
               "and only {balance} is left in checking.", first_name="Anna", bill=bill, amount="61,90\xa0€",
               due_date="03.02.2026", employer="Bean GmbH", balance="12,00\xa0€")
    assert "(Internetrechnung)" in translator("de_DE")(story)
    for word in ("Emergency pet surgery", "Allergy and immunology", "Albuterol inhaler", "umbrella", "an engagement ring"):
        assert word in template_ids()
        assert all(translations(language)[word] for language in LANGUAGES)


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_a_german_card_has_german_labels_and_no_english_catalogue_words(mode):
    seed = full_card_seed(mode, "de_DE")
    nodes = text_nodes(card(mode, seed, "de_DE"))
    de = translations("de")
    english = {m for m in template_ids() if de.get(m) != m and not placeholders(m)}  # "Status" is German too
    assert not [n for n in nodes if n in english]
    view = describe(generate(mode, seed, "de_DE", AS_OF))
    shown = [*(f.label for f in view.headline), *(s.title for s in view.sections),
             *(f.label for s in view.sections for f in s.facts), *(t.title for t in view.tables)]
    assert len(shown) > 15
    t = translator("de_DE")
    for label in shown:
        assert t(label) in nodes
        assert t(label) != label or de.get(label.msgid) == label.msgid
    assert {"Persönliche Angaben", "Aktivität"} <= set(nodes)
    assert any(n.endswith("fiktive Daten") for n in nodes)
    assert any("Kunde seit" in n for n in nodes)


def test_german_banking_card_in_detail():
    p = generate("banking", 2026, "de_DE", AS_OF)
    nodes = text_nodes(render_card(describe(p), p.seed, p.mode, p.locale))
    for word in ("Kontostand Girokonto", "Kontostand Sparkonto", "Geburtsdatum", "Letzte Umsätze", "Kategorie",
                 "Anstehende Zahlungen", "Fällig am", "Empfänger", "Betrag"):
        assert word in nodes
    assert "Kartenzahlung · QuickFuel" in nodes  # vocabulary translated, the merchant's name kept
    assert "Kreditkartenabrechnung" in nodes  # a payee in the pending payments table
    assert {"Konten", "Aktivität", "Persönliche Angaben", "Kreditkartensaldo"} <= set(nodes)
    assert any(n.startswith("von ") and n.endswith(" Limit") for n in nodes)  # the card balance's "of … limit"
    assert p.identity.full_name in nodes
    assert len([n for n in nodes if n.endswith("\xa0€")]) >= len(p.transactions)  # every transaction, no cap
    t = translator("de_DE")  # the facts the card leaves to its tables still read German (prompts and evals keep them)
    pending = {f.key: f for f in describe(p).facts if f.key.startswith("pending_")}
    card_payment = next(f for f in pending.values() if "Credit card payment" in f.label)
    assert t(card_payment.label) == "Anstehende Zahlung: Kreditkartenabrechnung"
    due = N_("{amount} due {due_date}", amount="62,62\xa0€", due_date="16.01.2026")
    assert t(due) == "62,62\xa0€, fällig am 16.01.2026"  # Babel's formatting untouched


def test_french_cards_read_french():
    t = translator("fr_FR")
    assert t(N_("Checking balance")) == "Solde du compte courant"
    assert t(N_("Upcoming payment: {payee}", payee="Rent")) == "Paiement à venir : Loyer"
    assert t(N_("{kind} policy", kind="Auto")) == "Assurance auto"
    assert t(N_("Prescription: {medication}", medication="Atorvastatin")) == "Ordonnance : Atorvastatine"
    h = generate("healthcare", full_card_seed("healthcare", "fr_FR"), "fr_FR", AS_OF)
    nodes = text_nodes(render_card(describe(h), h.seed, h.mode, h.locale))
    assert {"Prochains rendez-vous", "Ordonnances", "Médicament", "Fréquence", "Motif"} <= set(nodes)
    assert any(n.startswith("Dr ") for n in nodes)  # French writes "Dr" without a point


@pytest.mark.parametrize("locale", ["en_US", "en_GB"])
def test_english_cards_are_unchanged(locale):
    t = translator(locale)
    for mode in list_modes():
        for seed in range(20):
            p = generate(mode, seed, locale, AS_OF)
            view = describe(p)
            texts = [*labels(view), *(f.value for f in view.facts), *(f.value for f in view.headline),
                     *(f.detail for f in view.headline), *(c for tb in view.tables for r in tb.rows for c in r),
                     p.scenario.title, p.scenario.summary]
            for text in texts:
                assert t(text) == text
    nodes = text_nodes(card("banking", 42, locale))
    assert {"Checking balance", "Recent transactions", "Date", "Category"} <= set(nodes)
    assert f"Seed 42 · {locale} · fictional data" in nodes


def test_placeholder_values_are_translated_when_vocabulary_and_kept_when_data():
    t = translator("de_DE")
    assert t(N_("Upcoming payment: {payee}", payee="Rent")) == "Anstehende Zahlung: Miete"
    assert t(N_("Payroll · {employer}", employer="Müller & Söhne GmbH")) == "Gehalt · Müller & Söhne GmbH"
    assert t(N_("{kind} policy", kind="Auto")) == "Versicherung (Kfz)"
    claim = N_("{claim_id}, {description}, {amount}, {status}, filed {date}", claim_id="CLM-1234567",
               description="Storm damage", amount="9.500,00\xa0€", status="pending", date="03.01.2026")
    assert t(claim) == "CLM-1234567, Sturmschaden, 9.500,00\xa0€, in Bearbeitung, gemeldet am 03.01.2026"
    for data in ("Antonio Döhn", "•••• 6189", "1.966,29\xa0€", "", '<script>alert("x")</script>'):
        assert t(data) == data


def test_a_message_is_read_by_its_id_and_values_not_by_its_text():
    """"90 mcg 2 puffs …" could be cut anywhere by a reader of the finished text; the message knows its parts."""
    doctor = N_("Dr. {first_name} {last_name}", first_name="Emine", last_name="Henk")
    line = N_("{dosage} {frequency}, {n} refills left, prescribed by {prescriber}", dosage=N_("90 mcg"),
              frequency=N_("2 puffs every 4 to 6 hours as needed"), n=3, prescriber=doctor)
    assert line == "90 mcg 2 puffs every 4 to 6 hours as needed, 3 refills left, prescribed by Dr. Emine Henk"
    assert translator("de_DE")(line) == ("90 µg 2 Hübe alle 4 bis 6 Stunden bei Bedarf, noch 3 Folgerezepte, "
                                         "verordnet von Dr. Emine Henk")
    assert translator("fr_FR")(doctor) == "Dr Emine Henk"
    assert translator("de_DE")("90 mcg 2 puffs every 4 to 6 hours as needed") == \
        "90 mcg 2 puffs every 4 to 6 hours as needed"  # finished text is never taken apart


def test_card_words_take_their_values():
    assert translator("de_DE")("+{count} more in the JSON download", count=14) == "+14 weitere im JSON-Download"
    assert translator("en_US")("+{count} more in the JSON download", count=14) == "+14 more in the JSON download"


def test_a_hostile_view_is_still_escaped_in_german():
    hostile = '<script>alert("x")</script> Rent'
    marked = N_("Upcoming payment: {payee}", payee=hostile)
    view = PersonaView(title=hostile, subtitle=marked,
                       facts=(Fact(key="k", label=marked, value=hostile, sentence=hostile),),
                       tables=(Table(title=hostile, columns=(marked,), rows=((hostile,),)),))
    html = render_card(view, 7, "banking", "de_DE")
    assert "<script>" not in html and html.count("&lt;script&gt;") >= 6
    assert "Anstehende Zahlung: &lt;script&gt;" in html


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
        assert (de(N_("Rent")), de(N_("Income")), de(N_("Travel"))) == ("Miete", "Income", "Travel")
        assert translator("de_AT")(N_("Rent")) == "Zins"
        assert translator("it_IT")(N_("Rent")) == "Rent"  # no catalogue: English as is
    finally:
        i18n._load.cache_clear()
        i18n.translator.cache_clear()


def test_every_literal_t_call_in_the_ui_is_extracted():
    """Babel's extractor can't see inside f-strings on Python 3.11; a t("…") there would ship untranslated."""
    ui = ROOT / "webui"
    written = set()
    for path in ui.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                written.add(node.args[0].value)
    assert written and written == {m for m, where in messages() if where.startswith("webui/")}
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
    assert {"de", "fr"} <= set(LANGUAGES)
    assert not list(root.rglob("*.mo"))  # compiled in memory; only text in git
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"python -m webui\.i18n extract", readme)
    assert "pybabel extract -F babel.cfg --no-default-keywords -k N_ -k t" in readme
    assert " ".join(extract_args()).startswith("extract -F babel.cfg --no-default-keywords -k N_ -k t")
    assert MAPPING.is_file()


def test_a_new_persona_module_brings_its_words_without_new_code(tmp_path):
    """A module that writes N_("…") has its messages extracted by Babel, named placeholders and all; data is not."""
    package = tmp_path / "persona" / "industries"
    package.mkdir(parents=True)
    (package / "telecom.py").write_text(
        'from persona.words import N_\n'
        'PLANS = (N_("Unlimited data"), N_("Pay as you go"))\n'
        'NETWORKS = ("Skylink", "Wavecom")\n'
        'def title(line, who):\n'
        '    return N_("A roaming charge on line {number} that {first_name} does not recognise",\n'
        '              number=line.number, first_name=who.first_name)\n', encoding="utf-8")
    found = {msgid: where for msgid, where in messages(tmp_path)}
    assert found == dict.fromkeys(("Unlimited data", "Pay as you go",
                                   "A roaming charge on line {number} that {first_name} does not recognise"),
                                  "persona/industries/telecom.py")


def test_a_lowercased_word_inside_a_story_is_found_case_blind():
    """Stories lowercase vocabulary mid-sentence ("Ariana's rent of …"): German keeps its capital, French drops it."""
    story = N_("{first_name}'s {bill} of {amount} is due on {due_date}, before the next paycheck from {employer}, "
               "and only {balance} is left in checking.", first_name="Ariana", bill="rent", amount="$1,078.96",
               due_date="Jan 22, 2026", employer="Bean PLC", balance="$287.63")
    assert "(Miete)" in translator("de_DE")(story)
    assert "(loyer)" in translator("fr_FR")(story)
    assert translator("de_DE")(N_("Rent")) == "Miete"


@pytest.mark.parametrize("locale", ["de_DE", "fr_FR"])
def test_every_scenario_story_reads_in_the_personas_language(locale):
    t = translator(locale)
    for mode in list_modes():
        for kind in list_scenarios(mode):
            for seed in range(200):
                try:
                    p = generate(mode, seed, locale, AS_OF, scenario=kind)
                except ScenarioNotApplicableError:
                    continue
                assert t.knows(p.scenario.summary), (mode, kind, p.scenario.summary)
                assert t(p.scenario.summary) != p.scenario.summary
                assert t(p.scenario.title) != p.scenario.title
                break
            else:
                pytest.fail(f"no persona among 200 seeds has the {mode} scenario {kind}")


def test_the_industries_vocabulary_is_all_in_the_template():
    """Every word an industry declares for its records (categories, bills, specialties, claim types) is marked."""
    ids = template_ids()
    words = [*banking._CATEGORIES, *banking._BILLS, *healthcare._SPECIALTIES,
             *(reason for _w, _c, reasons in healthcare._SPECIALTIES.values() for reason in reasons),
             *(entry[0] for group in healthcare._MEDICATION_GROUPS for entry in group),
             *insurance._POLICIES, *(claim[0] for types in insurance._CLAIM_TYPES.values() for claim in types)]
    assert len(words) > 60
    assert not [w for w in words if not isinstance(w, Message) or w.msgid not in ids]
