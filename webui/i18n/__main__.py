"""``python -m webui.i18n extract`` | ``python -m webui.i18n init <lang>``: keep the card's catalogues current."""

from __future__ import annotations

import argparse
import sys

from . import LOCALE_DIR
from .extract import TEMPLATE_PATH, run_extract, run_init


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webui.i18n", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="pybabel extract (babel.cfg, -k N_ -k t) into the .pot, then pybabel update every .po")
    init = sub.add_parser("init", help="pybabel init: start a .po for a new language, e.g. 'it' or 'es'")
    init.add_argument("language")
    args = parser.parse_args(argv)
    if args.command == "init":
        try:
            path = run_init(args.language)
        except FileExistsError as err:
            print(err, file=sys.stderr)
            return 1
        print(f"wrote {path}; translate its entries, then run the tests")
        return 0
    missing = run_extract()
    print(f"wrote {TEMPLATE_PATH.relative_to(LOCALE_DIR.parent.parent)}")
    for language, count in missing.items():
        print(f"{language}: {'complete' if not count else f'{count} entries to translate'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
