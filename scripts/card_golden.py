"""Render persona cards and strips in every locale into a folder, and compare two such folders.

A before/after check for changes to how the card translates (issue 16, item 2): render on the old
code, render on the new, compare. Each card is the page's own HTML (``webui.card``), scenario
included, as ``handlers.show`` renders it.

    python scripts/card_golden.py render /tmp/cards-before            # SEEDS per mode and locale
    python scripts/card_golden.py compare /tmp/cards-before /tmp/cards-after

``compare`` prints how many files it compared, how many are identical, and for each difference the
text nodes that changed (before -> after).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date
from difflib import SequenceMatcher
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from persona import describe, generate, list_locales, list_modes, list_scenarios  # noqa: E402
from persona.errors import ScenarioNotApplicableError  # noqa: E402
from webui.card import render_card, render_strip  # noqa: E402

AS_OF = date(2026, 1, 15)
SEEDS = range(120)
"""Personas per mode and locale, each with the scenario its seed draws."""
PER_KIND = 5
"""Personas per scenario kind besides (the first seeds the kind applies to), so rare kinds are seen too."""


def cases(locale: str) -> Iterator[tuple[str, int, str | None]]:
    """(mode, seed, scenario kind or None) for every card rendered in ``locale``."""
    for mode in list_modes():
        for seed in SEEDS:
            yield mode, seed, None
        for kind in list_scenarios(mode):
            found = 0
            for seed in range(1000, 1400):
                try:
                    generate(mode, seed, locale, AS_OF, scenario=kind)
                except ScenarioNotApplicableError:
                    continue
                yield mode, seed, kind
                found += 1
                if found == PER_KIND:
                    break


def render(out: Path) -> int:
    count = 0
    for locale in list_locales():
        for mode, seed, kind in cases(locale):
            p = generate(mode, seed, locale, AS_OF, scenario=kind)
            view = describe(p)
            name = f"{seed}" + (f"-{kind}" if kind else "")
            folder = out / locale / mode
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.card.html").write_text(render_card(view, p.seed, p.mode, p.locale, p.scenario),
                                                      encoding="utf-8")
            (folder / f"{name}.strip.html").write_text(render_strip(view, p.seed, p.locale, p.scenario),
                                                       encoding="utf-8")
            count += 2
    return count


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("aria-label", "data-label") and value:
                self.nodes.append(f"@{name}={value}")

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.nodes.append(data)


def _nodes(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.nodes


def compare(before: Path, after: Path, show: int) -> int:
    files = sorted(p.relative_to(before) for p in before.rglob("*.html"))
    missing = [f for f in files if not (after / f).is_file()]
    extra = sorted(set(p.relative_to(after) for p in after.rglob("*.html")) - set(files))
    identical, changes = 0, {}
    for f in files:
        if f in missing:
            continue
        a, b = (before / f).read_text(encoding="utf-8"), (after / f).read_text(encoding="utf-8")
        if a == b:
            identical += 1
            continue
        na, nb = _nodes(a), _nodes(b)
        pairs = []
        for op, i1, i2, j1, j2 in SequenceMatcher(a=na, b=nb, autojunk=False).get_opcodes():
            if op != "equal":
                pairs.append((" | ".join(na[i1:i2]), " | ".join(nb[j1:j2])))
        if not pairs:
            pairs.append(("(markup only)", "(markup only)"))
        changes[f] = pairs
    compared = len(files) - len(missing)
    print(f"compared {compared} files ({len(files)} before, {len(missing)} missing after, {len(extra)} new after)")
    print(f"identical: {identical}; different: {len(changes)}")
    distinct: dict[tuple[str, str], list[Path]] = {}
    for f, pairs in changes.items():
        for pair in pairs:
            distinct.setdefault(pair, []).append(f)
    print(f"distinct changes: {len(distinct)}")
    for (old, new), where in sorted(distinct.items(), key=lambda kv: -len(kv[1]))[:show]:
        print(f"- {len(where)} file(s), e.g. {where[0]}\n    before: {old}\n    after:  {new}")
    return 0 if not changes and not missing else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("render", help="render every card and strip into a folder")
    r.add_argument("out", type=Path)
    c = sub.add_parser("compare", help="compare two rendered folders")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=200, help="distinct changes to print")
    args = parser.parse_args(argv)
    if args.command == "render":
        print(f"wrote {render(args.out)} files to {args.out}")
        return 0
    return compare(args.before, args.after, args.show)


if __name__ == "__main__":
    sys.exit(main())
