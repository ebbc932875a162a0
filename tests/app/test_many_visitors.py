"""50 sessions chatting at once never see each other's persona (timing lives in bench/app_speed.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from gradio_client import Client

from persona import generate

pytestmark = pytest.mark.slow

USERS, TURNS = 50, 3


@pytest.fixture(scope="module")
def slow_app(launch_hosted):
    return launch_hosted("echo-system:slow=1.0")


def distinct_seeds(n: int) -> dict[int, str]:
    names: dict[str, int] = {}
    seed = 1000
    while len(names) < n:
        names.setdefault(generate("banking", seed, "en_US", date.today()).identity.full_name, seed)
        seed += 1
    return {s: name for name, s in names.items()}


def test_fifty_sessions_three_turns_each_get_only_their_own_persona(slow_app):
    seeds = distinct_seeds(USERS)
    all_names = set(seeds.values())

    def user(seed: int) -> list[str]:
        client = Client(slow_app.url + "/", verbose=False)
        try:
            client.predict(f"mode=banking&seed={seed}", api_name="/open_link")
            return [client.predict(f"turn {t}: who am I?", api_name="/chat") for t in range(TURNS)]
        finally:
            client.close()

    with ThreadPoolExecutor(USERS) as pool:
        results = dict(zip(seeds, pool.map(user, seeds), strict=True))
    crossed = []
    for seed, replies in results.items():
        assert len(replies) == TURNS
        for reply in replies:
            own = seeds[seed]
            others = {n for n in all_names - {own} if n in reply}
            if own not in reply or others:
                crossed.append((seed, reply))
    assert crossed == []
