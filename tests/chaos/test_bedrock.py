"""A Bedrock endpoint that accepts the connection and never answers: a query embedding gives up
within seconds (EmbeddingError: the kind reply), not after botocore's default 5 × 60 s."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from rag.backends.registry import make_embedder
from rag.errors import EmbeddingError

BOUND_S = 30.0


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A TCP server that accepts connections, reads, and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for conn in held:
        conn.close()
    server.close()


def test_a_hung_titan_endpoint_fails_within_seconds(
    silent_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", silent_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    embedder = make_embedder("titan", region="us-east-1")
    outcome: list[BaseException | None] = []

    def embed() -> None:
        try:
            embedder.embed_query("me corrieron sin carta")
        except BaseException as exc:
            outcome.append(exc)
        else:
            outcome.append(None)

    started = time.monotonic()
    thread = threading.Thread(target=embed, daemon=True)
    thread.start()
    thread.join(timeout=BOUND_S)
    elapsed = time.monotonic() - started
    assert outcome, f"still waiting for Bedrock after {elapsed:.0f} s"
    assert isinstance(outcome[0], EmbeddingError)


def test_the_chat_model_client_makes_one_attempt(
    silent_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Retries live in the answer pipeline; botocore's ``max_attempts`` counts retries, so
    ``{"max_attempts": 1}`` made two 60-second attempts per model call."""
    from abogado.answers import build_chat_model
    from rag.backends.bedrock_chat import BedrockChatModel
    from services.settings import AnswerSettings, Settings

    monkeypatch.setenv("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", silent_endpoint)
    model = build_chat_model(Settings(answer=AnswerSettings(backend="bedrock")))
    assert isinstance(model, BedrockChatModel)
    retries = model.client.meta.config.retries  # type: ignore[attr-defined]  # not in the stubs
    assert retries["total_max_attempts"] == 1
