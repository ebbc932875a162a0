"""A share link is bounded before it is read, and its warnings stay short however it is built (issue 20, row 3).

``open_link`` is an unqueued event (it must answer while the chat queue is full), so a megabyte of
``a=&`` made a 33 MB banner on the event loop. Called as the page calls it, over ``/gradio_api/run``.
"""

from __future__ import annotations

import html
import time

import httpx
import pytest


@pytest.fixture(scope="module")
def app(launch_hosted):
    return launch_hosted("ok")


def open_link(app, query: str) -> tuple[httpx.Response, str]:
    """The response, and the warning banner's text as the page gets it."""
    response = httpx.post(f"{app.url}/gradio_api/run/open_link", json={"data": [query], "session_hash": "link-visitor"},
                          timeout=60)
    response.raise_for_status()
    banner = response.json()["data"][7]
    return response, html.unescape(banner.get("value") or "")


def test_a_megabyte_link_is_refused_on_its_length_with_one_short_warning(app):
    start = time.perf_counter()
    response, banner = open_link(app, "a=&" * 333_333)
    elapsed = time.perf_counter() - start
    assert len(response.content) < 64_000 and len(banner) < 1_000, (len(response.content), banner[:300])
    assert "999,999" in banner and "characters" in banner, banner
    assert "persona-card" in str(response.json()["data"][1]), "a persona is shown all the same"
    assert elapsed < 2, elapsed


def test_a_link_with_too_many_parameters_is_refused_on_their_number(app):
    _, banner = open_link(app, "&".join(f"p{i}=" for i in range(200)))
    assert len(banner) < 1_000 and "200 parameters" in banner, banner[:300]


def test_the_warning_names_a_few_unknown_parameters_and_counts_the_rest(app):
    _, banner = open_link(app, "mode=insurance&seed=42&" + "&".join(f"extra{i}=1" for i in range(20)))
    named = [i for i in range(20) if f"'extra{i}'" in banner]
    assert 1 <= len(named) <= 3 and f"{20 - len(named)} more" in banner, banner[:300]
