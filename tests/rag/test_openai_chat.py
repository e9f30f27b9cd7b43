"""OpenAIChatModel against a small fake OpenAI-compatible server on 127.0.0.1 (a real socket)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from rag.answer import AnswerPipeline
from rag.backends.openai_chat import OpenAIChatModel, completions_url
from rag.errors import ModelThrottledError, ModelUnavailableError
from tests.rag.answer_fakes import FakeRetrieval, read_articles


class FakeServer:
    """Plays back (status, headers, body) replies in order and records each request."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, dict[str, str], bytes]] = []
        self.requests: list[tuple[str, dict[str, str], Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"null")
                server.requests.append((self.path, dict(self.headers), body))
                status, headers, payload = server.replies.pop(0)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def reply(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.replies.append(
            (status, {"Content-Type": "application/json", **(headers or {})}, payload)
        )


def completion(text: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}}],
    }


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer()
    thread = threading.Thread(target=fake.httpd.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.httpd.shutdown()
    fake.httpd.server_close()


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


def test_success_sends_the_openai_wire_format(server: FakeServer, http: httpx.Client) -> None:
    server.reply(200, completion("  Hola  "))
    model = OpenAIChatModel(server.url, "qwen-local", "s3cret", http, max_tokens=100)
    assert model.complete(system="REGLAS", messages=[("user", "q"), ("assistant", "a")]) == "Hola"
    path, headers, body = server.requests[0]
    assert path == "/v1/chat/completions"
    assert headers["Authorization"] == "Bearer s3cret"
    assert body == {
        "model": "qwen-local",
        "messages": [
            {"role": "system", "content": "REGLAS"},
            {"role": "user", "content": "q"},
            {"role": "assistant", "content": "a"},
        ],
        "max_tokens": 100,
        "temperature": 0.2,
    }


def test_no_key_means_no_authorization_header(server: FakeServer, http: httpx.Client) -> None:
    server.reply(200, completion("ok"))
    OpenAIChatModel(server.url + "/v1/", "m", None, http).complete(system="s", messages=[])
    path, headers, _ = server.requests[0]
    assert path == "/v1/chat/completions"
    assert "Authorization" not in headers


def test_429_is_throttling_with_the_retry_after_hint(
    server: FakeServer, http: httpx.Client
) -> None:
    server.reply(429, {"error": "slow down"}, {"Retry-After": "3"})
    with pytest.raises(ModelThrottledError) as info:
        OpenAIChatModel(server.url, "m", "s3cret-key", http).complete(
            system="s", messages=[("user", "q")]
        )
    assert info.value.retry_after == 3.0
    assert "s3cret" not in str(info.value)


def test_500_is_transient(server: FakeServer, http: httpx.Client) -> None:
    server.reply(500, b"oops")
    with pytest.raises(ModelThrottledError, match="HTTP 500"):
        OpenAIChatModel(server.url, "m", None, http).complete(system="s", messages=[("user", "q")])


def test_400_and_bad_bodies_are_unavailable(server: FakeServer, http: httpx.Client) -> None:
    server.reply(400, {"error": "bad"})
    server.reply(200, {"choices": []})
    model = OpenAIChatModel(server.url, "m", None, http)
    with pytest.raises(ModelUnavailableError, match="HTTP 400") as info:
        model.complete(system="s", messages=[("user", "q")])
    assert not isinstance(info.value, ModelThrottledError)
    with pytest.raises(ModelUnavailableError, match="unexpected response shape"):
        model.complete(system="s", messages=[("user", "q")])


def test_a_closed_port_is_transient(http: httpx.Client) -> None:
    model = OpenAIChatModel("http://127.0.0.1:9", "m", None, http, timeout=2)
    with pytest.raises(ModelThrottledError):
        model.complete(system="s", messages=[("user", "q")])


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("http://h:8000", "http://h:8000/v1/chat/completions"),
        ("http://h:8000/v1", "http://h:8000/v1/chat/completions"),
        ("http://h:8000/v1/", "http://h:8000/v1/chat/completions"),
    ],
)
def test_completions_url(base: str, url: str) -> None:
    assert completions_url(base) == url


def test_the_pipeline_waits_as_told_then_answers(
    server: FakeServer, http: httpx.Client, lft_md: Path
) -> None:
    server.reply(429, {"error": "busy"}, {"Retry-After": "3"})
    server.reply(200, completion("Respuesta corta: al menos 12 días (Art. 76 LFT)."))
    retrieval = FakeRetrieval(read_articles(lft_md, ["76"]), ranking=["76"])
    sleeps: list[float] = []
    pipeline = AnswerPipeline(
        retrieval,
        OpenAIChatModel(server.url, "m", None, http),
        today=date(2026, 11, 26),
        sleep=sleeps.append,
    )
    answer = pipeline.answer("¿cuántos días de vacaciones me tocan?")
    assert not answer.degraded
    assert "al menos 12 días (Art. 76 LFT)" in answer.text
    assert len(server.requests) == 2
    assert 1.5 <= sleeps[0] <= 3.0
