"""A real HTTP server on loopback that speaks the chat-completions API and answers from a
script, one step per request (the last step repeats). It records every request it saw."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Step:
    status: int = 200
    content: str | None = None  # the assistant message text
    finish_reason: str = "stop"
    headers: dict[str, str] = field(default_factory=dict)
    body: str | None = None  # raw body instead of a completion
    delay: float = 0.0
    drop: bool = False  # close the connection without answering
    usage: tuple[int, int] = (100, 20)


def reply(payload: Any, **kw: Any) -> Step:
    """A 200 completion whose message is `payload` (JSON-encoded unless already a string)."""
    content = payload if isinstance(payload, str) else json.dumps(payload)
    return Step(content=content, **kw)


def error(status: int, **kw: Any) -> Step:
    return Step(status=status, body=json.dumps({"error": {"message": f"scripted {status}"}}), **kw)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


class ScriptedServer:
    def __init__(self, script: list[Step]) -> None:
        self.script = list(script)
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def setup(self) -> None:
                super().setup()  # no Nagle: headers and body must not wait for a delayed ACK
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

            def do_GET(self) -> None:  # /v1/models
                body = json.dumps({"object": "list", "data": [{"id": "scripted", "object": "model"}]})
                self._send(200, body, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                raw = self.rfile.read(length)
                with server._lock:
                    n = len(server.seen)
                    server.seen.append(
                        Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(raw or b"{}"), time.monotonic())
                    )
                    step = server.script[min(n, len(server.script) - 1)]
                if step.delay:
                    time.sleep(step.delay)
                if step.drop:
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if step.body is not None:
                    self._send(step.status, step.body, step.headers)
                    return
                completion = {
                    "id": f"chatcmpl-{n}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": "scripted",
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": step.content},
                            "finish_reason": step.finish_reason,
                        }
                    ],
                    "usage": {
                        "prompt_tokens": step.usage[0],
                        "completion_tokens": step.usage[1],
                        "total_tokens": sum(step.usage),
                    },
                }
                self._send(step.status, json.dumps(completion), step.headers)

            def _send(self, status: int, body: str, headers: dict[str, str]) -> None:
                data = body.encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(data)))
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    @property
    def requests(self) -> int:
        return len(self.seen)

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
