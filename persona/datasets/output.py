"""Output files that appear whole or not at all: written beside their final name, renamed at the end."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO


class OutputExistsError(FileExistsError):
    """An output file exists and the run may not overwrite it."""


def table_path(out: Path, table: str) -> Path:
    """Where a table's CSV goes: beside the main file, ``personas.csv`` -> ``personas.transactions.csv``."""
    return out.with_name(f"{out.stem}.{table}{out.suffix or '.csv'}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class AtomicFiles:
    """Open temporary files in each final file's folder; ``commit`` renames them all into place.

    Leaving the block without ``commit`` (an error, Ctrl-C, SIGTERM turned into an exception) deletes
    them, so an interrupted run leaves no half-written file under a final name, and an existing file is
    replaced only by a complete one.
    """

    def __init__(self, paths: list[Path], force: bool = False):
        self.paths, self.force = paths, force
        self._temps: list[tuple[Path, BinaryIO]] = []

    def check(self) -> None:
        """Refuse to start when a file is in the way (``force`` allows replacing it)."""
        for path in self.paths:
            if path.is_dir():
                raise OutputExistsError(f"{path} is a folder; name a file")
            if path.exists() and not self.force:
                raise OutputExistsError(f"{path} exists; add --force to replace it")
            if not path.parent.is_dir():
                raise FileNotFoundError(f"no folder {str(path.parent)!r} to write {path.name} in")

    def __enter__(self) -> list[BinaryIO]:
        self.check()
        mode = 0o666 & ~_umask()
        try:
            for path in self.paths:
                fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
                os.fchmod(fd, mode)  # as a plain open() would create it, not mkstemp's 0600
                self._temps.append((Path(name), os.fdopen(fd, "wb", buffering=1 << 20)))
        except BaseException:
            self._discard()
            raise
        return [f for _, f in self._temps]

    def commit(self) -> None:
        for _, f in self._temps:
            f.close()
        self.check()  # a file that appeared meanwhile is not overwritten either
        for (temp, _), path in zip(self._temps, self.paths, strict=True):
            os.replace(temp, path)
        self._temps = []

    def _discard(self) -> None:
        for temp, f in self._temps:
            f.close()
            temp.unlink(missing_ok=True)
        self._temps = []

    def __exit__(self, *exc) -> None:
        self._discard()
