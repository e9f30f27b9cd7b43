"""``pdf_to_text``: the official PDF's text layer (pypdf), without the per-page header block.

Only extraction lives here; ``ingest.parse`` turns the text into articles.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable

from ingest.errors import SourceError

log = logging.getLogger(__name__)

# Each page of the Chamber of Deputies' PDF opens with the law's name, the Chamber's name,
# "Última Reforma DOF …" and "N de M"; everything up to that page counter is furniture.
_PAGE_COUNTER_RE = re.compile(r"^\s*\d{1,4} de \d{1,4}\s*$")
_HEADER_LINES = 14


def strip_page_header(page_text: str) -> str:
    lines = page_text.splitlines()
    for i, line in enumerate(lines[:_HEADER_LINES]):
        if _PAGE_COUNTER_RE.match(line):
            return "\n".join(lines[i + 1 :])
    return page_text


def pdf_to_text(data: bytes, *, progress: Callable[[int, int], None] | None = None) -> str:
    """The text of every page, headers removed; ``progress(done, total)`` after each page."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        total = len(reader.pages)
        pages: list[str] = []
        for n, page in enumerate(reader.pages, start=1):
            pages.append(strip_page_header(page.extract_text() or ""))
            if progress is not None:
                progress(n, total)
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise SourceError(f"the PDF cannot be read: {exc}") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise SourceError("the PDF has no text layer (a scanned document?)")
    log.debug("extracted %d pages, %d characters", len(pages), len(text))
    return text
