"""``load_source``: a path or an https URL → the law's text (PDF text layer or UTF-8 text).

Downloads are HTTPS only (every redirect too: never a downgrade to http) and are cut off while
streaming once past ``MAX_BYTES``. The download is injectable (``fetch``) so tests never touch
the network.
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
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024

Fetch = Callable[[str], bytes]


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.lower().startswith(("http://", "https://"))


def http_fetch(
    url: str, *, transport: httpx.BaseTransport | None = None, max_bytes: int = MAX_BYTES
) -> bytes:
    """GET ``url`` over HTTPS; raises ``SourceError`` on any failure.

    Redirects are followed by hand so each hop is checked: https only, at most
    ``MAX_REDIRECTS``. The body is read in chunks and abandoned as soon as it passes
    ``max_bytes`` (or at once when its declared length does), so a huge answer costs no memory.
    """
    _require_https(url)
    try:
        with httpx.Client(transport=transport, timeout=FETCH_TIMEOUT_S) as http:
            for _hop in range(MAX_REDIRECTS + 1):
                with http.stream("GET", url) as response:
                    if response.is_redirect:
                        target = str(response.url.join(response.headers["location"]))
                        _require_https(target, redirected_from=url)
                        url = target
                        continue
                    response.raise_for_status()
                    return _read_capped(response, url=url, max_bytes=max_bytes)
    except httpx.HTTPStatusError as exc:
        raise SourceError(f"download failed: HTTP {exc.response.status_code} from {url}") from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"download failed: {type(exc).__name__} for {url}") from exc
    raise SourceError(f"download failed: more than {MAX_REDIRECTS} redirects from {url}")


def _require_https(url: str, *, redirected_from: str | None = None) -> None:
    if httpx.URL(url).scheme == "https":
        return
    if redirected_from is not None:
        raise SourceError(f"refusing a redirect from {redirected_from} to non-https {url}")
    raise SourceError(f"only https:// URLs are downloaded, not {url}")


def _read_capped(response: httpx.Response, *, url: str, max_bytes: int) -> bytes:
    too_big = SourceError(f"{url} is larger than {max_bytes // (1024 * 1024)} MB")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


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
        _require_https(url)
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
