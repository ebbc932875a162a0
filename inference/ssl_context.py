"""Build each hosted request's HTTP client without rebuilding TLS trust every time.

huggingface_hub gives every ``AsyncInferenceClient`` a fresh ``httpx2.AsyncClient``, and each one
loads the CA bundle into a new SSL context: 20–90 ms per chat message on a small CPU, before the
request is even sent. We keep the client-per-request design (nothing shared across event loops or
requests) and only share the read-only SSL context, via the public ``set_async_client_factory``.
The client settings (event hooks, redirects, timeout, headers) are copied from the factory that
was in force, so a factory configured by the host application keeps its behaviour except ``verify``.
"""

from __future__ import annotations

import asyncio
import threading

import httpx2
from huggingface_hub import get_async_session, set_async_client_factory
from huggingface_hub.utils import build_hf_headers

_lock = threading.Lock()
_installed = False


async def share_ssl_context() -> None:
    """Install, once per process, a client factory that reuses one SSL context (costs one context, once).

    Done on a thread: loading CA bundles is CPU work, and huggingface_hub's first header building
    fetches its agent registry with a blocking HTTP call (up to 3 s when the Hub is unreachable).
    """
    if _installed:
        return
    template = await asyncio.to_thread(_install_once)
    if template is not None:
        await template.aclose()


def _install_once() -> httpx2.AsyncClient | None:
    with _lock:
        if _installed:
            return None
        build_hf_headers()  # the registry fetch happens here, once, instead of inside a request on the event loop
        template = get_async_session()
        _install(template)
        return template


def _install(template: httpx2.AsyncClient) -> None:
    global _installed
    context = httpx2.create_ssl_context(trust_env=template.trust_env)
    hooks, redirects = template.event_hooks, template.follow_redirects
    timeout, headers, trust_env = template.timeout, template.headers, template.trust_env

    def factory() -> httpx2.AsyncClient:
        return httpx2.AsyncClient(event_hooks=hooks, follow_redirects=redirects, timeout=timeout,
                                  headers=headers, trust_env=trust_env, verify=context)

    set_async_client_factory(factory)
    _installed = True
