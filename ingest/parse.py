"""``parse_law``: the LFT's text (lexmx Markdown or text extracted from the official PDF) → ``Law``.

Total: any input either parses or raises ``SourceError`` with a one-line reason.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.errors import SourceError
from ingest.model import Law
from ingest.parse_body import parse_body
from ingest.parse_lines import clean_lines, strip_front_matter
from ingest.parse_transitorios import parse_transitorios

# The LFT has ~1,265 body articles; far fewer means a truncated or foreign text.
MIN_ARTICLES = 1200
LAST_ARTICLE = 1010
# The running page header names the latest reform the text contains ("Últimas Reformas DOF
# 01-05-2026" in lexmx, "Última Reforma DOF 21-02-2025" in the PDF); the lexmx blockquote
# above it ("Última reforma publicada DOF 14-05-2026") comes from an index, not the text.
_HEADER_DATE_RE = re.compile(
    r"^\W*Últimas? Reformas? DOF (\d{2})-(\d{2})-(\d{4})\s*$", re.MULTILINE
)
_VIGENTE_DATE_RE = re.compile(r"Últimas? reformas? publicadas? (\d{2})-(\d{2})-(\d{4})")
_TRANSITORIOS_RE = re.compile(r"^TRANSITORIOS?$")


def detect_version(text: str) -> str:
    """The date of the latest reform the text declares, as ``yyyy-mm-dd``."""
    body = strip_front_matter(text)
    dates = Counter(f"{m[3]}-{m[2]}-{m[1]}" for m in _HEADER_DATE_RE.finditer(body))
    if dates:
        return dates.most_common(1)[0][0]
    m = _VIGENTE_DATE_RE.search(body[:20000])
    if m:
        return f"{m[3]}-{m[2]}-{m[1]}"
    raise SourceError("the text does not say which reform of the LFT it is (no 'Últimas reformas')")


def parse_law(text: str) -> Law:
    """Parse the whole law; raises ``SourceError`` if it is empty, foreign or truncated."""
    if not text.replace("\ufeff", "").strip():
        raise SourceError("the source is empty")
    if "ley federal del trabajo" not in text[:20000].lower():
        raise SourceError("the source is not the Ley Federal del Trabajo")
    lines = clean_lines(text)
    split = next((i for i, line in enumerate(lines) if _TRANSITORIOS_RE.match(line)), None)
    if split is None:
        raise SourceError("the source looks truncated: no TRANSITORIOS after the articles")
    articles = parse_body(lines[:split])
    if len(articles) < MIN_ARTICLES or articles[-1].number < LAST_ARTICLE:
        last = articles[-1].id if articles else "none"
        raise SourceError(
            f"the source looks truncated: {len(articles)} articles found (last: {last}),"
            f" the LFT has about 1,265 ending at {LAST_ARTICLE}"
        )
    version = detect_version(text)
    known = {a.id for a in articles}
    decrees = parse_transitorios(lines[split + 1 :], known_ids=known)
    return Law(version=version, articles=tuple(articles), decrees=tuple(decrees))
