"""The persona card as HTML: what a demo viewer reads on it, where, and that nothing in it is markup by accident."""

import re
from datetime import date
from html import escape as html_escape
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from persona import Fact, Figure, Formatter, PersonaView, Section, Table, describe, generate, get_industry, list_modes
from webui import handlers
from webui.avatar import avatar_svg, initials
from webui.card import CARD_CSS, OPEN_ROWS, STRIP_CSS, render_card, render_strip
from webui.layout import PAGE_STYLE
from webui.session import open_session

AS_OF = date(2026, 1, 15)
HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


class Page(HTMLParser):
    """The card as a tree-less list of (tag, attrs, text inside) for the questions these tests ask."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict, list[str]]] = []
        self._open: list[tuple[str, dict, list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = (tag, dict(attrs), [])
        self.elements.append(element)
        if tag not in {"br", "img", "circle"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            if self._open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for _tag, _attrs, texts in self._open:
            texts.append(data)

    def text(self, **attrs) -> list[str]:
        """The text of every element whose attributes include ``attrs`` (``class_`` for class)."""
        want = {k.rstrip("_"): v for k, v in attrs.items()}
        return ["".join(texts) for _t, a, texts in self.elements
                if all(v in (a.get(k) or "").split() if k == "class" else a.get(k) == v for k, v in want.items())]

    def attrs(self, tag: str) -> list[dict]:
        return [a for t, a, _ in self.elements if t == tag]


def card_of(mode: str, seed: int = 42, locale: str = "en_US", scenario=None) -> tuple[str, PersonaView]:
    p = generate(mode, seed, locale, AS_OF)
    view = describe(p)
    return render_card(view, p.seed, p.mode, p.locale, scenario), view


def hostile_view() -> PersonaView:
    fact = Fact(key="k", label=HOSTILE, value=HOSTILE, sentence=HOSTILE)
    table = Table(title=HOSTILE, columns=(HOSTILE,), rows=((HOSTILE,),))
    return PersonaView(
        title=HOSTILE, subtitle=HOSTILE, facts=(fact,), tables=(table,),
        headline=(Figure(key=HOSTILE, label=HOSTILE, value=HOSTILE, detail=HOSTILE),),
        sections=(Section(key="holdings", title=HOSTILE, facts=(fact,), tables=(table,)),),
    )


def test_every_value_is_escaped():
    scenario = SimpleNamespace(title=HOSTILE, summary=HOSTILE)
    html = render_card(hostile_view(), 7, '"><script>', "en_US", scenario)
    assert "<script>" not in html
    assert '"quoted"' not in html and "'single'" not in html
    # title, subtitle, figure label/value/detail, section title, fact label/value, table title, column, cell, scenario x2
    assert html.count("&lt;script&gt;") >= 13
    assert "&amp;" in html
    strip = render_strip(hostile_view(), 7, '"><b>', scenario)
    assert "<script>" not in strip and "<b>" not in strip and strip.count("&lt;script&gt;") == 2


def test_a_hand_built_view_without_sections_still_shows_its_facts_and_tables():
    view = PersonaView(title="Ann Lee", subtitle="Test", facts=(Fact(key="a", label="Alpha", value="1", sentence="."),),
                       tables=(Table(title="Things", columns=("Name",), rows=(("x",),)),))
    page = Page(render_card(view, 1, "banking", "en_US"))
    assert page.text(class_="pc-figures") == []  # no headline declared, none drawn
    assert page.text(class_="pc-facts") == ["Alpha1"]
    assert page.attrs("td") == [{"data-label": "Name"}]


def test_avatar_is_local_svg_with_escaped_initials():
    svg = avatar_svg("<b> &", 1)
    assert svg.startswith("<svg") and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "<b>" not in svg
    assert initials("Anne-Marie O'Neil") == "AO"
    assert initials("Zoë") == "ZO"


def test_avatar_colour_follows_the_seed():
    hues = {re.search(r"hsl\((\d+)", avatar_svg("Ann Lee", s)).group(1) for s in range(10)}
    assert len(hues) == 10


HEADLINE = {
    "banking": lambda p, f: {"checking_balance": f.money(p.checking_balance), "savings_balance": f.money(p.savings_balance),
                             "credit_used": f.money(p.credit_used), "credit_score": str(p.credit_score)},
    "insurance": lambda p, f: {"policy_count": str(len(p.policies)), "total_coverage": f.money(p.total_coverage),
                               "monthly_premium": f.money(p.monthly_premium), "pending_claims": str(p.pending_claims)},
    "healthcare": lambda p, f: {"plan_name": p.plan_name, "deductible_met": f.money(p.deductible_met),
                                "oop_spent": f.money(p.out_of_pocket_spent),
                                "next_appointment": f.date(p.appointments[0].date) if p.appointments else "none scheduled"},
}
"""The numbers each industry's card shows large, read straight from the record (issue 13, item 4)."""


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
@pytest.mark.parametrize("seed", [1, 42, 2026])
def test_the_numbers_that_matter_are_on_top_and_match_the_record(mode, seed):
    p = generate(mode, seed, "en_US", AS_OF)
    html = render_card(describe(p), p.seed, p.mode, p.locale)
    page = Page(html)
    figures = {a["data-key"]: None for a in page.attrs("div") if "pc-figure" in a.get("class", "")}
    values = page.text(class_="pc-value")
    assert list(figures) == list(HEADLINE[mode](p, Formatter("en_US")))
    assert values == list(HEADLINE[mode](p, Formatter("en_US")).values())
    # the headline comes before any section, right after the name
    assert html.index("persona-name") < html.index("pc-figures") < html.index('data-section="holdings"')


def test_banking_figures_say_what_the_numbers_are_of():
    html, _ = card_of("banking", 42)
    p = generate("banking", 42, "en_US", AS_OF)
    details = Page(html).text(class_="pc-detail")
    assert p.checking_account in details and p.savings_account in details
    assert f"of ${p.credit_limit:,.2f} limit" in details


SECTION_TITLES = {"banking": "Accounts", "insurance": "Policies", "healthcare": "Plan"}


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_sections_in_order_with_the_industrys_own_title(mode):
    html, view = card_of(mode)
    page = Page(html)
    keys = [a["data-section"] for a in page.attrs("section")]
    assert keys == ["holdings", "activity", "identity"]
    headings = ["".join(h) for t, _a, h in page.elements if t == "h4"]
    assert headings == [SECTION_TITLES[mode], "Activity", "Personal details"]
    identity = next(s for s in view.sections if s.key == "identity")
    assert {f.key for f in identity.facts} >= {"birth_date", "email", "phone", "address"}
    assert "name" not in {f.key for f in identity.facts}  # the card's title already says it


def test_insurance_policies_table_sits_in_the_policies_section():
    _, view = card_of("insurance")
    holdings, activity = (next(s for s in view.sections if s.key == k) for k in ("holdings", "activity"))
    assert [t.title for t in holdings.tables] == ["Policies"] and [t.title for t in activity.tables] == ["Claims"]


@settings(max_examples=60, deadline=None)
@given(mode=st.sampled_from(["banking", "insurance", "healthcare"]), seed=st.integers(0, 2**32 - 1),
       locale=st.sampled_from(["en_US", "en_GB", "de_DE", "fr_FR"]))
def test_the_card_loses_no_fact(mode, seed, locale):
    """Every fact is on the card once: a figure, a section line, the header, or a row of the table that lists it."""
    p = generate(mode, seed, locale, AS_OF)
    view = describe(p)
    layout = get_industry(mode).card
    figures = {f.key for f in view.headline}
    in_sections = [f.key for s in view.sections for f in s.facts]
    assert len(in_sections) == len(set(in_sections)) and not figures & set(in_sections)
    for f in view.facts:
        placed = f.key in figures or f.key in in_sections or f.key in {"name", "member_since"}
        assert placed or f.key.startswith(layout.listed), f.key
    assert [t for s in view.sections for t in s.tables] == sorted(view.tables, key=lambda t: t.title not in
                                                                  layout.holding_tables)
    assert all(f.value for f in view.headline)


@pytest.mark.parametrize("mode", ["banking", "insurance", "healthcare"])
def test_tables_fold_when_long_and_every_row_is_there(mode):
    for seed in range(40):
        html, view = card_of(mode, seed)
        page = Page(html)
        details = page.attrs("details")
        assert len(details) == len(view.tables)
        for table, attrs in zip(view.tables, details, strict=True):
            assert ("open" in attrs) == (len(table.rows) <= OPEN_ROWS), (table.title, len(table.rows))
        assert len(page.attrs("tr")) == sum(1 + len(t.rows) for t in view.tables if t.rows)
        labels = [a["data-label"] for a in page.attrs("td")]
        assert labels == [c for t in view.tables for _ in t.rows for c in t.columns]


def test_each_table_names_its_scroll_box_for_screen_readers():
    html, view = card_of("banking")
    boxes = [a for a in Page(html).attrs("div") if "pc-scroll" in a.get("class", "")]
    assert [b["aria-label"] for b in boxes] == [t.title for t in view.tables if t.rows]
    assert all(b["role"] == "region" and b["tabindex"] == "0" for b in boxes)  # keyboard users can scroll them


def test_the_scenario_is_shown_first_when_the_persona_has_one():
    story = SimpleNamespace(title="A charge I don't recognise", summary="A $33.79 charge at Hearth & Home on Nov 23.")
    html, _ = card_of("banking", scenario=story)
    page = Page(html)
    assert page.text(class_="pc-scenario-title") == ["A charge I don't recognise"]
    assert page.text(class_="pc-scenario-summary") == ["A $33.79 charge at Hearth & Home on Nov 23."]
    assert html.index("persona-name") < html.index("pc-scenario") < html.index("pc-figures")
    assert "pc-scenario" not in card_of("banking")[0]
    assert "Anliegen" in Page(card_of("banking", locale="de_DE", scenario=story)[0]).text(class_="pc-kicker")


def test_the_session_hands_the_persona_scenario_to_card_and_strip():
    """Personas carry a scenario (issue 13, item 1): the card and the strip show it without more wiring."""
    session = open_session("banking", 42, "en_US", as_of=AS_OF)
    story = session.persona.scenario
    view = handlers.show(session)
    assert view.scenario == story.kind
    assert html_escape(story.title) in view.card and html_escape(story.summary) in view.card
    assert html_escape(story.title) in view.strip


def test_the_strip_names_the_customer_and_links_to_the_card():
    p = generate("insurance", 42, "fr_FR", AS_OF)
    strip = render_strip(describe(p), p.seed, p.locale)
    page = Page(strip)
    assert page.text(class_="cs-name") == [p.identity.full_name]
    assert page.attrs("a") == [{"class": "cs-more", "href": "#persona-card"}]
    assert page.text(class_="cs-more")[0].startswith("Profil")
    assert page.text(class_="cs-reason")[0].startswith("Assurance · Bluestem")  # the subtitle in French until a scenario


@pytest.mark.parametrize("css", [CARD_CSS, STRIP_CSS], ids=["card", "strip"])
def test_stylesheets_survive_gradios_template_string(css):
    """css_template passes through Handlebars and a JavaScript template literal: no ``${``, ``{{``, backslash, backtick."""
    assert "${" not in css and "{{" not in css and "\\" not in css and "`" not in css
    assert css.count("{") == css.count("}")
    assert "#fff" not in css.lower() and "white" not in css  # colours come from the theme's variables


def test_page_style_is_one_style_element_with_the_phone_layout():
    assert PAGE_STYLE.startswith("<style") and PAGE_STYLE.endswith("</style>") and PAGE_STYLE.count("<") == 2
    for selector in ("#customer-strip", "#main-row", "#chat-column", "#persona-bar", "#card-column"):
        assert selector in PAGE_STYLE


@pytest.mark.parametrize("mode", list_modes())
def test_every_registered_industry_declares_a_headline(mode):
    view = describe(generate(mode, 5, "en_US", AS_OF))
    assert 3 <= len(view.headline) <= 4
    assert len({f.key for f in view.headline}) == len(view.headline)
