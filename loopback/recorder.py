"""A loopback HTTP server that records every request it gets: proof that a page fetched nothing from it."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# a 1x1 transparent PNG, so an <img> that does load gets a real image
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format, *args) -> None:  # noqa: A002 - recorded instead
        pass

    def _answer(self) -> None:
        self.server.recorder._add(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(PIXEL)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(PIXEL)

    do_GET = do_POST = do_HEAD = _answer  # noqa: N815


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, recorder: RequestRecorder) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.recorder = recorder


class RequestRecorder:
    """``with RequestRecorder() as rec:`` then point markup at ``rec.url``; ``rec.requests`` lists what arrived."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: list[str] = []
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, name="recorder", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[str]:
        with self._lock:
            return list(self._requests)

    def _add(self, line: str) -> None:
        with self._lock:
            self._requests.append(line)

    def __enter__(self) -> RequestRecorder:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
