"""Real OpenAI-compatible servers on 127.0.0.1, shared by the tests and the benchmarks.

``FakeOpenAI`` injects faults chosen per request by ``model`` (in-process, or ``python -m loopback --port N``);
``start_llama_server`` runs llama.cpp's own server with a GGUF; ``RequestRecorder`` records every request a page
sends it (proof that nothing was fetched). No gradio, nothing reaches the network.
"""

from .fake_openai import FakeOpenAI
from .llama_server import start_llama_server
from .recorder import RequestRecorder
from .serving import free_port, stop_process, wait_until_serving

__all__ = ["FakeOpenAI", "RequestRecorder", "free_port", "start_llama_server", "stop_process", "wait_until_serving"]
