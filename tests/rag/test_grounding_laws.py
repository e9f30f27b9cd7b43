"""Grounding with law-qualified ids: "(Art. 15 LSS)" is not the LFT's Art. 15."""

from __future__ import annotations

import pytest

from rag.grounding import canonical_id, check_grounding, cited_ids, id_key
from rag.types import Passage

LSS_15 = (
    "Artículo 15 LSS (Ley del Seguro Social): Las personas empleadoras están obligadas a:\n"
    "I. Registrarse e inscribir a sus trabajadores en el Instituto, comunicar sus altas y bajas"
)
LFT_76 = "Artículo 76 LFT: Las personas trabajadoras que tengan más de un año de servicios"


def _passage(article_id: str, text: str) -> Passage:
    return Passage(article_id=article_id, kind="article", path=(), text=text, score=1.0)


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("(Art. 15 LSS) y (Art. 76 LFT)", ["15 LSS", "76"]),
        ("los artículos 15 y 27 de la Ley del Seguro Social", ["15 LSS", "27 LSS"]),
        ("el Art. 123 constitucional", ["123 CPEUM"]),
        ("artículo 123, apartado A, fracción XII, de la Constitución", ["123 CPEUM"]),
        ("Arts. 29 LINFONAVIT y 76", ["29 LINFONAVIT", "76"]),
        ("el artículo 43 de la LFTSE", ["43 LFTSE"]),
        ("art 15-A LSS", ["15-A LSS"]),
        ("el Art. 5 de la ley", ["5"]),
    ],
)
def test_qualified_citations(text: str, ids: list[str]) -> None:
    assert cited_ids(text) == ids


def test_the_same_number_in_two_laws_are_two_articles() -> None:
    assert canonical_id("15 lss") == "15 LSS"
    assert id_key("15 LSS") != id_key("15")


def test_a_citation_of_another_laws_article_needs_that_article() -> None:
    passages = [_passage("15 LSS", LSS_15), _passage("76", LFT_76)]
    text = (
        "Tu patrón debe inscribirte en el IMSS (Art. 15 LSS). "
        "Tus vacaciones van aparte (Art. 76 LFT). "
        "Y además aplica el Art. 15 LFT."
    )
    report = check_grounding(text, passages)
    assert report.cited == ("15 LSS", "76")
    assert report.unknown_citations == ("15",)
    assert "Art. 15 LFT" not in report.text


def test_a_quote_from_another_law_is_grounded_and_attributed() -> None:
    passages = [_passage("15 LSS", LSS_15)]
    text = "La ley dice “Registrarse e inscribir a sus trabajadores en el Instituto” (Art. 15 LSS)."
    report = check_grounding(text, passages)
    assert report.clean
    assert report.citations[0].article_id == "15 LSS"
    assert report.citations[0].quote.startswith("Registrarse e inscribir")
