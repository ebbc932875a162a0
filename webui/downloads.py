"""Where the app writes the files visitors download: inside Gradio's cache, which Gradio cleans.

Gradio serves a file that an event returns from its cache; one written elsewhere is copied in first and
the original is never deleted. Written here, the file is served as it is, and ``gr.Blocks(delete_cache=…)``
(``ChatPage``, ``PERSONA_CHAT_FILE_TTL``) deletes it on schedule with the rest of the cache (README, Scaling).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from gradio.utils import get_upload_folder

_NAME_KEY = secrets.token_bytes(32)
"""This process's key for download names: without it a digest of a persona could be computed by anyone."""


def download_folder() -> Path:
    """The app's folder in Gradio's cache (``GRADIO_TEMP_DIR``, else the system's temp folder's ``gradio``)."""
    return Path(get_upload_folder()) / "persona-chat"


def download_name(text: str) -> str:
    """128 bits naming ``text``: the same within this process, unguessable without the process's key."""
    return hmac.new(_NAME_KEY, text.encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def write_once(name: str, text: Callable[[], str], folder: Path | None = None) -> str:
    """The file ``name`` in the download folder, its ``text()`` written only if it isn't there yet.

    A file handed out again is touched instead, so the cache's schedule counts from its last use and the text
    (a FHIR Bundle takes ~20 ms to validate) isn't built again. Written to a temporary name and renamed, so a
    visitor never gets a half-written file.
    """
    folder = folder or download_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    try:
        os.utime(path)
    except FileNotFoundError:
        tmp = path.with_name(f"{name}.{secrets.token_hex(4)}.tmp")
        tmp.write_text(text(), encoding="utf-8")
        tmp.replace(path)
    return str(path)
