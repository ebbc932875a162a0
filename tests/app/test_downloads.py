"""Conversation and persona downloads: bounded by the chat's limits, named so nobody can guess them (issue 20, rows 4, 5).

Gradio serves any file in its cache to anyone who has its path, for as long as it is kept (hours), and the
conversation downloads are written from the chat history the browser sends. Attacks go through the queue
(gradio_client) and the unqueued routes (``/gradio_api/run``), as the page's own events do.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

import httpx
import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from webui.downloads import download_folder

from .conftest import visitor

RANDOM_PART = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")
"""128 random bits: 32 hex digits."""


@pytest.fixture(scope="module")
def app(launch_hosted):
    return launch_hosted("ok")


@pytest.fixture
def client(app):
    with visitor(app, "mode=insurance&seed=4242&locale=en_GB") as c:
        yield c


def turn(role: str, text: str) -> dict:
    return {"role": role, "content": [{"type": "text", "text": text}]}


def export_files(client: Client, history: list[dict]) -> tuple[str, str]:
    """The download buttons' event, as the page fires it when the chat changes (the chat as the browser sends it)."""
    return client.predict(history, None, 0.3, 64, api_name="/export_files")


def written_since(start: float, marker: str) -> list[Path]:
    folder = download_folder()
    return [p for p in folder.glob("*") if p.is_file() and p.stat().st_mtime >= start and marker in p.read_text()]


# -- row 4: the export trusts the client ------------------------------------------------------------------------

@pytest.mark.parametrize("size", ["huge-turn", "many-turns"])
def test_an_export_over_the_chats_limits_is_refused_before_anything_is_written(client, size):
    marker = f"MARK{secrets.token_hex(8)}"
    if size == "huge-turn":
        history = [turn("user", "hi"), turn("assistant", marker + "x" * 2_000_000)]
    else:
        history = [t for i in range(300) for t in (turn("user", f"{marker} {i}"), turn("assistant", "a"))]
    start = time.time() - 1
    with pytest.raises(AppError) as caught:
        export_files(client, history)
    assert "limit" in str(caught.value), str(caught.value)[:300]
    assert written_since(start, marker) == []


def test_an_export_within_the_limits_is_written(client):
    marker = f"MARK{secrets.token_hex(8)}"
    md, js = export_files(client, [turn("user", f"{marker} what is my policy?"), turn("assistant", "It is P-1.")])
    assert marker in Path(md).read_text() and marker in Path(js).read_text()


# -- row 5: guessable download names ------------------------------------------------------------------------------

def test_download_names_are_unguessable_and_say_nothing_about_the_persona(app, client):
    names = [Path(p).name for p in export_files(client, [turn("user", "hi"), turn("assistant", "hello")])]
    names += [Path(p).name for p in export_files(client, [turn("user", "hi"), turn("assistant", "hello")])]
    shown = httpx.post(f"{app.url}/gradio_api/run/open_link",
                       json={"data": ["mode=insurance&seed=4242&locale=en_GB"], "session_hash": "names"}, timeout=60)
    download = shown.json()["data"][6]
    names.append(Path(download["path"] if isinstance(download, dict) else download).name)
    assert len(set(names)) == len(names), names  # the same conversation twice: two names
    for name in names:
        assert RANDOM_PART.search(name), name
        assert not any(part in name for part in ("insurance", "4242", "en_GB", "2026")), name
