"""Article references inside law text ("los artículos 59, 66 y 132", "artículo 153-F Bis").

Pure helpers for transitorios and decrees; only ids that exist in the parsed body are returned.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection

from ingest.parse_body import LATIN_SUFFIXES

_LATIN = "|".join([*LATIN_SUFFIXES, "Quater", "BIS", "TER"])
_ID_RE = re.compile(
    rf"\b(?P<num>\d{{1,4}})(?:o\.|º)?(?:-(?P<letter>[A-ZÑ])\b)?(?:\s+(?P<latin>{_LATIN})\b)?"
)
_ARTICLE_WORD_RE = re.compile(r"\bart[íi]culos?\s+", re.IGNORECASE)
# A reference list runs through numbers, commas, "y", and qualifiers such as "fracción IV".
_LIST_RE = re.compile(
    r"(?:[\s,;]|\by\b|\be\b|\d{1,4}(?:o\.|º)?(?:-[A-ZÑ]\b)?|"
    rf"\b(?:{_LATIN})\b|\bfracci[oó]n(?:es)?\s+[IVXL]+(?:\s+(?:Bis|Ter))?|"
    r"\b(?:primer|segundo|tercer|cuarto|último)\s+párrafo|\bp[áa]rrafos?|\binciso\s+[a-z]\))+"
)
_OTHER_LAW_RE = re.compile(
    r"^\s*(?:de\s+la|del|de)\s+(?:Ley|Constituci[oó]n|C[oó]digo|Reglamento)\b(?!\s+Federal\s+del\s+Trabajo)",
    re.IGNORECASE,
)


def canonical(match: re.Match[str]) -> str:
    latin = match["latin"] or ""
    latin = {"Quater": "Quáter", "BIS": "Bis", "TER": "Ter"}.get(latin, latin)
    base = match["num"] + (f"-{match['letter']}" if match["letter"] else "")
    return f"{base} {latin}" if latin else base


def ids_in(text: str, *, known_ids: Collection[str]) -> list[str]:
    found = (canonical(m) for m in _ID_RE.finditer(text))
    return list(dict.fromkeys(i for i in found if i in known_ids))


def article_refs(text: str, *, known_ids: Collection[str]) -> list[str]:
    """Ids after "artículo(s)" that belong to this law (not "artículo 89 de la Constitución")."""
    out: list[str] = []
    for word in _ARTICLE_WORD_RE.finditer(text):
        listing = _LIST_RE.match(text, word.end())
        if not listing:
            continue
        if _OTHER_LAW_RE.match(text[listing.end() :]):
            continue
        out.extend(ids_in(listing.group(0), known_ids=known_ids))
    return list(dict.fromkeys(out))


def lft_reformed_ids(reform_text: str, *, known_ids: Collection[str]) -> tuple[str, ...]:
    """The LFT articles a decree's "Se reforman los artículos …" text names.

    Multi-law decrees list "…; 189, 216 y 612, fracción I, de la Ley Federal del Trabajo; 267 de
    la Ley del Seguro Social"; only the numbers just before "Ley Federal del Trabajo" count.
    """
    pieces = re.split(r"\b(?:de|a)\s+la\s+Ley\b", reform_text)
    if len(pieces) == 1:
        return tuple(ids_in(reform_text, known_ids=known_ids))
    out: list[str] = []
    for before, after in itertools.pairwise(pieces):
        if re.match(r"\s+Federal\s+del\s+Trabajo", after):
            out.extend(ids_in(before, known_ids=known_ids))
    return tuple(dict.fromkeys(out))
