"""Model calls behind one streaming interface: ``stream_reply(prompt, messages, settings)``.

Two backends: hosted (``huggingface_hub.AsyncInferenceClient`` to HF Inference Providers or any
OpenAI-compatible base_url) and embedded (SmolLM2-135M-Instruct via llama-cpp-python). Environment
variables are listed in ``inference.config``. No gradio imports here.
"""

from .config import BackendInfo, ConfigError, InferenceConfig, resolve_backend
from .contract import PromptFn, PromptStyle
from .messages import normalise_history
from .notices import NOTICE_MARK, Status
from .settings import ChatSettings
from .stream import complete, stream_reply

__all__ = [
    "NOTICE_MARK",
    "BackendInfo",
    "ChatSettings",
    "ConfigError",
    "InferenceConfig",
    "PromptFn",
    "PromptStyle",
    "Status",
    "complete",
    "normalise_history",
    "resolve_backend",
    "stream_reply",
]
