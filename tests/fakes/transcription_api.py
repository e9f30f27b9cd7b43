"""A fake OpenAI-compatible transcription server (``POST /v1/audio/transcriptions``, multipart):
real HTTP on 127.0.0.1 in a thread. ``say(audio, text)`` decides what an audio "says"; script
failures with ``fail_next`` (status, times); ``delay_s`` adds latency; every call is recorded.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_KEY = "sk-fake-whisper"


@dataclass(frozen=True)
class Call:
    fields: dict[str, str]
    filename: str
    audio: bytes
    authorization: str
    status: int


@dataclass
class FakeTranscriptionAPI:
    api_key: str = API_KEY
    calls: list[Call] = field(default_factory=list)
    delay_s: float = 0.0
    _texts: dict[bytes, str] = field(default_factory=dict)
    _failures: list[int] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    def start(self) -> FakeTranscriptionAPI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    @property
    def base_url(self) -> str:
        """What ABOGADO_TRANSCRIPTION__OPENAI_BASE_URL takes (the ``/v1`` base)."""
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/v1"

    def say(self, audio: bytes, text: str) -> None:
        with self._lock:
            self._texts[audio] = text

    def fail_next(self, status: int = 503, *, times: int = 1) -> None:
        with self._lock:
            self._failures.extend([status] * times)

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        length = int(req.headers.get("Content-Length") or 0)
        raw = req.rfile.read(length)
        if req.path != "/v1/audio/transcriptions":
            self._reply(req, 404, {"error": {"message": "not found"}})
            return
        if self.delay_s:
            time.sleep(self.delay_s)
        head = f"Content-Type: {req.headers.get('Content-Type', '')}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + raw)
        fields: dict[str, str] = {}
        filename, audio = "", b""
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            assert isinstance(name, str)
            if name == "file":
                filename, audio = part.get_filename() or "", payload
            else:
                fields[name] = payload.decode()
        authorization = req.headers.get("Authorization", "")
        with self._lock:
            status = self._failures.pop(0) if self._failures else 200
            if status == 200 and authorization != f"Bearer {self.api_key}":
                status = 401
            self.calls.append(Call(fields, filename, audio, authorization, status))
            text = self._texts.get(audio, "")
        if status != 200:
            self._reply(req, status, {"error": {"message": "unavailable", "code": status}})
            return
        self._reply(req, 200, {"text": text})

    @staticmethod
    def _reply(req: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(data)))
        req.end_headers()
        req.wfile.write(data)


def running_fake() -> Iterator[FakeTranscriptionAPI]:
    """Generator body for a pytest fixture: ``yield from running_fake()``."""
    fake = FakeTranscriptionAPI().start()
    try:
        yield fake
    finally:
        fake.stop()
