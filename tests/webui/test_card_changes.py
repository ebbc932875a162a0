"""The card marks what the last action changed: the new value with a "changed" badge, the old one struck through."""

from __future__ import annotations

from persona import Fact, Figure, PersonaView, Section, Table
from webui.card import Changes, changes, render_card

HOSTILE = '<img src=x onerror="alert(1)">'


def view(status: str, balance: str, rows: tuple[tuple[str, ...], ...]) -> PersonaView:
    card = Fact(key="card_status", label="Card", value=status, sentence=".")
    table = Table(title="Transactions", columns=("Date", "Merchant", "Status"), rows=rows)
    return PersonaView(title="Ann Lee", subtitle="Checking", facts=(card,), tables=(table,),
                       headline=(Figure(key="balance", label="Balance", value=balance),),
                       sections=(Section(key="holdings", title="Accounts", facts=(card,), tables=(table,)),))


ROWS = (("1 Dec", "RideNow", "posted"), ("2 Dec", "Streamly", "posted"))


def test_nothing_changed_marks_nothing():
    before = view("active", "$100.00", ROWS)
    assert not changes(before, before)
    assert "pc-changed" not in render_card(before, 1, "banking", "en_US", changed=changes(before, before))


def test_a_changed_fact_figure_and_row_show_the_new_value_the_old_struck_and_a_badge():
    before = view("active", "$100.00", ROWS)
    after = view("frozen", "$80.00", (("1 Dec", "RideNow", "disputed"), ROWS[1]))
    found = changes(before, after)
    assert found == Changes(figures={"balance": "$100.00"}, facts={"card_status": "active"},
                            rows={"Transactions": {0: ROWS[0]}})
    html = render_card(after, 1, "banking", "en_US", changed=found)

    assert html.count('class="pc-badge"') == 3  # the figure, the fact (listed once in its section), the row
    assert '<s class="pc-was" aria-label="was active">active</s>' in html
    assert '<s class="pc-was" aria-label="was $100.00">$100.00</s>' in html
    assert "disputed <s class=\"pc-was\" aria-label=\"was posted\">posted</s>" in html
    assert html.count('<tr class="pc-changed">') == 1  # the Streamly row is untouched


def test_a_new_row_is_marked_and_its_table_opens():
    before = view("active", "$100.00", ROWS * 3)
    after = view("active", "$100.00", (*ROWS * 3, ("3 Dec", "Transfer to savings", "pending")))
    html = render_card(after, 1, "banking", "en_US", changed=changes(before, after))

    assert html.count('<tr class="pc-changed">') == 1 and "<details class=\"pc-table\" open>" in html


def test_old_values_are_escaped_like_every_other_value():
    before = view(HOSTILE, "$1", ROWS)
    after = view("frozen", "$1", ROWS)
    html = render_card(after, 1, "banking", "en_US", changed=changes(before, after))

    assert "<img" not in html and "&lt;img" in html


def test_a_fact_that_only_an_action_creates_is_marked_new():
    before = view("active", "$1", ROWS)
    frozen = Fact(key="card_frozen", label="Card frozen", value="Yes", sentence=".")
    after = before.model_copy(update={"facts": (*before.facts, frozen), "sections": (
        before.sections[0].model_copy(update={"facts": (*before.sections[0].facts, frozen)}),)})
    found = changes(before, after)
    html = render_card(after, 1, "banking", "en_US", changed=found)

    assert found.facts == {"card_frozen": None}
    assert '<div class="pc-changed" data-key="card_frozen"><dt>Card frozen</dt><dd>Yes <span class="pc-badge">' in html
