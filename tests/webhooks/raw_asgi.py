"""Drive the ASGI app with exact headers and body chunks, as a lying or hostile client would.

httpx (under TestClient) fixes Content-Length and header encodings for us; hostile callers do
not, and behind API Gateway (Mangum) nothing in between checks them either.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message


@dataclass(frozen=True)
class RawResponse:
    status: int
    body: bytes


def send_raw(
    app: ASGIApp,
    path: str,
    *,
    method: str = "POST",
    headers: Sequence[tuple[bytes, bytes]] = (),
    chunks: Sequence[bytes] = (b"",),
) -> RawResponse:
    """One request with ``headers`` exactly as given and the body in ``chunks``."""
    return asyncio.run(send_raw_async(app, path, method=method, headers=headers, chunks=chunks))


async def send_raw_async(
    app: ASGIApp,
    path: str,
    *,
    method: str = "POST",
    headers: Sequence[tuple[bytes, bytes]] = (),
    chunks: Sequence[bytes] = (b"",),
) -> RawResponse:
    """``send_raw`` inside a running event loop."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "https",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": list(headers),
        "client": ("203.0.113.9", 40000),
        "server": ("testserver", 443),
    }
    pending: list[Message] = [
        {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
        for i, chunk in enumerate(chunks or (b"",))
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return pending.pop(0) if pending else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    await app(scope, receive, send)
    [start] = [m for m in sent if m["type"] == "http.response.start"]
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return RawResponse(int(start["status"]), body)
