"""Where the app writes the files visitors download: inside Gradio's cache, which Gradio cleans.

Gradio serves a file that an event returns from its cache; one written elsewhere is copied in first and
the original is never deleted. Written here, the file is served as it is, and ``gr.Blocks(delete_cache=…)``
(``ChatPage``, ``PERSONA_CHAT_FILE_TTL``) deletes it on schedule with the rest of the cache (README, Scaling).
"""

from __future__ import annotations

from pathlib import Path

from gradio.utils import get_upload_folder


def download_folder() -> Path:
    """The app's folder in Gradio's cache (``GRADIO_TEMP_DIR``, else the system's temp folder's ``gradio``)."""
    return Path(get_upload_folder()) / "persona-chat"
