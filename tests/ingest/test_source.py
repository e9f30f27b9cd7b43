"""Loading the law from files and URLs (a fake transport stands in for the Chamber's server)."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader, PdfWriter

from ingest.errors import SourceError
from ingest.source import MAX_BYTES, MAX_REDIRECTS, OFFICIAL_URL, http_fetch, load_source


def first_pages_pdf(pdf: Path, pages: int = 3) -> bytes:
    writer = PdfWriter()
    for page in PdfReader(pdf).pages[:pages]:
        writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def serving(body: bytes, *, status: int = 200) -> httpx.MockTransport:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path.endswith("/moved"):
            return httpx.Response(301, headers={"Location": OFFICIAL_URL})
        return httpx.Response(status, content=body)

    transport = httpx.MockTransport(handler)
    transport.seen = seen  # type: ignore[attr-defined]
    return transport


def test_markdown_file(lft_md: Path) -> None:
    text = load_source(lft_md)
    assert text.startswith("---")
    assert "**Artículo 76.-**" in text


def test_pdf_file_is_detected_by_magic_not_by_name(lft_pdf: Path, tmp_path: Path) -> None:
    disguised = tmp_path / "ley.txt"
    disguised.write_bytes(first_pages_pdf(lft_pdf))
    text = load_source(disguised)
    assert "Artículo 1o.- La presente Ley es de observancia general" in text
    assert "1 de 450" not in text  # the page header block is gone


def test_url_downloads_the_pdf(lft_pdf: Path) -> None:
    transport = serving(first_pages_pdf(lft_pdf))
    text = load_source(OFFICIAL_URL, fetch=lambda url: http_fetch(url, transport=transport))
    assert "Artículo 3o. Bis.-" in text
    assert transport.seen == [OFFICIAL_URL]  # type: ignore[attr-defined]


def test_url_follows_redirects(lft_md: Path) -> None:
    transport = serving(lft_md.read_bytes())
    text = load_source(
        "https://example.test/moved", fetch=lambda url: http_fetch(url, transport=transport)
    )
    assert "Ley Federal del Trabajo" in text


def test_http_error_is_a_source_error() -> None:
    transport = serving(b"not here", status=404)
    with pytest.raises(SourceError, match="HTTP 404"):
        load_source(OFFICIAL_URL, fetch=lambda url: http_fetch(url, transport=transport))


def test_network_failure_is_a_source_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route", request=request)

    transport = httpx.MockTransport(refuse)
    with pytest.raises(SourceError, match="ConnectError"):
        load_source(OFFICIAL_URL, fetch=lambda url: http_fetch(url, transport=transport))


def test_empty_download() -> None:
    with pytest.raises(SourceError, match="empty"):
        load_source(OFFICIAL_URL, fetch=lambda url: b"")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        load_source(tmp_path / "nope.md")


def test_other_binary_format(tmp_path: Path) -> None:
    zipped = tmp_path / "ley.docx"
    zipped.write_bytes(b"PK\x03\x04\x00\x00" + bytes(range(256)) * 4)
    with pytest.raises(SourceError, match="neither a PDF nor"):
        load_source(zipped)


@pytest.fixture
def plain_http_server(lft_md: Path) -> Iterator[tuple[str, list[str]]]:
    """A real http:// server on loopback that serves the law and records each request."""
    seen: list[str] = []
    body = lft_md.read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/lft.md", seen
    finally:
        server.shutdown()
        server.server_close()


def test_plain_http_is_refused_before_any_request(
    plain_http_server: tuple[str, list[str]],
) -> None:
    url, seen = plain_http_server
    with pytest.raises(SourceError, match="only https"):
        load_source(url)
    with pytest.raises(SourceError, match="only https"):
        http_fetch(url)
    assert seen == []  # nothing was sent in the clear


def test_a_redirect_from_https_to_http_is_refused() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.scheme == "https":
            return httpx.Response(302, headers={"Location": "http://example.test/LFT.pdf"})
        return httpx.Response(200, content=b"%PDF-1.4 forged")

    transport = httpx.MockTransport(handler)
    with pytest.raises(SourceError, match="non-https"):
        load_source(OFFICIAL_URL, fetch=lambda url: http_fetch(url, transport=transport))
    assert seen == [OFFICIAL_URL]


def test_a_redirect_loop_ends() -> None:
    hops: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hops.append(str(request.url))
        return httpx.Response(302, headers={"Location": f"/again{len(hops)}"})

    with pytest.raises(SourceError, match="redirects"):
        http_fetch(OFFICIAL_URL, transport=httpx.MockTransport(handler))
    assert len(hops) == MAX_REDIRECTS + 1


def _endless(produced: list[int], *, chunks: int) -> Iterator[bytes]:
    for _ in range(chunks):
        produced.append(1)
        yield b"x" * (1024 * 1024)


def test_a_huge_body_is_cut_off_while_streaming() -> None:
    produced: list[int] = []
    limit_mb = MAX_BYTES // (1024 * 1024)

    def handler(request: httpx.Request) -> httpx.Response:
        # No Content-Length: the size is known only by reading.
        return httpx.Response(200, content=_endless(produced, chunks=4 * limit_mb))

    with pytest.raises(SourceError, match=f"larger than {limit_mb} MB"):
        load_source(
            OFFICIAL_URL, fetch=lambda url: http_fetch(url, transport=httpx.MockTransport(handler))
        )
    assert len(produced) <= limit_mb + 1  # stopped just past the cap, not at the end


def test_a_declared_huge_length_is_refused_before_reading() -> None:
    produced: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            headers={"Content-Length": str(10 * MAX_BYTES)},
            content=_endless(produced, chunks=3),
        )

    with pytest.raises(SourceError, match="larger than"):
        http_fetch(OFFICIAL_URL, transport=httpx.MockTransport(handler))
    assert produced == []
