"""The persona card, and the compact customer strip shown above the chat on phones.

A PersonaView rendered as HTML in the persona's language: who the customer is and why they are
getting in touch, the industry's headline figures large, then sections (personal details, the
industry's own holdings, activity) whose tables fold away. What goes where is declared by each
industry (``persona.CardLayout``); this module only lays it out. Every text is escaped: a name,
a value, a table cell never becomes markup. Colours come from Gradio's theme variables, so the
card follows the light and the dark scheme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from persona import Fact, Figure, PersonaView, Scenario, Section, Table

from .avatar import avatar_svg
from .i18n import Translator, translator

MAX_ROWS = 60
"""Rows shown per table (records hold fewer); anything beyond is in the JSON download."""
OPEN_ROWS = 4
"""A table this short starts unfolded; a longer one (a month of transactions) starts folded."""
WIDE_COLUMNS = 4
"""A table with more columns reflows into one block per row on a desktop-width card too, not only on a phone."""


def _attr(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Changes:
    """What the last action changed on the card: old values by figure and fact key (None: a fact that is new, such as
    "card frozen"), and per table the rows that changed (row index -> the old row, or None for a new row). Empty:
    nothing is marked."""

    figures: dict[str, str] = field(default_factory=dict)
    facts: dict[str, str | None] = field(default_factory=dict)
    rows: dict[str, dict[int, tuple[str, ...] | None]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.figures or self.facts or self.rows)


def changes(before: PersonaView, after: PersonaView) -> Changes:
    """Compare two views of one customer (before and after an action): what the card should mark."""
    figures = {f.key: f.value for f in before.headline}
    facts = {f.key: f.value for f in before.facts}
    for section in before.sections:
        facts.update((f.key, f.value) for f in section.facts)
    old_tables = {t.title: t.rows for t in before.tables}
    for section in before.sections:
        old_tables.update((t.title, t.rows) for t in section.tables)
    new_tables = {t.title: t.rows for t in after.tables}
    for section in after.sections:
        new_tables.update((t.title, t.rows) for t in section.tables)
    new_facts = {f.key: f.value for f in after.facts}
    for section in after.sections:
        new_facts.update((f.key, f.value) for f in section.facts)
    rows: dict[str, dict[int, tuple[str, ...] | None]] = {}
    for title, new in new_tables.items():
        old = old_tables.get(title, ())
        if old == new:
            continue
        if len(old) == len(new):  # the same rows, some edited in place (a status, a date)
            marked = {i: o for i, (o, n) in enumerate(zip(old, new, strict=True)) if o != n}
        else:  # rows added or removed: mark the ones that weren't there
            seen = set(old)
            marked = {i: None for i, n in enumerate(new) if n not in seen}
        if marked:
            rows[title] = marked
    return Changes(figures={f.key: figures[f.key] for f in after.headline if f.key in figures
                            and figures[f.key] != f.value},
                   facts={k: facts.get(k) for k, v in new_facts.items() if facts.get(k) != v},
                   rows=rows)


def _badge(t: Translator) -> str:
    word = t("changed")  # outside the f-string, so the extractor sees it
    return f'<span class="pc-badge">{escape(word)}</span>'


def _was(old: str, t: Translator) -> str:
    was = escape(t("was"))
    return f'<s class="pc-was" aria-label="{was} {_attr(t(old))}">{escape(t(old))}</s>'


def _figure(figure: Figure, t: Translator, changed: Changes = Changes()) -> str:
    detail = f'<dd class="pc-detail">{escape(t(figure.detail))}</dd>' if figure.detail else ""
    if figure.key in changed.figures:
        return (f'<div class="pc-figure pc-changed" data-key="{_attr(figure.key)}"><dt>{escape(t(figure.label))} '
                f'{_badge(t)}</dt><dd class="pc-value">{escape(t(figure.value))}</dd>'
                f'<dd class="pc-detail">{_was(changed.figures[figure.key], t)}</dd>{detail}</div>')
    return (f'<div class="pc-figure" data-key="{_attr(figure.key)}"><dt>{escape(t(figure.label))}</dt>'
            f'<dd class="pc-value">{escape(t(figure.value))}</dd>{detail}</div>')


def _fact(fact: Fact, t: Translator, changed: Changes) -> str:
    if fact.key in changed.facts:
        old = changed.facts[fact.key]
        was = f" {_was(old, t)}" if old is not None else ""
        return (f'<div class="pc-changed" data-key="{_attr(fact.key)}"><dt>{escape(t(fact.label))}</dt>'
                f'<dd>{escape(t(fact.value))}{was} {_badge(t)}</dd></div>')
    return f'<div data-key="{_attr(fact.key)}"><dt>{escape(t(fact.label))}</dt><dd>{escape(t(fact.value))}</dd></div>'


def _facts(facts: tuple[Fact, ...], t: Translator, changed: Changes = Changes()) -> str:
    rows = "".join(_fact(f, t, changed) for f in facts)
    return f'<dl class="pc-facts">{rows}</dl>' if rows else ""


def _cell(label: str, value: str, old: str | None, t: Translator) -> str:
    if old is None or old == value:
        return f'<td data-label="{label}">{escape(t(value))}</td>'
    return f'<td data-label="{label}">{escape(t(value))} {_was(old, t)}</td>'


def _row(row: tuple[str, ...], columns: list[str], marked: dict[int, tuple[str, ...] | None], index: int,
         t: Translator) -> str:
    if index not in marked:
        return "<tr>" + "".join(_cell(c, v, None, t) for c, v in zip(columns, row, strict=False)) + "</tr>"
    old = marked[index] or ()
    cells = [_cell(c, v, old[i] if i < len(old) else None, t) for i, (c, v) in enumerate(zip(columns, row, strict=False))]
    if cells:  # the badge after the first cell's text
        cells[0] = cells[0].removesuffix("</td>") + f" {_badge(t)}</td>"
    return '<tr class="pc-changed">' + "".join(cells) + "</tr>"


def _table(table: Table, t: Translator, changed: Changes = Changes()) -> str:
    """A table that folds (``<details>``), scrolls inside its own box, and reflows into blocks when narrow."""
    title = escape(t(table.title))
    count = len(table.rows)
    marked = changed.rows.get(table.title, {})
    opened = " open" if count <= OPEN_ROWS or marked else ""
    summary = f'<summary><span class="pc-table-title">{title}</span><span class="pc-count">{count}</span></summary>'
    if not table.rows:
        empty = t("None")  # a literal outside the f-string, so the extractor sees it
        return f'<details class="pc-table"{opened}>{summary}<p class="pc-empty">{escape(empty)}</p></details>'
    columns = [escape(t(c)) for c in table.columns]
    head = "".join(f'<th scope="col">{c}</th>' for c in columns)
    body = "".join(_row(row, columns, marked, i, t) for i, row in enumerate(table.rows[:MAX_ROWS]))
    more = count - MAX_ROWS
    note = t("+{count} more in the JSON download", count=more) if more > 0 else ""
    wide = " pc-wide" if len(columns) > WIDE_COLUMNS else ""
    return (f'<details class="pc-table{wide}"{opened}>{summary}'
            f'<div class="pc-scroll" role="region" tabindex="0" aria-label="{title}">'
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
            + (f'<p class="pc-empty">{escape(note)}</p>' if note else "") + "</details>")


def _section(section: Section, t: Translator, changed: Changes = Changes()) -> str:
    title = escape(t(section.title))
    heading = f"<h4>{title}</h4>" if title else ""
    return (f'<section class="pc-section" data-section="{_attr(section.key)}" aria-label="{title}">{heading}'
            + _facts(section.facts, t, changed) + "".join(_table(table, t, changed) for table in section.tables)
            + "</section>")


def _scenario(scenario: Scenario | None, t: Translator) -> str:
    if scenario is None:
        return ""
    kicker = t("Reason for contact")
    return (f'<section class="pc-scenario" data-section="scenario" aria-label="{escape(kicker)}">'
            f'<p class="pc-kicker">{escape(kicker)}</p>'
            f'<p class="pc-scenario-title">{escape(t(scenario.title))}</p>'
            f'<p class="pc-scenario-summary">{escape(t(scenario.summary))}</p></section>')


def _sections(view: PersonaView) -> tuple[Section, ...]:
    """The view's sections; a view built by hand without them shows its facts and tables as one."""
    return view.sections or (Section(key="record", title="", facts=view.facts, tables=view.tables),)


def render_card(view: PersonaView, seed: int, mode: str, locale: str, scenario: Scenario | None = None,
                changed: Changes = Changes()) -> str:
    """The card's HTML: labels and vocabulary in the persona's language (``webui.i18n``), names and data as they are.

    ``changed`` (``changes(before, view)``) marks what the last action changed: a "changed" badge, the old
    value struck through beside the new one.
    """
    t = translator(locale)
    provenance = t("Seed {seed} · {locale} · fictional data", seed=seed, locale=locale)
    figures = "".join(_figure(f, t, changed) for f in view.headline)
    key_figures = t("Key figures")
    headline = (f'<dl class="pc-figures" data-section="headline" aria-label="{escape(key_figures)}">'
                f"{figures}</dl>") if figures else ""
    return (
        f'<article class="persona-card" data-mode="{_attr(mode)}" data-seed="{_attr(seed)}" '
        f'data-locale="{_attr(locale)}" data-scenario="{_attr(getattr(scenario, "kind", ""))}" lang="{_attr(locale.replace("_", "-"))}" aria-label="{_attr(view.title)}">'
        f'<header class="pc-head">{avatar_svg(view.title, seed, 56)}<div class="pc-who">'
        f'<h3 class="persona-name">{escape(view.title)}</h3>'
        f'<p class="pc-sub">{escape(t(view.subtitle))}</p></div></header>'
        + _scenario(scenario, t) + headline + "".join(_section(s, t, changed) for s in _sections(view))
        + f'<footer class="pc-foot">{escape(provenance)}</footer></article>'
    )


def render_strip(view: PersonaView, seed: int, locale: str, scenario: Scenario | None = None) -> str:
    """The customer in one line above the chat, for phones: avatar, name, why they are in touch, a link to the card."""
    t = translator(locale)
    reason = escape(t(scenario.title)) if scenario is not None else escape(t(view.subtitle))
    more = t("Profile")
    return (
        f'<div class="customer-strip" data-seed="{_attr(seed)}" lang="{_attr(locale.replace("_", "-"))}">'
        f"{avatar_svg(view.title, seed, 40)}"
        f'<div class="cs-who"><p class="cs-name">{escape(view.title)}</p><p class="cs-reason">{reason}</p></div>'
        f'<a class="cs-more" href="#persona-card">{escape(more)} <span aria-hidden="true">↓</span></a></div>'
    )


def _reflow(box: str) -> str:
    """CSS laying a table's rows out as blocks, each cell under its column's name (``data-label``)."""
    return f"""
  {box} thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }}
  {box} table, {box} tbody {{ display: block; }}
  {box} tr {{ display: flex; flex-wrap: wrap; gap: 2px 16px; padding: 6px 12px; border-bottom: 1px solid var(--pc-line); }}
  {box} tr:last-child {{ border-bottom: 0; }}
  {box} td {{ display: block; padding: 0; border: 0; min-width: 0; }}
  {box} td::before {{ content: attr(data-label); display: block; font-size: 11px; }}
"""


_MUTED = "color-mix(in srgb, var(--body-text-color) 74%, var(--block-background-fill))"
"""Secondary text: the theme's text colour toned toward the background, ≥ 4.5:1 in both schemes
(Gradio's own subdued colour is about 2.5:1 on white)."""

CARD_CSS = f"""
.persona-card {{
  container-type: inline-size;
  --pc-muted: {_MUTED};
  --pc-line: color-mix(in srgb, var(--body-text-color) 16%, transparent);
  --pc-tint: color-mix(in srgb, var(--color-accent) 9%, var(--block-background-fill));
  color: var(--body-text-color);
  background: var(--block-background-fill);
  border: 1px solid var(--block-border-color);
  border-radius: var(--block-radius);
  padding: 16px;
  font-size: 14px;
  line-height: 1.45;
  overflow-wrap: anywhere;
  min-width: 0;
}}
:where(.persona-card) :where(p, h3, h4, dl, dd) {{ margin: 0; }}
.pc-head {{ display: flex; gap: 12px; align-items: center; }}
.pc-head svg {{ flex: none; }}
.pc-who {{ min-width: 0; }}
.persona-name {{ font-size: 20px; font-weight: 700; line-height: 1.2; color: var(--body-text-color); }}
.pc-sub, .pc-foot, .pc-detail, .pc-figure dt, .pc-facts dt, .pc-kicker, .pc-count, td::before {{
  color: var(--pc-muted);
}}
.pc-sub {{ font-size: 13px; margin-top: 2px; }}
.pc-scenario {{
  margin-top: 14px; padding: 10px 12px; border-radius: 8px;
  background: var(--pc-tint); border-left: 4px solid var(--color-accent);
}}
.pc-kicker {{ font-size: 11px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }}
.pc-scenario-title {{ font-weight: 700; font-size: 15px; margin-top: 2px; }}
.pc-scenario-summary {{ margin-top: 2px; }}
.pc-figures {{ display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; margin-top: 14px; }}
.pc-figure {{ padding: 10px 12px; border: 1px solid var(--pc-line); border-radius: 8px; min-width: 0; }}
.pc-figure dt {{ font-size: 12px; }}
.pc-value {{
  font-size: clamp(17px, 5.2cqi, 24px); font-weight: 700; line-height: 1.2; margin-top: 2px;
  font-variant-numeric: tabular-nums; overflow-wrap: normal;
}}
.pc-detail {{ font-size: 12px; margin-top: 2px; }}
.pc-section {{ margin-top: 18px; }}
.pc-section h4 {{
  font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
  padding-bottom: 4px; border-bottom: 1px solid var(--pc-line); margin-bottom: 6px;
}}
.pc-facts {{ display: grid; gap: 0; }}
.pc-facts > div {{
  display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 12px;
  padding: 4px 0; border-bottom: 1px dashed var(--pc-line);
}}
.pc-facts > div:last-child {{ border-bottom: 0; }}
.pc-table {{ margin-top: 8px; border: 1px solid var(--pc-line); border-radius: 8px; }}
.pc-table summary {{
  display: flex; align-items: center; gap: 8px; padding: 8px 12px; cursor: pointer;
  font-weight: 600; list-style: none;
}}
.pc-table summary::-webkit-details-marker {{ display: none; }}
.pc-table summary::before {{
  content: ""; flex: none; width: 0; height: 0; margin: 0 2px; transition: transform .15s;
  border-left: 6px solid var(--pc-muted); border-top: 5px solid transparent; border-bottom: 5px solid transparent;
}}
.pc-table[open] > summary::before {{ transform: rotate(90deg); }}
.pc-table summary:focus-visible, .pc-scroll:focus-visible, .cs-more:focus-visible {{
  outline: 2px solid var(--color-accent); outline-offset: 2px;
}}
.pc-count {{
  margin-left: auto; font-size: 12px; font-weight: 600; padding: 0 8px; border-radius: 999px;
  border: 1px solid var(--pc-line);
}}
.pc-empty {{ padding: 0 12px 10px; font-style: italic; }}
.pc-scroll {{ max-height: 340px; overflow: auto; border-top: 1px solid var(--pc-line); }}
.pc-scroll table {{ width: 100%; border-collapse: collapse; border-spacing: 0; font-size: 13px; margin: 0; padding: 0; }}
.pc-scroll tr, .pc-scroll td, .pc-scroll th {{ margin: 0; }}
.pc-scroll th, .pc-scroll td {{
  text-align: left; vertical-align: top; padding: 5px 10px; border: 0; overflow-wrap: break-word;
  border-bottom: 1px solid var(--pc-line); background: transparent; color: var(--body-text-color);
}}
.pc-scroll th {{
  position: sticky; top: 0; background: var(--block-background-fill); font-size: 12px;
  font-weight: 600; color: var(--pc-muted);
}}
.pc-scroll tr:last-child td {{ border-bottom: 0; }}
.pc-foot {{ margin-top: 14px; font-size: 12px; }}
.pc-badge {{
  display: inline-block; margin-left: 4px; padding: 0 6px; border-radius: 999px; font-size: 11px; font-weight: 700;
  letter-spacing: .03em; text-transform: uppercase; vertical-align: 1px;
  color: var(--body-text-color); background: var(--pc-tint); border: 1px solid var(--color-accent);
}}
.pc-was {{ color: var(--pc-muted); text-decoration-thickness: 1px; margin-left: 4px; }}
.pc-figure.pc-changed, .pc-facts > div.pc-changed {{ background: var(--pc-tint); }}
.pc-figure.pc-changed {{ border-color: var(--color-accent); }}
.pc-facts > div.pc-changed {{ box-shadow: inset 3px 0 0 var(--color-accent); padding-left: 6px; }}
.pc-scroll tr.pc-changed td {{ background: var(--pc-tint); }}
@container (min-width: 620px) {{
  .pc-figures {{ grid-template-columns: repeat(4, minmax(0, 1fr)); }}
}}
.html-container:has(> &) {{ padding: 0; }}
@media (max-width: 480px) {{ .persona-card {{ padding: 12px; }} }}
@container (max-width: 560px) {{ {_reflow(".pc-wide .pc-scroll")} }}
@container (max-width: 420px) {{ {_reflow(".pc-scroll")} }}
"""
"""The card's stylesheet: ``gr.HTML(css_template=CARD_CSS)`` scopes it to the card (no ``$`` or backslash: it
passes through a JavaScript template string)."""

STRIP_CSS = f"""
.html-container:has(> &) {{ padding: 0; }}
.customer-strip {{
  display: flex; align-items: center; gap: 10px; padding: 8px 12px;
  color: var(--body-text-color); background: var(--block-background-fill);
  border: 1px solid var(--block-border-color); border-radius: var(--block-radius);
}}
.customer-strip svg {{ flex: none; }}
:where(.customer-strip) :where(p) {{ margin: 0; }}
.cs-who {{ min-width: 0; flex: 1; }}
.cs-name {{ font-weight: 700; font-size: 16px; line-height: 1.25; }}
.cs-reason {{
  font-size: 13px; color: {_MUTED}; overflow: hidden;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2;
}}
.cs-more {{ flex: none; font-size: 13px; font-weight: 600; color: var(--body-text-color); text-decoration: underline; }}
"""
"""The strip's stylesheet; ``webui.layout`` shows the strip only while the card sits below the chat."""

STRIP_JS = """
element.addEventListener('click', (event) => {
  const link = event.target.closest('a.cs-more');
  const card = document.getElementById('persona-card');
  if (!link || !card) return;
  event.preventDefault();
  card.scrollIntoView({behavior: 'smooth', block: 'start'});
});
"""
"""The strip's "Profile" link scrolls to the card (``gr.HTML(js_on_load=...)``): Gradio's page swallows the
plain ``#persona-card`` jump."""
