"""Loading the law from files and URLs (a fake transport stands in for the Chamber's server)."""

from __future__ import annotations

import io
from pathlib import Path

import httpx
import pytest
from pypdf import PdfReader, PdfWriter

from ingest.errors import SourceError
from ingest.source import OFFICIAL_URL, http_fetch, load_source


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
