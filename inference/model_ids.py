"""Which model ids a request may name: a Hub id on Hugging Face, the owner's server's names on a base URL, never a URL.

huggingface_hub sends a chat request *to* a model id that is an http(s) URL, with the call's token: on the
Hugging Face route that is the owner's ``HF_TOKEN`` or a signed-in visitor's, and the URL could be anyone's
server or an address inside the Space (169.254.169.254, loopback). So an id is checked by a pattern before
any call: on Hugging Face an ``owner/name`` Hub id (a ``:provider`` suffix only where the owner allows it), on
the owner's own server (``PERSONA_CHAT_BASE_URL``) a plain model name. The owner's own ids are the allow-list
(``PERSONA_CHAT_MODEL``, ``PERSONA_CHAT_MODELS``), checked once at start-up.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import InferenceConfig

MAX_MODEL_CHARS = 200
_PART = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?"
HUB_ID = re.compile(rf"{_PART}/{_PART}")
"""A Hub repository id, ``owner/name`` (the Hub's own rules: letters, digits, ``-_.``, at most 96 each)."""
PROVIDER = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
"""An Inference Providers provider or policy, as a ``:suffix`` (``:fastest``, ``:cerebras``)."""
SERVER_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:/@+=-]{0,199}")
"""A model name as OpenAI-compatible servers spell them (``llama3:8b``, ``org/model``, ``model@q4``)."""

HUB_EXAMPLE = "meta-llama/Llama-3.1-8B-Instruct"


def is_url(model: str) -> bool:
    """Would an HTTP client (or huggingface_hub) read this as an address rather than a name?"""
    text = model.strip().lower()
    return "://" in text or text.startswith(("//", "\\\\", "http:", "https:"))


def owners_ids(config: InferenceConfig) -> tuple[str, ...]:
    """The ids the owner configured (``*``, "any model", is not an id)."""
    return tuple(m for m in (config.model, *(config.models or ())) if m != "*")


def model_refusal(model: str, config: InferenceConfig, oauth_token: str | None) -> str | None:
    """Why a hosted call may not name ``model`` on this configuration's route; None when it may.

    The owner's ids pass as they are; any other id (a visitor's pick, where ``models_for`` allows any) must
    match the route's pattern. The message never repeats the id (visitors' text stays out of the chat's notices).
    """
    if model in owners_ids(config):
        return None
    if config.base_url:
        if is_url(model) or ".." in model or not SERVER_NAME.fullmatch(model):
            return ("That model id isn't a model name this Space's model server could have (letters, digits and "
                    ". _ : / @ + = -, up to 200 characters); a URL is never one.")
        return None
    repo, colon, provider = model.partition(":")
    ok = HUB_ID.fullmatch(repo) and ".." not in repo and (not colon or PROVIDER.fullmatch(provider))
    if not ok or is_url(model):
        return (f"That model id isn't a Hugging Face model id: use owner/name, e.g. {HUB_EXAMPLE} "
                "(a URL is never one).")
    if colon and not oauth_token:
        return ("That model id names a provider (its :suffix), which only the Space's owner may choose here; use the "
                "id without it, or sign in with Hugging Face to use your own account.")
    return None
