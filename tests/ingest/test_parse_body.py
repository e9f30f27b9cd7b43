"""Golden tests for each numbering and layout edge case, on real excerpts of the lexmx text."""

from __future__ import annotations

import pytest

from ingest.model import Article, Law
from ingest.parse_body import parse_body
from ingest.parse_lines import clean_lines
from tests.ingest.conftest import Excerpt


def articles(text: str) -> dict[str, Article]:
    return {a.id: a for a in parse_body(clean_lines(text))}


def test_suffix_outside_the_bold_marker_and_ordinal_marks(excerpt: Excerpt) -> None:
    found = articles(excerpt(r"^\*\*Artículo 1o\.-\*\*", r"^\*\*Artículo 5o\.-\*\*"))
    assert list(found) == ["1", "2", "3", "3 Bis", "3 Ter", "4"]
    assert found["3 Bis"].number == 3
    assert found["3 Bis"].suffix == "Bis"
    assert found["3 Bis"].text.startswith("Para efectos de esta Ley se entiende por:")
    assert found["1"].text.startswith("La presente Ley es de observancia general")


@pytest.mark.parametrize(
    ("start", "stop", "expected"),
    [
        (r"^\*\*Artículo 279 Ter", r"^\*\*Artículo 280\.-", ["279 Ter", "279 Quáter"]),
        (r"^\*\*Artículo 283 Ter", r"^\*\*Artículo 284\.-", ["283 Ter", "283 Quáter"]),
        (r"^\*\*Artículo 353-M", r"^\*\*Artículo 353-P", ["353-M", "353-N", "353-Ñ", "353-O"]),
        (r"^\*\*Artículo 153-F\.", r"^\*\*Artículo 153-H", ["153-F", "153-F Bis", "153-G"]),
        (r"^\*\*Artículo 390\.-", r"^\*\*Artículo 391\.-", ["390", "390 Bis", "390 Ter"]),
        (r"^\*\*Artículo 15-A", r"^\*\*Artículo 16\.-", ["15-A", "15-B", "15-C", "15-D"]),
    ],
)
def test_suffixes(excerpt: Excerpt, start: str, stop: str, expected: list[str]) -> None:
    assert list(articles(excerpt(start, stop))) == expected


def test_353_n_tilde_is_found_although_not_bold(excerpt: Excerpt) -> None:
    raw = excerpt(r"^\*\*Artículo 353-N", r"^\*\*Artículo 353-O")
    assert "**Artículo 353-Ñ" not in raw  # the quirk is still in the source
    found = articles(raw)
    assert found["353-Ñ"].text.startswith("Los sindicatos y las directivas")
    assert [f.numeral for f in found["353-Ñ"].fracciones] == ["I", "II", "III"]


def test_repealed_forms(excerpt: Excerpt) -> None:
    found = articles(excerpt(r"^\*\*Artículo 153-N", r"^\*\*Artículo 153-S"))
    assert found["153-O"].repealed  # "(Se deroga)."
    assert found["153-N"].repealed is False
    assert articles(excerpt(r"^\*\*Artículo 15-A", r"^\*\*Artículo 15-B"))["15-A"].repealed


def test_page_header_in_mid_sentence_is_dropped_and_the_sentence_joined(excerpt: Excerpt) -> None:
    raw = excerpt(r"^\*\*Artículo 47\.-", r"^\*\*Artículo 48\.-")
    assert "LEY FEDERAL DEL TRABAJO" in raw
    article = articles(raw)["47"]
    assert "LEY FEDERAL DEL TRABAJO" not in article.text
    assert "Últimas Reformas" not in article.text
    assert "exista prescripción médica. Antes de iniciar su servicio, el trabajador" in article.text


def test_numeral_on_its_own_line_is_joined_to_its_text(excerpt: Excerpt) -> None:
    found = articles(excerpt(r"^\*\*Artículo 3o\.\*\* Ter", r"^\*\*Artículo 4o\.-"))
    fracciones = found["3 Ter"].fracciones
    assert [f.numeral for f in fracciones] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    assert fracciones[0].text.startswith("Autoridad Conciliadora: El Centro Federal")
    assert "\nI. Autoridad Conciliadora:" in found["3 Ter"].text


def test_numeral_printed_before_its_text_goes_back_in_place(excerpt: Excerpt) -> None:
    # pdftotext wrote "b) II." and then the text of b) and then the text of II.
    article = articles(excerpt(r"^\*\*Artículo 4o\.-", r"^\*\*Artículo 5o\.-"))["4"]
    assert [f.numeral for f in article.fracciones] == ["I", "II"]
    assert article.fracciones[1].text.startswith("Se ofenden los derechos de la sociedad")
    assert "b) Cuando se niegue el derecho" in article.fracciones[0].text


def test_two_numerals_ahead_of_their_texts(excerpt: Excerpt) -> None:
    # "I." "II." then both texts (Art. 562).
    article = articles(excerpt(r"^\*\*Artículo 562\.-", r"^\*\*Artículo 563\.-"))["562"]
    numerals = [f.numeral for f in article.fracciones]
    assert numerals[:2] == ["I", "II"]
    assert article.fracciones[0].text.startswith("Practicar y realizar las investigaciones")
    assert article.fracciones[1].text.startswith("Realizar periódicamente")


def test_reform_notes_are_metadata_not_text(excerpt: Excerpt) -> None:
    article = articles(excerpt(r"^\*\*Artículo 2o\.-", r"^\*\*Artículo 3o\.-"))["2"]
    assert article.reforms == (
        "Párrafo reformado DOF 15-01-2026",
        "Artículo reformado DOF 30-11-2012",
    )
    assert "DOF" not in article.text
    assert "Se tutela la igualdad sustantiva" in article.text


def test_heading_path(excerpt: Excerpt) -> None:
    found = articles(excerpt(r"^## TITULO TERCERO", r"^\*\*Artículo 77\.-"))
    assert found["76"].path == ("Título Tercero: Condiciones de Trabajo", "Capítulo IV: Vacaciones")


def test_pdftotext_splits_are_repaired(law: Law) -> None:
    # The source reads "TITULO DO CE", "TITULO C ATORCE", "TITULO DI ECISEIS".
    titles = {a.id: a.path[0] for a in law.articles}
    assert (
        titles["625"] == "Título Doce: Personal Jurídico de las Juntas de Conciliación y Arbitraje"
    )
    assert titles["685"].startswith("Título Catorce: Derecho Procesal del Trabajo")
    assert titles["1000"].startswith("Título Dieciséis")


def test_every_article_has_a_title(law: Law) -> None:
    assert all(a.path and a.path[0].startswith("Título ") for a in law.articles)


def test_a_wrapped_line_starting_with_articulo_is_not_a_new_article() -> None:
    text = (
        "**Artículo 9o.-** La categoría de trabajador de confianza depende de lo previsto en el\n"
        "Artículo 5o. De la Constitución y no de la designación.\n"
        "**Artículo 10.-** Patrón es la persona física o moral.\n"
    )
    found = articles(text)
    assert list(found) == ["9", "10"]
    assert "Artículo 5o. De la Constitución" in found["9"].text
