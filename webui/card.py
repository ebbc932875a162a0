"""The persona card: a PersonaView rendered as HTML in the persona's language, every value escaped."""

from __future__ import annotations

from html import escape

from persona import PersonaView, Table

from .avatar import avatar_svg
from .i18n import Translator, translator

MAX_ROWS = 8
"""Rows shown per table; the full record is in the JSON download."""

_STYLE = {
    "card": "font-size:14px;line-height:1.35",
    "head": "display:flex;gap:12px;align-items:center;margin-bottom:8px",
    "facts": "display:grid;grid-template-columns:auto 1fr;gap:2px 12px;margin:8px 0",
    "label": "opacity:.7",
    "table": "width:100%;border-collapse:collapse;font-size:12px;margin:4px 0 10px",
    "cell": "border-bottom:1px solid rgba(128,128,128,.25);padding:2px 4px;text-align:left",
}


def _table(table: Table, t: Translator) -> str:
    title = f"<h4>{escape(t(table.title))}</h4>"
    if not table.rows:
        empty = t("None")  # a literal outside the f-string, so the extractor sees it
        return f"{title}<p><em>{escape(empty)}</em></p>"
    head = "".join(f'<th style="{_STYLE["cell"]}">{escape(t(c))}</th>' for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_STYLE["cell"]}">{escape(t(v))}</td>' for v in row) + "</tr>"
        for row in table.rows[:MAX_ROWS]
    )
    more = len(table.rows) - MAX_ROWS
    note = t("+{count} more in the JSON download", count=more) if more > 0 else ""
    return (f'{title}<table style="{_STYLE["table"]}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>" + (f"<p><em>{escape(note)}</em></p>" if note else ""))


def render_card(view: PersonaView, seed: int, mode: str, locale: str) -> str:
    """The card's HTML: labels and vocabulary in the persona's language (``webui.i18n``), names and data as they are."""
    t = translator(locale)
    facts = "".join(
        f'<div style="{_STYLE["label"]}">{escape(t(f.label))}</div><div>{escape(t(f.value))}</div>' for f in view.facts
    )
    provenance = t("Seed {seed} · {locale} · fictional data", seed=seed, locale=locale)
    return (
        f'<div class="persona-card" data-mode="{escape(mode)}" data-seed="{seed}" data-locale="{escape(locale)}" '
        f'style="{_STYLE["card"]}">'
        f'<div style="{_STYLE["head"]}">{avatar_svg(view.title, seed)}<div>'
        f'<div class="persona-name" style="font-size:18px;font-weight:600">{escape(view.title)}</div>'
        f'<div style="{_STYLE["label"]}">{escape(t(view.subtitle))}</div>'
        f'<div style="{_STYLE["label"]}">{escape(provenance)}</div></div></div>'
        f'<div style="{_STYLE["facts"]}">{facts}</div>'
        + "".join(_table(table, t) for table in view.tables)
        + "</div>"
    )
