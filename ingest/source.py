"""``load_source``: a path or an http(s) URL → the law's text (PDF text layer or UTF-8 text).

The download is injectable (``fetch``) so tests never touch the network.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import httpx

from ingest.errors import SourceError
from ingest.pdf import pdf_to_text

log = logging.getLogger(__name__)

OFFICIAL_URL = "https://www.diputados.gob.mx/LeyesBiblio/pdf/LFT.pdf"
FETCH_TIMEOUT_S = 60.0
MAX_BYTES = 50 * 1024 * 1024

Fetch = Callable[[str], bytes]


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def http_fetch(url: str, *, transport: httpx.BaseTransport | None = None) -> bytes:
    """GET ``url`` with httpx (redirects followed); raises ``SourceError`` on any failure."""
    try:
        with httpx.Client(transport=transport, timeout=FETCH_TIMEOUT_S) as http:
            response = http.get(url, follow_redirects=True)
            response.raise_for_status()
            return response.content
    except httpx.HTTPStatusError as exc:
        raise SourceError(f"download failed: HTTP {exc.response.status_code} from {url}") from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"download failed: {type(exc).__name__} for {url}") from exc


def decode(data: bytes, *, name: str, progress: Callable[[int, int], None] | None = None) -> str:
    """PDF (``%PDF-`` magic) → its text layer; otherwise UTF-8 text; anything else is an error."""
    if not data.strip():
        raise SourceError(f"{name} is empty")
    if data.lstrip()[:5] == b"%PDF-":
        return pdf_to_text(data, progress=progress)
    if b"\x00" in data[:4096]:
        raise SourceError(f"{name} is neither a PDF nor text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{name} is neither a PDF nor UTF-8 text") from exc


def locate_related(folder: Path, prefixes: dict[str, str]) -> tuple[dict[str, Path], list[str]]:
    """The newest file of each law in ``folder`` (``{code: file name prefix}``) and those missing.

    Names sort by the reform date they carry (``lss_2026-01-15_lexmx.md``), so the last wins.
    """
    found: dict[str, Path] = {}
    missing: list[str] = []
    for code, prefix in prefixes.items():
        files = sorted(folder.glob(f"{prefix}*.md")) if folder.is_dir() else []
        if files:
            found[code] = files[-1]
        else:
            missing.append(code)
    return found, missing


def load_source(
    source: str | Path,
    *,
    fetch: Fetch | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> str:
    """Read the law from a file or a URL and return its text, ready for ``parse_law``."""
    if is_url(source):
        url = str(source)
        log.info("downloading the law from %s", url)
        data = (fetch or http_fetch)(url)
        if len(data) > MAX_BYTES:
            raise SourceError(f"{url} is larger than {MAX_BYTES // (1024 * 1024)} MB")
        return decode(data, name=url, progress=progress)
    path = Path(source)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError(f"{path} does not exist") from exc
    except OSError as exc:
        raise SourceError(f"{path} cannot be read: {exc.strerror}") from exc
    return decode(data, name=str(path), progress=progress)
