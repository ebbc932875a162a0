"""``python -m persona COMMAND``: the engine's command line (today one command, ``generate``)."""

from __future__ import annotations

import sys

COMMANDS = {"generate": "write many personas to a file: JSON Lines, CSV or FHIR (see generate --help)"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "generate":
        from .datasets.cli import main as generate

        return generate(argv[1:])
    if argv and argv[0] in ("-h", "--help"):
        print("usage: python -m persona COMMAND [ARGS]\n\ncommands:")
        for name, what in COMMANDS.items():
            print(f"    {name:<10} {what}")
        return 0
    shown = repr(argv[0][:40]) if argv else "none"
    print(f"python -m persona: error: argument COMMAND: {shown}; accepted: {', '.join(COMMANDS)}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
