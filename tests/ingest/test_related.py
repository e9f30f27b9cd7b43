"""Golden tests for the related laws (LSS, INFONAVIT, LFTSE, the Constitution's Art. 123).

Real texts from ../shared/data/related; each numbering quirk of these laws has a named test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ingest.chunk import chunk_law
from ingest.errors import SourceError
from ingest.model import Law
from ingest.related import RELATED_LAWS, parse_related, related_marker
from ingest.store import load_law, save_law
from rag.glosses import default_glosses
from rag.laws import law_of, split_id

LawOf = Callable[[str], Law]
TextOf = Callable[[str], str]


@pytest.mark.parametrize(
    ("line", "article_id", "rest"),
    [
        ("Artículo 15 A. La contratación de servicios", "15-A", "La contratación de servicios"),
        ("Artículo 237-A.- En aquellos lugares", "237-A", "En aquellos lugares"),
        ("Artículo 51 Bis 1.- Las convocatorias", "51 Bis 1", "Las convocatorias"),
        ("Artículo 18 Bis.- El Comité de Auditoría", "18 Bis", "El Comité de Auditoría"),
        ("Artículo 29 Quáter.- El Instituto", "29 Quáter", "El Instituto"),
        ("Artículo 5o.- Son trabajadores de confianza:", "5", "Son trabajadores de confianza:"),
        ("Artículo 123. Toda persona tiene derecho", "123", "Toda persona tiene derecho"),
    ],
)
def test_article_markers_of_the_related_laws(line: str, article_id: str, rest: str) -> None:
    marker = related_marker(line)
    assert marker is not None
    assert (marker.id, marker.rest) == (article_id, rest)


@pytest.mark.parametrize(
    "line",
    [
        "Artículo 123 de esta Constitución y de ninguna forma",  # a reference, not a marker
        "Artículo reformado DOF 15-01-2026",
        "Artículo Único.- Se reforman las fracciones IV y XI",
    ],
)
def test_lines_that_are_not_markers(line: str) -> None:
    assert related_marker(line) is None


def test_markers_sort_bis_1_after_bis_and_letters_after_the_bare_number() -> None:
    keys = [
        m.key
        for m in map(
            related_marker,
            ["Artículo 51.- A", "Artículo 51 Bis.- B", "Artículo 51 Bis 1.- C", "Artículo 52.- D"],
        )
        if m
    ]
    assert keys == sorted(keys)
    assert len(keys) == 4
    a, b = related_marker("Artículo 15.- X"), related_marker("Artículo 15 A. Y")
    assert a
    assert b
    assert a.key < b.key


def test_lss_every_article_with_its_letter_ids(related_law: LawOf) -> None:
    lss = related_law("LSS")
    ids = [a.id for a in lss.articles]
    assert lss.code == "LSS"
    assert lss.version == "2026-01-15"
    assert len(ids) == 385
    assert ids[0] == "1"
    assert ids[-1] == "319"
    for wanted in ("5-A", "15-A", "15-B", "102 Bis", "237-E", "239-A", "239-H", "286-N", "304-D"):
        assert wanted in ids
    art15 = lss.article("15")
    assert art15 is not None
    assert art15.text.startswith("Las personas empleadoras están obligadas a:")
    assert art15.fracciones[0].text.startswith("Registrarse e inscribir a sus trabajadores")
    assert "cinco días hábiles" in art15.fracciones[0].text
    assert art15.path[0].startswith("Título Segundo")


def test_lss_page_headers_never_reach_an_article(related_law: LawOf) -> None:
    for article in related_law("LSS").articles:
        assert "LEY DEL SEGURO SOCIAL" not in article.text, article.id
    art98 = related_law("LSS").article("98")
    assert art98 is not None
    assert "sesenta por ciento del último salario diario de cotización" in art98.text


def test_infonavit_numbered_bis_articles_and_quater(related_law: LawOf) -> None:
    law = related_law("LINFONAVIT")
    ids = [a.id for a in law.articles]
    assert law.version == "2025-02-21"
    assert len(ids) == 95
    assert ids[ids.index("51 Bis") : ids.index("51 Bis") + 7] == [
        "51 Bis",
        *(f"51 Bis {n}" for n in range(1, 7)),
    ]
    assert "29 Quáter" in ids
    assert "51 Quinquies" in ids
    art29 = law.article("29")
    assert art29 is not None
    assert art29.text.startswith("Son obligaciones de los patrones:")
    assert "cinco por ciento sobre el salario" in art29.text


def test_lftse_two_line_page_header_is_dropped(related_law: LawOf) -> None:
    law = related_law("LFTSE")
    assert len(law.articles) == 177
    assert law.articles[-1].id == "165"
    assert "120-A" in {a.id for a in law.articles}
    for article in law.articles:
        assert "ARTÍCULO 123 CONSTITUCIONAL" not in article.text, article.id
        assert "REGLAMENTARIA DEL APARTADO B) DEL" not in article.text, article.id
    art30 = law.article("30")
    assert art30 is not None
    assert "dos períodos anuales de vacaciones" in art30.text


def test_constitution_keeps_only_article_123_whole(related_law: LawOf) -> None:
    law = related_law("CPEUM")
    assert [a.id for a in law.articles] == ["123"]
    art = law.articles[0]
    assert art.path == ("Título Sexto: Del Trabajo y de la Previsión Social",)
    assert art.text.startswith("Toda persona tiene derecho al trabajo digno")
    assert "\nB. Entre los Poderes de la Unión y sus trabajadores:" in art.text
    # The next Título's heading is not swallowed into the article.
    assert "Prevenciones Generales" not in art.text
    assert art.text.endswith("gozarán de los beneficios de la seguridad social.")


def test_related_chunks_carry_law_qualified_ids_and_the_law_name(related_law: LawOf) -> None:
    chunks = chunk_law(related_law("LSS"))
    first = next(c for c in chunks if c.article_id == "15 LSS")
    assert first.chunk_id == "15 LSS#1"
    assert first.text.startswith("Artículo 15 LSS (Ley del Seguro Social › Título Segundo")
    assert first.law_version == "2026-01-15"
    assert all(c.article_id.endswith(" LSS") for c in chunks)


def test_constitution_chunks_of_apartado_b_say_so(related_law: LawOf) -> None:
    chunks = chunk_law(related_law("CPEUM"))
    assert len(chunks) > 10
    apartado_b = "B. Entre los Poderes de la Unión y sus trabajadores:"
    after_b = [c for c in chunks if apartado_b in c.text]
    assert after_b, "continuation chunks of Apartado B repeat its heading"
    assert not any(apartado_b in c.text for c in chunks[:3])
    assert all(len(c.text) < 1900 for c in chunks)


def test_refuses_empty_foreign_truncated_and_unknown() -> None:
    with pytest.raises(SourceError, match="empty"):
        parse_related("  \n", code="LSS")
    with pytest.raises(SourceError, match="not the LSS"):
        parse_related("# Ley Federal del Trabajo\n**Artículo 1o.-** La presente Ley", code="LSS")
    with pytest.raises(SourceError, match="unknown law"):
        parse_related("texto", code="XYZ")


def test_a_truncated_related_text_is_refused(related_text: TextOf) -> None:
    head = "\n".join(related_text("LSS").splitlines()[:2000])
    with pytest.raises(SourceError, match="truncated"):
        parse_related(head, code="LSS")


def test_every_packaged_gloss_of_a_related_law_names_a_live_article(related_law: LawOf) -> None:
    glosses = [g for g in default_glosses() if law_of(g.article_id) != "LFT"]
    assert len(glosses) > 50
    for gloss in glosses:
        local, code = split_id(gloss.article_id)
        article = related_law(code).article(local)
        assert article is not None, gloss
        assert not article.repealed, gloss


def test_every_related_law_has_a_spec() -> None:
    assert set(RELATED_LAWS) == {"LSS", "LINFONAVIT", "LFTSE", "CPEUM"}


def test_a_related_law_is_cached_apart_from_the_lft(related_law: LawOf, tmp_path: Path) -> None:
    law = related_law("LFTSE")
    path = save_law(law, data_dir=tmp_path)
    assert path == tmp_path / "law" / "lftse" / "2026-01-15.json"
    assert load_law(data_dir=tmp_path) is None  # the LFT's lookup never finds it
    assert load_law(data_dir=tmp_path, code="LFTSE") == law
