"""``parse_related``: the laws beside the LFT (LSS, INFONAVIT, LFTSE, the Constitution's Art. 123).

Same lexmx layout as the LFT, so the LFT's body parser does the work; this module adds each
law's page headers, its way of numbering ("Artículo 15 A.", "Artículo 51 Bis 1.-") and the
checks that the text is that law. Pure and total: text in, ``Law`` out or ``SourceError``.
Transitorios are not kept for these laws.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.errors import SourceError
from ingest.model import Law
from ingest.parse_body import LATIN_SUFFIXES, Marker, parse_body
from ingest.parse_lines import clean_lines, strip_front_matter


@dataclass(frozen=True)
class RelatedLaw:
    """How to recognise and read one related law."""

    code: str
    # Start of the lexmx file name in ../shared/data/related ("lss_2026-01-15_lexmx.md").
    file_prefix: str
    # Folded words that must appear near the top of the text.
    title: str
    # Running page headers of this law's PDF, as whole cleaned lines.
    headers: tuple[str, ...]
    min_articles: int
    # Only these article ids are kept (the Constitution: Art. 123); empty keeps every one.
    keep: tuple[str, ...] = ()


RELATED_LAWS: dict[str, RelatedLaw] = {
    law.code: law
    for law in (
        RelatedLaw(
            code="LSS",
            file_prefix="lss_",
            title="ley del seguro social",
            headers=("LEY DEL SEGURO SOCIAL",),
            min_articles=300,
        ),
        RelatedLaw(
            code="LINFONAVIT",
            file_prefix="linfonavit_",
            title="fondo nacional de la vivienda para los trabajadores",
            headers=("LEY DEL INSTITUTO DEL FONDO NACIONAL DE LA VIVIENDA PARA LOS TRABAJADORES",),
            min_articles=60,
        ),
        RelatedLaw(
            code="LFTSE",
            file_prefix="lftse_",
            title="trabajadores al servicio del estado",
            headers=(
                "LEY FEDERAL DE LOS TRABAJADORES AL SERVICIO DEL ESTADO, REGLAMENTARIA DEL "
                "APARTADO B) DEL",
                "ARTÍCULO 123 CONSTITUCIONAL",
            ),
            min_articles=150,
        ),
        RelatedLaw(
            code="CPEUM",
            file_prefix="cpeum_",
            title="constitución política de los estados unidos mexicanos",
            headers=("CONSTITUCIÓN POLÍTICA DE LOS ESTADOS UNIDOS MEXICANOS",),
            min_articles=130,
            keep=("123",),
        ),
    )
}

_LATIN = "|".join([*LATIN_SUFFIXES, "Quater"])
# "Artículo 15 A." and "Artículo 237-A.-" (a letter with or without a hyphen), "Artículo 29
# Quáter.-", "Artículo 51 Bis 1.-" (numbered Bis articles of the INFONAVIT law).
_MARKER_RE = re.compile(
    r"^Art[íi]culo\s+(?P<num>\d{1,4})\s*(?:o\.?|º\.?|°\.?)?"
    r"\s*(?:(?:-\s*|\s+)(?P<letter>[A-ZÑ])(?![a-zñáéíóúA-ZÑ]))?\s*\.?"
    rf"\s*(?P<latin>{_LATIN})?\s*(?P<sub>\d{{1,2}}(?=\s*\.?\s*-))?"
    r"\s*(?:\.\s*-?|-)\s*(?P<rest>.*)$"
)
_REST_OK_RE = re.compile(r"^(?:$|[\"“(¿A-ZÁÉÍÓÚÑ])")
_LETTERS = "ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_TRANSITORIOS_RE = re.compile(r"^TRANSITORIOS?$")
_VERSION_RE = re.compile(
    r"[ÚU]ltimas? [Rr]eformas? (?:[Pp]ublicadas? )?(?:(?:en el )?DOF )?(\d{2})-(\d{2})-(\d{4})"
)


def related_marker(line: str) -> Marker | None:
    """An article marker of a related law; ids as the LFT writes them ("15-A", "51 Bis 1")."""
    m = _MARKER_RE.match(line)
    if not m or not _REST_OK_RE.match(m["rest"]):
        return None
    number = int(m["num"])
    letter = m["letter"] or ""
    latin = "Quáter" if m["latin"] == "Quater" else (m["latin"] or "")
    sub = int(m["sub"]) if m["sub"] else 0
    aid = f"{number}-{letter}" if letter else str(number)
    aid = f"{aid} {latin}" if latin else aid
    aid = f"{aid} {sub}" if sub else aid
    key = (
        number,
        _LETTERS.index(letter) + 1 if letter else 0,
        LATIN_SUFFIXES.index(latin) + 1 if latin else 0,
        sub,
    )
    return Marker(aid, number, key, m["rest"])


def detect_related_version(text: str) -> str:
    """The date of the latest reform the text declares, as ``yyyy-mm-dd``."""
    m = _VERSION_RE.search(strip_front_matter(text)[:20000])
    if m is None:
        raise SourceError("the text does not say which reform it is (no 'Última reforma')")
    return f"{m[3]}-{m[2]}-{m[1]}"


def parse_related(text: str, *, code: str) -> Law:
    """Parse the related law ``code`` (a key of ``RELATED_LAWS``); raises ``SourceError``."""
    spec = RELATED_LAWS.get(code)
    if spec is None:
        raise SourceError(f"unknown law {code!r}; known: {', '.join(RELATED_LAWS)}")
    if not text.replace("\ufeff", "").strip():
        raise SourceError(f"the {code} source is empty")
    if spec.title not in strip_front_matter(text)[:5000].lower():
        raise SourceError(f"the source is not the {code} (no '{spec.title}' at the top)")
    headers = set(spec.headers)
    lines = [line for line in clean_lines(text) if line not in headers]
    split = next((i for i, line in enumerate(lines) if _TRANSITORIOS_RE.match(line)), len(lines))
    articles = parse_body(lines[:split], marker=related_marker)
    if len(articles) < spec.min_articles:
        last = articles[-1].id if articles else "none"
        raise SourceError(
            f"the {code} source looks truncated: {len(articles)} articles found (last: {last}),"
            f" expected at least {spec.min_articles}"
        )
    if spec.keep:
        articles = [a for a in articles if a.id in spec.keep]
        missing = sorted(set(spec.keep) - {a.id for a in articles})
        if missing:
            raise SourceError(f"the {code} source lacks article(s) {', '.join(missing)}")
    return Law(
        version=detect_related_version(text), articles=tuple(articles), decrees=(), code=code
    )
