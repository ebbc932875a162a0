"""Model calls behind one streaming interface: ``stream_reply(prompt, messages, settings)``.

Two backends: hosted (``huggingface_hub.AsyncInferenceClient`` to HF Inference Providers or any
OpenAI-compatible base_url) and embedded (SmolLM2-135M-Instruct via llama-cpp-python). Deployment
settings are ``InferenceConfig``'s fields, each naming its environment variable. No gradio imports here.
"""

from .config import InferenceConfig, resolve_backend
from .contract import BackendInfo, PromptFn, PromptStyle
from .notices import NOTICE_MARK, Status, notice
from .redaction import redact_logs
from .settings import ChatSettings, SettingsLimits
from .stream import complete, stream_reply
from .tools import NoTools, Step, Toolbox, ToolCall, ToolResult, tools_schemas

__all__ = [
    "NOTICE_MARK",
    "BackendInfo",
    "ChatSettings",
    "InferenceConfig",
    "NoTools",
    "PromptFn",
    "PromptStyle",
    "SettingsLimits",
    "Status",
    "Step",
    "ToolCall",
    "ToolResult",
    "Toolbox",
    "complete",
    "notice",
    "redact_logs",
    "resolve_backend",
    "stream_reply",
    "tools_schemas",
]
