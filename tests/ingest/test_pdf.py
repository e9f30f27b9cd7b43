"""The official PDF (2025-02-21 edition): its text layer parses like the Markdown."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from ingest.model import Law
from ingest.parse_body import parse_body
from ingest.parse_lines import clean_lines
from ingest.pdf import strip_page_header

BODY_ARTICLES_2025 = 1264  # the 2026 text less 283 Quáter (SOURCE.md)
FURNITURE = re.compile(
    r"CÁMARA DE DIPUTADOS|Secretaría de Servicios Parlamentarios|Secretaría General"
    r"|Última Reforma DOF|\b\d+ de 450\b"
)


def test_pdf_parses_to_the_same_articles_less_283_quater(pdf_law: Law, law: Law) -> None:
    ids = [a.id for a in pdf_law.articles]
    assert len(ids) == len(set(ids)) == BODY_ARTICLES_2025
    assert {a.number for a in pdf_law.articles} == set(range(1, 1011))
    assert set(ids) == {a.id for a in law.articles} - {"283 Quáter"}
    assert pdf_law.article("283 Quáter") is None
    assert pdf_law.version == "2025-02-21"


def test_pdf_article_text(pdf_law: Law) -> None:
    vacations = pdf_law.article("76")
    assert vacations is not None
    assert "inferior a doce días laborables" in vacations.text
    assert pdf_law.article("15-A").repealed  # type: ignore[union-attr]
    assert pdf_law.article("353-Ñ") is not None
    bis = pdf_law.article("3 Bis")
    assert bis is not None
    assert bis.text.startswith("Para efectos de esta Ley se entiende por:")


def test_pdf_fracciones_match_the_markdown(pdf_law: Law, law: Law) -> None:
    reformed_2026 = {"132", "994"}
    for article in pdf_law.articles:
        if article.id in reformed_2026:
            continue
        other = law.article(article.id)
        assert other is not None
        assert [f.numeral for f in article.fracciones] == [f.numeral for f in other.fracciones], (
            article.id
        )


def test_no_pdf_page_furniture_in_any_article(pdf_law: Law) -> None:
    for article in pdf_law.articles:
        assert not FURNITURE.search(article.text), article.id
    for t in pdf_law.transitorios:
        assert not FURNITURE.search(t.text), t.id


def test_pdf_transitorios(pdf_law: Law) -> None:
    assert pdf_law.transitorio("T 1970 Primero") is not None
    latest = pdf_law.decrees[-1]
    assert latest.date == "2025-02-21"
    assert latest.transitorios


def test_strip_page_header() -> None:
    page = (
        " \n \nLEY FEDERAL DEL TRABAJO \n \nCÁMARA DE DIPUTADOS DEL H. CONGRESO DE LA UNIÓN \n"
        "Secretaría General \nSecretaría de Servicios Parlamentarios \n"
        "Última Reforma DOF 21-02-2025 \n \n \n2 de 450 \nArtículo 3o.- El trabajo es un derecho"
    )
    assert strip_page_header(page) == "Artículo 3o.- El trabajo es un derecho"
    assert strip_page_header("no header here") == "no header here"


def test_text_from_another_extractor_with_headers_inline(lft_pdf: Path) -> None:
    # Another tool (pdftotext, a copy-paste) keeps each page's header block and form feeds.
    raw = "\f".join(page.extract_text() for page in PdfReader(lft_pdf).pages[:4])
    assert "CÁMARA DE DIPUTADOS" in raw
    lines = clean_lines(raw)
    assert not [line for line in lines if FURNITURE.search(line)]
    found = {a.id: a for a in parse_body(lines)}
    assert list(found)[:5] == ["1", "2", "3", "3 Bis", "3 Ter"]
    assert found["3"].text.endswith("tanto a los trabajadores como a los patrones.")
