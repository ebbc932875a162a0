"""Markdown tables of the settings a model reads from the environment, generated from its fields.

``python -m envconfig.docs webui.config:AppConfig`` prints one model's table;
``python -m envconfig.docs --write README.md`` regenerates every table that follows a marker line
``<!-- python -m envconfig.docs module:Model -->``, so the README says exactly what the fields say.
"""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from pathlib import Path

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .read import env_var

HEADER = "| variable | default | meaning |\n| --- | --- | --- |\n"
_MARKED_TABLE = re.compile(r"^(<!-- python -m envconfig\.docs (?P<target>\S+) -->\n)(?:\|[^\n]*\n)*", re.M)


def settings_table(model: type[BaseModel]) -> str:
    """One row per field read from the environment, in field order: variable, default, description."""
    rows = []
    for name, field in model.model_fields.items():
        var = env_var(field)
        if var is None:
            continue
        if not field.description:
            raise ValueError(f"{model.__name__}.{name} ({var}) has no description; add Field(description=...)")
        rows.append(f"| `{var}` | {_default(field)} | {_cell(field.description)} |\n")
    return HEADER + "".join(rows)


def update_marked_tables(text: str) -> str:
    """The text with each marked table replaced by the table its marker names."""
    return _MARKED_TABLE.sub(lambda m: m.group(1) + settings_table(load_model(m.group("target"))), text)


def marked_targets(text: str) -> list[str]:
    """The ``module:Model`` each marked table is generated from, in order."""
    return [m.group("target") for m in _MARKED_TABLE.finditer(text)]


def load_model(target: str) -> type[BaseModel]:
    """``"package.module:Model"`` -> the model class."""
    module, _, name = target.partition(":")
    model = getattr(importlib.import_module(module), name, None)
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        raise ValueError(f"{target!r} is not a Pydantic model; use module:Model, e.g. webui.config:AppConfig")
    return model


def _default(field: FieldInfo) -> str:
    value = field.get_default(call_default_factory=True)
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{value}`"


def _cell(text: str) -> str:
    """Text fit for one table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m envconfig.docs", description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="module:Model", help="models whose tables to print")
    parser.add_argument("--write", type=Path, metavar="FILE", help="regenerate the marked tables in FILE in place")
    args = parser.parse_args(argv)
    if not args.targets and not args.write:
        parser.error("name a module:Model to print, or --write FILE")
    print("\n".join(settings_table(load_model(t)) for t in args.targets), end="")
    if args.write:
        text = args.write.read_text(encoding="utf-8")
        updated = update_marked_tables(text)
        if updated != text:
            args.write.write_text(updated, encoding="utf-8")
        print(f"{args.write}: {len(marked_targets(text))} table(s), {'updated' if updated != text else 'unchanged'}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
