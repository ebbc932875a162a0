import re
from datetime import date

from persona import Fact, PersonaView, Table, describe, generate
from webui.avatar import avatar_svg, initials
from webui.card import MAX_ROWS, render_card

HOSTILE = '<script>alert("x")</script> & "quoted" \'single\''


def hostile_view() -> PersonaView:
    return PersonaView(
        title=HOSTILE,
        subtitle=HOSTILE,
        facts=(Fact(key="k", label=HOSTILE, value=HOSTILE, sentence=HOSTILE),),
        tables=(Table(title=HOSTILE, columns=(HOSTILE,), rows=((HOSTILE,),)),),
    )


def test_every_value_is_escaped():
    html = render_card(hostile_view(), 7, '"><script>', "en_US")
    assert "<script>" not in html
    assert '"quoted"' not in html and "'single'" not in html
    assert html.count("&lt;script&gt;") >= 6  # title, subtitle, label, value, table title, column, cell
    assert "&amp;" in html


def test_avatar_is_local_svg_with_escaped_initials():
    svg = avatar_svg("<b> &", 1)
    assert svg.startswith("<svg") and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    assert "<b>" not in svg
    assert initials("Anne-Marie O'Neil") == "AO"
    assert initials("Zoë") == "ZO"


def test_avatar_colour_follows_the_seed():
    hues = {re.search(r"hsl\((\d+)", avatar_svg("Ann Lee", s)).group(1) for s in range(10)}
    assert len(hues) == 10


def test_card_shows_the_persona_and_caps_long_tables():
    p = generate("banking", 42, "en_US", date(2026, 1, 15))
    html = render_card(describe(p), p.seed, p.mode, p.locale)
    assert p.identity.full_name.replace("'", "&#x27;") in html
    assert f'data-seed="{p.seed}"' in html
    assert html.count("<tr>") <= 1 + MAX_ROWS + 1 + len(p.pending_payments) + 1
    if len(p.transactions) > MAX_ROWS:
        assert f"+{len(p.transactions) - MAX_ROWS} more" in html
